package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode"
)

// Search returns up to limit articles (0 = no limit) whose title or body
// contains every word of query, best match first (bm25). Bodies are left
// empty, as in List.
//
// The query is plain user text, never FTS5 syntax: each word becomes a
// quoted term and the terms are ANDed, so quotes, parentheses, AND/OR/NOT,
// '-' or a lone '*' can never make the query fail. A word ending in '*'
// stays a prefix search ("earn*" finds "earnings").
//
// Articles saved since the last search are indexed first (IndexPending).
func (s *Store) Search(ctx context.Context, query string, limit int) ([]Article, error) {
	match := ftsQuery(query)
	if match == "" {
		return nil, nil
	}
	if _, err := s.IndexPending(ctx); err != nil {
		return nil, fmt.Errorf("search for %q: %w", query, err)
	}
	if limit <= 0 {
		limit = -1
	}
	// Rank and cut in the subquery, so that list columns (feed, tickers)
	// are only computed for the rows returned. rank is bm25 with the
	// weights set up in the schema.
	rows, err := s.r.QueryContext(ctx, `SELECT `+articleColumns+`
		FROM (SELECT rowid AS id, rank FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?) m
		JOIN articles a ON a.id = m.id
		JOIN feeds f ON f.id = a.feed_id
		ORDER BY m.rank, a.published DESC`, match, limit)
	if err != nil {
		return nil, fmt.Errorf("search for %q: %w", query, err)
	}
	arts, err := collectArticles(rows, false)
	if err != nil {
		return nil, fmt.Errorf("search for %q: %w", query, err)
	}
	return arts, nil
}

// ftsQuery turns user text into an FTS5 query of quoted, ANDed terms.
// Words without a letter or digit are dropped: the tokenizer would make an
// empty phrase of them, which matches nothing and would empty the result.
func ftsQuery(text string) string {
	var terms []string
	for _, w := range strings.Fields(text) {
		prefix := strings.HasSuffix(w, "*")
		w = strings.TrimRight(w, "*")
		if !strings.ContainsFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) {
			continue
		}
		term := `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
		if prefix {
			term += "*"
		}
		terms = append(terms, term)
	}
	return strings.Join(terms, " AND ")
}

// IndexPending adds the articles saved since the last call to the full-text
// index, all in one statement, and reports how many it added. Search calls
// it; the reader also calls it in the background so that its first search
// does not wait. Without anything queued it only reads.
func (s *Store) IndexPending(ctx context.Context) (int, error) {
	var queued bool
	if err := s.r.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM fts_pending)`).Scan(&queued); err != nil {
		return 0, fmt.Errorf("update search index: %w", err)
	}
	if !queued {
		return 0, nil
	}
	total := 0
	for {
		var n, last int64
		err := s.writeTx(ctx, func(tx *sql.Tx) error {
			// Another process may have indexed them meanwhile: the queue
			// is re-read under the write lock, and rows deleted since are
			// gone from it (the delete trigger).
			err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM
				(SELECT id FROM fts_pending ORDER BY id LIMIT ?)`, indexChunk).Scan(&last)
			if err != nil || last == 0 {
				return err
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO articles_fts (rowid, title, markdown)
				SELECT a.id, a.title, a.markdown FROM fts_pending p JOIN articles a ON a.id = p.id
				WHERE p.id <= ?`, last)
			if err != nil {
				return err
			}
			if n, err = res.RowsAffected(); err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx, `DELETE FROM fts_pending WHERE id <= ?`, last)
			return err
		})
		if err != nil {
			return total, fmt.Errorf("update search index: %w", err)
		}
		total += int(n)
		if last == 0 {
			return total, nil
		}
	}
}

// indexChunk bounds the articles IndexPending indexes per transaction (a
// variable for the tests), so that a large backlog (the first fetch of many
// feeds) neither holds the write lock for seconds nor starts over when the
// reader quits midway.
var indexChunk = 5000
