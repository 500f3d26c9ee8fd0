package ingest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"brief/config"
	"brief/store"
)

func TestWatchlistFeedsAreFetchedFirst(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "brief.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	subs := []config.Feed{
		{URL: "https://wire.example/markets.xml"},
		{URL: "https://china.example/tech.xml"},
		{URL: "https://feeds.finance.yahoo.example/rss/2.0/headline?s=BABA&region=US"},
		{URL: "https://sa.example/api/sa/combined/NVDA.xml"},
		{URL: "https://other.example/rss", Title: "Other"},
		{URL: "https://tagged.example/rss", Tags: []string{"brk.b"}},
	}
	specs := make([]store.FeedSpec, len(subs))
	for i, s := range subs {
		specs[i] = store.FeedSpec{URL: s.URL, Title: s.Title, Tags: s.Tags}
	}
	feeds, err := st.EnsureFeeds(ctx, specs)
	if err != nil {
		t.Fatal(err)
	}
	// china.example's recent articles are about BABA; wire's about AAPL.
	save := func(f store.Feed, guid, sym string) {
		a := store.NewArticle{GUIDKey: guid, Link: "https://x.example/" + guid, Title: guid, Published: now.Add(-time.Hour),
			Tickers: []store.Ticker{{Symbol: sym, Mentions: 1, Primary: true}}}
		if _, err := st.SaveFetch(ctx, f.ID, store.FetchOK{At: now}, []store.NewArticle{a}); err != nil {
			t.Fatal(err)
		}
	}
	save(feeds[1], "c1", "BABA")
	save(feeds[1], "c2", "BABA")
	save(feeds[0], "w1", "AAPL")

	in := &Ingester{Store: st, Watchlist: []string{"BABA", "NVDA", "BRK.B"}}
	got := in.fetchOrder(ctx, subs, feeds, now)
	want := []int{2, 3, 5, 1, 0, 4}
	if len(got) != len(want) {
		t.Fatalf("order %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("order %v, want %v (named feeds, then the feed about BABA, then the rest in order)", got, want)
		}
	}
	in.Watchlist = nil
	if got := in.fetchOrder(ctx, subs, feeds, now); got[0] != 0 || got[5] != 5 {
		t.Errorf("without a watchlist the order changed: %v", got)
	}
}
