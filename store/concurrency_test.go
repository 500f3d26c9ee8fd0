package store

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// Two Store handles on one file stand in for two processes (a cron fetch and
// the open reader): each writes 200 transactions while a reader keeps
// listing. None of it may fail, in particular not with "database is locked".
func TestConcurrentProcesses(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "brief.db")
	fetcher := openAt(t, path)
	reader := openAt(t, path)

	f1 := mustFeed(t, fetcher, "https://one.example/feed", "One")
	f2 := mustFeed(t, reader, "https://two.example/feed", "Two")
	const txs = 200

	var wg sync.WaitGroup
	errs := make(chan error, 8)
	stop := make(chan struct{})

	// The cron process: fetch after fetch into both feeds.
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := range txs {
			id := f1.ID
			if i%2 == 1 {
				id = f2.ID
			}
			arts := []NewArticle{art(fmt.Sprintf("c%d", i), "cron", i%50, "BABA"), art(fmt.Sprintf("c%d", i-2), "cron again", i%50)}
			if _, err := fetcher.SaveFetch(ctx, id, FetchOK{At: base.Add(time.Duration(i) * time.Second)}, arts); err != nil {
				errs <- fmt.Errorf("fetcher transaction %d: %w", i, err)
				return
			}
		}
	}()

	// The reader process: its own fetches, marking read and starring.
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := range txs {
			var err error
			switch i % 4 {
			case 0:
				_, err = reader.SaveFetch(ctx, f2.ID, FetchOK{At: base}, []NewArticle{art(fmt.Sprintf("r%d", i), "reader", i%30)})
			case 1:
				var arts []Article
				if arts, err = reader.List(ctx, Query{Unread: true, Limit: 5}); err == nil && len(arts) > 0 {
					err = reader.SetRead(ctx, true, arts[0].ID)
				}
			case 2:
				var arts []Article
				if arts, err = reader.List(ctx, Query{Limit: 1}); err == nil && len(arts) > 0 {
					err = reader.SetStarred(ctx, arts[0].ID, true)
				}
			case 3:
				err = reader.RecordFailure(ctx, f1.ID, "timeout", false, base)
			}
			if err != nil {
				errs <- fmt.Errorf("reader transaction %d: %w", i, err)
				return
			}
		}
	}()

	// The reader's screen: list, count and search in a loop until the
	// writers are done.
	var readers sync.WaitGroup
	readers.Add(1)
	go func() {
		defer readers.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := reader.List(ctx, Query{Unread: true, Limit: 50}); err != nil {
				errs <- fmt.Errorf("reader List: %w", err)
				return
			}
			if _, err := fetcher.Count(ctx, Query{Ticker: "BABA"}); err != nil {
				errs <- fmt.Errorf("fetcher Count: %w", err)
				return
			}
			if _, err := reader.Search(ctx, "cron", 10); err != nil {
				errs <- fmt.Errorf("reader Search: %w", err)
				return
			}
		}
	}()

	wg.Wait()
	close(stop)
	readers.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	n, err := reader.Count(ctx, Query{})
	if err != nil {
		t.Fatal(err)
	}
	if want := 2 + txs + txs/4; n != want { // c-2..c199 and every fourth r
		t.Errorf("Count = %d, want %d", n, want)
	}
	if err := fetcher.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
}

// Two processes starting at once on a new file both run the migrations
// check; each migration must be applied exactly once and neither may fail.
func TestConcurrentFirstOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new", "brief.db")
	var wg sync.WaitGroup
	stores := make([]*Store, 4)
	errs := make([]error, len(stores))
	for i := range stores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stores[i], errs[i] = Open(context.Background(), path)
		}()
	}
	wg.Wait()
	for i, s := range stores {
		if errs[i] != nil {
			t.Errorf("Open %d: %v", i, errs[i])
			continue
		}
		defer s.Close()
	}
	if t.Failed() {
		return
	}
	mustFeed(t, stores[0], "https://example.com/feed", "")
	if feeds, err := stores[3].Feeds(context.Background()); err != nil || len(feeds) != 1 {
		t.Errorf("Feeds from another handle = %v, %v", feeds, err)
	}
}
