package extract

import (
	"slices"
	"strings"
)

// Generated takeaways are the sentences that look ahead: guidance, outlook,
// plans, risks, what to watch and dated events to come. A sentence needs
// takeawayThreshold points of such cues to count; a purely descriptive
// article gets no takeaways rather than a restatement of its summary.
const (
	maxTakeaways      = 3
	takeawayThreshold = 2
	// takeawayScan bounds how many body sentences are scored.
	takeawayScan = 400
)

// forwardCues score single words that look ahead.
var forwardCues = map[string]int{
	// guidance and plans
	"guidance": 2, "guide": 2, "guided": 2, "guides": 2, "outlook": 2, "forecast": 2,
	"forecasts": 2, "projects": 1, "projected": 1, "projection": 2, "projections": 2,
	"expects": 2, "expect": 2, "anticipates": 2, "anticipate": 2, "plans": 2,
	"planned": 1, "intends": 2, "aims": 1, "targets": 1, "target": 1, "pipeline": 1,
	"will": 2, "won't": 2, "shall": 1, "going": 1,
	// hedged futures
	"could": 1, "would": 1, "might": 1, "should": 1, "likely": 2, "unlikely": 2,
	"may": 1, "potential": 1, "potentially": 1, "poised": 2,
	// risks and catalysts
	"risk": 2, "risks": 2, "catalyst": 2, "catalysts": 2, "headwind": 1, "headwinds": 1,
	"tailwind": 1, "tailwinds": 1, "threat": 1, "uncertainty": 1, "warned": 1,
	"warns": 1, "warning": 1, "cautioned": 1,
	// watching and dates ahead
	"watch": 2, "upcoming": 2, "scheduled": 2, "ahead": 1, "coming": 1, "pending": 1,
	"later": 1,
}

// timeAhead are the words that make "next ..." a date to come.
var timeAhead = map[string]bool{
	"week": true, "month": true, "quarter": true, "year": true, "meeting": true,
	"session": true, "day": true, "fiscal": true, "monday": true, "tuesday": true,
	"wednesday": true, "thursday": true, "friday": true, "weekend": true, "report": true,
	"test": true, "catalyst": true, "move": true, "step": true,
}

var monthNames = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true,
	"december": true, "jan": true, "feb": true, "mar": true, "apr": true, "jun": true,
	"jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
}

// forwardScore scores how much a sentence looks ahead.
func forwardScore(s string) int {
	var a, b [24]byte
	prev, cur := a[:0], b[:0]
	score := 0
	// Each word is scored once its successor is known ("next week",
	// "due to", "expected to").
	for i := 0; ; {
		w, next := lowerWord(s, i, cur[:0])
		i = next
		score += cueScore(string(prev), string(w))
		if len(w) == 0 && i >= len(s) {
			return score
		}
		prev, cur = w, prev
	}
}

// cueScore scores word w followed by next.
func cueScore(w, next string) int {
	switch {
	case w == "":
		return 0
	case w == "next" && timeAhead[next]:
		return 2
	case w == "next" || w == "set" && next == "to" || w == "on" && next == "track":
		return 1
	case w == "due" && next != "to":
		return 2
	case monthNames[w] && next == "meeting":
		return 2
	case w == "in" && len(next) == 2 && next[0] == 'q' && next[1] >= '1' && next[1] <= '4':
		return 1 // "in Q4"
	case w == "expected" && next == "to", w == "plan" && next == "to":
		return 2
	}
	return forwardCues[w]
}

// lowerWord reads the next word at or after s[i] (letters, digits and
// apostrophes) into buf, lower-cased and without a possessive "'s" ("next
// week's"). Words longer than buf's capacity come back empty: no cue is
// that long.
func lowerWord(s string, i int, buf []byte) (word []byte, next int) {
	for i < len(s) && !isWordByte(s[i]) {
		i++
	}
	start := i
	for i < len(s) && (isWordByte(s[i]) || s[i] == '\'') {
		i++
	}
	w := strings.Trim(s[start:i], "'")
	for _, poss := range [...]string{"'s", "'S", "’s"} {
		w = strings.TrimSuffix(w, poss)
	}
	if len(w) > cap(buf) {
		return buf[:0], i
	}
	return lowerInto(buf, w), i
}

// generateTakeaways returns the strongest forward-looking sentences that
// are not already in the summary, in their original order; none when no
// sentence qualifies.
func generateTakeaways(cands []candidate, summary []string) []candidate {
	sumTerms := make([][]string, len(summary))
	for i, s := range summary {
		sumTerms[i] = contentTerms(s, nil)
	}
	type scored struct {
		c     candidate
		score int
	}
	var best []scored
	for i, c := range cands {
		if i >= takeawayScan {
			break
		}
		sc := forwardScore(c.text)
		if sc < takeawayThreshold || inSummary(c, summary, sumTerms) {
			continue
		}
		best = append(best, scored{c, sc})
	}
	// Highest score first; among equals the earlier sentence.
	slices.SortStableFunc(best, func(a, b scored) int { return b.score - a.score })
	if len(best) > maxTakeaways {
		best = best[:maxTakeaways]
	}
	out := make([]candidate, len(best))
	for i, b := range best {
		out[i] = b.c
	}
	slices.SortFunc(out, func(a, b candidate) int { return a.pos - b.pos })
	return out
}

// inSummary reports a sentence the summary already says.
func inSummary(c candidate, summary []string, sumTerms [][]string) bool {
	for i, s := range summary {
		if s == c.text || strings.Contains(s, c.text) || jaccard(c.terms, sumTerms[i]) > 0.5 {
			return true
		}
	}
	return false
}
