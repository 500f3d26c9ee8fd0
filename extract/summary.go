package extract

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits that keep the work bounded on any input. TextRank is quadratic in
// the number of sentences; news puts what matters first, so the lead of the
// article plus the later sentences closest to the headline are enough.
const (
	leadCandidates  = 60  // sentences ranked from the start of the body
	laterCandidates = 20  // later sentences ranked for sharing words with the title
	sentenceScan    = 460 // sentences read from the body at most
	minWords        = 6   // shorter sentences are fragments, captions or datelines
	maxWords        = 60  // longer ones are run-ons that make poor summary lines
)

// candidate is a sentence that may go into a generated summary or
// takeaways.
type candidate struct {
	text  string
	pos   int      // order in the body
	terms []string // content words, stemmed
}

// bodySentences collects up to sentenceScan sentences of the body's prose
// that are outside the labelled sections, in order. Headings, list items
// and labels are not prose; but a body written entirely as a list is read
// from its items rather than left without a summary. Sentences of unusable
// length are left out; when that leaves nothing, they are used rather than
// nothing.
func bodySentences(blocks []mdBlock, skip []bool) []candidate {
	if c := collectSentences(blocks, skip, mdPara); len(c) > 0 {
		return c
	}
	return collectSentences(blocks, skip, mdItem)
}

func collectSentences(blocks []mdBlock, skip []bool, kind mdKind) []candidate {
	var out, loose []candidate
	var buf []string
	pos := 0
	for i, b := range blocks {
		if b.kind != kind || skip[i] {
			continue
		}
		buf = splitSentences(plainInline(b.text), buf[:0])
		for _, s := range buf {
			s = lineText(s)
			n := wordCount(s)
			if n == 0 {
				continue
			}
			pos++
			if n < minWords || n > maxWords {
				if len(loose) < leadCandidates {
					loose = append(loose, candidate{text: truncateRunes(s, 400), pos: pos})
				}
				continue
			}
			out = append(out, candidate{text: s, pos: pos, terms: contentTerms(s, nil)})
			if len(out) >= sentenceScan {
				return out
			}
		}
	}
	if len(out) == 0 {
		for i := range loose {
			loose[i].terms = contentTerms(loose[i].text, nil)
		}
		return loose
	}
	return out
}

// rankPool is what the summary ranks: the first leadCandidates sentences,
// then up to laterCandidates later ones that share at least two content
// words with the title.
func rankPool(cands []candidate, title string) []candidate {
	if len(cands) <= leadCandidates {
		return cands
	}
	titleTerms := termSet(contentTerms(title, nil))
	pool := slices.Clip(cands[:leadCandidates])
	for _, c := range cands[leadCandidates:] {
		if len(pool) >= leadCandidates+laterCandidates {
			break
		}
		if overlap(c.terms, titleTerms) >= 2 {
			pool = append(pool, c)
		}
	}
	return pool
}

// summarySize is how many sentences a generated summary takes from n
// candidates: fewer for short texts, never more than four.
func summarySize(n int) int {
	switch {
	case n <= 1:
		return n
	case n <= 5:
		return 2
	case n <= 12:
		return 3
	}
	return 4
}

// rankSentences scores candidates with a TextRank over TF-IDF cosine
// similarity, personalised towards the lead (news is written as an inverted
// pyramid), plus a bonus for sentences close to the title.
func rankSentences(cands []candidate, title string) []float64 {
	n := len(cands)
	vecs := tfidf(cands)
	titleVec := unitVector(contentTerms(title, nil), vecs.idf)
	// Sparse similarity graph: most sentence pairs share no content word.
	type edge struct {
		to int
		w  float64
	}
	adj := make([][]edge, n)
	out := make([]float64, n)
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			w := cosine(vecs.v[i], vecs.v[j])
			if w < 0.05 {
				continue
			}
			adj[i] = append(adj[i], edge{j, w})
			adj[j] = append(adj[j], edge{i, w})
			out[i] += w
			out[j] += w
		}
	}
	lead := make([]float64, n)
	var leadSum float64
	for i := range lead {
		lead[i] = 1 / math.Sqrt(float64(i+1))
		leadSum += lead[i]
	}
	for i := range lead {
		lead[i] /= leadSum
	}
	const damping = 0.85
	rank := slices.Clone(lead)
	next := make([]float64, n)
	for iter := 0; iter < 40; iter++ {
		var dangling float64
		for i := 0; i < n; i++ {
			if out[i] == 0 {
				dangling += rank[i]
			}
		}
		for i := 0; i < n; i++ {
			s := 0.0
			for _, e := range adj[i] {
				s += e.w / out[e.to] * rank[e.to]
			}
			next[i] = (1-damping)*lead[i] + damping*(s+dangling*lead[i])
		}
		delta := 0.0
		for i := range rank {
			delta += math.Abs(next[i] - rank[i])
		}
		rank, next = next, rank
		if delta < 1e-6 {
			break
		}
	}
	scores := make([]float64, n)
	for i := range scores {
		// Rank is a distribution; scaled by n its mean is 1, which puts it
		// on the same footing as the bonuses.
		scores[i] = rank[i]*float64(n) + 0.8/math.Sqrt(float64(i+1)) + 1.2*dot(vecs.v[i], titleVec)
	}
	return scores
}

// generateSummary picks 2-4 sentences (one for a one-sentence text) by
// rank, skipping near-duplicates of sentences already picked, and returns
// them in their original order.
func generateSummary(cands []candidate, title string) []candidate {
	k := summarySize(len(cands))
	if k == 0 {
		return nil
	}
	scores := rankSentences(cands, title)
	order := make([]int, len(cands))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case scores[a] > scores[b]:
			return -1
		case scores[a] < scores[b]:
			return 1
		}
		return 0
	})
	var picked []int
	for _, i := range order {
		if len(picked) == k {
			break
		}
		dup := false
		for _, j := range picked {
			if jaccard(cands[i].terms, cands[j].terms) > 0.6 {
				dup = true
				break
			}
		}
		if !dup {
			picked = append(picked, i)
		}
	}
	slices.Sort(picked)
	out := make([]candidate, len(picked))
	for i, j := range picked {
		out[i] = cands[j]
	}
	return out
}

// stopWords carry no topic: they do not make two sentences similar.
var stopWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "but": true, "of": true,
	"in": true, "on": true, "at": true, "to": true, "for": true, "from": true, "by": true,
	"with": true, "as": true, "is": true, "are": true, "was": true, "were": true, "be": true,
	"been": true, "has": true, "have": true, "had": true, "it": true, "its": true, "this": true,
	"that": true, "these": true, "those": true, "which": true, "who": true, "what": true,
	"said": true, "says": true, "will": true, "would": true, "could": true, "can": true,
	"may": true, "also": true, "than": true, "more": true, "about": true, "into": true,
	"over": true, "after": true, "while": true, "not": true, "no": true, "their": true,
	"they": true, "he": true, "she": true, "his": true, "her": true, "we": true, "our": true,
	"up": true, "out": true, "so": true, "if": true, "do": true, "does": true, "did": true,
	"there": true, "such": true, "per": true, "year": true, "company": true,
}

// contentTerms appends the lower-cased, crudely singularised content words
// of s (letters and digits, stop words dropped) to out.
func contentTerms(s string, out []string) []string {
	var buf [32]byte
	for i := 0; i < len(s); {
		w, next := nextWord(s, i)
		i = next
		if len(w) < 2 {
			continue
		}
		if isLowerASCII(w) {
			// Most words: a substring of s, no copy.
			if !stopWords[w] {
				out = append(out, stem(w))
			}
			continue
		}
		lw := lowerInto(buf[:0], w)
		if !stopWords[string(lw)] { // no allocation for the lookup
			out = append(out, stem(string(lw)))
		}
	}
	return out
}

// nextWord returns the next run of letters and digits at or after s[i],
// and where to continue.
func nextWord(s string, i int) (word string, next int) {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			break
		}
		i += size
	}
	start := i
	for i < len(s) {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		i += size
	}
	return s[start:i], i
}

func isLowerASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || c >= 'A' && c <= 'Z' {
			return false
		}
	}
	return true
}

// lowerInto appends the lower-case form of w to buf, using the buffer's
// own storage when w is short ASCII so that the caller need not allocate.
func lowerInto(buf []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return append(buf, strings.ToLower(w)...)
		}
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}

// stem folds plural and possessive forms together; anything cleverer buys
// little for sentence similarity.
func stem(w string) string {
	switch {
	case len(w) > 4 && strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us"):
		return w[:len(w)-1]
	}
	return w
}

func termSet(terms []string) map[string]bool {
	m := make(map[string]bool, len(terms))
	for _, t := range terms {
		m[t] = true
	}
	return m
}

func overlap(terms []string, set map[string]bool) int {
	n := 0
	seen := map[string]bool{}
	for _, t := range terms {
		if set[t] && !seen[t] {
			seen[t] = true
			n++
		}
	}
	return n
}

// jaccard is the overlap of two term lists as sets.
func jaccard(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	sa := termSet(a)
	sb := termSet(b)
	inter := 0
	for t := range sa {
		if sb[t] {
			inter++
		}
	}
	return float64(inter) / float64(len(sa)+len(sb)-inter)
}

// sparse is a unit vector over term ids, sorted by id.
type sparse []termWeight

type termWeight struct {
	id int
	w  float64
}

type tfidfVectors struct {
	v   []sparse
	idf map[string]termIDF
}

type termIDF struct {
	id  int
	idf float64
}

// tfidf builds one unit TF-IDF vector per candidate.
func tfidf(cands []candidate) tfidfVectors {
	df := map[string]int{}
	for _, c := range cands {
		seen := map[string]bool{}
		for _, t := range c.terms {
			if !seen[t] {
				seen[t] = true
				df[t]++
			}
		}
	}
	idf := make(map[string]termIDF, len(df))
	n := float64(len(cands))
	for t, d := range df {
		idf[t] = termIDF{id: len(idf), idf: math.Log(1 + n/float64(d))}
	}
	vecs := make([]sparse, len(cands))
	for i, c := range cands {
		vecs[i] = unitVector(c.terms, idf)
	}
	return tfidfVectors{v: vecs, idf: idf}
}

// unitVector weighs terms by count times IDF; terms unknown to idf (title
// words absent from the body) are left out.
func unitVector(terms []string, idf map[string]termIDF) sparse {
	counts := map[int]float64{}
	for _, t := range terms {
		if e, ok := idf[t]; ok {
			counts[e.id] += e.idf
		}
	}
	v := make(sparse, 0, len(counts))
	var norm float64
	for id, w := range counts {
		v = append(v, termWeight{id, w})
		norm += w * w
	}
	if norm == 0 {
		return nil
	}
	norm = math.Sqrt(norm)
	for i := range v {
		v[i].w /= norm
	}
	slices.SortFunc(v, func(a, b termWeight) int { return a.id - b.id })
	return v
}

// cosine of two unit vectors is their dot product.
func cosine(a, b sparse) float64 { return dot(a, b) }

func dot(a, b sparse) float64 {
	var s float64
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].id < b[j].id:
			i++
		case a[i].id > b[j].id:
			j++
		default:
			s += a[i].w * b[j].w
			i++
			j++
		}
	}
	return s
}

// truncateRunes shortens s to at most n runes on a word boundary.
func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut := 0
	for i := range s {
		if n == 0 {
			cut = i
			break
		}
		n--
	}
	if sp := strings.LastIndexByte(s[:cut], ' '); sp > cut/2 {
		cut = sp
	}
	return strings.TrimRight(s[:cut], " ,;:") + "…"
}
