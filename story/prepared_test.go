package story

import "testing"

// MatchPrepared agrees with Match on every labeled pair.
func TestMatchPreparedAgrees(t *testing.T) {
	for _, p := range loadPairs(t) {
		if got, want := MatchPrepared(Prepare(p.a), Prepare(p.b), 0), Match(p.a, p.b, 0); got != want {
			t.Errorf("line %d: MatchPrepared %v, Match %v", p.line, got, want)
		}
	}
}
