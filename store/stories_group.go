package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"brief/story"
)

// storyCand is an article a new one may join. A fetch remembers one for
// every article it saved (recentStories), so it holds what grouping needs
// and no text, and no pointer: its doc is on its candTable's Shelf.
type storyCand struct {
	id, head      int64     // head is the story's head (id itself for a head)
	doc           story.Ref // the doc, read once for all the comparisons it takes part in
	read, starred bool
}

// candTable holds candidates back to back, and their docs on a Shelf:
// ten thousand of them are a few blocks the collector marks without
// reading, not forty thousand objects it visits at every cycle.
type candTable struct {
	cands []storyCand
	docs  story.Shelf
}

// add keeps a candidate and returns its place in a candSet.
func (t *candTable) add(id, head int64, prep story.Prepared, read, starred bool) int32 {
	t.cands = append(t.cands, storyCand{id: id, head: head, doc: t.docs.Put(prep), read: read, starred: starred})
	return int32(len(t.cands))
}

// candIndex is candidates by key, and the table they are kept in.
type candIndex struct {
	m map[uint64]candSet
	t *candTable
}

// keyCands is what a key holds in recentStories: its candidates saved by
// the call under way (fresh) and by the calls before (recent). One
// look-up finds both.
type keyCands struct{ fresh, recent candSet }

// candLookup returns the candidate sets key k holds, in the order storyOf
// asks them, and the tables they are in.
type candLookup func(k uint64) ([3]candSet, [3]*candTable)

// storyTx groups the new articles of one SaveFetches call: the ones saved
// earlier in the call are candidates too, and their keys are inserted at
// the end, in one statement.
type storyTx struct {
	// mem is the Store's recentStories, with the call's own articles as
	// fresh candidates, all in table t.
	mem    map[uint64]keyCands
	t      *candTable
	loaded candTable // the candidates read from the database
	upTo   int64     // the database is asked for candidates up to this id
	window time.Duration
	off    bool       // grouping is off: articles are saved unkeyed
	keys   [][2]int64 // (key, article id) to insert
	newest int64      // the largest id the call inserted
}

// candsPerKey bounds the stored articles a key offers as candidates, the
// newest first, and maxMatches the comparisons one new article makes. A
// story's copies arrive close together, so its newest articles are the
// ones to ask; and a feed of ten thousand near-identical items (a
// template, a hostile feed) must cost a few comparisons each, not ten
// thousand.
const (
	candsPerKey = 2
	maxMatches  = 12
)

// loadStoryCands finds the stored articles sharing a key with keys, the
// newest candsPerKey of each key: first their ids, from the key index
// alone, then each article once.
//
// Only articles up to id upTo are asked for: the ones after it are in the
// caller's memory (recentStories).
func loadStoryCands(ctx context.Context, tx querier, keys []uint64, upTo int64, t *candTable) (map[uint64]candSet, error) {
	if len(keys) == 0 || upTo <= 0 {
		return nil, nil
	}
	b, err := json.Marshal(int64s(keys))
	if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT j.value, k.article_id FROM json_each(?) j
		JOIN story_keys k ON k.key = j.value AND k.article_id BETWEEN coalesce(
			(SELECT article_id FROM story_keys WHERE key = j.value AND article_id <= ?2 ORDER BY article_id DESC
			 LIMIT 1 OFFSET `+strconv.Itoa(candsPerKey-1)+`), 0) AND ?2
		ORDER BY k.article_id`, string(b), upTo)
	if err != nil {
		return nil, err
	}
	type hit struct {
		key uint64
		id  int64
	}
	var hits []hit
	var ids []int64
	seenID := map[int64]bool{}
	for rows.Next() {
		var key, id int64
		if err := rows.Scan(&key, &id); err != nil {
			rows.Close()
			return nil, err
		}
		hits = append(hits, hit{uint64(key), id})
		if !seenID[id] {
			seenID[id] = true
			ids = append(ids, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(ids) == 0 {
		return nil, err
	}
	rows, err = tx.QueryContext(ctx, `SELECT a.id, a.story, a.link, a.guid_key, a.title,
			substr(a.markdown, 1, `+strconv.Itoa(storyLead)+`), a.published, a.read, a.starred,
			(SELECT group_concat(t.symbol, char(31) ORDER BY t.is_primary DESC, t.mentions DESC, t.symbol)
			 FROM article_tickers t WHERE t.article_id = a.id)
		FROM articles a WHERE a.id IN (`+idList(ids)+`)`)
	if err != nil {
		return nil, err
	}
	byID, err := scanCands(rows, t)
	if err != nil {
		return nil, err
	}
	out := map[uint64]candSet{}
	for _, h := range hits { // by id: each key's candidates oldest first
		if c := byID[h.id]; c != 0 {
			out[h.key] = pushCand(out[h.key], c)
		}
	}
	return out, nil
}

// querier is a transaction or the database.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func scanCands(rows *sql.Rows, t *candTable) (map[int64]int32, error) {
	defer rows.Close()
	byID := map[int64]int32{}
	for rows.Next() {
		var (
			id, head, published     int64
			link, guid, title, lead string
			read, starred           bool
			tickers                 sql.NullString
		)
		if err := rows.Scan(&id, &head, &link, &guid, &title, &lead, &published, &read, &starred, &tickers); err != nil {
			return nil, err
		}
		if head == 0 {
			head = id
		}
		var syms []string
		if tickers.String != "" {
			syms = strings.Split(tickers.String, tickerSep)
		}
		byID[id] = t.add(id, head, story.Prepare(storyDoc(link, guid, title, lead, syms, fromMS(published))), read, starred)
	}
	return byID, rows.Err()
}

// candSet is what a key holds: its newest candsPerKey candidates, the
// oldest first, as their places in a candTable (index + 1), 0 past the
// last. Kept in the map's own slots, a key costs no allocation of its
// own: a fetch remembers tens of thousands.
type candSet [candsPerKey]int32

// len is how many candidates s holds.
func (s *candSet) len() int {
	n := 0
	for n < len(s) && s[n] != 0 {
		n++
	}
	return n
}

// storyOf picks the story a new article joins: the first candidate
// sharing a key that story.Match accepts, the oldest story first, and the
// table it is in. It returns a nil table when the article starts a story
// of its own.
func storyOf(pd story.Prepared, keys []uint64, window time.Duration, lookup candLookup) (storyCand, *candTable) {
	var best storyCand
	var in *candTable
	var seenBuf [64]int64 // ids met, a few dozen at most: a scan beats a map
	seen := seenBuf[:0]
	compared := 0
	for _, k := range keys {
		sets, tables := lookup(k)
		for j, set := range sets {
			t := tables[j]
			for i := set.len() - 1; i >= 0; i-- { // the newest first
				c := &t.cands[set[i]-1]
				if slices.Contains(seen, c.id) {
					continue
				}
				seen = append(seen, c.id)
				if in != nil && c.head >= best.head {
					continue
				}
				if compared == maxMatches {
					return best, in
				}
				compared++
				if t.docs.Match(pd, c.doc, window) {
					best, in = *c, t
				}
			}
		}
	}
	return best, in
}

// addFresh records candidate c (its place in the table of mem) under its
// keys for the later articles of the same call, keeping the newest
// candsPerKey per key.
func addFresh(mem map[uint64]keyCands, keys []uint64, c int32) {
	for _, k := range keys {
		e := mem[k]
		e.fresh = pushCand(e.fresh, c)
		mem[k] = e
	}
}

// pushCand adds c to a key's candidates, dropping the oldest past
// candsPerKey.
func pushCand(set candSet, c int32) candSet {
	n := set.len()
	if n == candsPerKey {
		copy(set[:], set[1:])
		n--
	}
	set[n] = c
	return set
}

// insertStoryKeys writes the keys of the articles saved in one call, in
// statements of up to keyChunk rows: statements, not rows, are what costs.
func insertStoryKeys(ctx context.Context, tx *sql.Tx, c *stmtCache, keys [][2]int64) error {
	m := multiInsert{into: `story_keys (key, article_id)`, cols: 2, or: "OR IGNORE", c: c}
	defer m.close()
	err := m.run(ctx, tx, len(keys), keyChunk, func(args []any, i int) []any {
		return append(args, keys[i][0], keys[i][1])
	})
	if err != nil {
		return fmt.Errorf("save story keys: %w", err)
	}
	return nil
}

// keyChunk is the most rows one insertStoryKeys statement carries.
const keyChunk = 500

// markUnread records in the candidates that a story is unread again, so
// that later copies in the same call see it. A nil table is none.
func markUnread(head int64, tables ...*candTable) {
	for _, t := range tables {
		if t == nil {
			continue
		}
		for i := range t.cands {
			if c := &t.cands[i]; c.head == head {
				c.read = false
			}
		}
	}
}

func int64s(keys []uint64) []int64 {
	out := make([]int64, len(keys))
	for i, k := range keys {
		out[i] = int64(k)
	}
	return out
}

// recentStories remembers the articles this process saved lately under
// their story keys, the newest candsPerKey per key: the candidates a fetch
// finds most, without reading their rows back. Every article saved with
// keys since m began, whose ids are all above base, is in m unless a newer
// one of the same key pushed it out, so a key needs the database only for
// articles up to base, and a key m holds candsPerKey articles of needs no
// look-up at all. A call adds its own articles to m as fresh candidates
// and makes them recent once committed (merge). m starts over when
// another connection may have written since the last call (another brief,
// a backfill): when the writer connection's data_version changed, or the
// newest article is not the newest this process saved (which also covers
// a connection opened anew, whose data_version says nothing of the old
// one's). It starts over after a failed write too (and a call that began
// and did not merge, tried again), and forgets everything past
// maxRecentKeys keys or maxRecentCands candidates (t keeps the ones a
// newer article pushed out of m as well). mu is held for a whole
// SaveFetches or backfill batch, which the single writer connection
// serializes anyway.
type recentStories struct {
	mu      sync.Mutex
	m       map[uint64]keyCands
	t       candTable // the candidates of m
	open    bool      // a call began and did not merge: m may hold what it did not write
	base    int64     // the newest article id when m began
	last    int64     // the newest article id after the last call, as far as this process knows
	version int64     // PRAGMA data_version when m was last known whole
}

// begin makes r whole for a write transaction that holds the write lock:
// kept when nothing else wrote since the last call, else started over
// from the newest article. mu is held.
func (r *recentStories) begin(ctx context.Context, tx *sql.Tx) error {
	var v, newest int64
	if err := tx.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v); err != nil {
		return err
	}
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM articles`).Scan(&newest); err != nil {
		return err
	}
	if r.m != nil && !r.open && v == r.version && newest == r.last {
		r.open = true
		return nil
	}
	r.m, r.t, r.base, r.last, r.version, r.open = map[uint64]keyCands{}, candTable{}, newest, newest, v, true
	return nil
}

const (
	maxRecentKeys  = 200_000
	maxRecentCands = 50_000
)

// merge makes a committed call's fresh candidates recent, given the key
// rows it inserted, and newest, the largest id it inserted (0: none); mu
// is held.
func (r *recentStories) merge(keys [][2]int64, newest int64) {
	r.last, r.open = max(r.last, newest), false
	if r.m == nil || len(r.m) > maxRecentKeys || len(r.t.cands) > maxRecentCands {
		r.m, r.t = nil, candTable{} // the next call starts over from the newest article
		return
	}
	for _, kv := range keys {
		k := uint64(kv[0])
		e := r.m[k]
		if e.fresh.len() == 0 {
			continue // merged already: a key of several articles
		}
		for _, c := range e.fresh[:e.fresh.len()] {
			e.recent = pushCand(e.recent, c)
		}
		r.m[k] = keyCands{recent: e.recent}
	}
}

// uncovered returns the keys whose recent candidates are fewer than
// candsPerKey.
func uncovered(keys []uint64, mem map[uint64]keyCands) []uint64 {
	out := keys[:0:0]
	for _, k := range keys {
		if set := mem[k].recent; set.len() < candsPerKey {
			out = append(out, k)
		}
	}
	return out
}

// currentStory returns c with its story's head and state read now, and
// false when c is gone.
func currentStory(ctx context.Context, tx *sql.Tx, c storyCand) (storyCand, bool, error) {
	err := tx.QueryRowContext(ctx, `SELECT CASE story WHEN 0 THEN id ELSE story END, read, starred
		FROM articles WHERE id = ?`, c.id).Scan(&c.head, &c.read, &c.starred)
	if errors.Is(err, sql.ErrNoRows) {
		return c, false, nil
	}
	return c, err == nil, err
}
