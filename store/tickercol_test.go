package store

import (
	"context"
	"slices"
	"testing"
)

// articles.tickers holds, for every article saved or re-extracted, exactly
// what List read from article_tickers before the column existed, and a row
// without it (saved before the upgrade) is still listed with its tickers.
func TestTickerColumnAgreesWithTickerRows(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://example.com/feed", "Example")

	mixed := art("mixed", "Alibaba and JD report", 1)
	mixed.Tickers = []Ticker{
		{Symbol: "JD", Mentions: 5},
		{Symbol: "BABA", Mentions: 2, Primary: true},
		{Symbol: "baba", Mentions: 1}, // the same symbol: merged
		{Symbol: "9988.HK", Mentions: 5},
		{Symbol: "BRK.B", Mentions: 5}, // ties on mentions go by symbol,
		{Symbol: "^GSPC", Mentions: 5}, // as NOCASE orders them: ^ before letters
		{Symbol: "  ", Mentions: 3},    // dropped
	}
	twoPrimary := art("two", "Two primaries", 2)
	twoPrimary.Tickers = []Ticker{{Symbol: "MSFT", Mentions: 1, Primary: true}, {Symbol: "AAPL", Mentions: 1, Primary: true}}
	mustSave(t, s, f.ID, mixed, twoPrimary, art("none", "No tickers", 3), art("one", "One ticker", 4, "NVDA"))

	// An article that changed, with other tickers, takes the update path.
	changed := art("one", "One ticker, revised", 4, "AMD", "NVDA")
	mustSave(t, s, f.ID, changed)
	ids := byGUID(t, s, Query{})
	if err := s.UpdateBriefing(ctx, ids["two"].ID, []Ticker{{Symbol: "TSLA", Mentions: 3}, {Symbol: "F", Mentions: 3}}, []byte(`{}`), 2); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateArticleBody(ctx, ids["none"].ID, "A new body", []Ticker{{Symbol: "GM", Mentions: 1, Primary: true}}, []byte(`{}`), 2); err != nil {
		t.Fatal(err)
	}

	rows, err := s.r.QueryContext(ctx, `SELECT guid_key, tickers,
		coalesce((SELECT group_concat(t2.symbol, char(31) ORDER BY t2.is_primary DESC, t2.mentions DESC, t2.symbol)
		FROM article_tickers t2 WHERE t2.article_id = a.id), '') FROM articles a`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var guid, col, fromRows string
		if err := rows.Scan(&guid, &col, &fromRows); err != nil {
			t.Fatal(err)
		}
		n++
		if col != fromRows {
			t.Errorf("%s: tickers column %q, article_tickers %q", guid, col, fromRows)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n != 4 {
		t.Fatalf("%d articles, want 4", n)
	}

	want := map[string][]string{
		"mixed": {"BABA", "9988.HK", "^GSPC", "BRK.B", "JD"},
		"two":   {"F", "TSLA"},
		"none":  {"GM"},
		"one":   {"AMD", "NVDA"},
	}
	check := func(when string) {
		t.Helper()
		for guid, a := range byGUID(t, s, Query{}) {
			if !slices.Equal(a.Tickers, want[guid]) {
				t.Errorf("%s: %s lists tickers %q, want %q", when, guid, a.Tickers, want[guid])
			}
		}
	}
	check("with the column")
	// Rows saved before the column existed have it NULL.
	if _, err := s.w.ExecContext(ctx, `UPDATE articles SET tickers = NULL`); err != nil {
		t.Fatal(err)
	}
	check("without the column")
}

func TestCompareNoCaseOrdersAsSQLite(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	words := []string{"brk.b", "BRK.A", "Z", "a", "9988.HK", "_X", "^GSPC", "b", "BRK-B", "aa", "A1", ""}
	var fromSQL []string
	rows, err := s.r.QueryContext(ctx, `SELECT value FROM json_each(?) ORDER BY value COLLATE NOCASE, value`, `["`+joinQuoted(words)+`"]`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var w string
		if err := rows.Scan(&w); err != nil {
			t.Fatal(err)
		}
		fromSQL = append(fromSQL, w)
	}
	ours := slices.Clone(words)
	slices.SortStableFunc(ours, func(a, b string) int {
		if c := compareNoCase(a, b); c != 0 {
			return c
		}
		return cmpStrings(a, b)
	})
	if !slices.Equal(ours, fromSQL) {
		t.Errorf("compareNoCase orders %q, SQLite %q", ours, fromSQL)
	}
}

func joinQuoted(ws []string) string {
	out := ""
	for i, w := range ws {
		if i > 0 {
			out += `","`
		}
		out += w
	}
	return out
}

func cmpStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
