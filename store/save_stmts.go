package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/bits"
	"strings"
	"sync"
)

// saveStmts are the statements SaveFetch runs per article, taken once
// per transaction from c.
type saveStmts struct {
	c                                         *stmtCache
	insert, update, deleteTickers, deleteInfo *sql.Stmt
	tickers, infos                            *multiInsert // prepared on first use
}

func prepareSave(ctx context.Context, tx *sql.Tx, c *stmtCache) (*saveStmts, error) {
	st := &saveStmts{c: c}
	for _, p := range []struct {
		dst **sql.Stmt
		sql string
	}{
		{&st.insert, `INSERT INTO articles (feed_id, guid_key, link, title, author, published, updated, fetched,
			html, markdown, briefing, extractor_version, digest, story, read, starred, raw_digest, story_keyed, tickers)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`},
		{&st.update, `UPDATE articles SET link = ?, title = ?, author = ?, updated = ?, html = ?, markdown = ?,
			briefing = ?, extractor_version = ?, digest = ?, raw_digest = ?, tickers = ? WHERE id = ?`},
		{&st.deleteTickers, `DELETE FROM article_tickers WHERE article_id = ?`},
		{&st.deleteInfo, `DELETE FROM ticker_info WHERE article_id = ?`},
	} {
		stmt, err := c.in(ctx, tx, p.sql)
		if err != nil {
			st.close()
			return nil, err
		}
		*p.dst = stmt
	}
	return st, nil
}

func (st *saveStmts) close() {
	for _, s := range []*sql.Stmt{st.insert, st.update, st.deleteTickers, st.deleteInfo} {
		if s != nil {
			s.Close()
		}
	}
	for _, m := range []*multiInsert{st.tickers, st.infos} {
		if m != nil {
			m.close()
		}
	}
}

// prunedAmong returns which of the GUID keys (a JSON array) have a
// tombstone in feedID, and marks those tombstones as seen at at.
func prunedAmong(ctx context.Context, tx *sql.Tx, c *stmtCache, feedID int64, keyJSON string, at int64) (map[string]bool, error) {
	var has int
	if err := queryRow(ctx, tx, c, `SELECT EXISTS (SELECT 1 FROM pruned WHERE feed_id = ?)`, []any{feedID}, &has); err != nil {
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

const insertTickerSQL = `INSERT INTO article_tickers (article_id, symbol, mentions, is_primary, published)
	VALUES (?,?,?,?,?)`

// tickerRow is one article_tickers row waiting to be inserted.
type tickerRow struct {
	id, published int64
	symbol        string
	mentions      int
	primary       bool
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
	if st.tickers == nil {
		st.tickers = &multiInsert{into: `article_tickers (article_id, symbol, mentions, is_primary, published)`, cols: 5, c: st.c}
	}
	return st.tickers.run(ctx, tx, len(rows), tickerChunk, func(args []any, i int) []any {
		r := &rows[i]
		return append(args, r.id, r.symbol, r.mentions, boolInt(r.primary), r.published)
	})
}

// multiInsert inserts rows into a table with multi-row INSERT statements,
// taken from c once per row count and transaction. Rows go chunk at a
// time, and what is left in pieces of a power of two rows, so that the
// statements are few and the same in every transaction (stmtCache).
type multiInsert struct {
	into  string // "table (columns)"
	cols  int
	or    string // "" or "OR IGNORE"
	c     *stmtCache
	stmts map[int]*sql.Stmt
}

// run inserts n rows, at most chunk a statement; args appends row i's
// values.
func (m *multiInsert) run(ctx context.Context, tx *sql.Tx, n, chunk int, args func(dst []any, i int) []any) error {
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", m.cols), ",") + ")"
	vals := make([]any, 0, m.cols*min(n, chunk))
	for done := 0; done < n; {
		k := min(n-done, chunk)
		if k < chunk {
			k = 1 << (bits.Len(uint(k)) - 1)
		}
		stmt := m.stmts[k]
		if stmt == nil {
			var err error
			if stmt, err = m.c.in(ctx, tx, `INSERT `+m.or+` INTO `+m.into+` VALUES `+
				strings.TrimSuffix(strings.Repeat(row+",", k), ",")); err != nil {
				return err
			}
			if m.stmts == nil {
				m.stmts = map[int]*sql.Stmt{}
			}
			m.stmts[k] = stmt
		}
		vals = vals[:0]
		for i := done; i < done+k; i++ {
			vals = args(vals, i)
		}
		if _, err := stmt.ExecContext(ctx, vals...); err != nil {
			return err
		}
		done += k
	}
	return nil
}

func (m *multiInsert) close() {
	for _, s := range m.stmts {
		s.Close()
	}
}

// ItemDigests returns the raw digests (NewArticle.RawDigest) of feedID's
// stored articles by GUID key, read from an index alone.
//
// Every call reads on one reader connection (digestConn). A fetch asks
// once per feed from several goroutines, and spread over the pool each
// connection cached its own copy of the index: 7-9 MB more resident in a
// re-fetch of 10,000 known articles.
func (s *Store) ItemDigests(ctx context.Context, feedID int64) (map[string][]byte, error) {
	out, err := s.digests.read(ctx, s.r, feedID)
	if err != nil {
		return nil, fmt.Errorf("digests of feed %d: %w", feedID, err)
	}
	return out, nil
}

// digestConn is the reader connection ItemDigests keeps for itself.
type digestConn struct {
	mu sync.Mutex
	c  *sql.Conn
}

func (d *digestConn) read(ctx context.Context, db *sql.DB, feedID int64) (map[string][]byte, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.c == nil {
		c, err := db.Conn(ctx)
		if err != nil {
			return nil, err
		}
		d.c = c
	}
	out, err := itemDigests(ctx, d.c, feedID)
	if err != nil {
		// Whatever went wrong, the next call starts on a fresh connection.
		d.c.Close()
		d.c = nil
	}
	return out, err
}

// close gives the connection back to the pool.
func (d *digestConn) close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.c != nil {
		d.c.Close()
		d.c = nil
	}
}

func itemDigests(ctx context.Context, c *sql.Conn, feedID int64) (map[string][]byte, error) {
	rows, err := c.QueryContext(ctx, `SELECT guid_key, raw_digest FROM articles INDEXED BY articles_raw_digest
		WHERE feed_id = ? AND raw_digest IS NOT NULL`, feedID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]byte{}
	for rows.Next() {
		var k string
		var d []byte
		if err := rows.Scan(&k, &d); err != nil {
			return nil, err
		}
		out[k] = d
	}
	return out, rows.Err()
}
