package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strconv"
	"strings"

	"brief/story"
)

// storyBackfillBatch is how many articles BackfillStories groups per
// write transaction.
const storyBackfillBatch = 500

// BackfillStories groups up to limit (0: all) articles saved before
// stories existed, oldest first, and returns how many it did. A copy that
// joins a story keeps nothing from being lost: an unread copy makes the
// story unread, a starred one stars it.
func (s *Store) BackfillStories(ctx context.Context, limit int) (int, error) {
	done := 0
	for limit <= 0 || done < limit {
		n := storyBackfillBatch
		if limit > 0 {
			n = min(n, limit-done)
		}
		k, err := s.backfillStories(ctx, n)
		done += k
		if err != nil {
			return done, fmt.Errorf("group stories: %w", err)
		}
		if k < n {
			break
		}
	}
	return done, nil
}

// unkeyed is an article saved before it could be grouped.
type unkeyed struct {
	id      int64
	read    bool
	starred bool
	prep    story.Prepared
	keys    []uint64 // stored under
	probes  []uint64 // looked up by
}

func (s *Store) backfillStories(ctx context.Context, n int) (int, error) {
	if s.storiesOff {
		return 0, nil
	}
	todo, err := s.unkeyedArticles(ctx, n)
	if err != nil || len(todo) == 0 {
		return 0, err
	}
	// The keys written here are not in recentStories: it starts over.
	s.recent.mu.Lock()
	defer s.recent.mu.Unlock()
	s.recent.m = nil
	err = s.writeTx(ctx, func(tx *sql.Tx) error { return s.groupUnkeyed(ctx, tx, todo) })
	if err != nil {
		return 0, err
	}
	return len(todo), nil
}

// unkeyedArticles reads the oldest n articles not grouped yet, prepared.
func (s *Store) unkeyedArticles(ctx context.Context, n int) ([]unkeyed, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT a.id, a.link, a.guid_key, a.title, substr(a.markdown, 1, `+strconv.Itoa(storyLead)+`),
			a.published, a.read, a.starred,
			(SELECT group_concat(t.symbol, char(31) ORDER BY t.is_primary DESC, t.mentions DESC, t.symbol)
			 FROM article_tickers t WHERE t.article_id = a.id)
		FROM articles a WHERE a.story_keyed = 0 ORDER BY a.id LIMIT ?`, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var todo []unkeyed
	for rows.Next() {
		var (
			p                       unkeyed
			link, guid, title, lead string
			published               int64
			tickers                 sql.NullString
		)
		if err := rows.Scan(&p.id, &link, &guid, &title, &lead, &published, &p.read, &p.starred, &tickers); err != nil {
			return nil, err
		}
		var syms []string
		if tickers.String != "" {
			syms = strings.Split(tickers.String, tickerSep)
		}
		p.prep = story.Prepare(storyDoc(link, guid, title, lead, syms, fromMS(published)))
		p.keys, p.probes = p.prep.Keys(), p.prep.Probes()
		todo = append(todo, p)
	}
	return todo, rows.Err()
}

// groupUnkeyed puts each of todo into the story it joins, oldest first,
// and stores its keys.
func (s *Store) groupUnkeyed(ctx context.Context, tx *sql.Tx, todo []unkeyed) error {
	var all []uint64
	for _, p := range todo {
		all = append(all, p.probes...)
	}
	var t candTable // the stored candidates and the fresh ones
	m, err := loadStoryCands(ctx, tx, all, math.MaxInt64, &t)
	if err != nil {
		return err
	}
	fresh := map[uint64]keyCands{}
	lookup := func(k uint64) ([3]candSet, [3]*candTable) { // the stored first
		return [3]candSet{m[k], fresh[k].fresh}, [3]*candTable{&t, &t}
	}
	var keys [][2]int64
	for _, p := range todo {
		head := int64(0)
		if c, in := storyOf(p.prep, p.probes, s.storyWindow, lookup); in != nil && c.head != p.id {
			head = c.head
			// Nothing is lost: the story is unread if any copy is,
			// starred if any copy is.
			if _, err := tx.ExecContext(ctx, updateStories(strconv.FormatInt(head, 10),
				`read = read AND ?, starred = starred OR ?`, `1`), p.read, p.starred); err != nil {
				return err
			}
			if !p.read {
				markUnread(head, &t)
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET story = ?, story_keyed = 1 WHERE id = ?`, head, p.id); err != nil {
			return err
		}
		h := head
		if h == 0 {
			h = p.id
		}
		addFresh(fresh, p.keys, t.add(p.id, h, p.prep, p.read, p.starred))
		for _, k := range p.keys {
			keys = append(keys, [2]int64{int64(k), p.id})
		}
	}
	return insertStoryKeys(ctx, tx, &s.wc, keys)
}
