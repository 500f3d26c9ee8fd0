package extract

import "strings"

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
	// Sized up front: one allocation for the whole phrase.
	n := len(p.subject) + len(p.verbs) + len(p.link) + len(text) + len(" between:  ")
	for _, w := range p.subject {
		n += len(w)
	}
	for _, w := range p.verbs {
		n += len(w)
	}
	var b strings.Builder
	b.Grow(n)
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
				if len(q.verbs) > 0 && amountVerbs[lowerKey(q.verbs[len(q.verbs)-1])] {
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

// explainsAfter reports a noun phrase right after s[i] that says what the
// figure before it measures.
func explainsAfter(s string, i int) bool {
	a, lead := contextAfter(s, i)
	return a != "" && !lead
}

// The punctuation plainGap, appositiveSubject and its aside look for.
var (
	gapStops    = newASCIISet(",;:.!?()")
	clauseStops = newASCIISet(",;:!?")
	asideStops  = newASCIISet("0123456789;:.!?")
)

// plainGap reports whether the words between two figures are an
// adverbial ("year over year", "in 24 hours", "in the quarter") rather
// than a new clause: a few words, no punctuation, no verb or conjunction.
func plainGap(gap string) bool {
	if gapStops.contains(gap) {
		return false
	}
	n := 0
	for _, tok := range strings.Fields(gap) {
		n++
		lw := lowerKey(tok)
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
	clause := clauseStops.lastIndex(s[from:comma]) + 1 + from
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
			if next, _, _ := tokenAfter(seg, t.start+len(t.word)); isContentWord(next) && !ctxFunction[lowerKey(next)] && !ctxVerbs[lowerKey(next)] {
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
	if asideStops.contains(aside) || len(strings.Fields(aside)) > 10 {
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
