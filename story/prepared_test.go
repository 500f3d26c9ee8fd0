package story

import (
	"slices"
	"testing"
)

// MatchPrepared agrees with Match on every labeled pair.
func TestMatchPreparedAgrees(t *testing.T) {
	for _, p := range loadPairs(t) {
		if got, want := MatchPrepared(Prepare(p.a), Prepare(p.b), 0), Match(p.a, p.b, 0); got != want {
			t.Errorf("line %d: MatchPrepared %v, Match %v", p.line, got, want)
		}
	}
}

// A doc on a Shelf compares as its Prepared does: every labeled pair,
// each way, and each doc with the next pair's, past the first blocks of
// records and words.
func TestShelfAgrees(t *testing.T) {
	pairs := loadPairs(t)
	var s Shelf
	var docs []Doc
	var refs []Ref
	for _, p := range pairs {
		for _, d := range []Doc{p.a, p.b} {
			docs = append(docs, d)
			refs = append(refs, s.Put(Prepare(d)))
		}
	}
	if s.Len() != len(docs) || s.Len() <= 1<<recBits || len(s.words.all) < 2 {
		t.Fatalf("%d docs on the shelf in %d blocks of words; the test wants more than %d in several", s.Len(), len(s.words.all), 1<<recBits)
	}
	for i, d := range docs {
		v := s.view(refs[i])
		if got, want := serializePrep(&v), serializePrep(Prepare(d).p); string(got) != string(want) {
			t.Fatalf("doc %d on the shelf differs from its Prepared", i)
		}
	}
	agree := func(i, j int) {
		a, b := Prepare(docs[i]), Prepare(docs[j])
		if got, want := s.Match(a, refs[j], 0), MatchPrepared(a, b, 0); got != want {
			t.Errorf("docs %d and %d: on the shelf %v, prepared %v", i, j, got, want)
		}
		if got, want := s.NewFigures(a, refs[j]), NewFigures(a, b); got != want {
			t.Errorf("docs %d and %d: new figures on the shelf %v, prepared %v", i, j, got, want)
		}
	}
	for i := 0; i < len(docs); i += 2 {
		agree(i, i+1)
		agree(i+1, i)
		agree(i, (i+2)%len(docs))
		agree(i+1, (i+3)%len(docs))
	}
}

// KeysProbes is Keys and Probes, and appending to the keys leaves the
// probes alone.
func TestKeysProbes(t *testing.T) {
	for _, p := range loadPairs(t) {
		for _, d := range []Doc{p.a, p.b} {
			keys, probes := Prepare(d).KeysProbes()
			wantProbes := Probes(d)
			_ = append(keys, 1, 2, 3)
			if !slices.Equal(keys, Keys(d)) || !slices.Equal(probes, wantProbes) {
				t.Fatalf("line %d: KeysProbes = %x, %x; want %x, %x", p.line, keys, probes, Keys(d), wantProbes)
			}
		}
	}
}
