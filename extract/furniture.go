package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The rules here recognise page furniture by its shape rather than by one
// site's wording: a stamp is a line of nothing but dates, clock times and
// reading times, however they are glued together; a share row is a line of
// nothing but links to share endpoints; an agent byline is a line that
// starts by saying who or what generated the text. Each rule looks at one
// short line (see maxBoilerLine), so Clean stays linear.

// furnitureFirstWords are the first words of the lines these rules match,
// for mayBeBoilerplate's quick test.
var furnitureFirstWords = [...]string{
	"speaker", "podcast", "ai", "now", "up", "playback", "show", "hide", "view", "read",
	"see", "also", "related", "more", "further", "top", "popular", "editor", "editors",
	"latest", "author", "this", "by", "posted", "updated", "published", "last", "edited",
	"produced", "created", "transcript", "load", "autoplay", "don", "dont", "must", "recommended",
}

// stampWords may appear in a stamp besides the names of days, months and
// time zones (dateWords): reading times ("3 min read"), ages ("2 hours
// ago") and the words that introduce a date ("Updated", "Published on").
var stampWords = map[string]stampWord{
	"min": stampMinute, "mins": stampMinute, "minute": stampMinute, "minutes": stampMinute,
	"sec": stampUnit, "secs": stampUnit, "second": stampUnit, "seconds": stampUnit,
	"hr": stampUnit, "hrs": stampUnit, "hour": stampUnit, "hours": stampUnit,
	"day": stampUnit, "days": stampUnit, "week": stampUnit, "weeks": stampUnit,
	"read": stampRead, "reading": stampRead, "listen": stampRead, "ago": stampAgo,
	"updated": stampFiller, "published": stampFiller, "posted": stampFiller, "last": stampFiller,
	"edited": stampFiller, "modified": stampFiller, "on": stampFiller, "at": stampFiller,
	"time": stampFiller, "a": stampZone, "p": stampZone, "m": stampZone,
}

type stampWord uint8

const (
	stampFiller stampWord = iota + 1
	stampZone             // am, pm, ET, UTC...
	stampMinute
	stampUnit
	stampRead
	stampAgo
)

var stampWeekdays = map[string]bool{
	"mon": true, "tue": true, "tues": true, "wed": true, "thu": true, "thur": true, "thurs": true,
	"fri": true, "sat": true, "sun": true, "monday": true, "tuesday": true, "wednesday": true,
	"thursday": true, "friday": true, "saturday": true, "sunday": true,
}

var stampMonths = map[string]bool{
	"jan": true, "feb": true, "mar": true, "apr": true, "may": true, "jun": true, "jul": true,
	"aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"january": true, "february": true, "march": true, "april": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
}

// isStamp reports a line that is only a dateline and/or a reading time,
// with the pieces glued or spaced in any order: "Tuesday, Sep 2, 2025 6:28
// pm ET3min read", "5 min read | Updated Sep 2, 2025", "Posted 2 hours
// ago". A bare month and year ("May 2025", a section heading) is not a
// stamp: it takes a clock time, a weekday with a month, a full date, a
// reading time or an age.
func isStamp(k string) bool {
	if len(k) > 96 {
		return false
	}
	var seen stampSeen
	tokens := 0
	for i := 0; i < len(k); {
		c := k[i]
		switch {
		case c >= 'a' && c <= 'z':
			j := i
			for j < len(k) && k[j] >= 'a' && k[j] <= 'z' {
				j++
			}
			w := k[i:j]
			i = j
			tokens++
			if !seen.word(w) {
				return false
			}
		case c >= '0' && c <= '9':
			j := i
			colon := false
			for j < len(k) && (k[j] >= '0' && k[j] <= '9' || k[j] == ':') {
				colon = colon || k[j] == ':'
				j++
			}
			w := k[i:j]
			i = j
			tokens++
			if !seen.number(w, colon) {
				return false
			}
		case c < utf8.RuneSelf:
			i++ // spaces and punctuation: , . · | / - ( )
		default:
			r, size := utf8.DecodeRuneInString(k[i:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return false
			}
			i += size
		}
		if tokens > 18 {
			return false
		}
	}
	return seen.stamp()
}

// stampSeen is what isStamp has read of a line so far.
type stampSeen struct {
	weekday, month, zone, clock, year, num bool
	read, ago, prevNum                     bool
	minuteAfterNum, unitAfterNum           bool // "3 min", "2 hours"
}

// word takes a lower-case word of the line; it reports false for one that
// has no place in a stamp.
func (st *stampSeen) word(w string) bool {
	switch {
	case stampWeekdays[w]:
		st.weekday = true
	case stampMonths[w]:
		st.month = true
	case dateWords[w]:
		st.zone = true
	default:
		switch stampWords[w] {
		case stampZone:
			st.zone = true
		case stampMinute:
			st.minuteAfterNum = st.minuteAfterNum || st.prevNum
		case stampUnit:
			st.unitAfterNum = st.unitAfterNum || st.prevNum
		case stampRead:
			st.read = true
		case stampAgo:
			st.ago = true
		case stampFiller:
		default:
			return false
		}
	}
	st.prevNum = false
	return true
}

// number takes a run of digits and colons; it reports false for a number
// too long to be a day, a year or a time.
func (st *stampSeen) number(w string, colon bool) bool {
	switch {
	case colon:
		st.clock = true
	case len(w) == 4 && (w[:2] == "19" || w[:2] == "20"):
		st.year = true
	case len(w) <= 2:
		st.num = true
	default:
		if len(w) > 4 {
			return false
		}
	}
	st.prevNum = true
	return true
}

// stamp reports whether the pieces read make a dateline or a reading time.
func (st *stampSeen) stamp() bool {
	named := st.weekday || st.month || st.zone
	switch {
	case st.minuteAfterNum && st.read:
		return true // 3 min read
	case (st.minuteAfterNum || st.unitAfterNum) && st.ago:
		return true // 2 hours ago
	case st.clock && named:
		return true
	case st.weekday && st.month:
		return true
	case st.month && st.year && st.num:
		return true
	}
	return false
}

// aiBylinePrefixes start a line that says a program wrote the article.
var aiBylinePrefixes = [...]string{
	"generated by ", "written by ai", "ai-generated", "ai generated", "produced by ai",
	"created by ai", "created with ai", "by ai agent", "ai agent:", "author: ai", "author ai agent",
	"this article was generated", "this article was written by ai", "this article was produced by ai",
	"this content was generated", "this story was generated", "this summary was generated",
}

// isAIByline reports an agent's byline ("Generated by AI AgentTrendPulse
// Finance", "By AI Agent Quanta", "AI-generated content"). A sentence that
// starts the same way ("Generated by strong demand, revenue rose 5%.")
// ends in a full stop; a byline does not.
func isAIByline(t, k string) bool {
	if strings.Count(k, " ") >= 14 || strings.HasSuffix(strings.TrimRight(t, "*_ "), ".") {
		return false
	}
	for _, p := range aiBylinePrefixes {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// isSpeakerLabel reports the lone labels of a transcript or podcast
// widget: "Speaker 1", "Speaker B".
func isSpeakerLabel(k string) bool {
	rest, ok := strings.CutPrefix(k, "speaker")
	if !ok {
		return false
	}
	if rest == "" {
		return true
	}
	if rest[0] != ' ' {
		return false
	}
	rest = rest[1:]
	switch {
	case len(rest) == 1 && rest[0] >= 'a' && rest[0] <= 'z':
		return true
	case len(rest) >= 1 && len(rest) <= 2:
		return strings.Trim(rest, "0123456789") == ""
	}
	return false
}

// isPodcastWidget reports the title bar of an audio player or podcast
// widget: "AI Podcast:Your News, Now Playing", "Podcast: Markets in
// Minutes", "Now playing". A glued "Podcast:Your" is how such widgets
// scrape; a headline about podcasts has neither the label's colon nor
// "now playing".
func isPodcastWidget(t, k string) bool {
	if strings.Count(k, " ") >= 10 || strings.HasSuffix(strings.TrimRight(t, "*_ "), ".") {
		return false
	}
	if strings.Contains(k, "now playing") {
		return true
	}
	for _, p := range [...]string{"podcast:", "ai podcast:", "audio podcast:", "podcast |", "podcast ·"} {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	i := strings.Index(k, "podcast:")
	return i >= 0 && i+len("podcast:") < len(k) && k[i+len("podcast:")] != ' ' && strings.Count(k[:i], " ") <= 2
}

// isCommentCount reports a comment widget's counter or button: "12
// Comments", "Comments (12)", "View all 12 comments", "Load more comments".
func isCommentCount(k string) bool {
	if len(k) > 40 || !strings.Contains(k, "comment") && !strings.Contains(k, "repl") && !strings.Contains(k, "respons") {
		return false
	}
	n, seen := 0, false
	for w := range strings.FieldsFuncSeq(k, func(r rune) bool { return r == ' ' || r == '(' || r == ')' }) {
		if n++; n > 5 {
			return false
		}
		switch w {
		case "comment", "comments", "replies", "responses":
			seen = true
		case "view", "show", "load", "read", "see", "hide", "all", "more", "older", "newer":
			if seen {
				return false
			}
		default:
			if strings.Trim(w, "0123456789,k+") != "" {
				return false
			}
		}
	}
	return seen
}

// isBrandBadge reports a "<Brand> Robot" label standing alone: the caption
// of an agent's avatar ("Aime Robot", "Quanta Bot").
func isBrandBadge(t string) bool {
	if !badgeSuffix(t) {
		return false
	}
	words := strings.Fields(plainInline(blockMarks.trimLeft(t)))
	if len(words) < 2 || len(words) > 3 {
		return false
	}
	if last := words[len(words)-1]; last != "Robot" && last != "Bot" && last != "ROBOT" && last != "BOT" {
		return false
	}
	for _, w := range words {
		if !isCapitalisedName(w) {
			return false
		}
	}
	return true
}

func isCapitalisedName(w string) bool {
	if w == "" || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	for i := 1; i < len(w); i++ {
		if !furnitureLetter(w[i]) && (w[i] < '0' || w[i] > '9') {
			return false
		}
	}
	return true
}

// badgeSuffix is mayBeBoilerplate's test for isBrandBadge.
func badgeSuffix(t string) bool {
	if len(t) > 52 {
		return false
	}
	for len(t) > 0 && (t[len(t)-1] == '*' || t[len(t)-1] == '_' || t[len(t)-1] == ' ') {
		t = t[:len(t)-1]
	}
	if len(t) < 3 || t[len(t)-1]|0x20 != 't' {
		return false
	}
	return strings.HasSuffix(t, "Robot") || strings.HasSuffix(t, "Bot") ||
		strings.HasSuffix(t, "ROBOT") || strings.HasSuffix(t, "BOT")
}

// stripBadges removes what an agent's avatar leaves glued to the front of
// a label: the image itself ("![Aime Robot](…)Aime Summary") or its
// caption scraped as text ("Aime RobotAime Summary"). The label stays.
func stripBadges(line string) string {
	if len(line) > maxBoilerLine {
		return line
	}
	body := blockMarks.trimLeft(line)
	if !strings.HasPrefix(body, "![") && gluedBadge(body) == 0 {
		return line // the common case, decided by the first word
	}
	lead := line[:len(line)-len(body)]
	changed := false
	for range 4 {
		if strings.HasPrefix(body, "![") {
			alt, end, ok := linkAt(body, 1)
			if ok && strings.TrimSpace(alt) != "" && avatarAlt(strings.ToLower(alt)) &&
				strings.TrimSpace(plainInline(body[end:])) != "" {
				body, changed = strings.TrimLeft(body[end:], " "), true
				continue
			}
		}
		if n := gluedBadge(body); n > 0 {
			body, changed = body[n:], true
			continue
		}
		break
	}
	if !changed {
		return line
	}
	return lead + body
}

// gluedBadge returns the length of a "<Brand> Robot" caption glued to the
// capitalised word after it ("Aime RobotAime Summary"), or 0.
func gluedBadge(s string) int {
	i := 0
	for i < len(s) && furnitureLetter(s[i]) {
		i++
	}
	if i == 0 || s[0] < 'A' || s[0] > 'Z' || i >= len(s) || s[i] != ' ' {
		return 0
	}
	rest := s[i+1:]
	for _, b := range [...]string{"Robot", "Bot"} {
		if strings.HasPrefix(rest, b) && len(rest) > len(b) && rest[len(b)] >= 'A' && rest[len(b)] <= 'Z' {
			return i + 1 + len(b)
		}
	}
	return 0
}

// shareHosts are the share endpoints a share button links to.
var shareHosts = [...]string{
	"twitter.com/intent", "twitter.com/share", "x.com/intent", "x.com/share",
	"facebook.com/sharer", "facebook.com/share", "linkedin.com/share", "linkedin.com/sharearticle",
	"reddit.com/submit", "api.whatsapp.com/send", "wa.me/?", "t.me/share", "telegram.me/share",
	"pinterest.com/pin/create", "bsky.app/intent", "threads.net/intent", "news.ycombinator.com/submitlink",
	"flipboard.com/bookmarklet", "getpocket.com/save",
}

func isShareURL(dest string) bool {
	d := strings.ToLower(dest)
	if strings.HasPrefix(d, "mailto:") {
		return true
	}
	for _, h := range shareHosts {
		if strings.Contains(d, h) {
			return true
		}
	}
	return false
}

// isShareLinks reports a row of share buttons kept as links ("[X](https://
// x.com/intent/…) [Facebook](https://facebook.com/sharer…)"), after an
// optional "Share:" label.
func isShareLinks(t string) bool {
	s := strings.TrimLeft(t, "#>*_-+ \t")
	if i := strings.IndexByte(s, '['); i > 0 {
		if k := boilerKey(s[:i]); k != "share" && k != "share this" && k != "share this article" && k != "share this story" && k != "share on" {
			return false
		}
		s = s[i:]
	}
	links, share := 0, 0
	for s != "" {
		s = strings.TrimLeft(s, " \t|·•,*_")
		if s == "" {
			break
		}
		if s[0] != '[' {
			return false
		}
		text, end, ok := linkAt(s, 0)
		if !ok {
			return false
		}
		dest := s[len(text)+3 : end-1]
		links++
		k := boilerKey(text)
		if isShareURL(dest) || shareWords[k] || isShareRow(k) || strings.HasPrefix(k, "share on ") || strings.HasPrefix(k, "share via ") {
			share++
		} else {
			return false
		}
		s = s[end:]
	}
	return links > 0 && share == links
}

// relatedLabels introduce a single link to another article on a line of
// its own: "Read more: [Title](…)", "**Related:** [Title](…)".
var relatedLabels = map[string]bool{
	"read more": true, "related": true, "see also": true, "also read": true, "read also": true,
	"read next": true, "more": true, "recommended": true, "further reading": true,
	"related article": true, "related story": true, "related coverage": true, "also see": true,
	"don't miss": true, "dont miss": true, "must read": true, "related reading": true,
	"more on this": true, "more on this story": true, "related content": true, "related news": true,
}

// isRelatedLinkLine reports a labelled link to another article.
func isRelatedLinkLine(t string) bool {
	s := blockMarks.trimLeft(t)
	i := strings.IndexByte(s, '[')
	if i <= 0 || i > 40 || !relatedLabels[boilerKey(s[:i])] {
		return false
	}
	_, end, ok := linkAt(s, i)
	return ok && strings.Trim(s[end:], " *_.") == ""
}

// moreHeadPrefixes start a heading over a list of links to other articles
// ("More from Brief Markets", "Related coverage"). Such a heading goes
// only when such a list follows it: "More on the deal" over prose stays.
var moreHeadPrefixes = [...]string{"more from ", "more on ", "more in ", "more about ", "related ", "latest from ", "also on "}

func isMoreHead(k string) bool {
	if strings.Count(k, " ") > 6 {
		return false
	}
	for _, p := range moreHeadPrefixes {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

func furnitureLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
