package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Retention says which articles Prune may delete. Zero fields mean no limit.
type Retention struct {
	MaxAge  time.Duration // delete articles published and fetched longer ago than this
	PerFeed int           // keep at most this many unstarred articles per feed
}

// deleteBatch bounds the articles deleted per write transaction, so that a
// big prune never blocks the reader's writes (marking read) for long.
const deleteBatch = 500

// tombstoneTTL is how long Prune remembers a pruned article the feed no
// longer shows. While a feed keeps carrying it, each fetch renews it.
const tombstoneTTL = 90 * 24 * time.Hour

// Prune deletes articles beyond the retention limits and returns how many.
// Starred articles are never deleted and do not count against PerFeed. Age
// is measured by published time and by the time brief first stored the
// article, whichever is later: an old item fetched today (a new
// subscription's archive, the sample feed) stays for MaxAge from today
// instead of vanishing on its first fetch. Pruned articles are remembered, so a feed
// that still carries one does not bring it back as unread.
func (s *Store) Prune(ctx context.Context, r Retention, now time.Time) (int, error) {
	total := 0

	// Finish feed removals that were interrupted.
	removed, err := s.removedFeeds(ctx)
	if err != nil {
		return 0, fmt.Errorf("prune: %w", err)
	}
	for _, id := range removed {
		n, err := s.dropRemovedFeed(ctx, id)
		total += n
		if err != nil {
			return total, fmt.Errorf("prune: %w", err)
		}
	}

	if r.MaxAge > 0 {
		cutoff := toMS(now.Add(-r.MaxAge))
		n, err := s.deleteWhere(ctx, now, `published < ?1 AND fetched < ?1 AND starred = 0`, cutoff)
		total += n
		if err != nil {
			return total, fmt.Errorf("prune old articles: %w", err)
		}
	}

	if r.PerFeed > 0 {
		feeds, err := s.allFeedIDs(ctx)
		if err != nil {
			return total, fmt.Errorf("prune: %w", err)
		}
		for _, id := range feeds {
			n, err := s.prunePerFeed(ctx, id, r.PerFeed, now)
			total += n
			if err != nil {
				return total, fmt.Errorf("prune articles of feed %d: %w", id, err)
			}
		}
	}

	err = s.writeTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM pruned WHERE seen < ?`, toMS(now.Add(-tombstoneTTL)))
		return err
	})
	if err != nil {
		return total, fmt.Errorf("prune: %w", err)
	}
	return total, nil
}

// prunePerFeed keeps the newest keep unstarred articles of one feed.
func (s *Store) prunePerFeed(ctx context.Context, feedID int64, keep int, now time.Time) (int, error) {
	// The oldest article to keep; everything older and unstarred goes.
	var published, id int64
	err := s.r.QueryRowContext(ctx, `SELECT published, id FROM articles
		WHERE feed_id = ? AND starred = 0 ORDER BY published DESC, id DESC LIMIT 1 OFFSET ?`,
		feedID, keep-1).Scan(&published, &id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil // not more than keep
	}
	if err != nil {
		return 0, err
	}
	return s.deleteWhere(ctx, now, `feed_id = ? AND starred = 0 AND (published, id) < (?, ?)`, feedID, published, id)
}

// deleteWhere deletes the articles matching cond, in batches of deleteBatch
// per transaction, leaving a tombstone for each.
func (s *Store) deleteWhere(ctx context.Context, now time.Time, cond string, args ...any) (int, error) {
	total := 0
	for {
		var n int64
		err := s.writeTx(ctx, func(tx *sql.Tx) error {
			ids, err := queryIDs(ctx, tx, `SELECT id FROM articles WHERE `+cond+fmt.Sprintf(` LIMIT %d`, deleteBatch), args...)
			if err != nil || len(ids) == 0 {
				return err
			}
			list := idList(ids)
			if _, err := tx.ExecContext(ctx, `INSERT INTO pruned (feed_id, guid_key, seen)
				SELECT feed_id, guid_key, ? FROM articles WHERE id IN (`+list+`)
				ON CONFLICT DO UPDATE SET seen = excluded.seen`, toMS(now)); err != nil {
				return err
			}
			res, err := tx.ExecContext(ctx, `DELETE FROM articles WHERE id IN (`+list+`)`)
			if err != nil {
				return err
			}
			n, err = res.RowsAffected()
			return err
		})
		total += int(n)
		if err != nil {
			return total, err
		}
		if n < deleteBatch {
			return total, nil
		}
	}
}

func (s *Store) removedFeeds(ctx context.Context) ([]int64, error) {
	return s.ids(ctx, `SELECT id FROM feeds WHERE removed = 1`)
}

func (s *Store) allFeedIDs(ctx context.Context) ([]int64, error) {
	return s.ids(ctx, `SELECT id FROM feeds`)
}

func (s *Store) ids(ctx context.Context, query string) ([]int64, error) {
	return queryIDs(ctx, s.r, query)
}

// queryIDs collects the single integer column of a query.
func queryIDs(ctx context.Context, db interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, query string, args ...any) ([]int64, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
