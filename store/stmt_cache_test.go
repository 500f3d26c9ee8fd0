package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// TestWriterStatementsKeptAcrossBatches: the statements a save runs are
// prepared on its transaction the first time, on the writer connection
// before the next batch, and from then on found there: a third batch asks
// for nothing new, and what the batches saved reads back whole.
func TestWriterStatementsKeptAcrossBatches(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	feed := mustFeed(t, s, "https://news.example/rss", "")
	r := rand.New(rand.NewPCG(5, 6))
	save := func(batch int) {
		t.Helper()
		// 37 articles: a remainder of 37 ticker rows and more, not a
		// whole chunk, so the pieces of a power of two are used too.
		arts := genArticles(r, fmt.Sprintf("b%d-", batch), 37, 300, base.Add(-time.Duration(batch)*time.Hour))
		for i := range arts { // the same rows in every batch
			arts[i].Tickers = []Ticker{{Symbol: "BABA", Mentions: 2, Primary: true}, {Symbol: "JD", Mentions: 1}}
		}
		for _, res := range s.SaveFetches(ctx, []FeedSave{{FeedID: feed.ID, OK: FetchOK{At: base}, Articles: arts}}) {
			if res.Err != nil || res.Stats.New != len(arts) {
				t.Fatalf("batch %d: %+v", batch, res)
			}
		}
	}
	wanted := func() (kept, asked int) {
		s.wc.mu.Lock()
		defer s.wc.mu.Unlock()
		return len(s.wc.m), len(s.wc.wanted)
	}

	save(1)
	if kept, asked := wanted(); kept != 0 || asked < 8 {
		t.Fatalf("after the first batch: %d kept, %d asked for; want none kept, the batch's statements asked for", kept, asked)
	}
	save(2)
	kept, asked := wanted()
	if kept < 8 || asked != 0 {
		t.Fatalf("after the second batch: %d kept, %d asked for; want the first batch's kept and nothing more asked", kept, asked)
	}
	save(3)
	if k, a := wanted(); k != kept || a != 0 {
		t.Fatalf("after the third batch: %d kept, %d asked for; want %d kept and nothing asked %q", k, a, kept, s.wc.wanted)
	}
	if n, err := s.Count(ctx, Query{Copies: true}); err != nil || n != 3*37 {
		t.Fatalf("Count = %d, %v; want %d", n, err, 3*37)
	}
}
