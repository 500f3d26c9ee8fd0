package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"brief/internal/digest"
	"brief/story"
)

// Ticker is one symbol an article names.
type Ticker struct {
	Symbol, Exchange, Name string
	Mentions               int
	Signal                 string // how it was found, e.g. "cashtag", "feed"
	Primary                bool   // the article is mainly about it
}

// NewArticle is an article as fetched and extracted, ready to be saved.
type NewArticle struct {
	GUIDKey, Link, Title, Author string
	Published, Updated           time.Time
	HTML, Markdown               string
	Tickers                      []Ticker
	Briefing                     []byte // opaque JSON, stored as is
	ExtractorVersion             int
	// RawDigest is a digest of the item as the feed gave it, kept so that
	// the next fetch can skip an unchanged item (Store.ItemDigests).
	RawDigest []byte
	// StoryPrep is the article read for grouping, and StoryKeys and
	// StoryProbes its Keys and Probes: worked out off the write path by
	// Store.PrepareStory, or by SaveFetch when zero and nil.
	StoryPrep   story.Prepared
	StoryKeys   []uint64
	StoryProbes []uint64
	// storyPublished is the date (ms) StoryPrep was read with.
	storyPublished int64
}

// FetchOK describes a successful fetch of a feed.
type FetchOK struct {
	Title, SiteLink    string // from the feed document; empty keeps the old
	ETag, LastModified string
	NotModified        bool   // the server answered 304
	BodyDigest         []byte // the document's digest; nil keeps the old
	At                 time.Time
}

// SaveStats counts what SaveFetch changed.
type SaveStats struct{ New, Updated int }

// futureSlack is how far in the future a published date may lie before it
// is taken for a feed's mistake: a bogus date years ahead would otherwise
// pin the article above everything else for years.
const futureSlack = 24 * time.Hour

// SaveFetch records a successful fetch of feedID and saves its articles, all
// in one write transaction.
//
// Articles are keyed by (feed, GUIDKey). A known article is rewritten only
// when its content, briefing or tickers changed; its id, fetched time,
// published time and read and starred state are never touched, so fetching
// again never marks anything unread. A GUID that appears twice in one batch
// is saved once, from its first appearance. Articles removed earlier by
// Prune are not brought back.
//
// The feed's failure count and error are cleared. New validators replace
// the old ones, except that a 304 answer without validators keeps them.
func (s *Store) SaveFetch(ctx context.Context, feedID int64, ok FetchOK, arts []NewArticle) (SaveStats, error) {
	res := s.SaveFetches(ctx, []FeedSave{{FeedID: feedID, OK: ok, Articles: arts}})
	return res[0].Stats, res[0].Err
}

// FeedSave is one feed's successful fetch, for SaveFetches.
type FeedSave struct {
	FeedID   int64
	OK       FetchOK
	Articles []NewArticle

	rows     []row // Articles as PrepareSave left them
	prepared bool
}

// SaveResult is what SaveFetches did for one feed.
type SaveResult struct {
	Stats SaveStats
	Err   error
}

// SaveFetches is SaveFetch for several feeds in one write transaction
// (a SaveBatch). Committing many feeds at once is much cheaper than one
// commit each. A feed removed meanwhile gets ErrNotFound and the others are
// saved; any other error fails every feed of the call.
func (s *Store) SaveFetches(ctx context.Context, saves []FeedSave) []SaveResult {
	out := make([]SaveResult, len(saves))
	for i := range saves {
		if !saves[i].prepared {
			s.PrepareSave(&saves[i])
		}
	}
	b, err := s.BeginSaves(ctx)
	if err != nil {
		for i := range out {
			out[i].Err = err
		}
		return out
	}
	for i := range saves {
		out[i].Stats, out[i].Err = b.Save(&saves[i])
	}
	if err := b.Commit(); err != nil {
		for i := range out {
			if !errors.Is(out[i].Err, ErrNotFound) {
				out[i] = SaveResult{Err: err}
			}
		}
	}
	return out
}

// saveFeed writes one feed's fetch inside tx and returns the ids of the
// articles the search index must (re)index. Statements are prepared on
// first need and shared by the feeds of one transaction.
func saveFeed(ctx context.Context, tx *sql.Tx, c *stmtCache, stp **saveStmts, feedID int64, ok FetchOK, rows []row, tickers *pendingTickers, stx *storyTx) (SaveStats, []int64, error) {
	at := toMS(ok.At)
	if err := markFetched(ctx, tx, c, feedID, ok, at); err != nil || len(rows) == 0 {
		return SaveStats{}, nil, err
	}
	if *stp == nil {
		var err error
		if *stp, err = prepareSave(ctx, tx, c); err != nil {
			return SaveStats{}, nil, err
		}
	}
	fs := &feedSave{ctx: ctx, tx: tx, st: *stp, feedID: feedID, at: at, stx: stx}
	keyJSON, err := fs.findStored(rows)
	if err != nil {
		return SaveStats{}, nil, err
	}
	// Articles pruned earlier that the feed still carries: their
	// tombstones are refreshed and they are not saved again. Most feeds
	// have no tombstones, and then nothing is asked per article.
	if fs.tombs, err = prunedAmong(ctx, tx, c, feedID, keyJSON, at); err != nil {
		return SaveStats{}, nil, err
	}
	if err := fs.findStories(rows); err != nil {
		return SaveStats{}, nil, fmt.Errorf("find the stories of new articles: %w", err)
	}
	for i := range rows {
		r := &rows[i]
		saved, err := fs.saveRow(r)
		if err != nil || !saved {
			if err != nil {
				return SaveStats{}, nil, err
			}
			continue
		}
		tickers.add(r)
		fs.index = append(fs.index, r.id)
	}
	return fs.stats, fs.index, nil
}

// markFetched records a successful fetch in the feed's row, or returns
// ErrNotFound for a feed removed meanwhile.
func markFetched(ctx context.Context, tx *sql.Tx, c *stmtCache, feedID int64, ok FetchOK, at int64) error {
	var removed int
	err := queryRow(ctx, tx, c, `SELECT removed FROM feeds WHERE id = ?`, []any{feedID}, &removed)
	if errors.Is(err, sql.ErrNoRows) || removed != 0 {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	st, err := c.in(ctx, tx, `UPDATE feeds SET
			feed_title    = CASE WHEN ?1 <> '' THEN ?1 ELSE feed_title END,
			site_link     = CASE WHEN ?2 <> '' THEN ?2 ELSE site_link END,
			etag          = CASE WHEN ?5 AND ?3 = '' THEN etag ELSE ?3 END,
			last_modified = CASE WHEN ?5 AND ?4 = '' THEN last_modified ELSE ?4 END,
			last_fetch = ?6, last_success = ?6, last_error = '', failures = 0, gone = 0,
			body_digest = coalesce(?8, body_digest)
		WHERE id = ?7`)
	if err != nil {
		return err
	}
	defer st.Close()
	_, err = st.ExecContext(ctx, ok.Title, ok.SiteLink, ok.ETag, ok.LastModified, boolInt(ok.NotModified), at, feedID, ok.BodyDigest)
	return err
}

// queryRow runs q, a query of one row, in tx through c, and scans the row
// into dst.
func queryRow(ctx context.Context, tx *sql.Tx, c *stmtCache, q string, args []any, dst ...any) error {
	st, err := c.in(ctx, tx, q)
	if err != nil {
		return err
	}
	defer st.Close()
	return st.QueryRowContext(ctx, args...).Scan(dst...)
}

// feedSave is the state of one feed's save inside a SaveFetches call.
type feedSave struct {
	ctx    context.Context
	tx     *sql.Tx
	st     *saveStmts
	feedID int64
	at     int64 // the fetch time, in ms
	stx    *storyTx

	tombs  map[string]bool // GUID keys pruned earlier
	stored candIndex       // stored candidates of the new articles' stories
	stats  SaveStats
	index  []int64 // ids the search index must (re)index
}

// findStored looks every article up at once, so that the search index
// can be told about all edits in one statement before the rows change
// (statements, not rows, are what costs in this SQLite build). It marks
// the rows already stored (id), and unchanged ones (skip). It returns the
// GUID keys as a JSON array.
func (fs *feedSave) findStored(rows []row) (string, error) {
	keys := make([]string, len(rows))
	byKey := make(map[string]*row, len(rows))
	for i := range rows {
		keys[i] = rows[i].guidKey
		byKey[rows[i].guidKey] = &rows[i]
	}
	b, err := json.Marshal(keys)
	if err != nil {
		return "", err
	}
	// Bound as text: SQLite reads a BLOB argument of a JSON function as
	// its binary JSONB format when the bytes happen to look like it.
	keyJSON := string(b)
	q, err := fs.st.c.in(fs.ctx, fs.tx, `SELECT guid_key, id, digest, published, raw_digest FROM articles
		WHERE feed_id = ? AND guid_key IN (SELECT value FROM json_each(?))`)
	if err != nil {
		return "", err
	}
	defer q.Close()
	found, err := q.QueryContext(fs.ctx, fs.feedID, keyJSON)
	if err != nil {
		return "", err
	}
	var changed []int64
	var h *digest.Fields
	for found.Next() {
		var key string
		var id, published int64
		var stored, raw []byte
		if err := found.Scan(&key, &id, &stored, &published, &raw); err != nil {
			found.Close()
			return "", err
		}
		r := byKey[key]
		if r == nil {
			continue
		}
		r.id, r.published = id, published
		switch {
		case r.a.RawDigest != nil && string(raw) == string(r.a.RawDigest):
			r.skip = true // as the feed gave it last time: no write at all
		case string(stored) == string(r.contentDigest(&h)):
			r.skip = true // unchanged: no write at all, so polling a feed again is cheap
			r.rawStale = r.a.RawDigest != nil
		default:
			changed = append(changed, id)
		}
	}
	found.Close()
	if err := found.Err(); err != nil {
		return "", err
	}
	if len(changed) > 0 {
		// An edited article leaves the index now and is queued again below;
		// one still queued was never indexed and must not be "deleted".
		if _, err := fs.tx.ExecContext(fs.ctx, `INSERT INTO articles_fts (articles_fts, rowid, title, markdown)
			SELECT 'delete', id, title, markdown FROM articles
			WHERE id IN (`+idList(changed)+`) AND id NOT IN (SELECT id FROM fts_pending)`); err != nil {
			return "", err
		}
	}
	return keyJSON, nil
}

// findStories reads the stored articles the new ones' stories may be
// among: the ones sharing a key that this process does not remember.
func (fs *feedSave) findStories(rows []row) error {
	if fs.stx.off || fs.stx.upTo <= 0 {
		return nil // off, or no article stored before this process remembers
	}
	nProbes := 0
	for i := range rows {
		if r := &rows[i]; r.id == 0 && !r.skip && !fs.tombs[r.guidKey] {
			nProbes += len(r.storyProbes)
		}
	}
	if nProbes == 0 {
		return nil
	}
	probes := make([]uint64, 0, nProbes)
	for i := range rows {
		if r := &rows[i]; r.id == 0 && !r.skip && !fs.tombs[r.guidKey] {
			probes = append(probes, r.storyProbes...)
		}
	}
	m, err := loadStoryCands(fs.ctx, fs.tx, uncovered(probes, fs.stx.mem), fs.stx.upTo, &fs.stx.loaded)
	fs.stored = candIndex{m, &fs.stx.loaded}
	return err
}

// saveRow writes one row as it needs: nothing for an unchanged article
// (but a raw digest it lacks) or one pruned earlier, an insert for a new
// one, an update for an edited one. It reports whether it wrote the
// article, whose tickers and search entry then follow.
func (fs *feedSave) saveRow(r *row) (bool, error) {
	switch {
	case r.skip:
		if r.rawStale {
			if _, err := fs.tx.ExecContext(fs.ctx, `UPDATE articles SET raw_digest = ? WHERE id = ?`, r.a.RawDigest, r.id); err != nil {
				return false, err
			}
		}
		return false, nil
	case r.id == 0:
		if fs.tombs[r.guidKey] {
			return false, nil // pruned earlier; the feed still carries it
		}
		if err := fs.insert(r); err != nil {
			return false, err
		}
		fs.stats.New++
	default:
		_, err := fs.st.update.ExecContext(fs.ctx, r.a.Link, r.a.Title, r.a.Author, toMS(r.a.Updated),
			r.a.HTML, r.a.Markdown, r.a.Briefing, r.a.ExtractorVersion, r.digest, r.a.RawDigest, r.tickerCol, r.id)
		if err != nil {
			return false, err
		}
		if _, err := fs.st.deleteTickers.ExecContext(fs.ctx, r.id); err != nil {
			return false, err
		}
		if _, err := fs.st.deleteInfo.ExecContext(fs.ctx, r.id); err != nil {
			return false, err
		}
		fs.stats.Updated++
	}
	return true, nil
}

// insert saves a new article into the story it joins (or as a story of
// its own), read and starred as the story is, and sets r.id.
func (fs *feedSave) insert(r *row) error {
	head, read, starred, err := fs.joinStory(r)
	if err != nil {
		return err
	}
	res, err := fs.st.insert.ExecContext(fs.ctx, fs.feedID, r.guidKey, r.a.Link, r.a.Title, r.a.Author,
		r.published, toMS(r.a.Updated), fs.at, r.a.HTML, r.a.Markdown, r.a.Briefing,
		r.a.ExtractorVersion, r.digest, head, boolInt(read), boolInt(starred), r.a.RawDigest, boolInt(!fs.stx.off),
		r.tickerCol)
	if err != nil {
		return err
	}
	if r.id, err = res.LastInsertId(); err != nil {
		return err
	}
	fs.stx.newest = max(fs.stx.newest, r.id)
	if fs.stx.off {
		return nil
	}
	if head == 0 {
		head = r.id
	}
	addFresh(fs.stx.mem, r.storyKeys, fs.stx.t.add(r.id, head, r.storyPrep, read, starred))
	for _, k := range r.storyKeys {
		fs.stx.keys = append(fs.stx.keys, [2]int64{int64(k), r.id})
	}
	return nil
}

// joinStory finds the story a new article joins: its head (0: none) and
// whether the article starts read and starred. A copy with news the story
// had not told makes the story unread again.
func (fs *feedSave) joinStory(r *row) (head int64, read, starred bool, err error) {
	if fs.stx.off {
		return 0, false, false, nil
	}
	c, in := storyOf(r.storyPrep, r.storyProbes, fs.stx.window, func(k uint64) ([3]candSet, [3]*candTable) {
		e := fs.stx.mem[k]
		return [3]candSet{e.fresh, e.recent, fs.stored.m[k]}, [3]*candTable{fs.stx.t, fs.stx.t, fs.stored.t}
	})
	if in == nil {
		return 0, false, false, nil
	}
	// The story as it is now: its head may have gone, or a reader changed
	// its state, since c was remembered.
	c, ok, err := currentStory(fs.ctx, fs.tx, c)
	if err != nil || !ok {
		return 0, false, false, err
	}
	head, starred = c.head, c.starred
	read = c.read && !in.docs.NewFigures(r.storyPrep, c.doc)
	if c.read && !read {
		// News the story had not told: the story is unread again.
		if _, err := fs.tx.ExecContext(fs.ctx, `UPDATE articles SET read = 0 WHERE id = ?`, head); err != nil {
			return 0, false, false, err
		}
		markUnread(head, fs.stored.t, fs.stx.t)
	}
	return head, read, starred, nil
}
