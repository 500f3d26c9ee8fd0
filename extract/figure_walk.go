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
	var w walk
	w.linkAt = i
	// Both in reverse, on the stack (at most 4 and 2); setWords copies them.
	var contentBuf [4]string
	var verbBuf [2]string
	content, verbs := contentBuf[:0], verbBuf[:0]
	hedging, relative, skippedPP := true, false, false
	afterLeast := false // the last hedge read was "least"
	for steps := 0; steps < maxWalkTokens; steps++ {
		t := prevToken(s, i)
		if t.kind == tokComma && relative {
			// "obligations, which stood at": the comma closes the subject.
			t.kind, relative = tokWord, false
		}
		if t.kind != tokWord {
			w.stop, w.stopAt = walkStop(t)
			break
		}
		lw := lowerKey(t.word)
		switch {
		case hedging && rangeAnd && lw == "between" && !w.between:
			w.between = true
			i = t.start
			continue
		case hedging && (hedge(lw) || lw == "at" && afterLeast):
			afterLeast = lw == "least"
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
		case ctxVerbs[lw] && len(content) > 0 && len(content) < 4 && determiners[lowerKey(prevToken(s, t.start).word)]:
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
	w.setWords(content, verbs)
	return w
}

// walkStop says why a token that is no word ends the walk, and where its
// comma or colon is.
func walkStop(t token) (stop, int) {
	switch t.kind {
	case tokComma:
		return stopComma, t.punct
	case tokColon:
		return stopColon, t.punct
	}
	return stopClause, 0 // the start of the text, or the end of a clause
}

// setWords keeps the words a walk read, which it gathered last first, in
// text order: all of them, the subject's nearest to the figure, and the
// verbs.
// Both go into one new slice, none when the walk read no word.
func (w *walk) setWords(content, verbs []string) {
	nc, nv := len(content), len(verbs)
	if nc+nv == 0 {
		return
	}
	words := make([]string, nc+nv)
	for k, x := range content {
		words[nc-1-k] = x
	}
	for k, x := range verbs {
		words[nc+nv-1-k] = x
	}
	w.all = words[:nc:nc]
	w.subject = w.all[max(0, nc-maxSubjectWords):]
	if nv > 0 {
		w.verbs = words[nc:]
	}
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
		lw := lowerKey(t.word)
		if ppHeads[lw] {
			before := prevToken(s, t.start)
			bw := lowerKey(before.word)
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
		lw := lowerKey(tok)
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
	for len(words) > 0 && ctxFunction[lowerKey(words[len(words)-1])] {
		words = words[:len(words)-1]
	}
	if content == 0 {
		return "", false
	}
	return strings.Join(words, " "), lead
}
