package ingest

import (
	"context"
	"errors"
	"testing"
	"time"

	"brief/store"
)

// The writer saves feeds into one batch as they arrive and reports each,
// in arrival order, once its batch committed: a save, a failure recorded
// beside it, and a feed removed meanwhile that fails alone.
func TestWriteReportsInOrderAfterTheCommit(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	feeds, err := st.EnsureFeeds(ctx, []store.FeedSpec{{URL: "https://a.example/rss"}, {URL: "https://b.example/rss"}, {URL: "https://c.example/rss"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.RemoveFeed(ctx, feeds[2].URL); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	a := store.NewArticle{GUIDKey: "a1", Title: "Alibaba cloud", Published: at.Add(-time.Hour), Markdown: "body"}
	queue := make(chan converted, 3)
	queue <- converted{i: 0, feedID: feeds[0].ID, save: &store.FeedSave{FeedID: feeds[0].ID, OK: store.FetchOK{At: at}, Articles: []store.NewArticle{a}}}
	queue <- converted{i: 1, feedID: feeds[1].ID, fail: "HTTP 503", fr: FeedReport{Err: errors.New("HTTP 503")}}
	queue <- converted{i: 2, feedID: feeds[2].ID, save: &store.FeedSave{FeedID: feeds[2].ID, OK: store.FetchOK{At: at}, Articles: []store.NewArticle{a}}}
	close(queue)

	var order []int
	var reports []FeedReport
	in := &Ingester{Store: st}
	in.write(ctx, queue, func() time.Time { return at }, func(c converted) {
		// What was written no longer holds its articles' bodies in
		// memory while the batch fills.
		if c.save != nil && c.save.Articles != nil {
			t.Errorf("feed %d is reported still holding its %d articles", c.i, len(c.save.Articles))
		}
		// Reported only after the commit: a reader sees the article.
		if n, err := st.Count(ctx, store.Query{}); err != nil || n != 1 {
			t.Errorf("when feed %d is reported a reader counts %d articles (%v), want 1", c.i, n, err)
		}
		order = append(order, c.i)
		reports = append(reports, c.fr)
	})
	if len(order) != 3 || order[0] != 0 || order[1] != 1 || order[2] != 2 {
		t.Fatalf("reported %v, want [0 1 2]", order)
	}
	if reports[0].Err != nil || reports[0].New != 1 {
		t.Errorf("the save: %+v", reports[0])
	}
	if reports[1].Err == nil || reports[1].Err.Error() != "HTTP 503" {
		t.Errorf("the failure: %v, want HTTP 503 alone", reports[1].Err)
	}
	if !errors.Is(reports[2].Err, store.ErrNotFound) {
		t.Errorf("the removed feed: %v, want ErrNotFound", reports[2].Err)
	}
	all, err := st.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range all {
		if f.ID == feeds[1].ID && (f.Failures != 1 || f.LastError != "HTTP 503") {
			t.Errorf("feed b: %d failures, %q", f.Failures, f.LastError)
		}
	}
}
