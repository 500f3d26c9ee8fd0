package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"path/filepath"
	"sync"
)

// checkpointer copies the write-ahead log into the database on a
// connection and goroutine of its own while fetches write.
//
// Left to SQLite, the connection that commits past wal_autocheckpoint
// copies the log itself, inside its commit: on a first fetch of 10,000
// articles that stopped the writer for 100–150 ms every 32 MB of log (the
// copying and an fsync), and with it, through the queues, every converting
// and fetching goroutine, so both cores sat idle. Each commit of a
// SaveBatch now asks this goroutine for a PASSIVE checkpoint, which never
// waits for the writer, or the writer for it. The writer keeps its own
// automatic checkpoint, which bounds the log (without it the log of a
// 10,000-article fetch grew to 115 MB, and the close had to delete it)
// and now finds the copying mostly done. Whatever is left is checkpointed
// when the last connection closes, as before.
type checkpointer struct {
	once sync.Once
	db   *sql.DB
	mu   sync.Mutex // guards kick: a store may close while a fetch commits
	kick chan struct{}
	done chan struct{}
}

// start opens the checkpointer's connection, once. On an error the writer
// checkpoints alone, as before.
func (c *checkpointer) start(ctx context.Context, s *Store) {
	c.once.Do(func() {
		abs, err := filepath.Abs(s.path)
		if err != nil {
			return
		}
		q := url.Values{}
		q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", min(busyTimeout, LockWait).Milliseconds()))
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(NORMAL)")
		q.Add("_pragma", "cache_size(-256)")
		db, err := sql.Open("sqlite", fileURI(abs, q.Encode()))
		if err != nil {
			return
		}
		db.SetMaxOpenConns(1)
		if err := db.PingContext(ctx); err != nil {
			db.Close()
			return
		}
		c.mu.Lock()
		c.db, c.kick, c.done = db, make(chan struct{}, 1), make(chan struct{})
		go c.run(c.kick)
		c.mu.Unlock()
	})
}

func (c *checkpointer) run(kick <-chan struct{}) {
	defer close(c.done)
	for range kick {
		// Best effort: a checkpoint that fails (a reader holds old
		// frames, a full disk) leaves the log for the next one, and
		// the close checkpoints what is left.
		_, _ = c.db.Exec("PRAGMA wal_checkpoint(PASSIVE)")
	}
}

// poke asks for a checkpoint without waiting for it; one already asked for
// and not begun covers this one too.
func (c *checkpointer) poke() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.kick == nil {
		return
	}
	select {
	case c.kick <- struct{}{}:
	default:
	}
}

// stop waits for a checkpoint under way and closes the connection; the
// Store's close checkpoints the rest.
func (c *checkpointer) stop() {
	c.once.Do(func() {}) // no start after this
	c.mu.Lock()
	kick := c.kick
	c.kick = nil
	c.mu.Unlock()
	if kick == nil {
		return
	}
	close(kick)
	<-c.done
	c.db.Close()
}
