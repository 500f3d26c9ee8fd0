package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
)

// tickerTables counts the rows of article_tickers and ticker_info.
func tickerTables(t *testing.T, s *Store) (rows, infos int) {
	t.Helper()
	if err := s.r.QueryRow(`SELECT (SELECT count(*) FROM article_tickers), (SELECT count(*) FROM ticker_info)`).Scan(&rows, &infos); err != nil {
		t.Fatal(err)
	}
	return rows, infos
}

// A database of schema 6, whose ticker rows carried names, exchanges and
// signals, upgrades with all of them kept: the reader's ticker list, the
// ticker statistics and the listing by symbol read the same as before,
// and deleting the article deletes its tickers.
func TestUpgradeFromSchemaV6KeepsTickerNames(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v6.db")
	db, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		t.Fatal(err)
	}
	steps := append(slices.Clone(migrations[:6]),
		fmt.Sprintf("PRAGMA application_id = %d; PRAGMA user_version = 6", applicationID),
		`INSERT INTO feeds (id, url) VALUES (1, 'https://example.com/feed')`,
		fmt.Sprintf(`INSERT INTO articles (id, feed_id, guid_key, title, markdown, published, fetched, tickers)
			VALUES (1, 1, 'old', 'Alibaba and JD report', 'body text', %d, 1, 'BABA'||char(31)||'JD')`, toMS(base)),
		fmt.Sprintf(`INSERT INTO article_tickers (article_id, symbol, exchange, name, mentions, signal, is_primary, published) VALUES
			(1, 'JD', 'NASDAQ', 'JD.com'||char(31)||'Inc', 2, 'name', 0, %[1]d),
			(1, 'BABA', 'NYSE', 'Alibaba', 2, 'cashtag', 1, %[1]d)`, toMS(base)),
		`INSERT INTO fts_pending (id) VALUES (1)`,
	)
	for _, q := range steps {
		if _, err := db.Exec(q); err != nil {
			db.Close()
			t.Fatalf("%.60s: %v", q, err)
		}
	}
	db.Close()

	var upgrades []string
	o := Options{Upgrading: func(from, to int) { upgrades = append(upgrades, fmt.Sprint(from, "->", to)) }}
	s, err := OpenWith(ctx, path, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if want := fmt.Sprint(6, "->", len(migrations)); len(upgrades) != 1 || upgrades[0] != want {
		t.Errorf("upgrade notices %q, want one, %s", upgrades, want)
	}
	// Neither the upgraded database nor a new one is upgraded again.
	for _, p := range []string{path, filepath.Join(t.TempDir(), "new.db")} {
		again, err := OpenWith(ctx, p, o)
		if err != nil {
			t.Fatal(err)
		}
		again.Close()
	}
	if len(upgrades) != 1 {
		t.Errorf("upgrade notices %q, want only the first", upgrades)
	}
	got, err := s.ArticleTickers(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := []Ticker{
		{Symbol: "BABA", Exchange: "NYSE", Name: "Alibaba", Mentions: 2, Signal: "cashtag", Primary: true},
		{Symbol: "JD", Exchange: "NASDAQ", Name: "JD.comInc", Mentions: 2, Signal: "name"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("ArticleTickers after the upgrade = %+v\nwant %+v", got, want)
	}
	stats, err := s.TickerStats(ctx, base.AddDate(0, 0, -1), base)
	if err != nil {
		t.Fatal(err)
	}
	if len(stats) != 2 || stats[0].Symbol != "BABA" || stats[0].Name != "Alibaba" || stats[1].Name != "JD.comInc" {
		t.Errorf("TickerStats after the upgrade = %+v", stats)
	}
	if arts := byGUID(t, s, Query{Ticker: "jd"}); len(arts) != 1 {
		t.Errorf("listing JD after the upgrade: %d articles, want 1", len(arts))
	}
	if _, err := s.w.Exec(`DELETE FROM articles WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	if rows, infos := tickerTables(t, s); rows != 0 || infos != 0 {
		t.Errorf("after deleting the article: %d ticker rows and %d info rows left", rows, infos)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
}

// An article saved again with other tickers reads back with the new ones
// only, one saved again with none has none, and a removed feed takes its
// articles' tickers with it.
func TestTickerInfoFollowsTheArticle(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://example.com/feed", "")
	a := art("x", "Alibaba and JD report", 1)
	a.Tickers = []Ticker{{Symbol: "BABA", Name: "Ali\x1ebaba\x00", Exchange: "NY\x1fSE", Mentions: 2, Signal: "cashtag", Primary: true}}
	mustSave(t, s, f.ID, a)
	id := byGUID(t, s, Query{})["x"].ID
	if got, _ := s.ArticleTickers(ctx, id); !slices.Equal(got, []Ticker{{Symbol: "BABA", Name: "Alibaba", Exchange: "NYSE", Mentions: 2, Signal: "cashtag", Primary: true}}) {
		t.Errorf("ArticleTickers = %+v, want BABA without the control characters", got)
	}

	a.Markdown += " (updated)"
	a.Tickers = []Ticker{{Symbol: "JD", Name: "JD.com", Mentions: 4}}
	if st := mustSave(t, s, f.ID, a); st.Updated != 1 {
		t.Fatalf("the changed article was not updated: %+v", st)
	}
	if got, _ := s.ArticleTickers(ctx, id); !slices.Equal(got, []Ticker{{Symbol: "JD", Name: "JD.com", Mentions: 4}}) {
		t.Errorf("ArticleTickers after the update = %+v, want JD only", got)
	}

	a.Markdown += " (again)"
	a.Tickers = nil
	mustSave(t, s, f.ID, a)
	if got, err := s.ArticleTickers(ctx, id); err != nil || len(got) != 0 {
		t.Errorf("ArticleTickers after an update without tickers = %+v, %v; want none", got, err)
	}
	if rows, infos := tickerTables(t, s); rows != 0 || infos != 0 {
		t.Errorf("after an update without tickers: %d ticker rows and %d info rows", rows, infos)
	}

	b := art("y", "Tencent slides", 1, "0700.HK", "BABA")
	mustSave(t, s, f.ID, b)
	if rows, infos := tickerTables(t, s); rows != 2 || infos != 1 {
		t.Fatalf("%d ticker rows and %d info rows, want 2 and 1", rows, infos)
	}
	if err := s.RemoveFeed(ctx, f.URL); err != nil {
		t.Fatal(err)
	}
	if rows, infos := tickerTables(t, s); rows != 0 || infos != 0 {
		t.Errorf("after removing the feed: %d ticker rows and %d info rows left", rows, infos)
	}
}
