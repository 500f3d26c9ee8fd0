package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// saveStmts are the statements SaveFetch runs per article, prepared once
// per transaction.
type saveStmts struct {
	insert, update, deleteTickers *sql.Stmt
	tickers                       map[int]*sql.Stmt // multi-row ticker inserts by row count, prepared on first use
}

func prepareSave(ctx context.Context, tx *sql.Tx) (*saveStmts, error) {
	st := &saveStmts{}
	for _, p := range []struct {
		dst **sql.Stmt
		sql string
	}{
		{&st.insert, `INSERT INTO articles (feed_id, guid_key, link, title, author, published, updated, fetched,
			html, markdown, briefing, extractor_version, digest, story, read, starred, raw_digest, story_keyed)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`},
		{&st.update, `UPDATE articles SET link = ?, title = ?, author = ?, updated = ?, html = ?, markdown = ?,
			briefing = ?, extractor_version = ?, digest = ?, raw_digest = ? WHERE id = ?`},
		{&st.deleteTickers, `DELETE FROM article_tickers WHERE article_id = ?`},
	} {
		stmt, err := tx.PrepareContext(ctx, p.sql)
		if err != nil {
			st.close()
			return nil, err
		}
		*p.dst = stmt
	}
	return st, nil
}

func (st *saveStmts) close() {
	for _, s := range []*sql.Stmt{st.insert, st.update, st.deleteTickers} {
		if s != nil {
			s.Close()
		}
	}
	for _, s := range st.tickers {
		s.Close()
	}
}

// prunedAmong returns which of the GUID keys (a JSON array) have a
// tombstone in feedID, and marks those tombstones as seen at at.
func prunedAmong(ctx context.Context, tx *sql.Tx, feedID int64, keyJSON string, at int64) (map[string]bool, error) {
	var has int
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pruned WHERE feed_id = ?)`, feedID).Scan(&has); err != nil {
		return nil, err
	}
	if has == 0 {
		return nil, nil
	}
	rows, err := tx.QueryContext(ctx, `UPDATE pruned SET seen = ?
		WHERE feed_id = ? AND guid_key IN (SELECT value FROM json_each(?)) RETURNING guid_key`, at, feedID, keyJSON)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	tombs := map[string]bool{}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		tombs[k] = true
	}
	return tombs, rows.Err()
}

const insertTickerSQL = `INSERT INTO article_tickers (article_id, symbol, exchange, name, mentions, signal, is_primary, published)
	VALUES (?,?,?,?,?,?,?,?)`

// tickerRow is one article_tickers row waiting to be inserted.
type tickerRow struct {
	id, published int64
	t             Ticker
}

// tickerChunk is the most rows one ticker INSERT carries. SaveFetches
// inserts the tickers of all its feeds together: a multi-row INSERT keeps
// a statement journal of every page it touches, and 500 rows that land on
// the same index pages journal them once instead of five times (up to a
// tenth less CPU in BenchmarkIngest10kBatched). Larger chunks gained
// nothing more.
const tickerChunk = 500

// insertTickerRows inserts rows with as few statements as possible: each
// statement costs far more than a row in this SQLite build.
func (st *saveStmts) insertTickerRows(ctx context.Context, tx *sql.Tx, rows []tickerRow) error {
	var args []any
	for len(rows) > 0 {
		n := min(len(rows), tickerChunk)
		stmt := st.tickers[n]
		if stmt == nil {
			var b strings.Builder
			b.WriteString(`INSERT INTO article_tickers (article_id, symbol, exchange, name, mentions, signal, is_primary, published) VALUES `)
			for i := range n {
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteString("(?,?,?,?,?,?,?,?)")
			}
			var err error
			if stmt, err = tx.PrepareContext(ctx, b.String()); err != nil {
				return err
			}
			if st.tickers == nil {
				st.tickers = map[int]*sql.Stmt{}
			}
			st.tickers[n] = stmt
		}
		args = args[:0]
		for _, r := range rows[:n] {
			args = append(args, r.id, r.t.Symbol, r.t.Exchange, r.t.Name, r.t.Mentions, r.t.Signal, boolInt(r.t.Primary), r.published)
		}
		if _, err := stmt.ExecContext(ctx, args...); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// ItemDigests returns the raw digests (NewArticle.RawDigest) of feedID's
// stored articles by GUID key, read from an index alone.
func (s *Store) ItemDigests(ctx context.Context, feedID int64) (map[string][]byte, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT guid_key, raw_digest FROM articles INDEXED BY articles_raw_digest
		WHERE feed_id = ? AND raw_digest IS NOT NULL`, feedID)
	if err != nil {
		return nil, fmt.Errorf("digests of feed %d: %w", feedID, err)
	}
	defer rows.Close()
	out := map[string][]byte{}
	for rows.Next() {
		var k string
		var d []byte
		if err := rows.Scan(&k, &d); err != nil {
			return nil, fmt.Errorf("digests of feed %d: %w", feedID, err)
		}
		out[k] = d
	}
	return out, rows.Err()
}
