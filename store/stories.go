package store

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"brief/story"
)

// storyLead is how much of a body grouping compares: the lead, where
// copies of one story agree most.
const storyLead = 600

// prepareStory reads a for grouping, as published at pub, with its GUID
// key and normalised tickers: NewArticle's StoryPrep, StoryKeys and
// StoryProbes.
func prepareStory(a *NewArticle, key string, tickers []Ticker, pub time.Time) {
	syms := make([]string, len(tickers))
	for i, t := range tickers {
		syms[i] = t.Symbol
	}
	a.StoryPrep = story.Prepare(storyDoc(a.Link, key, a.Title, a.Markdown, syms, pub))
	a.StoryKeys, a.StoryProbes = a.StoryPrep.KeysProbes()
	a.storyPublished = toMS(pub)
}

// storyDoc is what grouping knows of an article.
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

// containsFold reports whether s contains sub, a lower-case ASCII string,
// in any case.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for j < len(sub) && s[i+j]|0x20 == sub[j] {
			j++
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}

// isFiling reports a link to a filing on SEC EDGAR: on sec.gov, or on
// any host under EDGAR's own paths (a mirror, a test server).
func isFiling(link string) bool {
	// A link without escapes holds its host and path as written, so one
	// that names neither sec.gov nor edgar is no filing: most links, told
	// without parsing them.
	if !strings.Contains(link, "%") && !containsFold(link, "sec.gov") && !containsFold(link, "edgar") {
		return false
	}
	u, err := url.Parse(link)
	if err != nil {
		return false
	}
	h := strings.ToLower(u.Hostname())
	p := strings.ToLower(u.Path)
	return h == "sec.gov" || strings.HasSuffix(h, ".sec.gov") ||
		strings.HasPrefix(p, "/archives/edgar/") || strings.HasPrefix(p, "/cgi-bin/browse-edgar")
}

// filingLinkSQL is true of every article whose link isFiling takes for a
// filing, unless neither sec.gov nor edgar appears in the link unescaped
// (no address EDGAR gives out is written so), and of few others. It is the condition of
// the index articles_filings, written into schemaV6 as it is here
// (TestFilingIndexConditionIsFilingLinkSQL), and a query uses the index
// only when it carries the condition as written there: changing it takes a
// migration that makes the index again.
const filingLinkSQL = `(instr(lower(link), 'sec.gov') > 0 OR instr(lower(link), 'edgar') > 0)`

// storyHead is the SQL for the head of article a's story.
const storyHead = `CASE a.story WHEN 0 THEN a.id ELSE a.story END`

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
		a, err := scanArticle(rowWith{rows, []any{&n}}, false)
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

// rowWith scans more columns after the ones scanArticle asks for.
type rowWith struct {
	sc    interface{ Scan(...any) error }
	extra []any
}

func (r rowWith) Scan(dest ...any) error { return r.sc.Scan(append(dest, r.extra...)...) }

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
	// The news of a company on a busy day runs to thousands of articles:
	// for news, only the filings of the day (a few, in their own index)
	// are asked whether they name the company.
	q := `SELECT ` + articleColumns + ` FROM article_tickers t
		CROSS JOIN articles a ON a.id = t.article_id JOIN feeds f ON f.id = a.feed_id
		WHERE t.symbol = ? AND t.published BETWEEN ? AND ? AND a.id <> ? AND a.story = 0
		ORDER BY abs(t.published - ?), a.id LIMIT 200`
	args := []any{sym, at - span, at + span, id, at}
	if !filing {
		// link is the article's: feeds and article_tickers have none.
		q = `SELECT ` + articleColumns + ` FROM articles a INDEXED BY articles_filings JOIN feeds f ON f.id = a.feed_id
		WHERE ` + filingLinkSQL + `
			AND a.published BETWEEN ? AND ? AND a.id <> ? AND a.story = 0
			AND EXISTS (SELECT 1 FROM article_tickers t WHERE t.article_id = a.id AND t.symbol = ?)
		ORDER BY abs(a.published - ?), a.id LIMIT 200`
		args = []any{at - span, at + span, id, sym, at}
	}
	rows, err := s.r.QueryContext(ctx, q, args...)
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
		FROM articles c CROSS JOIN articles h INDEXED BY articles_published_by_id ON h.id = c.story
		WHERE c.story <> 0 AND c.published >= ?2 GROUP BY c.story HAVING latest >= ?1`
	// A copy lies within the window of the story it joined, so a story
	// with a copy since since has all its copies since a little before.
	from := since - 2*story.Window.Milliseconds()
	// One pass over the copies (and their heads' dates, from the small
	// articles_published_by_id) picks the page and counts the stories
	// with several sources (many). Only the page's rows are read in full:
	// their columns include a correlated count and a ticker list.
	var many int
	out, err := s.storyRows(ctx, `WITH m AS (`+multi+`),
		page AS (SELECT head, n, latest, count(*) OVER () AS many FROM m
			ORDER BY n DESC, latest DESC, head DESC LIMIT ?3 OFFSET ?4)
		SELECT `+articleColumns+`, page.latest, page.many FROM page CROSS JOIN articles a ON a.id = page.head
		JOIN feeds f ON f.id = a.feed_id
		ORDER BY page.n DESC, page.latest DESC, a.id DESC`, &many, since, from, limit, offset)
	if err != nil {
		return nil, err
	}
	if limit > 0 && len(out) == limit {
		return out, nil
	}
	if len(out) == 0 {
		// The page starts past them, or there are none: count them.
		if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM (`+multi+`)`, since, from).Scan(&many); err != nil {
			return nil, err
		}
	}
	rest := -1
	if limit > 0 {
		rest = limit - len(out)
	}
	singles, err := s.storyRows(ctx, `SELECT `+articleColumns+`, a.published, 0 FROM articles a
		JOIN feeds f ON f.id = a.feed_id
		WHERE a.story = 0 AND a.published >= ?
			AND NOT EXISTS (SELECT 1 FROM articles c WHERE c.story <> 0 AND c.story = a.id)
		ORDER BY a.published DESC, a.id DESC LIMIT ? OFFSET ?`, nil, since, rest, max(offset-many, 0))
	return append(out, singles...), err
}

// storyRows reads stories: each row is an article's columns, then when
// its story was last published, then a number stored into count when not
// nil.
func (s *Store) storyRows(ctx context.Context, query string, count *int, args ...any) ([]StoryCount, error) {
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []StoryCount
	for rows.Next() {
		var latest, n int64
		a, err := scanArticle(rowWith{rows, []any{&latest, &n}}, false)
		if err != nil {
			return nil, err
		}
		if count != nil {
			*count = int(n)
		}
		out = append(out, StoryCount{Head: a, Sources: a.Sources, Latest: fromMS(latest)})
	}
	return out, rows.Err()
}
