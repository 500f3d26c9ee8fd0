package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// What the store keeps of a sync with a Miniflux or Google Reader API
// account: synced feeds, the entry map, the queue of changes made in brief
// and not yet sent, and the account's cursors (see schemaV5). Package
// remote drives it; these methods only keep the state consistent.

// Keys of sync_state.
const (
	syncAccountKey     = "account"
	syncLastSyncKey    = "last_sync"
	syncLastAttemptKey = "last_attempt"
	syncLastErrorKey   = "last_error"
)

// RemoteGUIDPrefix starts the GUID key of every synced article, before
// the server's entry id (see schemaV5's triggers).
const RemoteGUIDPrefix = "sync:"

// RemoteFeed is one subscription of the synced account.
type RemoteFeed struct {
	RemoteID string   // the server's id for it
	URL      string   // the feeds.url brief keys it by (never fetched)
	Title    string   // the server's title
	SiteLink string   // the site's address
	Folders  []string // the server's folders or categories: the feed's tags
}

// RemoteEntry is one entry of the synced account, as an article to save,
// with the state the server gives it.
type RemoteEntry struct {
	RemoteID      string
	FeedID        int64      // the synced feed (see SaveRemoteFeeds)
	Article       NewArticle // its GUIDKey is RemoteGUIDPrefix + RemoteID
	Read, Starred bool
	Changed       time.Time // when the server last changed it; zero when it does not say
}

// RemoteState is the read and starred state the server gives an entry.
type RemoteState struct {
	RemoteID      string
	Read, Starred bool
	Changed       time.Time // zero when the server does not say
}

// Change is a change made in brief to a synced article, waiting to be
// sent: Field "read" or "starred" set to Value, at At.
type Change struct {
	RemoteID string
	Field    string
	Value    bool
	At       time.Time
}

// ApplyStats counts what the server's states did.
type ApplyStats struct {
	Applied   int // server changes made to articles in brief
	Overruled int // queued changes of brief dropped: the server changed the entry later
	Kept      int // queued changes of brief the server disagrees with, kept: brief's were later
}

// UseSyncAccount makes account the one synced. When another account was
// synced before, what brief kept of it goes: the queue, the entry map,
// the cursors, and its feeds (their starred articles stay, as with
// RemoveFeed). It reports whether that happened.
func (s *Store) UseSyncAccount(ctx context.Context, account string) (switched bool, err error) {
	old, err := s.SyncValue(ctx, syncAccountKey)
	if err != nil || old == account {
		return false, err
	}
	var urls []string
	err = s.writeTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT url FROM feeds WHERE remote <> '' AND removed = 0`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var u string
			if err := rows.Scan(&u); err != nil {
				rows.Close()
				return err
			}
			urls = append(urls, u)
		}
		rows.Close()
		for _, q := range []string{`DELETE FROM sync_queue`, `DELETE FROM sync_entries`, `DELETE FROM sync_state`} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO sync_state (key, value) VALUES (?, ?)`, syncAccountKey, account)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("switch sync account: %w", err)
	}
	for _, u := range urls {
		if err := s.RemoveFeed(ctx, u); err != nil && !errors.Is(err, ErrNotFound) {
			return true, fmt.Errorf("switch sync account: %w", err)
		}
	}
	return old != "", nil
}

// SyncValue reads one value of the sync state ("" when unset).
func (s *Store) SyncValue(ctx context.Context, key string) (string, error) {
	var v string
	err := s.r.QueryRowContext(ctx, `SELECT value FROM sync_state WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read sync state: %w", err)
	}
	return v, nil
}

// SetSyncValues writes values of the sync state.
func (s *Store) SetSyncValues(ctx context.Context, values map[string]string) error {
	if err := s.writeTx(ctx, func(tx *sql.Tx) error { return setSyncValues(ctx, tx, values) }); err != nil {
		return fmt.Errorf("save sync state: %w", err)
	}
	return nil
}

func setSyncValues(ctx context.Context, tx *sql.Tx, values map[string]string) error {
	for k, v := range values {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sync_state (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, k, v); err != nil {
			return err
		}
	}
	return nil
}

// SaveRemoteFeeds records the account's subscriptions as feeds marked
// remote, titled and tagged as the server has them. With complete, the
// list is all of them: synced feeds missing from it are removed (their
// starred articles stay). It returns the feed IDs by remote ID.
func (s *Store) SaveRemoteFeeds(ctx context.Context, feeds []RemoteFeed, complete bool) (map[string]int64, error) {
	var gone []string
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		now := toMS(time.Now())
		for _, f := range feeds {
			if f.RemoteID == "" || f.URL == "" {
				return errors.New("a synced feed without an id")
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO feeds (url, feed_title, site_link, tags, remote, created)
				VALUES (?1, ?2, ?3, ?4, ?5, ?6)
				ON CONFLICT (url) DO UPDATE SET feed_title = excluded.feed_title,
					site_link = excluded.site_link, tags = excluded.tags, remote = excluded.remote, removed = 0`,
				f.URL, f.Title, f.SiteLink, encodeTags(normTags(f.Folders)), f.RemoteID, now); err != nil {
				return err
			}
		}
		if !complete {
			return nil
		}
		keep := make([]string, len(feeds))
		for i, f := range feeds {
			keep[i] = f.URL
		}
		b, _ := json.Marshal(keep) // []string always marshals
		rows, err := tx.QueryContext(ctx, `SELECT url FROM feeds WHERE remote <> '' AND removed = 0
			AND url NOT IN (SELECT value FROM json_each(?))`, string(b))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var u string
			if err := rows.Scan(&u); err != nil {
				return err
			}
			gone = append(gone, u)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("save synced feeds: %w", err)
	}
	for _, u := range gone {
		if err := s.RemoveFeed(ctx, u); err != nil && !errors.Is(err, ErrNotFound) {
			return nil, fmt.Errorf("save synced feeds: %w", err)
		}
	}
	return s.RemoteFeedIDs(ctx)
}

// RemoteFeedIDs returns the synced feeds' IDs by remote ID.
func (s *Store) RemoteFeedIDs(ctx context.Context) (map[string]int64, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT remote, id FROM feeds WHERE remote <> '' AND removed = 0`)
	if err != nil {
		return nil, fmt.Errorf("read synced feeds: %w", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var r string
		var id int64
		if err := rows.Scan(&r, &id); err != nil {
			return nil, fmt.Errorf("read synced feeds: %w", err)
		}
		out[r] = id
	}
	return out, rows.Err()
}

// UnknownRemoteIDs returns the ids among ids that no entry saved so far
// has, in the order given.
func (s *Store) UnknownRemoteIDs(ctx context.Context, ids []string) ([]string, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	b, _ := json.Marshal(ids) // []string always marshals
	rows, err := s.r.QueryContext(ctx, `SELECT value FROM json_each(?)
		WHERE value NOT IN (SELECT remote_id FROM sync_entries) ORDER BY key`, string(b))
	if err != nil {
		return nil, fmt.Errorf("look up synced entries: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("look up synced entries: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// RemoteStates returns the state the server last gave every entry saved.
func (s *Store) RemoteStates(ctx context.Context) ([]RemoteState, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT remote_id, read, starred, changed FROM sync_entries`)
	if err != nil {
		return nil, fmt.Errorf("read synced entries: %w", err)
	}
	defer rows.Close()
	var out []RemoteState
	for rows.Next() {
		var st RemoteState
		var changed int64
		if err := rows.Scan(&st.RemoteID, &st.Read, &st.Starred, &changed); err != nil {
			return nil, fmt.Errorf("read synced entries: %w", err)
		}
		st.Changed = fromMS(changed)
		out = append(out, st)
	}
	return out, rows.Err()
}

// QueuedChanges returns the changes made in brief that the server has not
// been sent yet, oldest first.
func (s *Store) QueuedChanges(ctx context.Context) ([]Change, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT remote_id, field, value, at FROM sync_queue ORDER BY at, remote_id, field`)
	if err != nil {
		return nil, fmt.Errorf("read queued changes: %w", err)
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var c Change
		var at int64
		if err := rows.Scan(&c.RemoteID, &c.Field, &c.Value, &at); err != nil {
			return nil, fmt.Errorf("read queued changes: %w", err)
		}
		c.At = fromMS(at)
		out = append(out, c)
	}
	return out, rows.Err()
}

// AckChanges records that the server took changes: they leave the queue
// (unless changed again since they were read) and become the server's
// state of their entries.
func (s *Store) AckChanges(ctx context.Context, changes []Change) error {
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		for _, c := range changes {
			col, err := syncColumn(c.Field)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM sync_queue WHERE remote_id = ? AND field = ? AND at = ?`,
				c.RemoteID, c.Field, toMS(c.At)); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE sync_entries SET `+col+` = ? WHERE remote_id = ?`,
				boolInt(c.Value), c.RemoteID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("record sent changes: %w", err)
	}
	return nil
}

// syncColumn is the sync_entries and articles column of a Change field.
func syncColumn(field string) (string, error) {
	switch field {
	case "read", "starred":
		return field, nil
	}
	return "", fmt.Errorf("unknown field %q of a queued change", field)
}

// SyncStatus is what `brief sync --status` says.
type SyncStatus struct {
	Account               string
	LastSync, LastAttempt time.Time
	LastError             string
	// Queued changes by what they do.
	Read, Unread, Star, Unstar int
	Entries, Feeds             int
}

// Queued is how many changes wait to be sent.
func (st SyncStatus) Queued() int { return st.Read + st.Unread + st.Star + st.Unstar }

// SyncStatus reads the sync state.
func (s *Store) SyncStatus(ctx context.Context) (SyncStatus, error) {
	var st SyncStatus
	var lastSync, lastAttempt string
	err := s.r.QueryRowContext(ctx, `SELECT
		coalesce((SELECT value FROM sync_state WHERE key = ?1), ''),
		coalesce((SELECT value FROM sync_state WHERE key = ?2), ''),
		coalesce((SELECT value FROM sync_state WHERE key = ?3), ''),
		coalesce((SELECT value FROM sync_state WHERE key = ?4), ''),
		(SELECT count(*) FROM sync_queue WHERE field = 'read' AND value = 1),
		(SELECT count(*) FROM sync_queue WHERE field = 'read' AND value = 0),
		(SELECT count(*) FROM sync_queue WHERE field = 'starred' AND value = 1),
		(SELECT count(*) FROM sync_queue WHERE field = 'starred' AND value = 0),
		(SELECT count(*) FROM sync_entries WHERE article_id IS NOT NULL),
		(SELECT count(*) FROM feeds WHERE remote <> '' AND removed = 0)`,
		syncAccountKey, syncLastSyncKey, syncLastAttemptKey, syncLastErrorKey).Scan(
		&st.Account, &lastSync, &lastAttempt, &st.LastError,
		&st.Read, &st.Unread, &st.Star, &st.Unstar, &st.Entries, &st.Feeds)
	if err != nil {
		return SyncStatus{}, fmt.Errorf("read sync state: %w", err)
	}
	st.LastSync, st.LastAttempt = parseMS(lastSync), parseMS(lastAttempt)
	return st, nil
}

func parseMS(s string) time.Time {
	ms, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}
	}
	return fromMS(ms)
}

// RecordSync records how a sync ended at at. A failure is also recorded on
// every synced feed, as a failed fetch is, so that the reader's feed errors
// and `brief feeds ls` show it; a success clears it.
func (s *Store) RecordSync(ctx context.Context, at time.Time, syncErr string) error {
	ms := toMS(at)
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		values := map[string]string{syncLastAttemptKey: strconv.FormatInt(ms, 10), syncLastErrorKey: syncErr}
		if syncErr == "" {
			values[syncLastSyncKey] = strconv.FormatInt(ms, 10)
			_, err := tx.ExecContext(ctx, `UPDATE feeds SET last_fetch = ?1, last_success = ?1, last_error = '', failures = 0
				WHERE remote <> '' AND removed = 0`, ms)
			if err != nil {
				return err
			}
		} else {
			_, err := tx.ExecContext(ctx, `UPDATE feeds SET last_fetch = ?1, last_error = ?2, failures = failures + 1
				WHERE remote <> '' AND removed = 0`, ms, syncErr)
			if err != nil {
				return err
			}
		}
		return setSyncValues(ctx, tx, values)
	})
	if err != nil {
		return fmt.Errorf("record the sync: %w", err)
	}
	return nil
}
