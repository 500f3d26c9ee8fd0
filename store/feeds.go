package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Feed is a subscription and its fetch health.
type Feed struct {
	ID       int64
	URL      string
	Title    string // the user's title when one was given, else the feed's own
	SiteLink string
	Tags     []string

	// Validators for conditional GET.
	ETag, LastModified string
	// BodyDigest is the digest of the last document fetched
	// (feed.BodyDigest), for servers that ignore validators.
	BodyDigest []byte

	LastFetch   time.Time // last attempt, successful or not
	LastSuccess time.Time
	LastError   string // empty after a successful fetch
	Failures    int    // consecutive failed fetches
	Gone        bool   // the server said the feed is gone for good (HTTP 410)

	// Counts, filled by Feeds and FeedByURL.
	Articles, Unread int
}

// feedTitle is the title shown for a feed: the user's if set.
const feedTitle = `CASE WHEN f.user_title <> '' THEN f.user_title ELSE f.feed_title END`

const feedColumns = `f.id, f.url, ` + feedTitle + `, f.site_link, f.tags, f.etag, f.last_modified,
	f.last_fetch, f.last_success, f.last_error, f.failures, f.gone,
	(SELECT count(*) FROM articles a WHERE a.feed_id = f.id),
	(SELECT count(*) FROM articles a WHERE a.feed_id = f.id AND a.read = 0), f.body_digest`

func scanFeed(sc interface{ Scan(...any) error }) (Feed, error) {
	var (
		f                      Feed
		tags                   string
		lastFetch, lastSuccess int64
		gone                   int
	)
	err := sc.Scan(&f.ID, &f.URL, &f.Title, &f.SiteLink, &tags, &f.ETag, &f.LastModified,
		&lastFetch, &lastSuccess, &f.LastError, &f.Failures, &gone, &f.Articles, &f.Unread, &f.BodyDigest)
	if err != nil {
		return Feed{}, err
	}
	f.Tags = decodeTags(tags)
	f.LastFetch, f.LastSuccess = fromMS(lastFetch), fromMS(lastSuccess)
	f.Gone = gone != 0
	return f, nil
}

func encodeTags(tags []string) string {
	if len(tags) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(tags) // []string always marshals
	return string(b)
}

func decodeTags(s string) []string {
	var tags []string
	if json.Unmarshal([]byte(s), &tags) != nil || len(tags) == 0 {
		return nil
	}
	return tags
}

// EnsureFeed subscribes to url, or updates an existing subscription: the
// title when title is not empty, and the tags always. A feed removed earlier
// is revived; its validators are cleared so the next fetch gets the full
// document back.
func (s *Store) EnsureFeed(ctx context.Context, url, title string, tags []string) (Feed, error) {
	feeds, err := s.EnsureFeeds(ctx, []FeedSpec{{URL: url, Title: title, Tags: tags}})
	if err != nil {
		return Feed{}, err
	}
	return feeds[0], nil
}

// upsertFeedSQL subscribes to ?1 with title ?2 and tags ?3 at time ?4; see
// EnsureFeed.
const upsertFeedSQL = `
	INSERT INTO feeds (url, user_title, tags, created) VALUES (?1, ?2, ?3, ?4)
	ON CONFLICT (url) DO UPDATE SET
		user_title    = CASE WHEN excluded.user_title <> '' THEN excluded.user_title ELSE feeds.user_title END,
		tags          = excluded.tags,
		etag          = CASE WHEN feeds.removed THEN '' ELSE feeds.etag END,
		last_modified = CASE WHEN feeds.removed THEN '' ELSE feeds.last_modified END,
		failures      = CASE WHEN feeds.removed THEN 0 ELSE feeds.failures END,
		last_error    = CASE WHEN feeds.removed THEN '' ELSE feeds.last_error END,
		gone          = CASE WHEN feeds.removed THEN 0 ELSE feeds.gone END,
		removed       = 0`

// FeedSpec is a subscription as the configuration gives it.
type FeedSpec struct {
	URL, Title string
	Tags       []string
}

// EnsureFeeds is EnsureFeed for a whole subscription list, in one write
// transaction for the feeds that need one (all of them on a first fetch)
// instead of one each. The common case, every fetch, is a list that has
// not changed: it is answered from a reader, so startup takes no write
// lock at all. Feeds come back in the order given.
func (s *Store) EnsureFeeds(ctx context.Context, specs []FeedSpec) ([]Feed, error) {
	known := map[string][2]string{}
	rows, err := s.r.QueryContext(ctx, `SELECT url, user_title, tags FROM feeds WHERE removed = 0`)
	if err != nil {
		return nil, fmt.Errorf("read subscriptions: %w", err)
	}
	for rows.Next() {
		var u, t, g string
		if err := rows.Scan(&u, &t, &g); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read subscriptions: %w", err)
		}
		known[u] = [2]string{t, g}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read subscriptions: %w", err)
	}
	var write []int
	for i, sp := range specs {
		if sp.URL == "" {
			return nil, errors.New("add feed: empty URL")
		}
		k, ok := known[sp.URL]
		if !ok || sp.Title != "" && sp.Title != k[0] || encodeTags(normTags(sp.Tags)) != k[1] {
			write = append(write, i)
		}
	}
	if len(write) > 0 {
		now := toMS(time.Now())
		err := s.writeTx(ctx, func(tx *sql.Tx) error {
			stmt, err := tx.PrepareContext(ctx, upsertFeedSQL)
			if err != nil {
				return err
			}
			defer stmt.Close()
			for _, i := range write {
				sp := specs[i]
				if _, err := stmt.ExecContext(ctx, sp.URL, sp.Title, encodeTags(normTags(sp.Tags)), now); err != nil {
					return fmt.Errorf("add feed %s: %w", sp.URL, err)
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return s.feedsByURL(ctx, specs)
}

// feedsByURL reads the feeds of specs, in their order, a few hundred to a
// statement: one a feed cost a fetch of 200 feeds 200 statements before
// its first request. The addresses are bound as they are, not as JSON,
// which would turn bytes that are not UTF-8 into U+FFFD.
func (s *Store) feedsByURL(ctx context.Context, specs []FeedSpec) ([]Feed, error) {
	byURL := make(map[string]Feed, len(specs))
	for from := 0; from < len(specs); from += feedsPerRead {
		part := specs[from:min(from+feedsPerRead, len(specs))]
		args := make([]any, len(part))
		for i, sp := range part {
			args[i] = sp.URL
		}
		rows, err := s.r.QueryContext(ctx, `SELECT `+feedColumns+` FROM feeds f
			WHERE f.url IN (`+placeholders(len(part))+`) AND f.removed = 0`, args...)
		if err != nil {
			return nil, fmt.Errorf("read subscriptions: %w", err)
		}
		for rows.Next() {
			f, err := scanFeed(rows)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("read subscriptions: %w", err)
			}
			byURL[f.URL] = f
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("read subscriptions: %w", err)
		}
	}
	out := make([]Feed, len(specs))
	for i, sp := range specs {
		f, ok := byURL[sp.URL]
		if !ok {
			return nil, fmt.Errorf("add feed %s: %w", sp.URL, ErrNotFound)
		}
		out[i] = f
	}
	return out, nil
}

// feedsPerRead bounds the addresses one statement of feedsByURL binds.
const feedsPerRead = 500

// normTags drops empty tags so that nil and [] compare equal.
func normTags(tags []string) []string {
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		if t != "" {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// Feeds returns every subscribed feed with its article and unread counts,
// ordered by title (case-insensitively), then URL.
func (s *Store) Feeds(ctx context.Context) ([]Feed, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+feedColumns+` FROM feeds f
		WHERE f.removed = 0
		ORDER BY `+feedTitle+` COLLATE NOCASE, f.url`)
	if err != nil {
		return nil, fmt.Errorf("list feeds: %w", err)
	}
	defer rows.Close()
	var feeds []Feed
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, fmt.Errorf("list feeds: %w", err)
		}
		feeds = append(feeds, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list feeds: %w", err)
	}
	return feeds, nil
}

// FeedByURL returns the subscribed feed with this exact URL, or ErrNotFound.
func (s *Store) FeedByURL(ctx context.Context, url string) (Feed, error) {
	f, err := scanFeed(s.r.QueryRowContext(ctx, `SELECT `+feedColumns+` FROM feeds f WHERE f.url = ? AND f.removed = 0`, url))
	if errors.Is(err, sql.ErrNoRows) {
		return Feed{}, fmt.Errorf("feed %s: %w", url, ErrNotFound)
	}
	if err != nil {
		return Feed{}, fmt.Errorf("feed %s: %w", url, err)
	}
	return f, nil
}

// RemoveFeed unsubscribes from url and deletes its articles, except starred
// ones: those stay, still attached to the feed row (kept hidden from Feeds),
// so that the starred view keeps showing where they came from. Subscribing
// to the same URL again brings the row back with them.
//
// The articles go in small batches so that a big feed never holds the write
// lock for long; the feed is marked removed first, so a concurrent fetch
// cannot add to it meanwhile.
func (s *Store) RemoveFeed(ctx context.Context, url string) error {
	var id int64
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT id FROM feeds WHERE url = ? AND removed = 0`, url).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE feeds SET removed = 1 WHERE id = ?`, id)
		return err
	})
	if err != nil {
		return fmt.Errorf("remove feed %s: %w", url, err)
	}
	if _, err := s.dropRemovedFeed(ctx, id); err != nil {
		return fmt.Errorf("remove feed %s: %w", url, err)
	}
	return nil
}

// dropRemovedFeed deletes the unstarred articles of a feed marked removed,
// and the feed row itself once nothing refers to it. It stops early if the
// feed is subscribed again meanwhile. Prune calls it too, to finish a removal
// that was interrupted.
func (s *Store) dropRemovedFeed(ctx context.Context, id int64) (deleted int, err error) {
	for {
		var n int64
		err := s.writeTx(ctx, func(tx *sql.Tx) error {
			res, err := tx.ExecContext(ctx, `DELETE FROM articles WHERE id IN (
				SELECT a.id FROM articles a
				WHERE a.feed_id = ?1 AND a.starred = 0
				AND EXISTS (SELECT 1 FROM feeds WHERE id = ?1 AND removed = 1)
				LIMIT ?2)`, id, deleteBatch)
			if err != nil {
				return err
			}
			n, err = res.RowsAffected()
			return err
		})
		deleted += int(n)
		if err != nil {
			return deleted, err
		}
		if n == 0 {
			break
		}
	}
	return deleted, s.writeTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM feeds WHERE id = ?1 AND removed = 1
			AND NOT EXISTS (SELECT 1 FROM articles WHERE feed_id = ?1)`, id)
		return err
	})
}

// RecordFailure notes a failed fetch of feedID: one more consecutive
// failure, the error text, and whether the server said the feed is gone.
func (s *Store) RecordFailure(ctx context.Context, feedID int64, errText string, gone bool, at time.Time) error {
	return recordFailure(ctx, s.w, feedID, errText, gone, at)
}

// recordFailure is RecordFailure on db, the write connection or a
// transaction on it.
func recordFailure(ctx context.Context, db interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}, feedID int64, errText string, gone bool, at time.Time) error {
	if at.IsZero() {
		at = time.Now()
	}
	res, err := db.ExecContext(ctx, `UPDATE feeds SET failures = failures + 1, last_error = ?, gone = ?, last_fetch = ?
		WHERE id = ?`, errText, boolInt(gone), toMS(at), feedID)
	if err != nil {
		return fmt.Errorf("record fetch failure of feed %d: %w", feedID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("record fetch failure of feed %d: %w", feedID, ErrNotFound)
	}
	return nil
}
