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

// SaveRemoteEntries saves entries of the synced account as articles of
// their synced feeds (as SaveFetches does: briefings, tickers, stories,
// the search queue) and records them in the entry map, with values of the
// sync state (cursors) in the same transaction as the map.
//
// A new entry takes the server's read and starred state. When it joins a
// story that brief already has read or starred, the story's state holds
// and is queued for the server, so that every copy of a story reads the
// same. An entry saved before is not saved again; its state goes through
// ApplyRemoteStates' rule. unknownAt is when a state without a time of
// its own counts as made (see ApplyRemoteStates).
func (s *Store) SaveRemoteEntries(ctx context.Context, entries []RemoteEntry, unknownAt time.Time, state map[string]string) (SaveStats, ApplyStats, error) {
	var stats SaveStats
	var applied ApplyStats
	byFeed := map[int64]int{}
	var saves []FeedSave
	now := time.Now()
	for k := range entries {
		e := &entries[k]
		e.Article.GUIDKey = RemoteGUIDPrefix + e.RemoteID
		i, ok := byFeed[e.FeedID]
		if !ok {
			i = len(saves)
			byFeed[e.FeedID] = i
			saves = append(saves, FeedSave{FeedID: e.FeedID, OK: FetchOK{At: now}})
		}
		saves[i].Articles = append(saves[i].Articles, e.Article)
	}
	for _, r := range s.SaveFetches(ctx, saves) {
		if r.Err != nil {
			return stats, applied, fmt.Errorf("save synced entries: %w", r.Err)
		}
		stats.New += r.Stats.New
		stats.Updated += r.Stats.Updated
	}
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		known, err := knownRemote(ctx, tx, entries)
		if err != nil {
			return err
		}
		var again []RemoteState
		for i := range entries {
			e := &entries[i]
			if known[e.RemoteID] {
				again = append(again, RemoteState{RemoteID: e.RemoteID, Read: e.Read, Starred: e.Starred, Changed: e.Changed})
				if _, err := tx.ExecContext(ctx, `UPDATE sync_entries SET article_id =
					(SELECT id FROM articles WHERE feed_id = ? AND guid_key = ?)
					WHERE remote_id = ? AND article_id IS NULL`, e.FeedID, guidKey(&e.Article), e.RemoteID); err != nil {
					return err
				}
				continue
			}
			known[e.RemoteID] = true
			if err := mapNewEntry(ctx, tx, e); err != nil {
				return err
			}
		}
		if applied, err = applyStates(ctx, tx, again, toMS(unknownAt)); err != nil {
			return err
		}
		return setSyncValues(ctx, tx, state)
	})
	if err != nil {
		return stats, applied, fmt.Errorf("save synced entries: %w", err)
	}
	return stats, applied, nil
}

// knownRemote reports which of the entries' remote IDs the map holds.
func knownRemote(ctx context.Context, tx *sql.Tx, entries []RemoteEntry) (map[string]bool, error) {
	ids := make([]string, len(entries))
	for i, e := range entries {
		ids[i] = e.RemoteID
	}
	b, _ := json.Marshal(ids) // []string always marshals
	rows, err := tx.QueryContext(ctx, `SELECT remote_id FROM sync_entries
		WHERE remote_id IN (SELECT value FROM json_each(?))`, string(b))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	known := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		known[id] = true
	}
	return known, rows.Err()
}

// mapNewEntry records a newly saved entry in the map and reconciles its
// article with the server's state (see SaveRemoteEntries).
func mapNewEntry(ctx context.Context, tx *sql.Tx, e *RemoteEntry) error {
	var id int64
	var read, starred bool
	err := tx.QueryRowContext(ctx, `SELECT id, read, starred FROM articles WHERE feed_id = ? AND guid_key = ?`,
		e.FeedID, guidKey(&e.Article)).Scan(&id, &read, &starred)
	var article any
	switch {
	case errors.Is(err, sql.ErrNoRows):
		// Dropped by retention before (a tombstone): known, not shown.
	case err != nil:
		return err
	default:
		article = id
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO sync_entries (remote_id, article_id, read, starred, changed)
		VALUES (?, ?, ?, ?, ?)`, e.RemoteID, article, boolInt(e.Read), boolInt(e.Starred), toMS(e.Changed)); err != nil {
		return err
	}
	if article == nil {
		return nil
	}
	// The map row comes first: the triggers then see this article agree
	// with the server and queue only the story's other synced copies.
	for _, f := range []struct {
		col         string
		server, art bool
	}{{"read", e.Read, read}, {"starred", e.Starred, starred}} {
		if f.server && !f.art {
			if _, err := tx.ExecContext(ctx, updateStories(strconv.FormatInt(id, 10), f.col+` = 1`, f.col+` <> 1`)); err != nil {
				return err
			}
		}
	}
	// What the story still holds against the server goes to it.
	_, err = tx.ExecContext(ctx, `INSERT INTO sync_queue (remote_id, field, value, at)
		SELECT s.remote_id, f.field, CASE f.field WHEN 'read' THEN a.read ELSE a.starred END, ?3
		FROM sync_entries s JOIN articles a ON a.id = s.article_id,
			(SELECT 'read' AS field UNION ALL SELECT 'starred') f
		WHERE s.remote_id = ?1 AND a.id = ?2
			AND CASE f.field WHEN 'read' THEN a.read <> s.read ELSE a.starred <> s.starred END
		ON CONFLICT (remote_id, field) DO UPDATE SET value = excluded.value, at = excluded.at`,
		e.RemoteID, id, toMS(time.Now()))
	return err
}

// ApplyRemoteStates applies the states the server gives entries already
// saved, with values of the sync state (cursors) in the same transaction.
//
// The rule, field by field (read, starred): where the server's state
// differs from the one it gave before and brief has no change of its own
// queued for that field, the server's is applied to the article (and, as
// any read or star, to its story). Where brief has a change queued and
// the server disagrees with it, the entry's later change wins: the
// server's when it changed the entry (Changed) after the change was made
// in brief, and then brief's change is dropped; brief's otherwise, and it
// stays queued to be sent. A state without a time of its own counts as
// made at unknownAt: the caller passes the last sync, the earliest moment
// it can have been made. A queued change the server already agrees with
// leaves the queue.
func (s *Store) ApplyRemoteStates(ctx context.Context, states []RemoteState, unknownAt time.Time, state map[string]string) (ApplyStats, error) {
	var stats ApplyStats
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		var err error
		if stats, err = applyStates(ctx, tx, states, toMS(unknownAt)); err != nil {
			return err
		}
		return setSyncValues(ctx, tx, state)
	})
	if err != nil {
		return stats, fmt.Errorf("apply the server's read and starred state: %w", err)
	}
	return stats, nil
}

type recordedEntry struct {
	article       sql.NullInt64
	read, starred bool
}

type queued struct {
	value bool
	at    int64
}

func applyStates(ctx context.Context, tx *sql.Tx, states []RemoteState, unknownAt int64) (ApplyStats, error) {
	var stats ApplyStats
	if len(states) == 0 {
		return stats, nil
	}
	recorded, queue, err := loadSyncRows(ctx, tx, states)
	if err != nil {
		return stats, err
	}
	for _, st := range states {
		rec, ok := recorded[st.RemoteID]
		if !ok {
			continue // not saved: the caller saves it as a new entry
		}
		at := toMS(st.Changed)
		if at == 0 {
			at = unknownAt
		}
		type outcome struct {
			col   string
			value bool
			apply bool
			drop  bool
		}
		var out []outcome
		for _, f := range []struct {
			col              string
			server, recorded bool
		}{{"read", st.Read, rec.read}, {"starred", st.Starred, rec.starred}} {
			q, hasQ := queue[[2]string{st.RemoteID, f.col}]
			o := outcome{col: f.col, value: f.server}
			switch {
			case hasQ && q.value == f.server:
				o.drop = true
			case hasQ && at > q.at:
				o.drop, o.apply = true, true
				stats.Overruled++
			case hasQ:
				stats.Kept++
			case f.server != f.recorded:
				o.apply = true
				stats.Applied++
			}
			out = append(out, o)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE sync_entries SET read = ?, starred = ?, changed = ? WHERE remote_id = ?`,
			boolInt(st.Read), boolInt(st.Starred), toMS(st.Changed), st.RemoteID); err != nil {
			return stats, err
		}
		for _, o := range out {
			if o.drop {
				if _, err := tx.ExecContext(ctx, `DELETE FROM sync_queue WHERE remote_id = ? AND field = ?`, st.RemoteID, o.col); err != nil {
					return stats, err
				}
			}
			if o.apply && rec.article.Valid {
				v := strconv.Itoa(boolInt(o.value))
				if _, err := tx.ExecContext(ctx, updateStories(strconv.FormatInt(rec.article.Int64, 10),
					o.col+` = `+v, o.col+` <> `+v)); err != nil {
					return stats, err
				}
			}
		}
	}
	return stats, nil
}

// loadSyncRows reads the map rows and queued changes of the states'
// entries.
func loadSyncRows(ctx context.Context, tx *sql.Tx, states []RemoteState) (map[string]recordedEntry, map[[2]string]queued, error) {
	ids := make([]string, len(states))
	for i, st := range states {
		ids[i] = st.RemoteID
	}
	b, _ := json.Marshal(ids) // []string always marshals
	idJSON := string(b)
	recorded := map[string]recordedEntry{}
	rows, err := tx.QueryContext(ctx, `SELECT remote_id, article_id, read, starred FROM sync_entries
		WHERE remote_id IN (SELECT value FROM json_each(?))`, idJSON)
	if err != nil {
		return nil, nil, err
	}
	for rows.Next() {
		var id string
		var r recordedEntry
		if err := rows.Scan(&id, &r.article, &r.read, &r.starred); err != nil {
			rows.Close()
			return nil, nil, err
		}
		recorded[id] = r
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	queue := map[[2]string]queued{}
	rows, err = tx.QueryContext(ctx, `SELECT remote_id, field, value, at FROM sync_queue
		WHERE remote_id IN (SELECT value FROM json_each(?))`, idJSON)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, field string
		var q queued
		if err := rows.Scan(&id, &field, &q.value, &q.at); err != nil {
			return nil, nil, err
		}
		queue[[2]string{id, field}] = q
	}
	return recorded, queue, rows.Err()
}
