package store

import (
	"context"
	"slices"
	"testing"
)

// Filters and searches take symbols in any spelling people write and find
// the articles that name them as stored; symbols saved in another
// spelling are stored as articles spell them.
func TestSymbolsInAnySpelling(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://example.com/feed", "")
	mustSave(t, s, f.ID,
		art("brk", "Berkshire adds to its cash pile", 1, "BRK.B"),
		art("nvda", "Chip stocks slide", 2, "NVDA"),
		art("tcehy", "Tencent rises in Hong Kong", 3, "700.hk"),
		art("other", "Oil slips", 4, "XOM"),
	)
	titles := func(arts []Article) []string {
		var out []string
		for _, a := range arts {
			out = append(out, a.Title)
		}
		slices.Sort(out)
		return out
	}
	for _, c := range []struct {
		q    Query
		want []string
	}{
		{Query{Ticker: "brk-b"}, []string{"Berkshire adds to its cash pile"}},
		{Query{Ticker: "BRK/B"}, []string{"Berkshire adds to its cash pile"}},
		{Query{Ticker: "0700.HK"}, []string{"Tencent rises in Hong Kong"}},
		{Query{AnyTicker: []string{"$nvda", "brk-b", "BRK.B"}}, []string{"Berkshire adds to its cash pile", "Chip stocks slide"}},
		{Query{Ticker: "nasdaq:nvda", AnyTicker: []string{"hkex:700"}}, []string{"Chip stocks slide", "Tencent rises in Hong Kong"}},
	} {
		arts, err := s.List(ctx, c.q)
		if err != nil {
			t.Fatal(err)
		}
		if got := titles(arts); !slices.Equal(got, c.want) {
			t.Errorf("List(%+v) = %q, want %q", c.q, got, c.want)
		}
	}
	arts, err := s.Search(ctx, "brk-b", 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := titles(arts); !slices.Equal(got, []string{"Berkshire adds to its cash pile"}) {
		t.Errorf("search brk-b = %q", got)
	}
	tencent, err := s.List(ctx, Query{Ticker: "700.HK"})
	if err != nil || len(tencent) != 1 {
		t.Fatalf("700.HK: %d articles, %v", len(tencent), err)
	}
	if tk, err := s.ArticleTickers(ctx, tencent[0].ID); err != nil || len(tk) != 1 || tk[0].Symbol != "0700.HK" {
		t.Errorf("stored tickers %+v, %v; want 0700.HK", tk, err)
	}
}
