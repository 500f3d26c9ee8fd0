package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
)

func pendingCount(t *testing.T, s *Store) int {
	t.Helper()
	var n int
	if err := s.r.QueryRow(`SELECT count(*) FROM fts_pending`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// Saving queues articles for the index instead of indexing them; every
// change a queued article can go through (edit, prune, re-save) keeps the
// queue and the index consistent, and a search always sees everything saved.
func TestSearchIndexQueue(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://example.com/feed", "")

	a, b, c := art("a", "Copper rallies", 1), art("b", "Nickel slumps", 2), art("c", "Zinc drifts", 3)
	mustSave(t, s, f.ID, a, b, c)
	if n := pendingCount(t, s); n != 3 {
		t.Fatalf("after save: %d queued, want 3", n)
	}
	// Edited while still queued: indexed once, with the new text.
	a.Title = "Copper slides"
	a.Markdown = "tin mentioned"
	mustSave(t, s, f.ID, a, b, c)
	// Pruned while still queued: c goes, and the index must not be told
	// to delete what it never held.
	if err := s.SetStarred(ctx, byGUID(t, s, Query{})["a"].ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Prune(ctx, Retention{PerFeed: 1}, base); err != nil {
		t.Fatal(err)
	}
	if err := s.IntegrityCheck(ctx); err != nil { // indexes the queue first
		t.Fatal(err)
	}
	if n := pendingCount(t, s); n != 0 {
		t.Errorf("after IntegrityCheck: %d still queued", n)
	}

	search := func(q string) string {
		t.Helper()
		arts, err := s.Search(ctx, q, 10)
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		return guids(arts)
	}
	if got := search("slides tin"); got != "a" {
		t.Errorf("Search(slides tin) = %q, want a", got)
	}
	if got := search("rallies"); got != "" {
		t.Errorf("Search(rallies) = %q; the old title is still indexed", got)
	}

	// New articles are found by the next search with no other call, and an
	// indexed article edited again leaves the index and comes back once.
	mustSave(t, s, f.ID, art("d", "Cobalt jumps", 0))
	a.Title = "Copper steadies"
	mustSave(t, s, f.ID, a)
	if got := search("cobalt"); got != "d" {
		t.Errorf("Search(cobalt) = %q, want d", got)
	}
	if got := search("steadies"); got != "a" {
		t.Errorf("Search(steadies) = %q, want a", got)
	}
	if got := search("slides"); got != "" {
		t.Errorf("Search(slides) = %q; the edited title is still indexed", got)
	}
	n, err := s.IndexPending(ctx)
	if err != nil || n != 0 {
		t.Errorf("IndexPending with nothing queued = %d, %v", n, err)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
}

// A database made by the first schema, with its articles indexed as that
// schema did at save time, upgrades in place and stays searchable.
func TestUpgradeFromSchemaV1(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v1.db")
	db, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		schemaV1,
		fmt.Sprintf("PRAGMA application_id = %d; PRAGMA user_version = 1", applicationID),
		`INSERT INTO feeds (id, url) VALUES (1, 'https://example.com/feed')`,
		`INSERT INTO articles (id, feed_id, guid_key, title, markdown, published, fetched)
			VALUES (1, 1, 'old', 'Copper rallies', 'body text', 1, 1)`,
		`INSERT INTO articles_fts (rowid, title, markdown) SELECT id, title, markdown FROM articles`,
	} {
		if _, err := db.Exec(q); err != nil {
			db.Close()
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()

	s := openAt(t, path)
	f := mustFeed(t, s, "https://example.com/feed", "")
	mustSave(t, s, f.ID, art("new", "Copper slides", 0))
	arts, err := s.Search(ctx, "copper", 10)
	if err != nil {
		t.Fatal(err)
	}
	if got := guids(arts); got != "new,old" && got != "old,new" {
		t.Errorf("Search(copper) after upgrade = %q, want old and new", got)
	}
	// The old article, indexed by the first schema, is deleted through the
	// new trigger without damaging the index.
	if _, err := s.w.Exec(`DELETE FROM articles WHERE guid_key = 'old'`); err != nil {
		t.Fatal(err)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
}

// A backlog larger than one chunk is indexed over several transactions,
// and all of it is found.
func TestIndexPendingInChunks(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	defer func(n int) { indexChunk = n }(indexChunk)
	indexChunk = 2
	f := mustFeed(t, s, "https://example.com/feed", "")
	var arts []NewArticle
	for i := range 7 {
		arts = append(arts, art(fmt.Sprintf("g%d", i), fmt.Sprintf("Copper report %d", i), i))
	}
	mustSave(t, s, f.ID, arts...)
	n, err := s.IndexPending(ctx)
	if err != nil || n != 7 {
		t.Fatalf("IndexPending = %d, %v; want 7", n, err)
	}
	if q := pendingCount(t, s); q != 0 {
		t.Errorf("%d still queued", q)
	}
	got, err := s.Search(ctx, "copper", 0)
	if err != nil || len(got) != 7 {
		t.Errorf("Search(copper) = %d articles, %v; want 7", len(got), err)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
}

// A re-extracted body replaces the indexed one: a search finds the new
// words and not the old, whether the article was indexed or still queued,
// and the external-content index stays consistent.
func TestUpdateArticleBodyKeepsIndex(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://example.com/feed", "")
	a, b := art("a", "Copper rallies", 1), art("b", "Nickel slumps", 2)
	a.Markdown, b.Markdown = "AlibabaBABA-- smelter output", "JD.comJD-- warehouse stocks"
	mustSave(t, s, f.ID, a, b)
	ids := byGUID(t, s, Query{})
	if _, err := s.IndexPending(ctx); err != nil { // a is indexed; b is saved again below, queued
		t.Fatal(err)
	}
	b.Markdown = "JD.comJD-- warehouse stocks fell"
	mustSave(t, s, f.ID, b)
	if n := pendingCount(t, s); n != 1 {
		t.Fatalf("%d queued, want b alone", n)
	}

	tickers := []Ticker{{Symbol: "BABA", Mentions: 1, Signal: "chip", Primary: true}}
	if err := s.UpdateArticleBody(ctx, ids["a"].ID, "Alibaba (BABA) smelter output", tickers, []byte(`{"v":2}`), 2); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateArticleBody(ctx, ids["b"].ID, "JD.com (JD) warehouse stocks fell", nil, []byte(`{"v":2}`), 2); err != nil {
		t.Fatal(err)
	}
	// The same body again changes nothing in the index.
	if err := s.UpdateArticleBody(ctx, ids["b"].ID, "JD.com (JD) warehouse stocks fell", nil, []byte(`{"v":2}`), 2); err != nil {
		t.Fatal(err)
	}
	search := func(q string) string {
		t.Helper()
		arts, err := s.Search(ctx, q, 10)
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		return guids(arts)
	}
	for q, want := range map[string]string{"alibaba smelter": "a", "alibabababa": "", "jd warehouse": "b", "jdcomjd": "", "fell": "b"} {
		if got := search(q); got != want {
			t.Errorf("Search(%q) = %q, want %q", q, got, want)
		}
	}
	got, err := s.Article(ctx, ids["a"].ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Markdown != "Alibaba (BABA) smelter output" || got.HTML != a.HTML || string(got.Briefing) != `{"v":2}` ||
		got.ExtractorVersion != 2 || len(got.Tickers) != 1 || got.Tickers[0] != "BABA" {
		t.Errorf("after UpdateArticleBody: %+v", got)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
	// Deleting it afterwards goes through the trigger without damage.
	if _, err := s.w.Exec(`DELETE FROM articles WHERE guid_key = 'a'`); err != nil {
		t.Fatal(err)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
	if err := s.UpdateArticleBody(ctx, ids["a"].ID, "x", nil, nil, 2); !errors.Is(err, ErrNotFound) {
		t.Errorf("UpdateArticleBody(deleted) = %v, want ErrNotFound", err)
	}
}
