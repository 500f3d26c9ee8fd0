package extract

import "strings"

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
	r := walker{s: s, i: i, rangeAnd: rangeAnd, hedging: true}
	r.w.linkAt = i
	for steps := 0; steps < maxWalkTokens; steps++ {
		t := prevToken(s, r.i)
		if r.boundary(&t) {
			break
		}
		if !r.read(t) {
			r.w.stop = stopWord
			break
		}
	}
	return r.finish()
}

// walker is the state of walkBefore as it reads back from a figure.
type walker struct {
	w                   walk
	s                   string
	i                   int      // the walk has read back to s[i]
	content, verbs      []string // both in reverse
	rangeAnd, hedging   bool
	relative, skippedPP bool
	lastHedge           string
}

// boundary reports whether token t ends the walk, and records why. After
// a relative pronoun a comma only closes the subject ("obligations, which
// stood at"): t is then read as a word.
func (r *walker) boundary(t *token) bool {
	if t.kind == tokEnd {
		r.w.stop = stopClause
		return true
	}
	if t.kind == tokComma && r.relative {
		t.kind, r.relative = tokWord, false
	}
	switch t.kind {
	case tokComma:
		r.w.stop, r.w.stopAt = stopComma, t.punct
	case tokColon:
		r.w.stop, r.w.stopAt = stopColon, t.punct
	case tokClause:
		r.w.stop = stopClause
	}
	return t.kind != tokWord
}

// read takes word t into the phrase, as a hedge, the link, a verb or a
// word of the subject, and steps back over it. It reports false for a
// word that cannot belong to the phrase.
func (r *walker) read(t token) bool {
	s := r.s
	lw := strings.ToLower(t.word)
	switch {
	case r.hedging && r.rangeAnd && lw == "between" && !r.w.between:
		r.w.between = true
	case r.hedging && (hedge(lw) || lw == "at" && r.lastHedge == "least"):
		r.lastHedge = lw
	case r.hedging && lw == "to" && prevWordIs(s, t.start, "up"):
		// "of up to ¥250 billion": "up to" hedges, "of" links.
		r.i = prevToken(s, t.start).start
		return true
	case r.hedging && ctxLinks[lw]:
		r.hedging = false
		r.w.link, r.w.linkAt = t.word, t.start
	case ctxVerbs[lw] && len(r.content) > 0 && len(r.content) < 4 && determiners[strings.ToLower(prevToken(s, t.start).word)]:
		// "its advanced wafers", "the expected": an adjective here.
		r.content = append(r.content, t.word)
	case modals[lw] && len(r.content) == 1 && len(r.verbs) == 0:
		// "spending will rise to": the word after a modal is a verb.
		r.verbs = append(r.verbs, r.content[0], t.word)
		r.content = r.content[:0]
	case ctxVerbs[lw] && len(r.content) == 0 && len(r.verbs) < 2:
		r.hedging = false
		r.verbs = append(r.verbs, t.word)
	case (lw == "which" || lw == "who" || lw == "that") && len(r.content) == 0 && len(r.verbs) > 0 && !r.relative:
		r.relative = true
	case !ctxFunction[lw] && !ctxVerbs[lw] && isContentWord(t.word) && len(r.content) < 4:
		r.hedging = false
		r.content = append(r.content, t.word)
	case len(r.content) > 0 && !r.skippedPP && (len(r.verbs) > 0 || r.w.link == "by") && (ppHeads[lw] || determiners[lw]):
		// Only between a subject and its verb ("income in the segment
		// jumped") or before "by" ("prices on its wafers by 3%"):
		// "the quarter on revenue of ¥321.4 billion" is about revenue.
		at, ok := ppStart(s, r.i)
		if !ok {
			return false
		}
		r.skippedPP = true
		r.content = r.content[:0]
		r.i = at
		return true
	default:
		return false
	}
	r.i = t.start
	return true
}

// finish puts the words read back in text order and keeps the subject's
// words nearest to the figure.
func (r *walker) finish() walk {
	w, content, verbs := r.w, r.content, r.verbs
	for a, b := 0, len(content)-1; a < b; a, b = a+1, b-1 {
		content[a], content[b] = content[b], content[a]
	}
	for a, b := 0, len(verbs)-1; a < b; a, b = a+1, b-1 {
		verbs[a], verbs[b] = verbs[b], verbs[a]
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
