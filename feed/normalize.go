package feed

import (
	"brief/internal/linkparams"
	"crypto/sha256"
	"encoding/hex"
	"html"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	gatom "github.com/mmcdole/gofeed/atom"
	"github.com/mmcdole/gofeed/rss"
	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"brief/internal/sanitize"
)

// futureSlack is how far past the fetch time a feed's date may lie. Clocks
// and time zones are often off by hours, so some slack is honest; an item
// dated days ahead (a typo'd year, an event date put in pubDate) would
// otherwise sit on top of the list for as long as that date is ahead.
const futureSlack = 48 * time.Hour

// titleExcerptLen is how many characters of the body stand in for a missing
// title: about one line of a list.
const titleExcerptLen = 80

// untitled is shown for an item with neither title nor body text.
const untitled = "(untitled)"

// normalizeItem turns one gofeed item into an Item. Relative links resolve
// against base (the feed's site link, may be nil); now stands in for a
// missing date.
func normalizeItem(gi *gofeed.Item, d sourceDetails, base *url.URL, now time.Time) Item {
	it := Item{
		Title:  cleanLine(gi.Title),
		Author: itemAuthor(gi),
		HTML:   gi.Content,
	}
	// JSON Feed's content_text arrives here as is when there is no
	// content_html (gofeed's choice); it stays text.
	if strings.TrimSpace(it.HTML) == "" || d.dataContent && strings.TrimSpace(gi.Description) != "" {
		it.HTML = gi.Description
	}
	if it.Title == "" {
		it.Title = excerpt(gi.Description, titleExcerptLen)
	}
	if it.Title == "" {
		it.Title = excerpt(gi.Content, titleExcerptLen)
	}
	if it.Title == "" {
		it.Title = untitled
	}

	raw := strings.TrimSpace(gi.Link)
	for _, l := range gi.Links {
		if raw != "" {
			break
		}
		raw = strings.TrimSpace(l)
	}
	it.Link = safeLink(CanonicalLink(absoluteHTTP(base, raw)))

	// The feed's own date (zero when it gave none) keys the hash fallback,
	// so that a refetch of an item without guid, link or date finds the
	// same key; the fetch time only fills the displayed date.
	feedDate := firstTime(gi.PublishedParsed, gi.UpdatedParsed)
	it.Published = feedDate
	if it.Published.IsZero() || it.Published.After(now.Add(futureSlack)) {
		it.Published = now
	}
	if gi.UpdatedParsed != nil && !gi.UpdatedParsed.After(now.Add(futureSlack)) {
		it.Updated = *gi.UpdatedParsed
	}

	it.GUIDKey = GUIDKey(gi.GUID, it.Link, it.Title, feedDate)
	it.Tickers, it.Categories = splitTickers(gi.Extensions, d)
	return it
}

func firstTime(ts ...*time.Time) time.Time {
	for _, t := range ts {
		if t != nil && !t.IsZero() {
			return *t
		}
	}
	return time.Time{}
}

// itemAuthor prefers the feed's structured authors (which gofeed fills from
// <author>, atom:author, dc:creator and JSON Feed authors), then Seeking
// Alpha's own author element.
func itemAuthor(gi *gofeed.Item) string {
	var names []string
	add := func(s string) {
		s = cleanLine(s)
		if s == "" {
			return
		}
		for _, n := range names {
			if n == s {
				return
			}
		}
		names = append(names, s)
	}
	for _, p := range gi.Authors {
		if p != nil {
			add(personName(p))
		}
	}
	if len(names) == 0 && gi.Author != nil {
		add(personName(gi.Author))
	}
	if len(names) == 0 && gi.DublinCoreExt != nil {
		for _, c := range gi.DublinCoreExt.Creator {
			add(c)
		}
	}
	if len(names) == 0 {
		for _, e := range gi.Extensions["sa"]["author_name"] {
			add(e.Value)
		}
	}
	return strings.Join(names, ", ")
}

func personName(p *gofeed.Person) string {
	if strings.TrimSpace(p.Name) != "" {
		return p.Name
	}
	return p.Email
}

// sourceDetails are what one item's source document says beyond gofeed's
// universal item.
type sourceDetails struct {
	categories []string
	// symbols are categories the feed itself marked as ticker symbols,
	// e.g. Seeking Alpha's <category domain=".../symbol/AAPL">.
	symbols []string
	// dataContent is set when an Atom entry's content is data rather than
	// text for a reader (EDGAR sends filing metadata as type="text/xml"),
	// so the summary is the better body.
	dataContent bool
}

// detailsOf reads item i's details from the source document, whose items the
// universal feed lists in the same order. gofeed's universal item uses an
// Atom category's label rather than its term and drops RSS category domains;
// both matter here (EDGAR puts the form type in the term, labelled "form
// type").
func detailsOf(gf *gofeed.Feed, i int) sourceDetails {
	gi := gf.Items[i]
	switch src := gf.OriginalFeed().(type) {
	case *gatom.Feed:
		if i >= len(src.Entries) || src.Entries[i] == nil {
			break
		}
		e := src.Entries[i]
		var d sourceDetails
		for _, c := range e.Categories {
			if c == nil {
				continue
			}
			if t := strings.TrimSpace(c.Term); t != "" {
				d.categories = append(d.categories, t)
			} else {
				d.categories = append(d.categories, c.Label)
			}
		}
		d.dataContent = e.Content != nil && !readableAtomType(e.Content.Type)
		return d
	case *rss.Feed:
		if i >= len(src.Items) || src.Items[i] == nil {
			break
		}
		var d sourceDetails
		marked := map[string]bool{}
		for _, c := range src.Items[i].Categories {
			if c != nil && strings.Contains(strings.ToLower(c.Domain), "/symbol/") {
				marked[c.Value] = true
			}
		}
		// The universal item also merges in dc:subject and iTunes
		// keywords, so it stays the list to walk.
		for _, v := range gi.Categories {
			if marked[v] {
				d.symbols = append(d.symbols, v)
			} else {
				d.categories = append(d.categories, v)
			}
		}
		return d
	}
	return sourceDetails{categories: gi.Categories}
}

// readableAtomType reports whether an Atom content type is text meant for a
// reader (RFC 4287 section 4.1.3) rather than data in some other format.
func readableAtomType(t string) bool {
	switch strings.ToLower(strings.TrimSpace(t)) {
	case "", "text", "html", "xhtml", "text/plain", "text/html", "application/xhtml+xml":
		return true
	}
	return false
}

// GUIDKey identifies an item within its feed: the guid when there is one,
// else the canonical link, else "h:" and a hash of title and date. A guid
// that is a web address is canonicalised like a link, because some feeds
// (Nasdaq's) put a per-fetch ?time= into it, and the key must survive a
// refetch.
func GUIDKey(guid, link, title string, date time.Time) string {
	if g := strings.TrimSpace(guid); g != "" {
		if isHTTPURL(g) {
			return CanonicalLink(g)
		}
		return g
	}
	if l := strings.TrimSpace(link); l != "" {
		return CanonicalLink(l)
	}
	sum := sha256.Sum256([]byte(title + "\x00" + date.UTC().Format(time.RFC3339)))
	return "h:" + hex.EncodeToString(sum[:])[:32]
}

func isHTTPURL(s string) bool {
	return hasPrefixFold([]byte(s), "http://") || hasPrefixFold([]byte(s), "https://")
}

// CanonicalLink returns raw without tracking parameters and fragment, with
// scheme and host in lower case and without a default port, so that the same
// article reached through a newsletter, a social post or the feed has one
// link. Other query parameters keep their order and their encoding. A raw
// that does not parse as a URL comes back unchanged.
func CanonicalLink(raw string) string {
	s := strings.TrimSpace(raw)
	if s == "" {
		return raw
	}
	u, err := url.Parse(s)
	if err != nil {
		return raw
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	switch {
	case u.Scheme == "http" && strings.HasSuffix(u.Host, ":80"):
		u.Host = strings.TrimSuffix(u.Host, ":80")
	case u.Scheme == "https" && strings.HasSuffix(u.Host, ":443"):
		u.Host = strings.TrimSuffix(u.Host, ":443")
	}
	u.Host = strings.TrimSuffix(u.Host, ":") // an empty port means the default too
	u.Fragment, u.RawFragment = "", ""
	u.RawQuery = stripTracking(u.RawQuery)
	u.ForceQuery = false
	return u.String()
}

// stripTracking removes tracking parameters from a raw query, leaving the
// others exactly as they were written.
func stripTracking(rawQuery string) string {
	return strings.Join(linkparams.Strip(rawQuery, linkparams.Tracking), "&")
}

// absoluteHTTP resolves raw against base and returns it only when the result
// is an http(s) address: anything else (javascript:, a relative path with no
// base) is no link a reader could open.
func absoluteHTTP(base *url.URL, raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	if !u.IsAbs() {
		switch {
		case base != nil:
			u = base.ResolveReference(u)
		case strings.HasPrefix(raw, "//"):
			u.Scheme = "https"
		default:
			return ""
		}
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// safeLink percent-encodes what the sanitiser would strip (C1 controls,
// bidi overrides), which net/url leaves raw in a query, so that the link is
// safe to print and still leads to the same place.
func safeLink(s string) string {
	if sanitize.Clean(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r != utf8.RuneError && sanitize.Text(string(r)) != "" {
			b.WriteRune(r)
			continue
		}
		var buf [utf8.UTFMax]byte
		for _, c := range buf[:utf8.EncodeRune(buf[:], r)] {
			b.WriteString("%" + strings.ToUpper(hex.EncodeToString([]byte{c})))
		}
	}
	return b.String()
}

// inlineMarkup finds HTML tags that feeds put in titles (Atom type="html",
// CDATA titles). Only common element names count, so a title such as
// "Ticker <T> beats" keeps its text. breakMarkup are those of them that
// separate words.
var (
	inlineMarkup = regexp.MustCompile(`(?i)</?(?:a|abbr|b|big|cite|code|del|em|font|i|img|ins|mark|q|s|small|span|strike|strong|sub|sup|u|wbr)(?:\s[^<>]*)?/?>`)
	breakMarkup  = regexp.MustCompile(`(?i)</?(?:br|p|div)(?:\s[^<>]*)?/?>`)
)

// entityRef finds complete character references. Bare ampersands, as in
// "AT&T" or "S&P 500", do not match and stay as they are.
var entityRef = regexp.MustCompile(`&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});`)

// cleanLine turns a title-like field into one safe line of plain text. Markup
// and character references left after XML decoding (double-escaped feeds,
// HTML titles) are resolved first, and the sanitiser runs last, so that an
// escaped control character such as "&#27;" cannot survive as one.
func cleanLine(s string) string {
	if strings.IndexByte(s, '<') >= 0 {
		s = breakMarkup.ReplaceAllString(s, " ")
		s = inlineMarkup.ReplaceAllString(s, "")
	}
	if strings.IndexByte(s, '&') >= 0 {
		s = entityRef.ReplaceAllStringFunc(s, html.UnescapeString)
	}
	return sanitize.Line(s)
}

// excerpt returns about n characters of the text of an HTML (or plain text)
// body, cut at a word boundary.
func excerpt(body string, n int) string {
	if strings.TrimSpace(body) == "" {
		return ""
	}
	// Reading a few times n bytes of text is enough; long bodies are not
	// tokenised to the end for one line.
	s := sanitize.Line(htmlText(body, 4*n))
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut, runes := 0, 0
	for i := range s {
		if runes == n {
			cut = i
			break
		}
		runes++
	}
	if sp := strings.LastIndexByte(s[:cut], ' '); sp > n/2 {
		cut = sp
	}
	return strings.TrimRight(s[:cut], " ,;:-") + "…"
}

// htmlText returns the text of an HTML fragment with character references
// decoded, a space where a block element breaks the flow, and nothing from
// scripts or styles. It stops after limit bytes of text unless limit < 0.
func htmlText(s string, limit int) string {
	z := xhtml.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0
	for limit < 0 || b.Len() < limit {
		switch tt := z.Next(); tt {
		case xhtml.ErrorToken:
			return b.String()
		case xhtml.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case xhtml.StartTagToken, xhtml.EndTagToken, xhtml.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if a == atom.Script || a == atom.Style {
				if tt == xhtml.StartTagToken {
					skip++
				} else if tt == xhtml.EndTagToken && skip > 0 {
					skip--
				}
			}
			if breaksFlow[a] {
				b.WriteByte(' ')
			}
		}
	}
	return b.String()
}

// breaksFlow are the elements whose boundaries separate words.
var breaksFlow = map[atom.Atom]bool{
	atom.Br: true, atom.P: true, atom.Div: true, atom.Li: true, atom.Ul: true,
	atom.Ol: true, atom.Tr: true, atom.Td: true, atom.Th: true, atom.Table: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Blockquote: true, atom.Hr: true, atom.Img: true,
	atom.Section: true, atom.Article: true, atom.Header: true, atom.Footer: true,
	atom.Pre: true, atom.Dd: true, atom.Dt: true, atom.Figure: true,
	atom.Figcaption: true,
}
