package ingest

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
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

// A feed whose save fails ends its batch at once. The feeds before it in
// that batch that had nothing but their fetch to record (a recorded
// failure, items all unchanged) are written again in the next batch and
// succeed; the feed after it gets a batch of its own instead of its
// error. Before, every feed of the batch failed with the one that broke
// it: a full disk failed a feed with nothing new beside the big one.
func TestWriteFailedSaveFailsAlone(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "brief.db")
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	feeds, err := st.EnsureFeeds(ctx, []store.FeedSpec{{URL: "https://a.example/rss"}, {URL: "https://b.example/rss"},
		{URL: "https://c.example/rss"}, {URL: "https://d.example/rss"}})
	if err != nil {
		t.Fatal(err)
	}
	// An article titled "boom" cannot be written.
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.ExecContext(ctx, `CREATE TRIGGER boom BEFORE INSERT ON articles WHEN new.title = 'boom'
		BEGIN SELECT RAISE(ABORT, 'boom'); END`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	at := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	art := func(key, title string) []store.NewArticle {
		return []store.NewArticle{{GUIDKey: key, Title: title, Published: at.Add(-time.Hour), Markdown: "body"}}
	}
	save := func(i int, arts []store.NewArticle) converted {
		return converted{i: i, feedID: feeds[i].ID, save: &store.FeedSave{FeedID: feeds[i].ID,
			OK: store.FetchOK{At: at, ETag: `"e"`}, Articles: arts}}
	}
	queue := make(chan converted, 4)
	queue <- save(0, nil) // nothing new
	queue <- converted{i: 1, feedID: feeds[1].ID, fail: "HTTP 503", fr: FeedReport{Err: errors.New("HTTP 503")}}
	queue <- save(2, art("c1", "boom"))
	queue <- save(3, art("d1", "Fine"))
	close(queue)

	got := map[int]FeedReport{}
	in := &Ingester{Store: st}
	in.write(ctx, queue, func() time.Time { return at }, func(c converted) { got[c.i] = c.fr })
	if len(got) != 4 {
		t.Fatalf("reported %d feeds, want 4: %+v", len(got), got)
	}
	if got[0].Err != nil {
		t.Errorf("the feed with nothing new: %v, want saved", got[0].Err)
	}
	if got[1].Err == nil || got[1].Err.Error() != "HTTP 503" {
		t.Errorf("the recorded failure: %v, want HTTP 503 alone", got[1].Err)
	}
	if got[2].Err == nil || !strings.Contains(got[2].Err.Error(), "boom") {
		t.Errorf("the feed that cannot be written: %v, want its error", got[2].Err)
	}
	if got[3].Err != nil || got[3].New != 1 {
		t.Errorf("the feed after it: %+v, want its article saved", got[3])
	}
	all, err := st.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range all {
		switch f.ID {
		case feeds[0].ID:
			if f.ETag != `"e"` || f.LastSuccess.IsZero() {
				t.Errorf("feed a: etag %q, last success %v; want its fetch recorded", f.ETag, f.LastSuccess)
			}
		case feeds[1].ID:
			if f.Failures != 1 || f.LastError != "HTTP 503" {
				t.Errorf("feed b: %d failures, %q; want its failure recorded once", f.Failures, f.LastError)
			}
		case feeds[2].ID:
			if !f.LastSuccess.IsZero() {
				t.Errorf("feed c: recorded as fetched at %v, though nothing of it was saved", f.LastSuccess)
			}
		}
	}
	if n, err := st.Count(ctx, store.Query{}); err != nil || n != 1 {
		t.Errorf("%d articles saved (%v), want 1", n, err)
	}
}
