package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"brief/story"
)

// storyLead is how much of a body grouping compares: the lead, where
// copies of one story agree most.
const storyLead = 600

// StoryDoc is what grouping knows of an article about to be saved.
func StoryDoc(a *NewArticle) story.Doc {
	tickers := make([]string, 0, len(a.Tickers))
	for _, t := range normTickers(a.Tickers) {
		tickers = append(tickers, t.Symbol)
	}
	return storyDoc(a.Link, guidKey(a), a.Title, a.Markdown, tickers, a.Published)
}

func storyDoc(link, guid, title, markdown string, tickers []string, published time.Time) story.Doc {
	return story.Doc{
		Link:      link,
		GUID:      globalGUID(guid, link),
		Title:     title,
		Lead:      leadOf(markdown),
		Tickers:   tickers,
		Published: published,
		Filing:    isFiling(link),
	}
}

// globalGUID keeps a GUID that can name one article across feeds: a URL,
// a tag: or urn: name, or a long opaque id. "1234" from one site and
// "1234" from another are different articles; a GUID that is the link
// adds nothing to the link.
func globalGUID(guid, link string) string {
	g := strings.TrimSpace(guid)
	switch {
	case g == "" || g == strings.TrimSpace(link) || strings.HasPrefix(g, "sha256:"):
		return ""
	case strings.Contains(g, "://"), strings.HasPrefix(g, "tag:"), strings.HasPrefix(g, "urn:"), len(g) >= 24:
		return g
	}
	return ""
}

// leadOf is the start of a body, cut at a rune boundary.
func leadOf(md string) string {
	if len(md) <= storyLead {
		return md
	}
	cut := storyLead
	for cut > 0 && !isRuneStart(md[cut]) {
		cut--
	}
	return md[:cut]
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// isFiling reports a link to a filing on SEC EDGAR: on sec.gov, or on
// any host under EDGAR's own paths (a mirror, a test server).
func isFiling(link string) bool {
	u, err := url.Parse(link)
	if err != nil {
		return false
	}
	h := strings.ToLower(u.Hostname())
	p := strings.ToLower(u.Path)
	return h == "sec.gov" || strings.HasSuffix(h, ".sec.gov") ||
		strings.HasPrefix(p, "/archives/edgar/") || strings.HasPrefix(p, "/cgi-bin/browse-edgar")
}

// storyCand is an article a new one may join.
type storyCand struct {
	id, head      int64 // head is the story's head (id itself for a head)
	doc           story.Doc
	prep          story.Prepared // doc, read once for all the comparisons it takes part in
	read, starred bool
}

func newCand(id, head int64, doc story.Doc, read, starred bool) *storyCand {
	return newCandPrepared(id, head, doc, story.Prepared{}, read, starred)
}

// newCandPrepared is newCand with doc already prepared (or zero: not).
func newCandPrepared(id, head int64, doc story.Doc, prep story.Prepared, read, starred bool) *storyCand {
	if prep.IsZero() {
		prep = story.Prepare(doc)
	}
	return &storyCand{id: id, head: head, doc: doc, prep: prep, read: read, starred: starred}
}

// storyTx groups the new articles of one SaveFetches call: the ones saved
// earlier in the call are candidates too, and their keys are inserted at
// the end, in one statement.
type storyTx struct {
	fresh map[uint64][]*storyCand
	// recent is the Store's recentStories, read-only during the call.
	recent map[uint64][]*storyCand
	upTo   int64 // the database is asked for candidates up to this id
	window time.Duration
	off    bool       // grouping is off: articles are saved unkeyed
	keys   [][2]int64 // (key, article id) to insert
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
func loadStoryCands(ctx context.Context, tx querier, keys []uint64, upTo int64) (map[uint64][]*storyCand, error) {
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
	byID, err := scanCands(rows)
	if err != nil {
		return nil, err
	}
	out := map[uint64][]*storyCand{}
	for _, h := range hits { // by id: each key's candidates oldest first
		if c := byID[h.id]; c != nil {
			out[h.key] = append(out[h.key], c)
		}
	}
	return out, nil
}

// querier is a transaction or the database.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func scanCands(rows *sql.Rows) (map[int64]*storyCand, error) {
	defer rows.Close()
	byID := map[int64]*storyCand{}
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
		byID[id] = newCand(id, head, storyDoc(link, guid, title, lead, syms, fromMS(published)), read, starred)
	}
	return byID, rows.Err()
}

// storyOf picks the story a new article joins: the first candidate
// sharing a key that story.Match accepts, the oldest story first. It
// returns nil when the article starts a story of its own.
func storyOf(doc story.Doc, pd story.Prepared, keys []uint64, window time.Duration, sets ...map[uint64][]*storyCand) *storyCand {
	var best *storyCand
	seen := map[int64]bool{}
	compared := 0
	prepared := !pd.IsZero()
	for _, k := range keys {
		for _, m := range sets {
			set := m[k]
			for i := len(set) - 1; i >= 0; i-- { // the newest first
				c := set[i]
				if seen[c.id] {
					continue
				}
				seen[c.id] = true
				if best != nil && c.head >= best.head {
					continue
				}
				if compared == maxMatches {
					return best
				}
				compared++
				if !prepared {
					pd, prepared = story.Prepare(doc), true
				}
				if story.MatchPrepared(pd, c.prep, window) {
					best = c
				}
			}
		}
	}
	return best
}

// addFresh records c under its keys for the later articles of the same
// call, keeping the newest candsPerKey per key.
func addFresh(fresh map[uint64][]*storyCand, keys []uint64, c *storyCand) {
	for _, k := range keys {
		set := fresh[k]
		if len(set) == candsPerKey {
			copy(set, set[1:])
			set = set[:candsPerKey-1]
		}
		fresh[k] = append(set, c)
	}
}

// differsMaterially reports whether a copy joining a story brings news the
// story has not told: a number in its title or lead that the story's
// copy does not have (a new figure, a revised one). Wording, furniture and
// a shorter or longer lead do not count.
func differsMaterially(copy, known story.Doc) bool {
	have := map[string]bool{}
	for _, n := range numbersIn(known.Title + " " + known.Lead) {
		have[n] = true
	}
	for _, n := range numbersIn(copy.Title + " " + copy.Lead) {
		if !have[n] {
			return true
		}
	}
	return false
}

// numbersIn returns the numbers of s as written, digits and inner
// separators ("3.8", "27,200"), without signs or units.
func numbersIn(s string) []string {
	var out []string
	start := -1
	for i, r := range s + " " {
		digit := unicode.IsDigit(r)
		inner := (r == '.' || r == ',') && start >= 0 && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9'
		switch {
		case digit || inner:
			if start < 0 {
				start = i
			}
		case start >= 0:
			out = append(out, s[start:i])
			start = -1
		}
	}
	return out
}

// insertStoryKeys writes the keys of the articles saved in one call.
func insertStoryKeys(ctx context.Context, tx *sql.Tx, keys [][2]int64) error {
	if len(keys) == 0 {
		return nil
	}
	b, err := json.Marshal(keys)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT OR IGNORE INTO story_keys (key, article_id)
		SELECT value ->> 0, value ->> 1 FROM json_each(?)`, string(b))
	if err != nil {
		return fmt.Errorf("save story keys: %w", err)
	}
	return nil
}

// storyHead is the SQL for the head of article a's story.
const storyHead = `CASE a.story WHEN 0 THEN a.id ELSE a.story END`

// markUnread records in the candidates that a story is unread again, so
// that later copies in the same call see it.
func markUnread(head int64, sets ...map[uint64][]*storyCand) {
	for _, m := range sets {
		for _, set := range m {
			for _, c := range set {
				if c.head == head {
					c.read = false
				}
			}
		}
	}
}

// updateStories is an UPDATE of articles that sets set (with where, a
// further condition) on every copy of the stories of the article ids
// selected by ids. Placeholders in ids come before those in set and where.
func updateStories(ids, set, where string) string {
	return `WITH heads(h) AS MATERIALIZED (
			SELECT CASE x.story WHEN 0 THEN x.id ELSE x.story END FROM articles x WHERE x.id IN (` + ids + `))
		UPDATE articles SET ` + set + ` WHERE ` + where + ` AND (id IN heads OR story <> 0 AND story IN heads)`
}

// StoryCopies returns every article telling the story of article id, the
// head first, then by arrival, with BodyLen filled; just the article when
// it is alone, and ErrNotFound when it is unknown.
func (s *Store) StoryCopies(ctx context.Context, id int64) ([]Article, error) {
	rows, err := s.r.QueryContext(ctx, `WITH head(h) AS (SELECT CASE story WHEN 0 THEN id ELSE story END FROM articles WHERE id = ?)
		SELECT `+articleColumns+`, length(a.markdown) FROM articles a JOIN feeds f ON f.id = a.feed_id
		WHERE a.id IN head OR a.story <> 0 AND a.story IN head
		ORDER BY a.story <> 0, a.id`, id)
	if err != nil {
		return nil, fmt.Errorf("copies of article %d: %w", id, err)
	}
	defer rows.Close()
	var out []Article
	for rows.Next() {
		var n int
		a, err := scanArticle(rowWith{rows, &n}, false)
		if err != nil {
			return nil, fmt.Errorf("copies of article %d: %w", id, err)
		}
		a.BodyLen = n
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("copies of article %d: %w", id, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("article %d: %w", id, ErrNotFound)
	}
	return out, nil
}

// rowWith scans one more column after the ones scanArticle asks for.
type rowWith struct {
	sc    interface{ Scan(...any) error }
	extra any
}

func (r rowWith) Scan(dest ...any) error { return r.sc.Scan(append(dest, r.extra)...) }

// relatedSpan is how close in time a filing and news about its company
// must be to be related: the same day, give or take the hours between a
// filing after the close and the next morning's story.
const relatedSpan = 24 * time.Hour

// Related returns the articles related to article id without telling its
// story: for a filing (SEC EDGAR), the news naming its company within a
// day; for news, the filings of its primary company within a day. At most
// limit (default 10), nearest in time first.
func (s *Store) Related(ctx context.Context, id int64, limit int) ([]Article, error) {
	if limit <= 0 {
		limit = 10
	}
	a, err := s.Article(ctx, id)
	if err != nil {
		return nil, err
	}
	if len(a.Tickers) == 0 {
		return nil, nil
	}
	filing := isFiling(a.Link)
	// The filing's company, or the news's primary one.
	sym := a.Tickers[0]
	at := toMS(a.Published)
	span := relatedSpan.Milliseconds()
	rows, err := s.r.QueryContext(ctx, `SELECT `+articleColumns+` FROM article_tickers t
		CROSS JOIN articles a ON a.id = t.article_id JOIN feeds f ON f.id = a.feed_id
		WHERE t.symbol = ? AND t.published BETWEEN ? AND ? AND a.id <> ? AND a.story = 0
		ORDER BY abs(t.published - ?), a.id LIMIT 200`, sym, at-span, at+span, id, at)
	if err != nil {
		return nil, fmt.Errorf("related to article %d: %w", id, err)
	}
	all, err := collectArticles(rows, false)
	if err != nil {
		return nil, fmt.Errorf("related to article %d: %w", id, err)
	}
	var out []Article
	for _, b := range all {
		if b.Story == a.Story || isFiling(b.Link) == filing {
			continue
		}
		// News is related to a filing only when it is about that company.
		if filing && (len(b.Tickers) == 0 || b.Tickers[0] != sym) {
			continue
		}
		out = append(out, b)
		if len(out) == limit {
			break
		}
	}
	return out, nil
}

// StoryCount is one story of Stories.
type StoryCount struct {
	Head    Article // the copy heading the story
	Sources int
	Latest  time.Time // when its newest copy was published
}

// Stories lists the stories with a copy published at or after since, the
// most covered first (then the most recent): what everyone is writing
// about. Stories told by one source come last, newest first.
//
// The stories with several sources come from the copies' index and the
// ones told once from the list index, page by page, so that neither
// groups the whole table: a page of 100,000 articles stays a few
// milliseconds.
func (s *Store) Stories(ctx context.Context, since time.Time, limit, offset int) ([]StoryCount, error) {
	out, err := s.stories(ctx, toMS(since), limit, offset)
	if err != nil {
		return nil, fmt.Errorf("list stories: %w", err)
	}
	return out, nil
}

func (s *Store) stories(ctx context.Context, since int64, limit, offset int) ([]StoryCount, error) {
	if limit <= 0 {
		limit = -1
	}
	offset = max(offset, 0)
	const multi = `SELECT c.story AS head, count(*) + 1 AS n, max(max(c.published), h.published) AS latest
		FROM articles c CROSS JOIN articles h ON h.id = c.story
		WHERE c.story <> 0 AND c.published >= ?2 GROUP BY c.story HAVING latest >= ?1`
	// A copy lies within the window of the story it joined, so a story
	// with a copy since since has all its copies since a little before.
	from := since - 2*story.Window.Milliseconds()
	var many int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM (`+multi+`)`, since, from).Scan(&many); err != nil {
		return nil, err
	}
	out, err := s.storyRows(ctx, `WITH m AS (`+multi+`)
		SELECT `+articleColumns+`, m.latest FROM m CROSS JOIN articles a ON a.id = m.head
		JOIN feeds f ON f.id = a.feed_id
		ORDER BY m.n DESC, m.latest DESC, a.id DESC LIMIT ?3 OFFSET ?4`, since, from, limit, offset)
	if err != nil {
		return nil, err
	}
	if limit > 0 && len(out) == limit {
		return out, nil
	}
	rest := -1
	if limit > 0 {
		rest = limit - len(out)
	}
	singles, err := s.storyRows(ctx, `SELECT `+articleColumns+`, a.published FROM articles a
		JOIN feeds f ON f.id = a.feed_id
		WHERE a.story = 0 AND a.published >= ?
			AND NOT EXISTS (SELECT 1 FROM articles c WHERE c.story <> 0 AND c.story = a.id)
		ORDER BY a.published DESC, a.id DESC LIMIT ? OFFSET ?`, since, rest, max(offset-many, 0))
	return append(out, singles...), err
}

func (s *Store) storyRows(ctx context.Context, query string, args ...any) ([]StoryCount, error) {
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []StoryCount
	for rows.Next() {
		var latest int64
		a, err := scanArticle(rowWith{rows, &latest}, false)
		if err != nil {
			return nil, err
		}
		out = append(out, StoryCount{Head: a, Sources: a.Sources, Latest: fromMS(latest)})
	}
	return out, rows.Err()
}

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

func (s *Store) backfillStories(ctx context.Context, n int) (int, error) {
	if s.storiesOff {
		return 0, nil
	}
	type pending struct {
		id      int64
		read    bool
		starred bool
		doc     story.Doc
		prep    story.Prepared
		keys    []uint64 // stored under
		probes  []uint64 // looked up by
	}
	rows, err := s.r.QueryContext(ctx, `SELECT a.id, a.link, a.guid_key, a.title, substr(a.markdown, 1, `+strconv.Itoa(storyLead)+`),
			a.published, a.read, a.starred,
			(SELECT group_concat(t.symbol, char(31) ORDER BY t.is_primary DESC, t.mentions DESC, t.symbol)
			 FROM article_tickers t WHERE t.article_id = a.id)
		FROM articles a WHERE a.story_keyed = 0 ORDER BY a.id LIMIT ?`, n)
	if err != nil {
		return 0, err
	}
	var todo []pending
	var all []uint64
	for rows.Next() {
		var (
			p                       pending
			link, guid, title, lead string
			published               int64
			tickers                 sql.NullString
		)
		if err := rows.Scan(&p.id, &link, &guid, &title, &lead, &published, &p.read, &p.starred, &tickers); err != nil {
			rows.Close()
			return 0, err
		}
		var syms []string
		if tickers.String != "" {
			syms = strings.Split(tickers.String, tickerSep)
		}
		p.doc = storyDoc(link, guid, title, lead, syms, fromMS(published))
		p.prep = story.Prepare(p.doc)
		p.keys, p.probes = p.prep.Keys(), p.prep.Probes()
		all = append(all, p.probes...)
		todo = append(todo, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	if len(todo) == 0 {
		return 0, nil
	}
	// The keys written here are not in recentStories: it starts over.
	s.recent.mu.Lock()
	defer s.recent.mu.Unlock()
	s.recent.m = nil
	err = s.writeTx(ctx, func(tx *sql.Tx) error {
		stored, err := loadStoryCands(ctx, tx, all, math.MaxInt64)
		if err != nil {
			return err
		}
		fresh := map[uint64][]*storyCand{}
		var keys [][2]int64
		for _, p := range todo {
			head := int64(0)
			if c := storyOf(p.doc, p.prep, p.probes, s.storyWindow, stored, fresh); c != nil && c.head != p.id {
				head = c.head
				// Nothing is lost: the story is unread if any copy is,
				// starred if any copy is.
				if _, err := tx.ExecContext(ctx, updateStories(strconv.FormatInt(head, 10),
					`read = read AND ?, starred = starred OR ?`, `1`), p.read, p.starred); err != nil {
					return err
				}
				if !p.read {
					markUnread(head, stored, fresh)
				}
			}
			if _, err := tx.ExecContext(ctx, `UPDATE articles SET story = ?, story_keyed = 1 WHERE id = ?`, head, p.id); err != nil {
				return err
			}
			h := head
			if h == 0 {
				h = p.id
			}
			c := newCandPrepared(p.id, h, p.doc, p.prep, p.read, p.starred)
			addFresh(fresh, p.keys, c)
			for _, k := range p.keys {
				keys = append(keys, [2]int64{int64(k), p.id})
			}
		}
		return insertStoryKeys(ctx, tx, keys)
	})
	if err != nil {
		return 0, err
	}
	return len(todo), nil
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
// look-up at all. Another connection's commit (another brief, a backfill)
// changes the writer connection's data_version, and then m starts over;
// so does a failed write. It forgets everything past maxRecentKeys keys.
// mu is held for a whole SaveFetches or backfill batch, which the single
// writer connection serializes anyway.
type recentStories struct {
	mu      sync.Mutex
	m       map[uint64][]*storyCand
	base    int64 // the newest article id when m began
	version int64 // PRAGMA data_version when m was last known whole
}

// begin makes r whole for a write transaction that holds the write lock:
// kept when nothing else wrote since the last call, else started over
// from the newest article. mu is held.
func (r *recentStories) begin(ctx context.Context, tx *sql.Tx) error {
	var v int64
	if err := tx.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v); err != nil {
		return err
	}
	if r.m != nil && v == r.version {
		return nil
	}
	var base int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM articles`).Scan(&base); err != nil {
		return err
	}
	r.m, r.base, r.version = map[uint64][]*storyCand{}, base, v
	return nil
}

const maxRecentKeys = 200_000

// merge adds a committed call's candidates; mu is held.
func (r *recentStories) merge(fresh map[uint64][]*storyCand) {
	if r.m == nil || len(r.m)+len(fresh) > maxRecentKeys {
		r.m = nil // the next call starts over from the newest article
		return
	}
	for k, set := range fresh {
		for _, c := range set {
			addFresh(r.m, []uint64{k}, c)
		}
	}
}

// uncovered returns the keys recent does not hold candsPerKey articles of.
func uncovered(keys []uint64, recent map[uint64][]*storyCand) []uint64 {
	out := keys[:0:0]
	for _, k := range keys {
		if len(recent[k]) < candsPerKey {
			out = append(out, k)
		}
	}
	return out
}

// currentStory returns c with its story's head and state read now, or nil
// when c is gone.
func currentStory(ctx context.Context, tx *sql.Tx, c *storyCand) (*storyCand, error) {
	now := *c
	err := tx.QueryRowContext(ctx, `SELECT CASE story WHEN 0 THEN id ELSE story END, read, starred
		FROM articles WHERE id = ?`, c.id).Scan(&now.head, &now.read, &now.starred)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &now, nil
}
