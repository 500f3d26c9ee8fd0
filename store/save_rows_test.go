package store

import (
	"fmt"
	"slices"
	"testing"
)

// Past scanTickers tickers normTickers merges through a map, as it merges
// a few by scanning.
func TestNormTickersMany(t *testing.T) {
	for _, extra := range []int{1, scanTickers + 1} {
		in := []Ticker{{Symbol: "BABA", Mentions: 2, Primary: true}, {Symbol: "baba", Mentions: 1, Exchange: "NYSE"}}
		for i := range extra {
			in = append(in, Ticker{Symbol: fmt.Sprintf("X%d", i), Mentions: 1})
		}
		in = append(in, Ticker{Symbol: "x0", Mentions: 4})
		out := normTickers(in)
		want := []Ticker{{Symbol: "BABA", Exchange: "NYSE", Mentions: 3, Primary: true}, {Symbol: "X0", Mentions: 5}}
		if len(out) != extra+1 || !slices.Equal(out[:2], want) {
			t.Errorf("%d tickers: got %+v, want %d starting %+v", len(in), out, extra+1, want)
		}
	}
}
