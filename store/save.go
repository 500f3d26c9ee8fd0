package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"slices"
	"strings"
	"time"
	"unicode"

	"brief/story"
	"brief/symbol"
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
	// StoryPrep is story.Prepare(StoryDoc(a)), worked out by the caller
	// off the write path, and StoryKeys and StoryProbes its Keys and
	// Probes; zero and nil have SaveFetch work them out.
	StoryPrep   story.Prepared
	StoryKeys   []uint64
	StoryProbes []uint64
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
}

// SaveResult is what SaveFetches did for one feed.
type SaveResult struct {
	Stats SaveStats
	Err   error
}

// SaveFetches is SaveFetch for several feeds in one write transaction.
// Committing many feeds at once is much cheaper than one commit each.
// A feed removed meanwhile gets ErrNotFound and the others are saved; any
// other error fails every feed of the call.
func (s *Store) SaveFetches(ctx context.Context, saves []FeedSave) []SaveResult {
	out := make([]SaveResult, len(saves))
	prepared := make([][]row, len(saves))
	for i := range saves {
		if saves[i].OK.At.IsZero() {
			saves[i].OK.At = time.Now()
		}
		prepared[i] = prepareArticles(saves[i].Articles, saves[i].OK.At, s.storiesOff)
	}
	s.recent.mu.Lock()
	defer s.recent.mu.Unlock()
	var stx *storyTx
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		var st *saveStmts
		defer func() {
			if st != nil {
				st.close()
			}
		}()
		var index []int64
		var tickers []tickerRow
		if err := s.recent.begin(ctx, tx); err != nil {
			return fmt.Errorf("find the stories of new articles: %w", err)
		}
		stx = &storyTx{fresh: map[uint64][]*storyCand{}, recent: s.recent.m, upTo: s.recent.base,
			window: s.storyWindow, off: s.storiesOff}
		for i, sv := range saves {
			out[i] = SaveResult{}
			stats, ids, err := saveFeed(ctx, tx, &st, sv.FeedID, sv.OK, prepared[i], &tickers, stx)
			if errors.Is(err, ErrNotFound) {
				out[i].Err = fmt.Errorf("save articles: feed %d: %w", sv.FeedID, err)
				continue
			}
			if err != nil {
				return fmt.Errorf("save articles of feed %d: %w", sv.FeedID, err)
			}
			out[i].Stats = stats
			index = append(index, ids...)
		}
		if len(tickers) > 0 {
			if err := st.insertTickerRows(ctx, tx, tickers); err != nil {
				return fmt.Errorf("save tickers: %w", err)
			}
		}
		if err := insertStoryKeys(ctx, tx, stx.keys); err != nil {
			return err
		}
		if len(index) > 0 {
			// Queued, not indexed: see schemaV2 and IndexPending.
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO fts_pending (id)
				SELECT value FROM json_each(?)`, "["+idList(index)+"]"); err != nil {
				return fmt.Errorf("queue saved articles for the search index: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		s.recent.m = nil // some of it may not have been written
		for i := range out {
			if out[i].Err == nil {
				out[i] = SaveResult{Err: err}
			}
		}
		return out
	}
	s.recent.merge(stx.fresh)
	return out
}

// saveFeed writes one feed's fetch inside tx and returns the ids of the
// articles the search index must (re)index. Statements are prepared on
// first need and shared by the feeds of one transaction.
func saveFeed(ctx context.Context, tx *sql.Tx, stp **saveStmts, feedID int64, ok FetchOK, rows []row, tickers *[]tickerRow, stx *storyTx) (SaveStats, []int64, error) {
	var stats SaveStats
	var removed int
	err := tx.QueryRowContext(ctx, `SELECT removed FROM feeds WHERE id = ?`, feedID).Scan(&removed)
	if errors.Is(err, sql.ErrNoRows) || removed != 0 {
		return stats, nil, ErrNotFound
	}
	if err != nil {
		return stats, nil, err
	}
	at := toMS(ok.At)
	_, err = tx.ExecContext(ctx, `UPDATE feeds SET
			feed_title    = CASE WHEN ?1 <> '' THEN ?1 ELSE feed_title END,
			site_link     = CASE WHEN ?2 <> '' THEN ?2 ELSE site_link END,
			etag          = CASE WHEN ?5 AND ?3 = '' THEN etag ELSE ?3 END,
			last_modified = CASE WHEN ?5 AND ?4 = '' THEN last_modified ELSE ?4 END,
			last_fetch = ?6, last_success = ?6, last_error = '', failures = 0, gone = 0,
			body_digest = coalesce(?8, body_digest)
		WHERE id = ?7`,
		ok.Title, ok.SiteLink, ok.ETag, ok.LastModified, boolInt(ok.NotModified), at, feedID, ok.BodyDigest)
	if err != nil {
		return stats, nil, err
	}
	if len(rows) == 0 {
		return stats, nil, nil
	}
	if *stp == nil {
		if *stp, err = prepareSave(ctx, tx); err != nil {
			return stats, nil, err
		}
	}
	st := *stp

	// Look every article up at once, so that the search index can be told
	// about all edits in one statement before the rows change. Statements,
	// not rows, are what costs in this SQLite build.
	keys := make([]string, len(rows))
	byKey := make(map[string]*row, len(rows))
	for i := range rows {
		keys[i] = rows[i].guidKey
		byKey[rows[i].guidKey] = &rows[i]
	}
	b, err := json.Marshal(keys)
	if err != nil {
		return stats, nil, err
	}
	// Bound as text: SQLite reads a BLOB argument of a JSON function as
	// its binary JSONB format when the bytes happen to look like it.
	keyJSON := string(b)
	found, err := tx.QueryContext(ctx, `SELECT guid_key, id, digest, published, raw_digest FROM articles
		WHERE feed_id = ? AND guid_key IN (SELECT value FROM json_each(?))`, feedID, keyJSON)
	if err != nil {
		return stats, nil, err
	}
	var changed, index []int64
	for found.Next() {
		var key string
		var id, published int64
		var digest, raw []byte
		if err := found.Scan(&key, &id, &digest, &published, &raw); err != nil {
			found.Close()
			return stats, nil, err
		}
		r := byKey[key]
		if r == nil {
			continue
		}
		r.id, r.published = id, published
		if string(digest) == string(r.digest) {
			r.skip = true // unchanged: no write at all, so polling a feed again is cheap
			r.rawStale = r.a.RawDigest != nil && string(raw) != string(r.a.RawDigest)
		} else {
			changed = append(changed, id)
		}
	}
	found.Close()
	if err := found.Err(); err != nil {
		return stats, nil, err
	}
	if len(changed) > 0 {
		// An edited article leaves the index now and is queued again below;
		// one still queued was never indexed and must not be "deleted".
		if _, err := tx.ExecContext(ctx, `INSERT INTO articles_fts (articles_fts, rowid, title, markdown)
			SELECT 'delete', id, title, markdown FROM articles
			WHERE id IN (`+idList(changed)+`) AND id NOT IN (SELECT id FROM fts_pending)`); err != nil {
			return stats, nil, err
		}
	}
	// Articles pruned earlier that the feed still carries: their
	// tombstones are refreshed and they are not saved again. Most feeds
	// have no tombstones, and then nothing is asked per article.
	tombs, err := prunedAmong(ctx, tx, feedID, keyJSON, at)
	if err != nil {
		return stats, nil, err
	}

	// The stories new articles may join: stored articles sharing a key.
	var newKeys []uint64
	for i := range rows {
		if r := &rows[i]; r.id == 0 && !r.skip && !tombs[r.guidKey] {
			newKeys = append(newKeys, r.storyProbes...)
		}
	}
	if stx.off {
		newKeys = nil
	}
	stored, err := loadStoryCands(ctx, tx, uncovered(newKeys, stx.recent), stx.upTo)
	if err != nil {
		return stats, nil, fmt.Errorf("find the stories of new articles: %w", err)
	}

	var pending []tickerRow
	for i := range rows {
		r := &rows[i]
		switch {
		case r.skip:
			if r.rawStale {
				if _, err := tx.ExecContext(ctx, `UPDATE articles SET raw_digest = ? WHERE id = ?`, r.a.RawDigest, r.id); err != nil {
					return stats, nil, err
				}
			}
			continue
		case r.id == 0:
			if tombs[r.guidKey] {
				continue // pruned earlier; the feed still carries it
			}
			var head int64
			var read, starred bool
			var c *storyCand
			if !stx.off {
				c = storyOf(r.storyDoc, r.storyPrep, r.storyProbes, stx.window, stx.fresh, stx.recent, stored)
			}
			if c != nil {
				// The story as it is now: its head may have gone, or a
				// reader changed its state, since c was remembered.
				if c, err = currentStory(ctx, tx, c); err != nil {
					return stats, nil, err
				}
			}
			if c != nil {
				head, starred = c.head, c.starred
				read = c.read && !differsMaterially(r.storyDoc, c.doc)
				if c.read && !read {
					// News the story had not told: the story is unread again.
					if _, err := tx.ExecContext(ctx, `UPDATE articles SET read = 0 WHERE id = ?`, head); err != nil {
						return stats, nil, err
					}
					markUnread(head, stored, stx.fresh, stx.recent)
				}
			}
			res, err := st.insert.ExecContext(ctx, feedID, r.guidKey, r.a.Link, r.a.Title, r.a.Author,
				r.published, toMS(r.a.Updated), at, r.a.HTML, r.a.Markdown, r.a.Briefing,
				r.a.ExtractorVersion, r.digest, head, boolInt(read), boolInt(starred), r.a.RawDigest, boolInt(!stx.off))
			if err != nil {
				return stats, nil, err
			}
			if r.id, err = res.LastInsertId(); err != nil {
				return stats, nil, err
			}
			if !stx.off {
				if head == 0 {
					head = r.id
				}
				c = newCandPrepared(r.id, head, r.storyDoc, r.storyPrep, read, starred)
				addFresh(stx.fresh, r.storyKeys, c)
				for _, k := range r.storyKeys {
					stx.keys = append(stx.keys, [2]int64{int64(k), r.id})
				}
			}
			stats.New++
		default:
			_, err := st.update.ExecContext(ctx, r.a.Link, r.a.Title, r.a.Author, toMS(r.a.Updated),
				r.a.HTML, r.a.Markdown, r.a.Briefing, r.a.ExtractorVersion, r.digest, r.a.RawDigest, r.id)
			if err != nil {
				return stats, nil, err
			}
			if _, err := st.deleteTickers.ExecContext(ctx, r.id); err != nil {
				return stats, nil, err
			}
			stats.Updated++
		}
		for _, t := range r.tickers {
			pending = append(pending, tickerRow{r.id, r.published, t})
		}
		index = append(index, r.id)
	}
	*tickers = append(*tickers, pending...)
	return stats, index, nil
}

// row is a NewArticle normalised for saving; the work happens before the
// write transaction starts, to keep the lock short.
type row struct {
	a         *NewArticle
	guidKey   string
	published int64 // for a known article, the stored value
	tickers   []Ticker
	digest    []byte

	id       int64 // 0 while unknown
	skip     bool  // unchanged
	rawStale bool  // unchanged, but its raw digest is not stored yet

	storyDoc    story.Doc
	storyKeys   []uint64 // stored under
	storyProbes []uint64 // looked up by
	storyPrep   story.Prepared
}

func prepareArticles(arts []NewArticle, at time.Time, storiesOff bool) []row {
	rows := make([]row, 0, len(arts))
	seen := make(map[string]bool, len(arts))
	h := sha256.New()
	for i := range arts {
		a := &arts[i]
		key := guidKey(a)
		if seen[key] {
			continue
		}
		seen[key] = true
		tickers := normTickers(a.Tickers)
		r := row{
			a:         a,
			guidKey:   key,
			published: toMS(publishedAt(a, at)),
			tickers:   tickers,
			digest:    contentDigest(h, a, tickers),
		}
		if storiesOff {
			rows = append(rows, r)
			continue
		}
		syms := make([]string, len(tickers))
		for i, t := range tickers {
			syms[i] = t.Symbol
		}
		r.storyDoc = storyDoc(a.Link, key, a.Title, a.Markdown, syms, fromMS(r.published))
		if a.StoryPrep.IsZero() || a.StoryKeys == nil || a.StoryProbes == nil || r.published != toMS(a.Published) {
			// Not worked out, or for a date the store corrected.
			a.StoryPrep = story.Prepare(r.storyDoc)
			a.StoryKeys, a.StoryProbes = a.StoryPrep.Keys(), a.StoryPrep.Probes()
		}
		r.storyPrep, r.storyKeys, r.storyProbes = a.StoryPrep, a.StoryKeys, a.StoryProbes
		rows = append(rows, r)
	}
	return rows
}

// guidKey falls back to the link, then to a hash of title and date, for a
// caller that did not compute a key.
func guidKey(a *NewArticle) string {
	if k := strings.TrimSpace(a.GUIDKey); k != "" {
		return k
	}
	if l := strings.TrimSpace(a.Link); l != "" {
		return l
	}
	sum := sha256.Sum256([]byte(a.Title + "\x00" + a.Published.UTC().Format(time.RFC3339)))
	return fmt.Sprintf("sha256:%x", sum[:16])
}

// publishedAt picks the date an article sorts by: its published date, else
// its updated date, else when it was first fetched. Dates far in the future
// are clamped to the fetch time.
func publishedAt(a *NewArticle, at time.Time) time.Time {
	p := a.Published
	if p.IsZero() || p.Unix() <= 0 {
		p = a.Updated
	}
	if p.IsZero() || p.Unix() <= 0 || p.After(at.Add(futureSlack)) {
		p = at
	}
	return p
}

// normTickers spells symbols as stored (symbol.Normalize), drops empty
// ones and merges ones repeated, summing their mentions, then sorts them
// primary first, then by mentions.
func normTickers(in []Ticker) []Ticker {
	out := make([]Ticker, 0, len(in))
	index := make(map[string]int, len(in))
	for _, t := range in {
		// Control characters could break the symbol lists List builds.
		t.Symbol = symbol.Normalize(strings.Map(dropControl, t.Symbol))
		if t.Symbol == "" {
			continue
		}
		k := t.Symbol
		if i, ok := index[k]; ok {
			o := &out[i]
			o.Mentions += t.Mentions
			o.Primary = o.Primary || t.Primary
			if o.Exchange == "" {
				o.Exchange = t.Exchange
			}
			if o.Name == "" {
				o.Name = t.Name
			}
			if o.Signal == "" {
				o.Signal = t.Signal
			}
			continue
		}
		index[k] = len(out)
		out = append(out, t)
	}
	sortTickers(out)
	return out
}

func dropControl(r rune) rune {
	if unicode.IsControl(r) {
		return -1
	}
	return r
}

func sortTickers(ts []Ticker) {
	slices.SortStableFunc(ts, func(a, b Ticker) int {
		if a.Primary != b.Primary {
			if a.Primary {
				return -1
			}
			return 1
		}
		if a.Mentions != b.Mentions {
			return b.Mentions - a.Mentions
		}
		return strings.Compare(a.Symbol, b.Symbol)
	})
}

// contentDigest hashes everything SaveFetch may rewrite, so an unchanged
// article is recognised without comparing bodies in SQL.
func contentDigest(h hash.Hash, a *NewArticle, tickers []Ticker) []byte {
	h.Reset()
	var n [8]byte
	str := func(s string) {
		binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	num := func(v int64) {
		binary.LittleEndian.PutUint64(n[:], uint64(v))
		h.Write(n[:])
	}
	str(a.Link)
	str(a.Title)
	str(a.Author)
	num(toMS(a.Updated))
	str(a.HTML)
	str(a.Markdown)
	str(string(a.Briefing))
	num(int64(a.ExtractorVersion))
	num(int64(len(tickers)))
	for _, t := range tickers {
		str(t.Symbol)
		str(t.Exchange)
		str(t.Name)
		num(int64(t.Mentions))
		str(t.Signal)
		num(int64(boolInt(t.Primary)))
	}
	return h.Sum(nil)[:16]
}

// saveStmts are the statements SaveFetch runs per article, prepared once
// per transaction.
type saveStmts struct {
	insert, update, deleteTickers *sql.Stmt
	tickers                       map[int]*sql.Stmt // multi-row ticker inserts by row count, prepared on first use
}

func prepareSave(ctx context.Context, tx *sql.Tx) (*saveStmts, error) {
	st := &saveStmts{}
	for _, p := range []struct {
		dst **sql.Stmt
		sql string
	}{
		{&st.insert, `INSERT INTO articles (feed_id, guid_key, link, title, author, published, updated, fetched,
			html, markdown, briefing, extractor_version, digest, story, read, starred, raw_digest, story_keyed)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`},
		{&st.update, `UPDATE articles SET link = ?, title = ?, author = ?, updated = ?, html = ?, markdown = ?,
			briefing = ?, extractor_version = ?, digest = ?, raw_digest = ? WHERE id = ?`},
		{&st.deleteTickers, `DELETE FROM article_tickers WHERE article_id = ?`},
	} {
		stmt, err := tx.PrepareContext(ctx, p.sql)
		if err != nil {
			st.close()
			return nil, err
		}
		*p.dst = stmt
	}
	return st, nil
}

func (st *saveStmts) close() {
	for _, s := range []*sql.Stmt{st.insert, st.update, st.deleteTickers} {
		if s != nil {
			s.Close()
		}
	}
	for _, s := range st.tickers {
		s.Close()
	}
}

// prunedAmong returns which of the GUID keys (a JSON array) have a
// tombstone in feedID, and marks those tombstones as seen at at.
func prunedAmong(ctx context.Context, tx *sql.Tx, feedID int64, keyJSON string, at int64) (map[string]bool, error) {
	var has int
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pruned WHERE feed_id = ?)`, feedID).Scan(&has); err != nil {
		return nil, err
	}
	if has == 0 {
		return nil, nil
	}
	rows, err := tx.QueryContext(ctx, `UPDATE pruned SET seen = ?
		WHERE feed_id = ? AND guid_key IN (SELECT value FROM json_each(?)) RETURNING guid_key`, at, feedID, keyJSON)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	tombs := map[string]bool{}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		tombs[k] = true
	}
	return tombs, rows.Err()
}

const insertTickerSQL = `INSERT INTO article_tickers (article_id, symbol, exchange, name, mentions, signal, is_primary, published)
	VALUES (?,?,?,?,?,?,?,?)`

// tickerRow is one article_tickers row waiting to be inserted.
type tickerRow struct {
	id, published int64
	t             Ticker
}

// tickerChunk is the most rows one ticker INSERT carries. SaveFetches
// inserts the tickers of all its feeds together: a multi-row INSERT keeps
// a statement journal of every page it touches, and 500 rows that land on
// the same index pages journal them once instead of five times (up to a
// tenth less CPU in BenchmarkIngest10kBatched). Larger chunks gained
// nothing more.
const tickerChunk = 500

// insertTickerRows inserts rows with as few statements as possible: each
// statement costs far more than a row in this SQLite build.
func (st *saveStmts) insertTickerRows(ctx context.Context, tx *sql.Tx, rows []tickerRow) error {
	var args []any
	for len(rows) > 0 {
		n := min(len(rows), tickerChunk)
		stmt := st.tickers[n]
		if stmt == nil {
			var b strings.Builder
			b.WriteString(`INSERT INTO article_tickers (article_id, symbol, exchange, name, mentions, signal, is_primary, published) VALUES `)
			for i := range n {
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteString("(?,?,?,?,?,?,?,?)")
			}
			var err error
			if stmt, err = tx.PrepareContext(ctx, b.String()); err != nil {
				return err
			}
			if st.tickers == nil {
				st.tickers = map[int]*sql.Stmt{}
			}
			st.tickers[n] = stmt
		}
		args = args[:0]
		for _, r := range rows[:n] {
			args = append(args, r.id, r.t.Symbol, r.t.Exchange, r.t.Name, r.t.Mentions, r.t.Signal, boolInt(r.t.Primary), r.published)
		}
		if _, err := stmt.ExecContext(ctx, args...); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// ItemDigests returns the raw digests (NewArticle.RawDigest) of feedID's
// stored articles by GUID key, read from an index alone.
func (s *Store) ItemDigests(ctx context.Context, feedID int64) (map[string][]byte, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT guid_key, raw_digest FROM articles INDEXED BY articles_raw_digest
		WHERE feed_id = ? AND raw_digest IS NOT NULL`, feedID)
	if err != nil {
		return nil, fmt.Errorf("digests of feed %d: %w", feedID, err)
	}
	defer rows.Close()
	out := map[string][]byte{}
	for rows.Next() {
		var k string
		var d []byte
		if err := rows.Scan(&k, &d); err != nil {
			return nil, fmt.Errorf("digests of feed %d: %w", feedID, err)
		}
		out[k] = d
	}
	return out, rows.Err()
}
