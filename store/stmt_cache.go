package store

import (
	"context"
	"database/sql"
	"slices"
	"sync"
)

// stmtCache keeps the statements the writer runs in every transaction of
// a fetch prepared on the writer connection, from one transaction to the
// next. Preparing is what a statement costs most in this SQLite build: a
// first fetch of 200 feeds prepared the same few statements in each of its
// twenty-odd batches, and the per-feed ones for every feed, some 0.07 s of
// CPU in all.
//
// A statement cannot be prepared on the writer's pool while a transaction
// holds its one connection, so a statement asked for the first time is
// prepared on the transaction (as before) and noted; warm, called before
// the next transaction begins, prepares the noted ones on the pool. From
// then on a transaction uses them through Tx.StmtContext, which finds them
// already prepared on its connection.
type stmtCache struct {
	mu     sync.Mutex
	m      map[string]*sql.Stmt
	wanted []string
	closed bool
}

// in returns q as a statement of tx. The caller closes it, which leaves a
// cached statement prepared for the next transaction. A nil cache
// prepares q on tx.
func (c *stmtCache) in(ctx context.Context, tx *sql.Tx, q string) (*sql.Stmt, error) {
	if c == nil {
		return tx.PrepareContext(ctx, q)
	}
	c.mu.Lock()
	st, ok := c.m[q]
	if !ok && !c.closed && !slices.Contains(c.wanted, q) {
		c.wanted = append(c.wanted, q)
	}
	c.mu.Unlock()
	if ok {
		return tx.StmtContext(ctx, st), nil
	}
	return tx.PrepareContext(ctx, q)
}

// warm prepares on db the statements transactions asked for since the
// last call. It must not be called while a transaction is open on db's
// one connection. A statement that fails to prepare is left to the
// transactions, which then prepare it themselves.
func (c *stmtCache) warm(ctx context.Context, db *sql.DB) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed || len(c.wanted) == 0 {
		return
	}
	for _, q := range c.wanted {
		st, err := db.PrepareContext(ctx, q)
		if err != nil {
			continue
		}
		if c.m == nil {
			c.m = map[string]*sql.Stmt{}
		}
		c.m[q] = st
	}
	c.wanted = nil
}

// close closes the cached statements; the cache prepares nothing more.
func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.m {
		st.Close()
	}
	c.m, c.wanted, c.closed = nil, nil, true
}
