package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"brief/symbol"
)

// Query selects articles for List, Count and MarkRead. Zero fields do not
// filter.
type Query struct {
	// Feed matches a feed's URL exactly, its title ignoring case, or its ID
	// written in decimal.
	Feed string
	// Tag selects the articles of feeds carrying this tag (ignoring case).
	Tag string
	// Ticker selects articles naming this symbol (ignoring case).
	Ticker string
	// AnyTicker selects articles naming at least one of these symbols (a
	// watchlist); with Ticker too, Ticker is one more of them.
	AnyTicker []string
	Unread    bool
	Starred   bool
	Since     time.Time // published at or after
	// Copies lists every copy of a story (package story) as its own
	// article. Without it, and without Feed or Tag, a story is one
	// article: the copy that heads it. Feed and Tag always list the
	// copies their feeds carry.
	Copies bool
	// Limit 0 means no limit.
	Limit, Offset int
}

// selection is a Query turned into SQL: FROM, WHERE and ORDER BY clauses
// that select article ids as a.id.
type selection struct {
	from, where, order string
	args               []any
}

// listSQL is List's query: the page q asks for, with each article's feed.
func (sel selection) listSQL(q Query) string {
	return `SELECT ` + articleColumns + ` FROM ` + sel.from + `
		JOIN feeds f ON f.id = a.feed_id
		WHERE ` + sel.where + ` ORDER BY ` + sel.order + limitClause(q)
}

// countSQL is Count's query.
//
// The reader's first count, every story with no other filter, is the
// articles but the copies: SQLite counts a whole table from its smallest
// index without reading the entries, and the copies are the entries of a
// partial index. Counting "story = 0" read all 100,000 entries of an index
// instead, a cold 20–30 ms that the first frame waited for.
func (sel selection) countSQL() string {
	if sel.from == `articles a` && len(sel.args) == 0 {
		switch sel.where {
		case `a.story = 0`:
			return `SELECT (SELECT count(*) FROM articles) - (SELECT count(*) FROM articles WHERE story <> 0)`
		case `1`:
			return `SELECT count(*) FROM articles`
		}
	}
	return `SELECT count(*) FROM ` + sel.from + ` WHERE ` + sel.where
}

// selectArticles builds the SQL for q. The shapes are chosen so that each
// filter walks an index in the output order:
//   - ticker: article_tickers_by_symbol (symbol, published, article_id)
//   - feed: articles_by_feed or, unread, articles_feed_unread
//   - unread: articles_unread; starred: articles_starred
//   - otherwise articles_by_published
//
// The partial indices match only when the WHERE clause says read = 0 or
// starred = 1 literally, so those are written out rather than bound.
func (s *Store) selectArticles(ctx context.Context, q Query) (selection, error) {
	var w conds
	var sel selection
	sel.from, sel.order = articleSource(&w, q.symbols(), q.Since)
	if err := s.feedConds(ctx, &w, q); err != nil {
		return selection{}, err
	}
	if q.Collapsed() {
		w.add(`a.story = 0`)
	}
	if q.Unread {
		w.add(`a.read = 0`)
	}
	if q.Starred {
		w.add(`a.starred = 1`)
	}
	sel.where = "1"
	if len(w.where) > 0 {
		sel.where = strings.Join(w.where, " AND ")
	}
	sel.args = w.args
	return sel, nil
}

// conds collects the conditions of a WHERE clause and their arguments.
type conds struct {
	where []string
	args  []any
}

func (w *conds) add(cond string, args ...any) {
	w.where = append(w.where, cond)
	w.args = append(w.args, args...)
}

// articleSource picks the rows a selection walks and their order: the
// symbol index for one ticker, the articles for several or none; and
// adds the ticker and date conditions.
func articleSource(w *conds, syms []string, since time.Time) (from, order string) {
	switch {
	case len(syms) == 1:
		// CROSS JOIN fixes the join order: drive from the symbol index,
		// which is already in newest-first order.
		w.add(`t.symbol = ?`, syms[0])
		if !since.IsZero() {
			w.add(`t.published >= ?`, toMS(since))
		}
		return `article_tickers t CROSS JOIN articles a ON a.id = t.article_id`, `t.published DESC, t.article_id DESC`
	case len(syms) > 1:
		// An article naming two of the symbols must come once: the ids
		// come from the symbol index as a set, and the walk in display
		// order is over the articles. The + keeps SQLite from driving
		// the query from that set instead, which sorts every match to
		// show the first page (43 ms against 18 on 100,000 articles of
		// which 40,000 match).
		args := make([]any, len(syms))
		for i, s := range syms {
			args[i] = s
		}
		w.add(`+a.id IN (SELECT article_id FROM article_tickers WHERE symbol IN (`+placeholders(len(syms))+`))`, args...)
	}
	if !since.IsZero() {
		w.add(`a.published >= ?`, toMS(since))
	}
	return `articles a`, `a.published DESC, a.id DESC`
}

// feedConds adds the conditions of q's feed and tag.
func (s *Store) feedConds(ctx context.Context, w *conds, q Query) error {
	if q.Feed != "" {
		ids, err := s.resolveFeed(ctx, q.Feed)
		if err != nil {
			return err
		}
		if len(ids) == 1 {
			w.add(`a.feed_id = ?`, ids[0])
		} else {
			w.add(`a.feed_id IN (`+placeholders(len(ids))+`)`, int64Args(ids)...)
		}
	}
	if tag := strings.TrimSpace(q.Tag); tag != "" {
		ids, err := s.resolveTag(ctx, tag)
		if err != nil {
			return err
		}
		w.add(`a.feed_id IN (`+placeholders(len(ids))+`)`, int64Args(ids)...)
	}
	return nil
}

func int64Args(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// resolveTag finds the feeds tagged tag, ignoring case; removed feeds
// count, as in resolveFeed.
func (s *Store) resolveTag(ctx context.Context, tag string) ([]int64, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, tags FROM feeds`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var (
			id   int64
			tags string
		)
		if err := rows.Scan(&id, &tags); err != nil {
			return nil, err
		}
		if slices.ContainsFunc(decodeTags(tags), func(t string) bool { return strings.EqualFold(t, tag) }) {
			ids = append(ids, id)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("no feed is tagged %q: %w", tag, ErrNotFound)
	}
	return ids, nil
}

// resolveFeed finds the feeds q.Feed names. Feeds are few, so matching in
// Go is cheap and gets Unicode case folding right, which SQLite's NOCASE
// does not. Removed feeds count: their starred articles are still listed.
func (s *Store) resolveFeed(ctx context.Context, name string) ([]int64, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, url, user_title, feed_title FROM feeds`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	wantID, idErr := strconv.ParseInt(name, 10, 64)
	var byURL, byTitle, byID []int64
	for rows.Next() {
		var (
			id                        int64
			url, userTitle, feedTitle string
		)
		if err := rows.Scan(&id, &url, &userTitle, &feedTitle); err != nil {
			return nil, err
		}
		switch {
		case url == name:
			byURL = append(byURL, id)
		case idErr == nil && id == wantID:
			byID = append(byID, id)
		case userTitle != "" && strings.EqualFold(userTitle, name),
			feedTitle != "" && strings.EqualFold(feedTitle, name):
			byTitle = append(byTitle, id)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// The most exact kind of match wins: a feed titled "42" does not hide
	// the feed whose ID is 42, and vice versa only when no ID matches.
	for _, ids := range [][]int64{byURL, byID, byTitle} {
		if len(ids) > 0 {
			return ids, nil
		}
	}
	return nil, fmt.Errorf("no feed matches %q: %w", name, ErrNotFound)
}

// limitClause renders Limit/Offset; SQLite reads LIMIT -1 as no limit.
func limitClause(q Query) string {
	limit, offset := q.Limit, q.Offset
	if limit <= 0 {
		limit = -1
	}
	if offset < 0 {
		offset = 0
	}
	return fmt.Sprintf(" LIMIT %d OFFSET %d", limit, offset)
}

// symbols is Ticker and AnyTicker together, spelled as stored (so "brk-b"
// finds BRK.B), without blanks and without repeats.
func (q Query) symbols() []string {
	var out []string
	for _, s := range append([]string{q.Ticker}, q.AnyTicker...) {
		if s = symbol.Normalize(s); s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// Filtered reports whether q narrows the articles at all (Limit and
// Offset aside).
func (q Query) Filtered() bool {
	return q.Feed != "" || strings.TrimSpace(q.Tag) != "" || len(q.symbols()) > 0 || q.Unread || q.Starred || !q.Since.IsZero()
}

// Collapsed reports whether q lists one article per story.
func (q Query) Collapsed() bool {
	return !q.Copies && q.Feed == "" && strings.TrimSpace(q.Tag) == ""
}
