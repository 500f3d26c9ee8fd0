package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// SaveBatch is one write transaction that fetched feeds are saved into one
// at a time, as they arrive, and that commits them together. A fetch
// writes each feed while the next ones are still being converted, rather
// than gathering them first with the writer idle, and still pays for one
// commit per many feeds.
//
// Until Commit or Rollback the batch holds the write connection, so every
// other write of the Store waits for it: keep it open for a fraction of a
// second. A batch is used from one goroutine.
type SaveBatch struct {
	s       *Store
	ctx     context.Context
	tx      *sql.Tx
	st      *saveStmts
	stx     *storyTx
	tickers pendingTickers
	index   []int64 // ids the search index must (re)index
	err     error   // the error that failed the batch
	done    bool
}

// PrepareSave does the part of saving sv that needs no database: the
// articles' keys, digests and story keys. It can run on any goroutine,
// before the batch that saves sv; SaveBatch.Save does it when it was not
// done.
func (s *Store) PrepareSave(sv *FeedSave) {
	if sv.OK.At.IsZero() {
		sv.OK.At = time.Now()
	}
	sv.rows = prepareArticles(sv.Articles, sv.OK.At, s.storiesOff)
	sv.prepared = true
}

// BeginSaves opens a SaveBatch. Like every write, it waits up to LockWait
// for another program's lock on the database.
func (s *Store) BeginSaves(ctx context.Context) (*SaveBatch, error) {
	if !s.readOnly {
		s.ckpt.start(ctx, s)
	}
	s.recent.mu.Lock()
	b := &SaveBatch{s: s, ctx: ctx}
	s.wc.warm(ctx, s.w)
	err := s.untilUnlocked(ctx, func() error {
		tx, err := s.w.BeginTx(ctx, nil)
		b.tx = tx
		return s.explainWrite(err)
	})
	if err != nil {
		s.recent.mu.Unlock()
		return nil, err
	}
	if err := s.recent.begin(ctx, b.tx); err != nil {
		b.fail(fmt.Errorf("find the stories of new articles: %w", err))
		b.Rollback()
		return nil, b.err
	}
	b.stx = &storyTx{mem: s.recent.m, t: &s.recent.t, upTo: s.recent.base, window: s.storyWindow, off: s.storiesOff}
	return b, nil
}

// fail records err as what failed the batch, unless something did already.
func (b *SaveBatch) fail(err error) error {
	if b.err == nil {
		b.err = b.s.explainWrite(err)
	}
	return b.err
}

// Save writes one feed's fetch into the batch, as SaveFetch describes. A
// feed removed meanwhile gets ErrNotFound and the batch goes on; any other
// error fails the batch, and every later Save and the Commit return it.
func (b *SaveBatch) Save(sv *FeedSave) (SaveStats, error) {
	if b.err != nil {
		return SaveStats{}, b.err
	}
	if b.done {
		return SaveStats{}, errors.New("save articles: the batch is closed")
	}
	if !sv.prepared {
		b.s.PrepareSave(sv)
	}
	stats, ids, err := saveFeed(b.ctx, b.tx, &b.s.wc, &b.st, sv.FeedID, sv.OK, sv.rows, &b.tickers, b.stx)
	// The save marked the rows (ids, what is unchanged): saving sv again,
	// in another batch, starts from its articles afresh.
	sv.rows, sv.prepared = nil, false
	if errors.Is(err, ErrNotFound) {
		return SaveStats{}, fmt.Errorf("save articles: feed %d: %w", sv.FeedID, err)
	}
	if err != nil {
		return SaveStats{}, b.fail(fmt.Errorf("save articles of feed %d: %w", sv.FeedID, err))
	}
	b.index = append(b.index, ids...)
	return stats, nil
}

// RecordFailure is Store.RecordFailure inside the batch. A feed removed
// meanwhile gets ErrNotFound and the batch goes on.
func (b *SaveBatch) RecordFailure(feedID int64, errText string, gone bool, at time.Time) error {
	if b.err != nil {
		return b.err
	}
	err := recordFailure(b.ctx, b.tx, feedID, errText, gone, at)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return b.fail(err)
	}
	return err
}

// Commit writes what the batch's feeds share (ticker rows, story keys, the
// search index's queue) and commits. On an error nothing of the batch is
// saved.
func (b *SaveBatch) Commit() error {
	if b.done {
		return b.err
	}
	if b.err == nil {
		if err := b.finish(); err != nil {
			b.fail(err)
		}
	}
	if b.err != nil {
		b.Rollback()
		return b.err
	}
	b.done = true
	defer b.s.recent.mu.Unlock()
	if err := b.tx.Commit(); err != nil {
		b.fail(err)
		b.s.recent.m, b.s.recent.t = nil, candTable{} // some of it may not have been written
		return b.err
	}
	b.s.recent.merge(b.stx.keys, b.stx.newest)
	b.s.ckpt.poke()
	return nil
}

// finish writes the rows gathered over the batch's feeds.
func (b *SaveBatch) finish() error {
	if b.st != nil {
		defer func() {
			b.st.close()
			b.st = nil
		}()
	}
	if len(b.tickers.rows) > 0 {
		if err := b.st.insertTickerRows(b.ctx, b.tx, b.tickers.rows); err != nil {
			return fmt.Errorf("save tickers: %w", err)
		}
	}
	if len(b.tickers.infos) > 0 {
		if err := b.st.insertTickerInfo(b.ctx, b.tx, b.tickers.infos); err != nil {
			return fmt.Errorf("save tickers: %w", err)
		}
	}
	if err := insertStoryKeys(b.ctx, b.tx, &b.s.wc, b.stx.keys); err != nil {
		return err
	}
	if len(b.index) > 0 {
		// Queued, not indexed: see schemaV2 and IndexPending.
		if _, err := b.tx.ExecContext(b.ctx, `INSERT OR IGNORE INTO fts_pending (id)
			SELECT value FROM json_each(?)`, "["+idList(b.index)+"]"); err != nil {
			return fmt.Errorf("queue saved articles for the search index: %w", err)
		}
	}
	return nil
}

// Rollback abandons the batch: nothing of it is saved. It does nothing
// after Commit.
func (b *SaveBatch) Rollback() {
	if b.done {
		return
	}
	b.done = true
	if b.st != nil {
		b.st.close()
	}
	_ = b.tx.Rollback()
	b.s.recent.m, b.s.recent.t = nil, candTable{}
	b.s.recent.mu.Unlock()
}

// untilUnlocked runs try until it does not fail for another program's
// lock, or LockWait has passed: what was fetched is saved once the lock
// goes.
func (s *Store) untilUnlocked(ctx context.Context, try func() error) error {
	start := time.Now()
	for {
		err := try()
		if !Locked(err) || time.Since(start)+min(busyTimeout, LockWait) > LockWait || ctx.Err() != nil {
			if Locked(err) {
				return &lockError{msg: fmt.Sprintf("cannot write to %s: another program holds its lock (waited %s)",
					s.path, time.Since(start).Round(time.Second)), err: err}
			}
			return err
		}
	}
}
