package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"brief/symbol"
)

// SearchQuery is a full-text search, one page of it.
type SearchQuery struct {
	// Text is plain user text; see SearchPage.
	Text string
	// ByDate orders newest first instead of best match first.
	ByDate bool
	// Limit 0 means no limit.
	Offset, Limit int
	// Copies lists every copy of a story that matches; without it a
	// story is listed once: a copy whose story's head matches too is
	// left out.
	Copies bool
}

// Search returns up to limit articles (0 = no limit) that match query,
// best match first: the first page of SearchPage.
func (s *Store) Search(ctx context.Context, query string, limit int) ([]Article, error) {
	return s.SearchPage(ctx, SearchQuery{Text: query, Limit: limit})
}

// SearchPage returns one page of the articles that match every word of
// q.Text, without bodies (as List). A word matches an article whose title
// or body contains it, or that names it as a ticker symbol: "BABA" finds
// the articles tagged BABA that only ever say "Alibaba". Symbols are
// compared as stored (BABA, BRK.B, 0700.HK), ignoring case and a leading
// "$".
//
// Best match first means: the articles whose text matches every word, by
// bm25 (a title match weighs ten body matches), then those that needed a
// ticker to match, newest first. A ticker-only match has no text score to
// weigh against bm25's, and someone searching a symbol wants its latest
// news. Equal scores go to the article stored last, so that pages never
// overlap or skip a row.
//
// The text is plain user text, never FTS5 syntax: each word becomes a
// quoted term, so quotes, parentheses, AND/OR/NOT, '-' or a lone '*' can
// never make the query fail. A word ending in '*' stays a prefix search
// of the text ("earn*" finds "earnings") and matches no ticker.
//
// Articles saved since the last search are indexed first (IndexPending).
func (s *Store) SearchPage(ctx context.Context, q SearchQuery) ([]Article, error) {
	arts, err := s.searchPage(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("search for %q: %w", q.Text, err)
	}
	return arts, nil
}

// SearchCount returns how many stories match text: as many as SearchPage
// returns without a limit.
func (s *Store) SearchCount(ctx context.Context, text string) (int, error) {
	return s.SearchTotal(ctx, SearchQuery{Text: text})
}

// SearchTotal returns how many rows SearchPage returns for q without a
// limit (articles with q.Copies, else stories).
func (s *Store) SearchTotal(ctx context.Context, q SearchQuery) (int, error) {
	text := q.Text
	m, err := s.prepareSearch(ctx, text, q.Copies)
	if err != nil {
		return 0, fmt.Errorf("search for %q: %w", text, err)
	}
	if m == nil {
		return 0, nil
	}
	var n int
	args := append(slices.Clone(m.withArgs), m.hitArgs...)
	if err := s.r.QueryRowContext(ctx, m.with+`SELECT count(*) FROM (`+m.hits+`)`, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("search for %q: %w", text, err)
	}
	return n, nil
}

func (s *Store) searchPage(ctx context.Context, q SearchQuery) ([]Article, error) {
	m, err := s.prepareSearch(ctx, q.Text, q.Copies)
	if err != nil || m == nil {
		return nil, err
	}
	query, args := m.pageSQL(q)
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return collectArticles(rows, false)
}

// pageSQL builds the query for one page of q.
//
// A page is chosen without reading a single articles row: a row holds the
// article's HTML and markdown, so with real bodies each match sits on a
// database page of its own, and sorting 25,000 matches by their articles'
// dates read as many pages (190 ms against 4 ms for the same search of
// 100,000 articles with 6 KB bodies). The full-text index, the ticker
// index (which copies the published time) and articles_by_published
// choose the page; articles are joined for the page's rows only, which
// also computes the list columns (feed, tickers) for those rows alone.
func (m *searchMatch) pageSQL(q SearchQuery) (string, []any) {
	limit, offset := q.Limit, max(q.Offset, 0)
	if limit <= 0 {
		limit = -1
	}
	var page, order string
	var args []any
	switch {
	case q.ByDate:
		// The + keeps SQLite from looking each match up by id to sort
		// them: it walks articles_by_published newest first and stops at
		// the page, at worst (nothing matches) 6 ms for 100,000 articles.
		page = `SELECT a.id, NULL AS rank, a.published AS pub FROM articles a
			WHERE +a.id IN (` + m.hits + `)`
		args = m.hitArgs
		order = `m.pub DESC, m.id DESC`
	case len(m.symbols) == 0:
		page = `SELECT rowid AS id, rank, NULL AS pub FROM articles_fts WHERE articles_fts MATCH ?` + m.notExcluded("rowid")
		args = []any{m.text}
		order = `m.rank, m.id DESC`
	default:
		// The text matches, scored; then the matches that needed a
		// ticker, each of which has a ticker row to date it by. An
		// article naming two of the symbols comes once.
		page = `SELECT rowid AS id, rank, NULL AS pub FROM articles_fts WHERE articles_fts MATCH ?` + m.notExcluded("rowid") + `
			UNION ALL
			SELECT article_id, NULL, max(published) FROM article_tickers
			WHERE symbol IN (` + placeholders(len(m.symbols)) + `)
				AND article_id IN (` + m.hits + `)
				AND article_id NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)
			GROUP BY article_id`
		args = append(args, m.text)
		for _, sym := range m.symbols {
			args = append(args, sym)
		}
		args = append(append(args, m.hitArgs...), m.text)
		order = `m.rank IS NULL, m.rank, m.pub DESC, m.id DESC`
	}
	return m.with + `SELECT ` + articleColumns + `
		FROM (SELECT * FROM (` + page + `) m ORDER BY ` + order + ` LIMIT ? OFFSET ?) m
		JOIN articles a ON a.id = m.id
		JOIN feeds f ON f.id = a.feed_id
		ORDER BY ` + order, append(append(slices.Clone(m.withArgs), args...), limit, offset)
}

// notExcluded is the condition on col that leaves out m.excl, or "".
func (m *searchMatch) notExcluded(col string) string {
	if m.excl == "" {
		return ""
	}
	return ` AND ` + col + ` NOT IN (` + m.excl + `)`
}

func placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?,", n), ",") }

// searchMatch is search text turned into SQL.
type searchMatch struct {
	text    string   // FTS5 query of every word
	symbols []string // the words that name a stored ticker
	// hits selects the ids of the matching articles, each once, from
	// the full-text and ticker indices alone.
	hits    string
	hitArgs []any
	// excl selects the copies to leave out (those whose story's head
	// matches too), from the table hit that with defines; both are ""
	// when every copy is listed. Every query using hits or excl starts
	// with with.
	excl, with string
	withArgs   []any
}

// prepareSearch indexes pending articles and turns text into SQL, or
// returns nil when text has no word to look for.
func (s *Store) prepareSearch(ctx context.Context, text string, copies bool) (*searchMatch, error) {
	words := searchWords(text)
	if len(words) == 0 {
		return nil, nil
	}
	if _, err := s.IndexPending(ctx); err != nil {
		return nil, err
	}
	m := &searchMatch{}
	var terms, plain []string
	var symWords []searchWord
	for _, w := range words {
		terms = append(terms, w.term)
		if w.symbol != "" {
			// Most words name no ticker, and then the search is one
			// FTS5 query: ask the symbol index first.
			var known bool
			err := s.r.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM article_tickers WHERE symbol = ?)`, w.symbol).Scan(&known)
			if err != nil {
				return nil, err
			}
			if known {
				symWords = append(symWords, w)
				m.symbols = append(m.symbols, w.symbol)
				continue
			}
		}
		plain = append(plain, w.term)
	}
	m.text = strings.Join(terms, " AND ")

	// The words that name no ticker make one FTS5 query, the cheapest
	// start; without them, the first symbol word starts. Each other
	// symbol word filters: its text matches or the articles naming it.
	// The + keeps SQLite from handing a filter to FTS5 as one look-up
	// per id.
	const either = `SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ?
		UNION SELECT article_id FROM article_tickers WHERE symbol = ?`
	if len(plain) > 0 {
		m.hits = `SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ?`
		m.hitArgs = append(m.hitArgs, strings.Join(plain, " AND "))
	} else {
		m.hits = either
		m.hitArgs = append(m.hitArgs, symWords[0].term, symWords[0].symbol)
		symWords = symWords[1:]
	}
	if len(symWords) > 0 {
		var filters []string
		for _, w := range symWords {
			filters = append(filters, `+id IN (`+either+`)`)
			m.hitArgs = append(m.hitArgs, w.term, w.symbol)
		}
		m.hits = `SELECT id FROM (` + m.hits + `) WHERE ` + strings.Join(filters, " AND ")
	}
	if !copies {
		// A story once: a copy whose head matches too is left out, from
		// the copies' index alone, so counts and pages still agree. The
		// matches are worked out once, for both uses.
		m.with = `WITH hit(id) AS MATERIALIZED (` + m.hits + `) `
		m.withArgs = m.hitArgs
		m.excl = `SELECT id FROM articles WHERE story <> 0 AND story IN hit`
		m.hits = `SELECT id FROM hit WHERE id NOT IN (` + m.excl + `)`
		m.hitArgs = nil
	}
	return m, nil
}

// searchWord is one word of a search: an FTS5 term, and the ticker symbol
// it may name ("" for a prefix word).
type searchWord struct {
	term, symbol string
}

// searchWords splits user text into words. Words without a letter or digit
// are dropped: the tokenizer would make an empty phrase of them, which
// matches nothing and would empty the result.
func searchWords(text string) []searchWord {
	var out []searchWord
	for _, w := range strings.Fields(text) {
		prefix := strings.HasSuffix(w, "*")
		w = strings.TrimRight(w, "*")
		if !strings.ContainsFunc(w, isWordRune) {
			continue
		}
		sw := searchWord{term: `"` + strings.ReplaceAll(w, `"`, `""`) + `"`}
		if prefix {
			sw.term += "*"
		} else {
			// Symbols are stored normalised (BABA, BRK.B, 0700.HK);
			// "$BABA" or "(BABA)" is BABA, "brk-b" is BRK.B.
			sw.symbol = symbol.Normalize(strings.TrimFunc(w, func(r rune) bool { return !isWordRune(r) }))
		}
		out = append(out, sw)
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }

// ftsQuery turns user text into an FTS5 query of quoted, ANDed terms.
func ftsQuery(text string) string {
	var terms []string
	for _, w := range searchWords(text) {
		terms = append(terms, w.term)
	}
	return strings.Join(terms, " AND ")
}

// IndexPending adds the articles saved since the last call to the full-text
// index, all in one statement, and reports how many it added. Search calls
// it; the reader also calls it in the background so that its first search
// does not wait. Without anything queued it only reads.
func (s *Store) IndexPending(ctx context.Context) (int, error) {
	if s.readOnly {
		return 0, nil // a search sees what was indexed when it was written
	}
	var queued bool
	if err := s.r.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM fts_pending)`).Scan(&queued); err != nil {
		return 0, fmt.Errorf("update search index: %w", err)
	}
	if !queued {
		return 0, nil
	}
	total := 0
	for {
		var n, last int64
		err := s.writeTx(ctx, func(tx *sql.Tx) error {
			// Another process may have indexed them meanwhile: the queue
			// is re-read under the write lock, and rows deleted since are
			// gone from it (the delete trigger).
			err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM
				(SELECT id FROM fts_pending ORDER BY id LIMIT ?)`, indexChunk).Scan(&last)
			if err != nil || last == 0 {
				return err
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO articles_fts (rowid, title, markdown)
				SELECT a.id, a.title, a.markdown FROM fts_pending p JOIN articles a ON a.id = p.id
				WHERE p.id <= ?`, last)
			if err != nil {
				return err
			}
			if n, err = res.RowsAffected(); err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx, `DELETE FROM fts_pending WHERE id <= ?`, last)
			return err
		})
		if err != nil {
			return total, fmt.Errorf("update search index: %w", err)
		}
		total += int(n)
		if last == 0 {
			return total, nil
		}
	}
}

// indexChunk bounds the articles IndexPending indexes per transaction (a
// variable for the tests), so that a large backlog (the first fetch of many
// feeds) neither holds the write lock for seconds nor starts over when the
// reader quits midway.
var indexChunk = 5000
