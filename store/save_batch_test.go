package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func feedByID(t *testing.T, s *Store, id int64) Feed {
	t.Helper()
	feeds, err := s.Feeds(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range feeds {
		if f.ID == id {
			return f
		}
	}
	t.Fatalf("feed %d not listed", id)
	return Feed{}
}

// A batch writes each feed as it is given, and readers see none of it
// until the commit; a removed feed fails alone, and failures are recorded
// in the same transaction.
func TestSaveBatchWritesFeedsAsTheyCome(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	a := mustFeed(t, s, "https://a.example/rss", "A")
	b := mustFeed(t, s, "https://b.example/rss", "B")
	gone := mustFeed(t, s, "https://gone.example/rss", "Gone")
	if err := s.RemoveFeed(ctx, gone.URL); err != nil {
		t.Fatal(err)
	}
	at := base.Add(time.Hour)
	sa := FeedSave{FeedID: a.ID, OK: FetchOK{At: at}, Articles: []NewArticle{art("a1", "Alibaba cloud grows", 1, "BABA"), art("a2", "Nvidia ships", 2, "NVDA")}}
	s.PrepareSave(&sa) // as a converting goroutine does
	sg := FeedSave{FeedID: gone.ID, OK: FetchOK{At: at}, Articles: []NewArticle{art("g1", "gone", 1)}}

	batch, err := s.BeginSaves(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st, err := batch.Save(&sa)
	if err != nil || st.New != 2 {
		t.Fatalf("Save: %+v, %v", st, err)
	}
	if _, err := batch.Save(&sg); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Save of a removed feed: %v, want ErrNotFound", err)
	}
	if err := batch.RecordFailure(b.ID, "HTTP 503", false, at); err != nil {
		t.Fatal(err)
	}
	if n, err := s.Count(ctx, Query{}); err != nil || n != 0 {
		t.Fatalf("before the commit a reader counts %d, %v; want 0", n, err)
	}
	if err := batch.Commit(); err != nil {
		t.Fatal(err)
	}

	if got := guids(mustList(t, s, Query{Ticker: "baba"})); got != "a1" {
		t.Errorf("articles naming BABA: %q, want a1", got)
	}
	if fb := feedByID(t, s, b.ID); fb.Failures != 1 || fb.LastError != "HTTP 503" {
		t.Errorf("feed B after its failure: %d failures, %q", fb.Failures, fb.LastError)
	}
	if _, err := s.IndexPending(ctx); err != nil {
		t.Fatal(err)
	}
	if hits, err := s.Search(ctx, "nvidia", 10); err != nil || len(hits) != 1 {
		t.Errorf("search after the batch: %d hits, %v", len(hits), err)
	}
}

// An error other than a removed feed fails the whole batch: nothing of it
// is saved, every later call says so, and the next batch works.
func TestSaveBatchFailsWhole(t *testing.T) {
	s := openTest(t)
	f := mustFeed(t, s, "https://a.example/rss", "A")
	at := base.Add(time.Hour)
	ctx, cancel := context.WithCancel(context.Background())
	batch, err := s.BeginSaves(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := batch.Save(&FeedSave{FeedID: f.ID, OK: FetchOK{At: at}, Articles: []NewArticle{art("x1", "first", 1, "AAPL")}}); err != nil {
		t.Fatal(err)
	}
	cancel()
	_, err = batch.Save(&FeedSave{FeedID: f.ID, OK: FetchOK{At: at}, Articles: []NewArticle{art("x2", "second", 1)}})
	if err == nil {
		t.Fatal("a Save after the context ended succeeded")
	}
	if err2 := batch.RecordFailure(f.ID, "late", false, at); err2 == nil || err2.Error() != err.Error() {
		t.Errorf("RecordFailure after the failure: %v, want %v", err2, err)
	}
	if err2 := batch.Commit(); err2 == nil || err2.Error() != err.Error() {
		t.Errorf("Commit after the failure: %v, want %v", err2, err)
	}
	if n, err := s.Count(context.Background(), Query{}); err != nil || n != 0 {
		t.Fatalf("after a failed batch %d articles, %v; want 0", n, err)
	}

	// Rollback drops what was written; the writer is free again after it.
	batch, err = s.BeginSaves(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := batch.Save(&FeedSave{FeedID: f.ID, OK: FetchOK{At: at}, Articles: []NewArticle{art("y1", "rolled back", 1)}}); err != nil {
		t.Fatal(err)
	}
	batch.Rollback()
	batch.Rollback() // twice does nothing
	if st := mustSave(t, s, f.ID, art("z1", "saved", 1, "AAPL")); st.New != 1 {
		t.Fatalf("after the rollback: %+v", st)
	}
	if got := guids(mustList(t, s, Query{})); got != "z1" {
		t.Errorf("articles: %q, want z1 alone", got)
	}
}

// What a batch committed reaches the database file without a close or
// another write, and without the writer's own checkpoint, which a batch
// this small does not trigger: the checkpointer copied it.
func TestSaveBatchCheckpointsOffTheWriter(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "brief.db")
	s := openAt(t, path)
	f := mustFeed(t, s, "https://a.example/rss", "A")
	before := fileSize(t, path)

	batch, err := s.BeginSaves(ctx)
	if err != nil {
		t.Fatal(err)
	}
	arts := make([]NewArticle, 300)
	for i := range arts {
		arts[i] = art(fmt.Sprintf("n%d", i), fmt.Sprintf("Story %d about nothing", i), i%48, "AAPL", "MSFT")
		arts[i].Markdown = strings.Repeat(arts[i].Markdown+" ", 40)
	}
	if _, err := batch.Save(&FeedSave{FeedID: f.ID, OK: FetchOK{At: base.Add(time.Hour)}, Articles: arts}); err != nil {
		t.Fatal(err)
	}
	if err := batch.Commit(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for fileSize(t, path) < before+500_000 {
		if time.Now().After(deadline) {
			t.Fatalf("the database file stayed at %d bytes (was %d): nothing checkpointed the batch", fileSize(t, path), before)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// A store closed while a fetch still commits batches (the reader quit
// during a refresh) fails the fetch's writes; it neither panics nor races.
func TestCloseWhileBatchesCommit(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "brief.db"))
	if err != nil {
		t.Fatal(err)
	}
	f := mustFeed(t, s, "https://a.example/rss", "A")
	started := make(chan struct{})
	done := make(chan error)
	go func() {
		for i := 0; ; i++ {
			b, err := s.BeginSaves(ctx)
			if err != nil {
				done <- err
				return
			}
			b.Save(&FeedSave{FeedID: f.ID, OK: FetchOK{At: base}, Articles: []NewArticle{art(fmt.Sprint("c", i), "Story", 1, "AAPL")}})
			err = b.Commit()
			if i == 0 {
				close(started)
			}
			if err != nil {
				done <- err
				return
			}
		}
	}()
	<-started
	if err := s.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	select {
	case err := <-done:
		if err == nil {
			t.Error("batches went on committing after Close")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("batches still commit 10 s after Close")
	}
}

// A FeedSave whose batch was rolled back saves whole in the next one: the
// first attempt's marks on its rows (the ids it inserted) do not carry over.
func TestSaveBatchSavesAgainAfterARollback(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://a.example/rss", "A")
	sv := FeedSave{FeedID: f.ID, OK: FetchOK{At: base.Add(time.Hour)}, Articles: []NewArticle{art("r1", "Retried", 1, "AAPL")}}
	s.PrepareSave(&sv)
	for attempt := range 2 {
		batch, err := s.BeginSaves(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if st, err := batch.Save(&sv); err != nil || st.New != 1 {
			t.Fatalf("attempt %d: %+v, %v", attempt, st, err)
		}
		if attempt == 0 {
			batch.Rollback()
			continue
		}
		if err := batch.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	arts := mustList(t, s, Query{Ticker: "AAPL"})
	if len(arts) != 1 || arts[0].GUIDKey != "r1" {
		t.Fatalf("after the retry: %q", guids(arts))
	}
}
