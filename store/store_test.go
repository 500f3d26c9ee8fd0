package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// base is a fixed "now" so tests do not depend on the clock.
var base = time.Date(2025, 3, 10, 12, 0, 0, 0, time.UTC)

func openAt(t testing.TB, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func openTest(t testing.TB) *Store {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "brief.db"))
}

func mustFeed(t testing.TB, s *Store, url, title string, tags ...string) Feed {
	t.Helper()
	f, err := s.EnsureFeed(context.Background(), url, title, tags)
	if err != nil {
		t.Fatalf("EnsureFeed(%s): %v", url, err)
	}
	return f
}

func mustSave(t testing.TB, s *Store, feedID int64, arts ...NewArticle) SaveStats {
	t.Helper()
	return mustSaveAt(t, s, base.Add(time.Hour), feedID, arts...)
}

// mustSaveAt saves as fetched at a given time.
func mustSaveAt(t testing.TB, s *Store, at time.Time, feedID int64, arts ...NewArticle) SaveStats {
	t.Helper()
	st, err := s.SaveFetch(context.Background(), feedID, FetchOK{At: at}, arts)
	if err != nil {
		t.Fatalf("SaveFetch: %v", err)
	}
	return st
}

// art makes an article published hoursAgo hours before base.
func art(guid, title string, hoursAgo int, tickers ...string) NewArticle {
	a := NewArticle{
		GUIDKey:   guid,
		Link:      "https://example.com/" + guid,
		Title:     title,
		Published: base.Add(-time.Duration(hoursAgo) * time.Hour),
		HTML:      "<p>" + title + "</p>",
		Markdown:  title + "\n\nbody of " + guid,
		Briefing:  []byte(`{"summary":"` + guid + `"}`),
	}
	for i, sym := range tickers {
		a.Tickers = append(a.Tickers, Ticker{Symbol: sym, Mentions: len(tickers) - i, Primary: i == 0})
	}
	return a
}

func byGUID(t testing.TB, s *Store, q Query) map[string]Article {
	t.Helper()
	arts, err := s.List(context.Background(), q)
	if err != nil {
		t.Fatalf("List(%+v): %v", q, err)
	}
	m := make(map[string]Article, len(arts))
	for _, a := range arts {
		m[a.GUIDKey] = a
	}
	return m
}

func guids(arts []Article) string {
	var g []string
	for _, a := range arts {
		g = append(g, a.GUIDKey)
	}
	return strings.Join(g, ",")
}

func TestOpenCreatesSchemaAndReopens(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "data", "brief")
	path := filepath.Join(dir, "brief.db")

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o700 {
		t.Errorf("data directory mode = %v, want 0700", fi.Mode().Perm())
	}
	for _, name := range []string{path, path + "-wal"} {
		fi, err := os.Stat(name)
		if err != nil {
			t.Error(err)
		} else if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600: reading history is private", name, fi.Mode().Perm())
		}
	}
	var version, appID int
	var mode string
	if err := s.r.QueryRow(`SELECT (SELECT user_version FROM pragma_user_version),
		(SELECT application_id FROM pragma_application_id), (SELECT journal_mode FROM pragma_journal_mode)`).
		Scan(&version, &appID, &mode); err != nil {
		t.Fatal(err)
	}
	if version != len(migrations) || appID != applicationID || mode != "wal" {
		t.Errorf("user_version=%d application_id=%#x journal_mode=%s; want %d, %#x, wal",
			version, appID, mode, len(migrations), applicationID)
	}
	f := mustFeed(t, s, "https://example.com/feed", "Example", "news")
	mustSave(t, s, f.ID, art("a", "First", 1))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s2 := openAt(t, path) // migrations already applied: must be a no-op
	feeds, err := s2.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(feeds) != 1 || feeds[0].Title != "Example" || feeds[0].Articles != 1 || feeds[0].Unread != 1 ||
		len(feeds[0].Tags) != 1 || feeds[0].Tags[0] != "news" {
		t.Errorf("after reopen Feeds() = %+v", feeds)
	}
	if err := s2.IntegrityCheck(ctx); err != nil {
		t.Errorf("IntegrityCheck: %v", err)
	}
}

func TestOpenAcceptsEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "brief.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s := openAt(t, path)
	mustFeed(t, s, "https://example.com/feed", "")
}

func TestOpenPathWithURICharacters(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "odd ?name#x%20")
	s := openAt(t, filepath.Join(dir, "brief.db"))
	mustFeed(t, s, "https://example.com/feed", "")
	if _, err := os.Stat(filepath.Join(dir, "brief.db")); err != nil {
		t.Errorf("database not created where asked: %v", err)
	}
}

func TestOpenRefusesForeignFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	foreignDB := func(name string, setup string) string {
		p := filepath.Join(dir, name)
		db, err := sql.Open("sqlite", p)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Exec(setup); err != nil {
			t.Fatal(err)
		}
		return p
	}
	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, []byte("these are my notes, not a database\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	short := filepath.Join(dir, "short")
	if err := os.WriteFile(short, []byte("SQL"), 0o600); err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name, path, want string
	}{
		{"text file", text, "is not a brief database: file is not a database"},
		{"short file", short, "is not a brief database: file is not a database"},
		{"other app's tables", foreignDB("other.db", `CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x')`),
			"is not a brief database"},
		{"other app's id", foreignDB("app.db", `PRAGMA application_id = 1234; PRAGMA user_version = 7; CREATE TABLE feeds (x)`),
			"another application"},
		{"directory", t.TempDir(), "is not a brief database"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var before []byte
			if fi, _ := os.Stat(c.path); !fi.IsDir() {
				before, _ = os.ReadFile(c.path)
			}
			s, err := Open(ctx, c.path)
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded on a foreign file")
			}
			if !errors.Is(err, ErrNotBrief) || !strings.Contains(err.Error(), c.path) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error = %q; want ErrNotBrief naming the file and saying %q", err, c.want)
			}
			if before != nil {
				after, _ := os.ReadFile(c.path)
				if !bytes.Equal(before, after) {
					t.Error("the foreign file was modified")
				}
				for _, suffix := range []string{"-wal", "-journal"} {
					if _, err := os.Stat(c.path + suffix); err == nil {
						t.Errorf("%s%s was created", c.path, suffix)
					}
				}
			}
		})
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "brief.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.Exec(`PRAGMA user_version = 999`); err != nil {
		t.Fatal(err)
	}
	s.Close()

	s, err = Open(ctx, path)
	if err == nil {
		s.Close()
		t.Fatal("Open succeeded on a database from a newer brief")
	}
	if !errors.Is(err, ErrTooNew) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "upgrade brief") {
		t.Errorf("error = %q; want ErrTooNew naming the file and asking to upgrade", err)
	}
}

func TestIntegrityCheckSpotsSearchIndexDrift(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://example.com/feed", "")
	mustSave(t, s, f.ID, art("a", "Copper rallies", 1))
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatalf("IntegrityCheck on a healthy database: %v", err)
	}
	// Change the text behind the index's back.
	if _, err := s.w.Exec(`UPDATE articles SET title = 'Nickel slumps'`); err != nil {
		t.Fatal(err)
	}
	if err := s.IntegrityCheck(ctx); err == nil {
		t.Error("IntegrityCheck did not notice the search index no longer matches the articles")
	}
}
