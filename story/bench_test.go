package story

import (
	"slices"
	"strconv"
	"testing"
)

// benchDocs are the labeled set's news docs with a lead: real-sized titles
// and leads.
func benchDocs(b *testing.B) []Doc {
	b.Helper()
	var docs []Doc
	for _, p := range loadPairs(b) {
		for _, d := range []Doc{p.a, p.b} {
			if !d.Filing && len(d.Lead) > 200 {
				docs = append(docs, d)
			}
		}
	}
	return docs
}

// fresh returns a copy of d that the cache has not seen.
func fresh(d Doc, i int) Doc {
	d.GUID = "bench-" + strconv.Itoa(i)
	return d
}

// BenchmarkKeys reads a new article each time.
func BenchmarkKeys(b *testing.B) {
	docs := benchDocs(b)
	for i := 0; b.Loop(); i++ {
		Keys(fresh(docs[i%len(docs)], i))
	}
}

// BenchmarkPrepare reads a doc for comparison, past the cache: the work
// each new article of a fetch costs.
func BenchmarkPrepare(b *testing.B) {
	docs := benchDocs(b)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		prepare(docs[i%len(docs)])
	}
}

// BenchmarkMatch compares two articles neither of which was read before.
func BenchmarkMatch(b *testing.B) {
	pairs := loadPairs(b)
	for i := 0; b.Loop(); i++ {
		p := pairs[i%len(pairs)]
		Match(fresh(p.a, 2*i), fresh(p.b, 2*i+1), 0)
	}
}

// BenchmarkKeysMatch5 is the work a store does for one new article: its
// keys, then Match against five candidates found by them. The candidates
// were stored (and so read) lately.
func BenchmarkKeysMatch5(b *testing.B) {
	docs := benchDocs(b)
	pool := docs[:min(len(docs), 200)]
	for i := 0; b.Loop(); i++ {
		d := fresh(docs[i%len(docs)], i)
		Keys(d)
		for k := 1; k <= 5; k++ {
			Match(d, pool[(i+k*7)%len(pool)], 0)
		}
	}
}

// BenchmarkKeysMatch5Cold is the same with candidates not read before (a
// store that was just opened).
func BenchmarkKeysMatch5Cold(b *testing.B) {
	docs := benchDocs(b)
	for i := 0; b.Loop(); i++ {
		d := fresh(docs[i%len(docs)], 6*i)
		Keys(d)
		for k := 1; k <= 5; k++ {
			Match(d, fresh(docs[(i+k*7)%len(docs)], 6*i+k), 0)
		}
	}
}

// BenchmarkShelfMatch compares a new article with twelve candidates on a
// Shelf, the most a store compares it with: the comparisons alone.
func BenchmarkShelfMatch(b *testing.B) {
	docs := benchDocs(b)
	var s Shelf
	preps := make([]Prepared, len(docs))
	for i, d := range docs {
		preps[i] = Prepare(d)
		s.Put(preps[i])
	}
	for i := 0; b.Loop(); i++ {
		a := preps[i%len(preps)]
		for k := 1; k <= 12; k++ {
			s.Match(a, Ref((i+k*7)%len(preps)), 0)
		}
	}
}

// BenchmarkShelfMatchCorpus compares each article of the synthetic corpus
// with the candidates a store finds by its probes (up to twelve, those put
// before it): mostly other stories that share a sketch value, which the
// figures, names and words must tell apart.
func BenchmarkShelfMatchCorpus(b *testing.B) {
	docs := syntheticCorpus(5000)
	var s Shelf
	preps := make([]Prepared, len(docs))
	cands := make([][]Ref, len(docs))
	byKey := map[uint64][]Ref{}
	for i, d := range docs {
		preps[i] = Prepare(d.Doc)
		for _, k := range preps[i].Probes() {
			for _, r := range byKey[k] {
				if len(cands[i]) < 12 && !slices.Contains(cands[i], r) {
					cands[i] = append(cands[i], r)
				}
			}
		}
		ref := s.Put(preps[i])
		for _, k := range preps[i].Keys() {
			byKey[k] = append(byKey[k], ref)
		}
	}
	for i := 0; b.Loop(); i++ {
		j := i % len(docs)
		for _, r := range cands[j] {
			s.Match(preps[j], r, 0)
		}
	}
}
