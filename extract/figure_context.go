package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The context of a figure is the few words that say what it measures. A
// figure used as a modifier names its subject right after it ("a $4.67
// billion bitcoin purchase", "18x forward earnings", "the 25 bps cut"); a
// figure after a verb has its subject before it ("revenue rose 34%",
// "Oracle gained 2.1%"). So: the content words right after the figure when
// there are any, else the subject and verb before it, within the clause.
//
// News sentences often leave the subject further away, and then it is
// looked for where the sentence put it:
//
//   - a second figure of the same subject: "operating profit fell 8% to
//     ¥27.2 billion" gives "operating profit fell to ¥27.2 billion", and
//     "raised its budget to ¥480 billion from ¥380 billion" gives "budget
//     from ¥380 billion";
//   - an appositive after a comma: "revenue of ¥118.6 billion, up 9%"
//     gives "revenue up 9%", "delivered 158,300 vehicles, up 36%" gives
//     "vehicles up 36%";
//   - a subject parted from its verb by an aside: "retail sales,
//     excluding autos and gasoline, up 3.8%", "the film unit, which
//     released fewer titles, lost ¥8.1 billion";
//   - a label: "Revenue: $88.6 billion" in a list item or a headline.
//
// A figure none of these explain has no context, and the briefing leaves
// it out rather than show the figure as its own explanation.
const maxContextWords = 3

// maxSubjectWords is how many content words of the subject before a figure
// are kept (the ones nearest to it); a label before a colon keeps one more.
const (
	maxSubjectWords = 2
	maxLabelWords   = 3
)

// Bounds that keep the look-back constant per figure on any input: a
// phrase is a few words, and a word is not a hundred bytes long.
const (
	maxWalkTokens = 12
	maxTokenBytes = 64
	maxSpaceRun   = 16
	maxAsideBytes = 120
	maxGapTokens  = 5
)

// ctxFunction words end the noun phrase after a figure and are never part
// of the subject before it.
var ctxFunction = map[string]bool{
	"in": true, "on": true, "at": true, "to": true, "from": true, "by": true, "for": true,
	"with": true, "over": true, "after": true, "before": true, "during": true, "since": true,
	"than": true, "as": true, "into": true, "through": true, "above": true, "below": true,
	"against": true, "versus": true, "vs": true, "per": true, "amid": true, "despite": true,
	"toward": true, "towards": true, "near": true, "between": true, "within": true,
	"and": true, "or": true, "but": true, "nor": true, "while": true, "which": true,
	"that": true, "who": true, "when": true, "where": true, "because": true, "so": true,
	"although": true, "though": true, "if": true, "whereas": true, "plus": true, "minus": true,
	"year": true, "year-over-year": true, "year-on-year": true, "yoy": true, "y/y": true,
	"q/q": true, "sequentially": true, "annually": true, "higher": true, "lower": true,
	"more": true, "less": true, "ago": true, "earlier": true, "later": true, "apiece": true,
	"each": true, "respectively": true, "also": true, "still": true, "again": true,
	"then": true, "now": true, "it": true, "they": true, "we": true, "he": true, "she": true,
	"this": true, "these": true, "those": true, "there": true, "here": true, "not": true,
	"the": true, "a": true, "an": true, "its": true, "their": true, "his": true, "her": true,
	"our": true, "of": true, "up": true, "down": true, "about": true, "roughly": true,
	"nearly": true, "around": true, "approximately": true, "almost": true, "some": true,
	"just": true, "only": true, "least": true, "most": true, "under": true, "across": true,
	// number words and units: the next figure, not this one's subject
	"one": true, "two": true, "three": true, "four": true, "five": true, "six": true,
	"seven": true, "eight": true, "nine": true, "ten": true, "twelve": true,
	"hundred": true, "dozen": true, "several": true, "half": true,
	"thousand": true, "million": true, "billion": true, "trillion": true, "bn": true,
	"percent": true, "pct": true, "bps": true, "bp": true, "points": true, "times": true,
	// adverbs of time
	"overnight": true, "today": true, "yesterday": true, "tomorrow": true, "tonight": true,
	"last": true, "next": true, "prior": true, "previous": true, "already": true,
	"daily": true, "weekly": true, "monthly": true, "quarterly": true, "currently": true,
}

// ctxVerbs are the verbs that link a subject to a figure after it. In
// front of a figure one or two of them belong to the context ("shares were
// up 0.4%"); after it they end the noun phrase. Forms that are also nouns
// ("cut", "gain", "rise") are left out: "a 25 bps cut".
var ctxVerbs = map[string]bool{
	"rose": true, "fell": true, "gained": true, "grew": true, "jumped": true, "surged": true,
	"dropped": true, "declined": true, "slid": true, "slipped": true, "climbed": true,
	"added": true, "lost": true, "increased": true, "decreased": true, "rallied": true,
	"tumbled": true, "plunged": true, "soared": true, "sank": true, "eased": true,
	"edged": true, "advanced": true, "retreated": true, "slumped": true, "dipped": true,
	"was": true, "were": true, "is": true, "are": true, "be": true, "been": true,
	"has": true, "have": true, "had": true, "said": true, "says": true, "reported": true,
	"reached": true, "expects": true, "expected": true, "will": true, "would": true,
	"could": true, "may": true, "might": true, "should": true, "can": true, "trades": true,
	"traded": true, "trade": true, "closed": true, "ended": true, "finished": true,
	"came": true, "stood": true, "remains": true, "remained": true, "beat": true,
	"missed": true, "topped": true, "implies": true, "implied": true, "represents": true,
	"marks": true, "made": true, "gives": true, "gave": true, "helped": true,
	"lifted": true, "raised": true, "lowered": true, "narrowed": true, "widened": true,
	"improved": true, "totaled": true, "totalled": true, "hit": true, "exceeded": true,
	"value": true, "values": true, "valued": true, "bought": true, "sold": true,
	"spent": true, "paid": true, "up": true, "down": true, "set": true, "put": true,
	// particles of phrasal verbs: "set aside", "paid back"
	"aside": true, "back": true, "off": true, "out": true, "guided": true, "repurchased": true,
	"recorded": true, "posted": true, "generated": true, "estimated": true, "climbs": true,
	"rises": true, "falls": true, "gains": true, "jumps": true, "slides": true, "drops": true,
	"holds": true, "held": true, "remain": true, "represent": true, "represented": true,
	"accounted": true, "accounts": true, "include": true, "includes": true, "included": true,
	"compares": true, "compared": true, "marked": true, "comes": true, "went": true,
	"goes": true, "left": true, "took": true, "takes": true, "brought": true, "brings": true,
	"signals": true, "shows": true, "suggests": true, "means": true, "puts": true,
	"leaves": true, "makes": true, "helps": true, "keeps": true, "adds": true,
}

// modals are followed by a verb, whatever that verb looks like.
var modals = map[string]bool{
	"will": true, "would": true, "could": true, "may": true, "might": true, "should": true,
	"can": true, "must": true,
}

// amountVerbs take the first figure as their object ("WTI lost 2.0% to
// $62.75"); they do not carry over to the second.
var amountVerbs = map[string]bool{"lost": true, "gained": true, "added": true, "shed": true}

// ctxLinks are the prepositions that tie a figure to the subject before it:
// "revenue of $88.6 billion", "budget to ¥480 billion", "Brent below $65",
// "the stake for €2.1 billion", "prices by 3% to 5%".
var ctxLinks = map[string]bool{
	"of": true, "to": true, "at": true, "from": true, "near": true, "for": true,
	"by": true, "below": true, "above": true,
}

// hedge reports words that qualify a figure without saying what it is.
func hedge(w string) bool {
	switch w {
	case "about", "roughly", "nearly", "around", "approximately", "almost", "some",
		"just", "only", "over", "than", "more", "less", "least", "under", "a", "an", "the",
		"now", "still", "already", "currently", "net", "another", "record":
		return true
	}
	return false
}

// ppHeads are prepositions whose phrase sits between a subject and its
// verb without naming what the figure measures: "operating income in the
// segment jumped 41%", "raise prices on its newest wafers by 3%".
var ppHeads = map[string]bool{"in": true, "at": true, "on": true, "across": true, "within": true}

// determiners may stand between such a preposition and its noun.
var determiners = map[string]bool{
	"the": true, "a": true, "an": true, "its": true, "their": true, "his": true, "her": true,
	"our": true, "this": true, "these": true, "those": true, "most": true, "more": true,
}

// figureContext returns the context of figure figs[k] of s, or "" when no
// phrase says what it measures.
func figureContext(s string, figs []figure, k int) string {
	f := figs[k]
	text := s[f.start:f.end]
	after, lead := contextAfter(s, f.end)
	if after != "" && !lead {
		return text + " " + after
	}
	if p, ok := phraseBefore(s, figs, k, 0); ok {
		return p.compose(text)
	}
	if after != "" {
		// "$1.9 billion in net redemptions": weaker than a subject, but
		// a phrase all the same.
		return text + " " + after
	}
	return ""
}

// phrase is what stands before a figure: its subject, the verbs and the
// preposition that tie it to the figure, and "between" when the figure is
// a range written "between X and Y". colon marks a label ("Revenue:").
type phrase struct {
	subject []string
	verbs   []string
	link    string
	between bool
	colon   bool
}

func (p phrase) compose(text string) string {
	var b strings.Builder
	put := func(w string) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	for _, w := range p.subject {
		put(w)
	}
	if p.colon {
		b.WriteByte(':')
	}
	for _, w := range p.verbs {
		put(w)
	}
	if p.link != "" {
		put(p.link)
	}
	if p.between {
		put("between")
	}
	put(text)
	return b.String()
}

// phraseBefore finds the phrase before figs[k] that names its subject, in
// its own clause or where the sentence moved it (see figureContext). depth
// bounds the look-back through earlier figures.
func phraseBefore(s string, figs []figure, k, depth int) (phrase, bool) {
	f := figs[k]
	w := walkBefore(s, f.start, strings.Contains(s[f.start:f.end], " and "))
	p := w.phrase
	// The subject of an earlier figure that this one continues: "fell 8%
	// to ¥27.2 billion", "to ¥480 billion from ¥380 billion". It comes
	// first, because the words between the two figures ("in 24 hours")
	// are no subject; unless they explain the earlier figure ("a 25 bps
	// cut to 3.50%"), and then the walk has read them.
	if (p.link == "to" || p.link == "from") && k > 0 && depth < 2 {
		g := figs[k-1]
		if g.end <= w.linkAt && plainGap(s[g.end:w.linkAt]) && !explainsAfter(s, g.end) {
			if q, ok := phraseBefore(s, figs, k-1, depth+1); ok && len(q.subject) > 0 && !q.colon {
				q.link, q.between = p.link, p.between
				if len(q.verbs) > 0 && amountVerbs[strings.ToLower(q.verbs[len(q.verbs)-1])] {
					// "lost 2.0% to $62.75" is not "lost to $62.75".
					q.verbs = nil
				}
				return q, true
			}
		}
	}
	if len(p.subject) > 0 {
		return p, true
	}
	switch w.stop {
	case stopComma:
		if subj := appositiveSubject(s, figs, k, w.stopAt, depth); len(subj) > 0 {
			p.subject = subj
			return p, true
		}
		if subj := asideSubject(s, w.stopAt); len(subj) > 0 {
			p.subject = subj
			return p, true
		}
	case stopColon:
		label := walkBefore(s, w.stopAt, false)
		if n := len(label.subject); n > 0 && len(label.verbs) == 0 && label.link == "" {
			p.subject = label.all[max(0, len(label.all)-maxLabelWords):]
			p.colon = true
			return p, true
		}
	}
	return phrase{}, false
}

// stop says why a walk back from a figure ended.
type stop uint8

const (
	stopClause stop = iota // start of the text, or punctuation that ends a clause
	stopComma              // a comma: the clause before holds the subject
	stopColon              // a colon: what precedes it is a label
	stopWord               // a word that cannot belong to the phrase
)

type walk struct {
	phrase
	all    []string // every content word read, in text order (labels keep more)
	linkAt int      // start of the link word, or the figure when there is none
	stop   stop
	stopAt int // the comma or colon that ended the walk
}

// walkBefore reads the phrase before s[i]: hedges ("about", "a net"),
// then one linking preposition, then up to two verbs, then the content
// words of the subject. A preposition phrase between subject and verb is
// stepped over once ("income in the segment jumped"); so is a relative
// pronoun after a comma ("obligations, which stood at").
func walkBefore(s string, i int, rangeAnd bool) walk {
	var w walk
	w.linkAt = i
	var content, verbs []string // both in reverse
	hedging, relative, skippedPP := true, false, false
	lastHedge := ""
	for steps := 0; steps < maxWalkTokens; steps++ {
		t := prevToken(s, i)
		if t.kind == tokEnd {
			w.stop = stopClause
			break
		}
		if t.kind == tokComma && relative {
			// "obligations, which stood at": the comma closes the subject.
			t.kind, relative = tokWord, false
		}
		switch t.kind {
		case tokComma:
			w.stop, w.stopAt = stopComma, t.punct
		case tokColon:
			w.stop, w.stopAt = stopColon, t.punct
		case tokClause:
			w.stop = stopClause
		}
		if t.kind != tokWord {
			break
		}
		lw := strings.ToLower(t.word)
		switch {
		case hedging && rangeAnd && lw == "between" && !w.between:
			w.between = true
			i = t.start
			continue
		case hedging && (hedge(lw) || lw == "at" && lastHedge == "least"):
			lastHedge = lw
			i = t.start
			continue
		case hedging && lw == "to" && prevWordIs(s, t.start, "up"):
			// "of up to ¥250 billion": "up to" hedges, "of" links.
			i = prevToken(s, t.start).start
			continue
		case hedging && ctxLinks[lw]:
			hedging = false
			w.link, w.linkAt = t.word, t.start
			i = t.start
			continue
		case ctxVerbs[lw] && len(content) > 0 && len(content) < 4 && determiners[strings.ToLower(prevToken(s, t.start).word)]:
			// "its advanced wafers", "the expected": an adjective here.
			content = append(content, t.word)
			i = t.start
			continue
		case modals[lw] && len(content) == 1 && len(verbs) == 0:
			// "spending will rise to": the word after a modal is a verb.
			verbs = append(verbs, content[0], t.word)
			content = content[:0]
			i = t.start
			continue
		case ctxVerbs[lw] && len(content) == 0 && len(verbs) < 2:
			hedging = false
			verbs = append(verbs, t.word)
			i = t.start
			continue
		case (lw == "which" || lw == "who" || lw == "that") && len(content) == 0 && len(verbs) > 0 && !relative:
			relative = true
			i = t.start
			continue
		case !ctxFunction[lw] && !ctxVerbs[lw] && isContentWord(t.word) && len(content) < 4:
			hedging = false
			content = append(content, t.word)
			i = t.start
			continue
		case len(content) > 0 && !skippedPP && (len(verbs) > 0 || w.link == "by") && (ppHeads[lw] || determiners[lw]):
			// Only between a subject and its verb ("income in the segment
			// jumped") or before "by" ("prices on its wafers by 3%"):
			// "the quarter on revenue of ¥321.4 billion" is about revenue.
			if at, ok := ppStart(s, i); ok {
				skippedPP = true
				content = content[:0]
				i = at
				continue
			}
		}
		w.stop = stopWord
		break
	}
	for l, r := 0, len(content)-1; l < r; l, r = l+1, r-1 {
		content[l], content[r] = content[r], content[l]
	}
	for l, r := 0, len(verbs)-1; l < r; l, r = l+1, r-1 {
		verbs[l], verbs[r] = verbs[r], verbs[l]
	}
	w.all = content
	w.subject = content[max(0, len(content)-maxSubjectWords):]
	w.verbs = verbs
	return w
}

// ppStart looks back from s[i] over at most two determiners for one of
// ppHeads with a content word before it, and returns where that word
// ends.
func ppStart(s string, i int) (int, bool) {
	for n := 0; n < 3; n++ {
		t := prevToken(s, i)
		if t.kind != tokWord {
			return 0, false
		}
		lw := strings.ToLower(t.word)
		if ppHeads[lw] {
			before := prevToken(s, t.start)
			bw := strings.ToLower(before.word)
			if before.kind != tokWord || ctxFunction[bw] || !isContentWord(before.word) {
				return 0, false
			}
			return t.start, true
		}
		if !determiners[lw] {
			return 0, false
		}
		i = t.start
	}
	return 0, false
}

// explainsAfter reports a noun phrase right after s[i] that says what the
// figure before it measures.
func explainsAfter(s string, i int) bool {
	a, lead := contextAfter(s, i)
	return a != "" && !lead
}

// plainGap reports whether the words between two figures are an
// adverbial ("year over year", "in 24 hours", "in the quarter") rather
// than a new clause: a few words, no punctuation, no verb or conjunction.
func plainGap(gap string) bool {
	if strings.ContainsAny(gap, ",;:.!?()") {
		return false
	}
	n := 0
	for _, tok := range strings.Fields(gap) {
		n++
		lw := strings.ToLower(tok)
		if n > maxGapTokens || ctxVerbs[lw] {
			return false
		}
		switch lw {
		case "and", "or", "but", "while", "whereas", "as", "which", "that", "when", "because", "with":
			return false
		}
	}
	return len(gap) <= maxAsideBytes
}

// appositiveSubject finds the subject of an appositive figure ("revenue
// of ¥118.6 billion, up 9%") in the clause before the comma at s[comma]:
// the subject of the last figure there, or the thing a bare number
// counts ("delivered 158,300 vehicles in the quarter, up 36%").
func appositiveSubject(s string, figs []figure, k, comma, depth int) []string {
	from := max(0, comma-maxAsideBytes)
	clause := strings.LastIndexAny(s[from:comma], ",;:!?") + 1 + from
	if clause > from {
		from = clause
	}
	for j := k - 1; j >= 0 && figs[j].end > from; j-- {
		g := figs[j]
		if g.end > comma {
			continue
		}
		if !plainGap(s[g.end:comma]) || depth >= 2 {
			break
		}
		// The phrase that explains the earlier figure names the subject:
		// "¥27.2 billion operating profit, down 8%".
		if a, lead := contextAfter(s, g.end); a != "" && !lead {
			return strings.Fields(a)
		}
		if q, ok := phraseBefore(s, figs, j, depth+1); ok && len(q.subject) > 0 {
			return q.subject
		}
		break
	}
	// A bare number and what it counts.
	seg := s[from:comma]
	for i := len(seg); i > 0; {
		t := prevToken(seg, i)
		if t.kind != tokWord {
			break
		}
		if isBareNumber(t.word) {
			if next, _, _ := tokenAfter(seg, t.start+len(t.word)); isContentWord(next) && !ctxFunction[strings.ToLower(next)] && !ctxVerbs[strings.ToLower(next)] {
				return []string{next}
			}
			break
		}
		i = t.start
	}
	return nil
}

// asideSubject finds a subject parted from its verb by an aside between
// commas: "retail sales, excluding autos and gasoline, up 3.8%". The
// aside ends at s[comma]; it holds no figure and only a few words.
func asideSubject(s string, comma int) []string {
	from := max(0, comma-maxAsideBytes)
	open := strings.LastIndexByte(s[from:comma], ',')
	if open < 0 {
		return nil
	}
	open += from
	aside := s[open+1 : comma]
	if strings.ContainsAny(aside, "0123456789;:.!?") || len(strings.Fields(aside)) > 10 {
		return nil
	}
	w := walkBefore(s, open, false)
	if len(w.verbs) > 0 || w.link != "" {
		return nil
	}
	return w.subject
}

func isBareNumber(w string) bool {
	if w == "" || w[0] < '0' || w[0] > '9' {
		return false
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; (c < '0' || c > '9') && c != ',' && c != '.' {
			return false
		}
	}
	return true
}

// prevWordIs reports whether the word before s[i] is w.
func prevWordIs(s string, i int, w string) bool {
	t := prevToken(s, i)
	return t.kind == tokWord && strings.EqualFold(t.word, w)
}

type tokKind uint8

const (
	tokEnd    tokKind = iota // nothing before: start of the text
	tokWord                  // a word, returned without quotes
	tokComma                 // a word ending in a comma
	tokColon                 // a word ending in a colon
	tokClause                // a word ending a clause, or one that is no word at all
)

type token struct {
	word  string
	start int // where the token starts in s
	punct int // for a comma or colon: its index in s
	kind  tokKind
}

// prevToken reads the token before s[i], skipping a run of spaces and up
// to two parentheticals ("Bitcoin (BTC) fell 6.4%", "Nintendo (7974.T),
// which reports"). Its look-back is bounded, so that a walk costs the same
// on any input.
func prevToken(s string, i int) token {
	for skipped := 0; ; skipped++ {
		for n := 0; i > 0 && s[i-1] == ' '; n++ {
			if n == maxSpaceRun {
				return token{kind: tokClause, start: i}
			}
			i--
		}
		if i == 0 {
			return token{kind: tokEnd}
		}
		// "(7974.T)," carries the comma of the clause around it.
		trail := 0
		if s[i-1] == ',' && i > 1 && s[i-2] == ')' {
			trail = 1
		}
		if s[i-1-trail] != ')' {
			break
		}
		lo := max(0, i-1-trail-40)
		open := strings.LastIndexByte(s[lo:i-1-trail], '(')
		if open < 0 || skipped == 2 {
			return token{kind: tokClause, start: i}
		}
		if trail == 1 {
			return token{kind: tokComma, start: lo + open, punct: i - 1}
		}
		i = lo + open
	}
	j := i
	for j > 0 && s[j-1] != ' ' {
		if i-j == maxTokenBytes {
			return token{kind: tokClause, start: j}
		}
		j--
	}
	tok := s[j:i]
	t := token{start: j}
	switch last := tok[len(tok)-1]; {
	case last == ',':
		t.kind, t.punct, t.word = tokComma, i-1, strings.TrimLeft(tok[:len(tok)-1], "\"“'‘")
		return t
	case last == ':':
		t.kind, t.punct, t.word = tokColon, i-1, tok[:len(tok)-1]
		return t
	case last == '.' && strings.Count(tok, ".") > 1 && isContentWord(tok):
		// "U.S." and "U.K." are words, not ends of sentences.
	case strings.ContainsRune(";.!?(\"”", rune(last)), strings.HasPrefix(tok, "("),
		tok == "—", tok == "–", tok == "-":
		t.kind = tokClause
		return t
	}
	t.kind, t.word = tokWord, strings.TrimLeft(tok, "\"“'‘")
	if t.word == "" {
		t.kind = tokClause
	}
	return t
}

// ingWords are words ending in "-ing" that name or qualify what a figure
// measures ("$2 billion offering", "¥13.6 billion in operating losses");
// other "-ing" words after a figure start a new phrase ("$13.1 billion
// growing faster").
var ingWords = map[string]bool{
	"operating": true, "remaining": true, "underlying": true, "recurring": true,
	"earnings": true, "holdings": true, "spending": true, "funding": true, "financing": true,
	"offering": true, "listing": true, "pricing": true, "trading": true, "rating": true,
	"lending": true, "borrowing": true, "buying": true, "selling": true, "shipping": true,
	"housing": true, "building": true, "manufacturing": true, "marketing": true,
	"advertising": true, "licensing": true, "outstanding": true,
}

// contextAfter is the noun phrase right after a figure: up to three
// content words, with "of" and a determiner allowed between them ("$1.1
// billion of shares"). lead reports a phrase that starts "in" ("$1.9
// billion in net redemptions"), which is weaker than a subject before the
// figure: "fell 1.4% in Tokyo" is about what fell.
func contextAfter(s string, i int) (ctx string, lead bool) {
	var words []string
	content := 0
	for steps := 0; content < maxContextWords && steps < maxWalkTokens; steps++ {
		tok, next, stop := tokenAfter(s, i)
		if tok == "" || hasDigit(tok) {
			break
		}
		lw := strings.ToLower(tok)
		switch {
		case (lw == "of" || lw == "in") && content == 0 && len(words) == 0:
			lead = lw == "in"
			words = append(words, tok)
		case (lw == "the" || lw == "a" || lw == "an" || lw == "its") && len(words) > 0 && words[len(words)-1] == "of":
			words = append(words, tok)
		case lead && hedge(lw) && lw != "the" && lw != "a" && lw != "an":
			// "in net redemptions"
			words = append(words, tok)
		case ctxFunction[lw] || ctxVerbs[lw] || !isContentWord(tok):
			stop = true
		case content == 0 && strings.HasSuffix(lw, "ing") && !ingWords[lw]:
			stop = true
		default:
			words = append(words, tok)
			content++
		}
		if stop {
			break
		}
		i = next
	}
	// Trailing "of the" without a noun says nothing.
	for len(words) > 0 && ctxFunction[strings.ToLower(words[len(words)-1])] {
		words = words[:len(words)-1]
	}
	if content == 0 {
		return "", false
	}
	return strings.Join(words, " "), lead
}

// tokenAfter reads the word after s[i] (skipping a few spaces). stop
// reports clause punctuation right after it; a word starting a
// parenthesis or quote is not read.
func tokenAfter(s string, i int) (tok string, next int, stop bool) {
	for n := 0; i < len(s) && s[i] == ' '; n++ {
		if n == maxSpaceRun {
			return "", i, true
		}
		i++
	}
	j := i
	for j < len(s) && s[j] != ' ' {
		if j-i == maxTokenBytes {
			return "", j, true
		}
		j++
	}
	tok = s[i:j]
	if tok == "" || strings.ContainsAny(tok[:1], "([\"“'‘—–-") {
		return "", j, true
	}
	trimmed := strings.TrimRight(tok, ",;:.!?)]\"”'’—")
	return trimmed, j, len(trimmed) < len(tok)
}

// isContentWord reports a word made of letters (with inner hyphens,
// apostrophes, ampersands or dots: "S&P", "U.S.", "non-IFRS"), or a
// listing code such as "6758.T" or "9988.HK".
func isContentWord(w string) bool {
	if w == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsLetter(r) {
		return isListingCode(w)
	}
	for _, r := range w {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("-'’&./", r) {
			return false
		}
	}
	return true
}

// isListingCode reports digits, a dot and capitals: "6758.T", "0700.HK".
func isListingCode(w string) bool {
	dot := strings.IndexByte(w, '.')
	if dot <= 0 || dot == len(w)-1 || !isDigits(w[:dot]) {
		return false
	}
	for i := dot + 1; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

func hasDigit(s string) bool {
	return strings.ContainsAny(s, "0123456789")
}
