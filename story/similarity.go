package story

import (
	"slices"
	"strings"
)

// overlap counts the values two sorted sets share.
func overlap(a, b []uint32) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

func jaccard(a, b []uint32) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n := overlap(a, b)
	return float64(n) / float64(len(a)+len(b)-n)
}

func containment(a, b []uint32) float64 {
	m := min(len(a), len(b))
	if m == 0 {
		return 0
	}
	return float64(overlap(a, b)) / float64(m)
}

// indexNames are words after which a number names an index (S&P 500,
// Russell 2000), not a figure.
var indexNames = func() *hashSet {
	var hs []uint64
	for _, w := range strings.Fields("s&p nasdaq russell ftse stoxx nikkei dax cac kospi sensex nifty topix asx seng dow msci g7 g20 covid") {
		hs = append(hs, hashBytes(stemWord([]byte(w))))
	}
	return newHashSet(hs)
}()

// figuresOf appends the figures of toks (their values in vals) that out[:len(out)] does not hold
// yet. With dropLast a figure that ends the text is left out: a lead cut at
// a length may have cut its unit ("$15" of "$15 billion"); a title is never
// cut off.
func figuresOf(out []figure, toks []token, vals []number, dropLast bool) []figure {
	from := len(out)
	for i, tk := range toks {
		if !tk.num || tk.term || i > 0 && indexNames.has(toks[i-1].h) || dropLast && i == len(toks)-1 {
			continue
		}
		f := vals[tk.val].figure()
		if !slices.Contains(out[from:], f) {
			out = append(out, f)
		}
	}
	return out
}

// titleFiguresDiffer reports whether both titles give figures and one of
// them is not in the other.
func titleFiguresDiffer(a, b []figure) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	for _, x := range a {
		if !slices.ContainsFunc(b, x.near) {
			return true
		}
	}
	for _, y := range b {
		if !slices.ContainsFunc(a, y.near) {
			return true
		}
	}
	return false
}

// figuresDisagree reports whether two articles give different figures: the
// one with fewer figures misses one of them (of up to three) or half of
// them (of more) in the other. Copies of a story give its figures; next week's jobless claims or
// tomorrow's market wrap give new ones.
func figuresDisagree(a, b []figure) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) == 0 {
		return false
	}
	// A few figures: each must be there; more: at least half. Most pairs
	// compared do not agree, so the count stops at the first miss too many.
	need := len(a)
	if len(a) > 3 {
		need = (len(a) + 1) / 2
	}
	misses := 0
	for _, x := range a {
		if !nearAny(x, b) {
			if misses++; misses > len(a)-need {
				return true
			}
		}
	}
	return false
}

// nearAny reports whether x is near one of ys, working out x's slack
// once.
func nearAny(x figure, ys []figure) bool {
	slack := x.slack()
	for _, y := range ys {
		if x.nearBy(y, slack) {
			return true
		}
	}
	return false
}
