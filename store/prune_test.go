package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestPruneByAgeKeepsStarred(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://example.com/feed", "")
	// Fetched long ago too: age counts from the later of the two.
	mustSave(t, s, f.ID, art("new", "New", 1, "BABA"))
	mustSaveAt(t, s, base.Add(-60*24*time.Hour), f.ID, art("old", "Old", 24*40, "BABA"),
		art("old-starred", "Old starred", 24*50, "BABA"), art("old-read", "Old read", 24*45))
	all := byGUID(t, s, Query{})
	if err := s.SetStarred(ctx, all["old-starred"].ID, true); err != nil {
		t.Fatal(err)
	}
	if err := s.SetRead(ctx, true, all["old-read"].ID); err != nil {
		t.Fatal(err)
	}

	n, err := s.Prune(ctx, Retention{MaxAge: 30 * 24 * time.Hour}, base)
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("Prune deleted %d, want 2", n)
	}
	if got := guids(mustList(t, s, Query{})); got != "new,old-starred" {
		t.Errorf("after prune: %q, want new,old-starred", got)
	}
	if got := guids(mustList(t, s, Query{Ticker: "BABA"})); got != "new,old-starred" {
		t.Errorf("ticker rows not pruned with their articles: %q", got)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}

	// The feed still carries the pruned article: it must not come back unread.
	st, err := s.SaveFetch(ctx, f.ID, FetchOK{At: base}, []NewArticle{art("old", "Old", 24*40), art("new", "New", 1, "BABA")})
	if err != nil {
		t.Fatal(err)
	}
	if st.New != 0 {
		t.Errorf("pruned article came back: %+v", st)
	}
	if got := guids(mustList(t, s, Query{})); got != "new,old-starred" {
		t.Errorf("after re-fetch: %q", got)
	}

	// Nothing to do is not an error, and zero retention keeps everything.
	if n, err := s.Prune(ctx, Retention{}, base); err != nil || n != 0 {
		t.Errorf("Prune(zero) = %d, %v", n, err)
	}
}

func TestPrunePerFeed(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	a := mustFeed(t, s, "https://a.example/feed", "A")
	b := mustFeed(t, s, "https://b.example/feed", "B")
	var arts []NewArticle
	for i := range 10 {
		arts = append(arts, art("a"+itoa(int64(i)), "A", i+1)) // a0 newest
	}
	mustSave(t, s, a.ID, arts...)
	mustSave(t, s, b.ID, art("b0", "B", 100), art("b1", "B", 200))
	all := byGUID(t, s, Query{})
	if err := s.SetStarred(ctx, all["a9"].ID, true); err != nil { // the oldest
		t.Fatal(err)
	}
	if err := s.SetRead(ctx, true, all["a0"].ID); err != nil {
		t.Fatal(err)
	}

	n, err := s.Prune(ctx, Retention{PerFeed: 3}, base)
	if err != nil {
		t.Fatal(err)
	}
	if n != 6 {
		t.Errorf("Prune deleted %d, want 6 (a3..a8)", n)
	}
	if got := guids(mustList(t, s, Query{Feed: "A"})); got != "a0,a1,a2,a9" {
		t.Errorf("feed A after prune: %q, want the 3 newest and the starred one", got)
	}
	if got := guids(mustList(t, s, Query{Feed: "B"})); got != "b0,b1" {
		t.Errorf("feed B after prune: %q", got)
	}
	if !byGUID(t, s, Query{})["a0"].Read {
		t.Error("read state lost by prune")
	}

	// Both limits at once, across many batches.
	var many []NewArticle
	for i := range 2*deleteBatch + 7 {
		many = append(many, art("m"+itoa(int64(i)), "M", i+1))
	}
	mustSave(t, s, b.ID, many...)
	n, err = s.Prune(ctx, Retention{PerFeed: 5, MaxAge: 24 * time.Hour}, base)
	if err != nil {
		t.Fatal(err)
	}
	if got := guids(mustList(t, s, Query{Feed: "B"})); got != "m0,m1,m2,m3,m4" {
		t.Errorf("feed B after big prune (%d deleted): %q", n, got)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
}

func TestPruneCountsAgeFromFirstFetch(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://example.com/feed", "")
	// A new subscription's archive: published months ago, fetched now.
	mustSave(t, s, f.ID, art("archive", "Archive", 24*100))
	if n, err := s.Prune(ctx, Retention{MaxAge: 30 * 24 * time.Hour}, base.Add(2*time.Hour)); err != nil || n != 0 {
		t.Fatalf("Prune right after the first fetch deleted %d (%v); want 0", n, err)
	}
	if n, err := s.Prune(ctx, Retention{MaxAge: 30 * 24 * time.Hour}, base.Add(31*24*time.Hour)); err != nil || n != 1 {
		t.Fatalf("Prune 31 days after the fetch deleted %d (%v); want 1", n, err)
	}
}

func TestPruneForgetsOldTombstones(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://example.com/feed", "")
	mustSaveAt(t, s, base.Add(-20*24*time.Hour), f.ID, art("x", "X", 24*10))
	if _, err := s.Prune(ctx, Retention{MaxAge: 24 * time.Hour}, base); err != nil {
		t.Fatal(err)
	}
	// Long after the feed stopped showing it, the tombstone goes.
	if _, err := s.Prune(ctx, Retention{MaxAge: 24 * time.Hour}, base.Add(tombstoneTTL+time.Hour)); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.r.QueryRow(`SELECT count(*) FROM pruned`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("%d tombstones left", n)
	}
}

func TestRemoveFeedKeepsStarred(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://example.com/feed", "Example")
	other := mustFeed(t, s, "https://other.example/feed", "Other")
	mustSave(t, s, f.ID, art("keep", "Starred one", 2, "BABA"), art("drop", "Plain", 1, "BABA"))
	mustSave(t, s, other.ID, art("o", "Other", 1))
	if _, err := s.SaveFetch(ctx, f.ID, FetchOK{ETag: `"e"`, At: base}, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStarred(ctx, byGUID(t, s, Query{})["keep"].ID, true); err != nil {
		t.Fatal(err)
	}

	if err := s.RemoveFeed(ctx, f.URL); err != nil {
		t.Fatal(err)
	}
	feeds, _ := s.Feeds(ctx)
	if len(feeds) != 1 || feeds[0].URL != other.URL {
		t.Errorf("Feeds after removal = %+v", feeds)
	}
	if _, err := s.FeedByURL(ctx, f.URL); !errors.Is(err, ErrNotFound) {
		t.Errorf("FeedByURL(removed) = %v", err)
	}
	starred := mustList(t, s, Query{Starred: true})
	if guids(starred) != "keep" || starred[0].FeedTitle != "Example" {
		t.Errorf("starred after removal: %+v", starred)
	}
	if got := guids(mustList(t, s, Query{})); got != "o,keep" {
		t.Errorf("all after removal: %q", got)
	}
	if got := guids(mustList(t, s, Query{Ticker: "BABA"})); got != "keep" {
		t.Errorf("ticker after removal: %q", got)
	}
	if err := s.RemoveFeed(ctx, f.URL); !errors.Is(err, ErrNotFound) {
		t.Errorf("second RemoveFeed = %v, want ErrNotFound", err)
	}
	if _, err := s.SaveFetch(ctx, f.ID, FetchOK{At: base}, []NewArticle{art("late", "Late", 0)}); !errors.Is(err, ErrNotFound) {
		t.Errorf("SaveFetch to removed feed = %v, want ErrNotFound", err)
	}

	// Subscribing again revives the feed with its starred article and
	// without the old validators, so the next fetch is a full one.
	back := mustFeed(t, s, f.URL, "")
	if back.ID != f.ID || back.ETag != "" || back.Articles != 1 || back.Title != "Example" {
		t.Errorf("re-subscribed feed = %+v", back)
	}

	// A removed feed without starred articles disappears entirely.
	if err := s.RemoveFeed(ctx, other.URL); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.r.QueryRow(`SELECT count(*) FROM feeds WHERE url = ?`, other.URL).Scan(&n); err != nil || n != 0 {
		t.Errorf("removed feed row still there: %d, %v", n, err)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
}

// A removal cut short (the process killed between batches) is finished by
// the next Prune.
func TestPruneFinishesInterruptedRemoval(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://example.com/feed", "")
	mustSave(t, s, f.ID, art("a", "A", 1), art("b", "B", 2))
	if err := s.SetStarred(ctx, byGUID(t, s, Query{})["b"].ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.Exec(`UPDATE feeds SET removed = 1`); err != nil {
		t.Fatal(err)
	}
	if n, err := s.Prune(ctx, Retention{}, base); err != nil || n != 1 {
		t.Fatalf("Prune = %d, %v; want 1 deleted", n, err)
	}
	if got := guids(mustList(t, s, Query{})); got != "b" {
		t.Errorf("after prune: %q, want only the starred article", got)
	}
}
