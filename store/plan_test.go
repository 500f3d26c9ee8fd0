package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// explain returns the EXPLAIN QUERY PLAN of the List (or Count) query for q.
func explain(t *testing.T, s *Store, q Query, count bool) string {
	t.Helper()
	sel, err := s.selectArticles(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	query := sel.listSQL(q)
	if count {
		query = sel.countSQL()
	}
	rows, err := s.r.Query(`EXPLAIN QUERY PLAN `+query, sel.args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, detail)
	}
	return strings.Join(lines, "\n")
}

// The list views must walk an index in display order, never sort the
// table: that is what keeps the first page of 100,000 articles instant.
// Checked without statistics and again after ANALYZE (Close runs PRAGMA
// optimize, so real databases have statistics).
func TestQueryPlans(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	feeds := make([]Feed, 4)
	for i := range feeds {
		feeds[i] = mustFeed(t, s, fmt.Sprintf("https://f%d.example/rss", i), fmt.Sprintf("Feed %d", i))
	}
	batches := make([][]NewArticle, len(feeds))
	for i := range 2000 {
		syms := []string{"BABA"}
		if i%3 == 0 {
			syms = []string{"JD", "BABA"}
		}
		batches[i%4] = append(batches[i%4], art(fmt.Sprint("g", i), "t", i, syms...))
	}
	for i, arts := range batches {
		for chunk := range slices.Chunk(arts, 50) {
			mustSave(t, s, feeds[i].ID, chunk...)
		}
	}
	if _, err := s.MarkRead(ctx, Query{Offset: 300}, true); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStarred(ctx, 5, true); err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		q     Query
		index string
	}{
		{Query{Limit: 50}, "articles_by_published"},
		{Query{Unread: true, Limit: 50}, "articles_unread"},
		{Query{Starred: true, Limit: 50}, "articles_starred"},
		{Query{Feed: "Feed 1", Limit: 50}, "articles_by_feed"},
		{Query{Feed: "Feed 1", Unread: true, Limit: 50}, "articles_feed_unread"},
		{Query{Ticker: "JD", Limit: 50}, "article_tickers_by_symbol"},
		{Query{Ticker: "JD", Unread: true, Limit: 50}, "article_tickers_by_symbol"},
		{Query{Since: base.Add(-5 * 3600e9), Limit: 50}, "articles_by_published"},
		// Several symbols: the ids come from the symbol index, the walk
		// in display order is over the articles.
		{Query{AnyTicker: []string{"JD", "BABA"}, Limit: 50}, "article_tickers_by_symbol"},
		{Query{AnyTicker: []string{"JD", "BABA"}, Unread: true, Limit: 50}, "article_tickers_by_symbol"},
	}
	perDay := func() string {
		rows, err := s.r.Query(`EXPLAIN QUERY PLAN SELECT published, mentions FROM article_tickers
			WHERE symbol = 'JD' AND published >= 0 ORDER BY published`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var plan []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		return strings.Join(plan, "\n")
	}
	for _, stats := range []bool{false, true} {
		if stats {
			if _, err := s.w.Exec(`ANALYZE`); err != nil {
				t.Fatal(err)
			}
		}
		if plan := perDay(); plan != "SEARCH article_tickers USING COVERING INDEX article_tickers_by_symbol (symbol=? AND published>?)" {
			t.Errorf("stats=%v MentionsByDay plan is not an index look-up:\n%s", stats, plan)
		}
		for _, c := range cases {
			plan := explain(t, s, c.q, false)
			if strings.Contains(plan, "FOR ORDER BY") || !strings.Contains(plan, c.index) {
				t.Errorf("stats=%v List(%+v) plan does not walk %s in order:\n%s", stats, c.q, c.index, plan)
			}
			count := explain(t, s, c.q, true)
			for _, line := range strings.Split(count, "\n") {
				// (A count made of two counts reads a constant row.)
				if strings.HasPrefix(line, "SCAN") && !strings.Contains(line, "COVERING INDEX") && line != "SCAN CONSTANT ROW" {
					t.Errorf("stats=%v Count(%+v) reads whole rows:\n%s", stats, c.q, count)
				}
			}
		}
	}
}
