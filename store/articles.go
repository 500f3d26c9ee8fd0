package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Article is a saved article. List and Search leave HTML and Markdown
// empty; Article fills them.
type Article struct {
	ID, FeedID         int64
	FeedTitle, FeedURL string
	GUIDKey, Link      string
	Title, Author      string

	Published time.Time // never zero: falls back to updated, then fetched
	Updated   time.Time
	Fetched   time.Time // first seen

	HTML, Markdown string

	Read, Starred bool
	Tickers       []string // symbols, primary first, then by mentions

	Briefing         []byte
	ExtractorVersion int

	// Story is the id of the article heading this one's story (its own id
	// when it heads it) and Sources how many articles tell the story,
	// itself included; see package story.
	Story   int64
	Sources int
	// BodyLen is the length of the stored body; only StoryCopies fills it.
	BodyLen int
}

// tickerSep joins symbols inside SQL; no symbol contains a unit separator.
const tickerSep = "\x1f"

// tickerColumn is what articles.tickers holds for an article with tickers
// ts: the symbols in the order List reads them from article_tickers,
// joined by tickerSep.
func tickerColumn(ts []Ticker) string { return symbolsColumn(listOrder(ts)) }

// listOrder is a copy of ts in the order the list shows tickers: primary
// first, then by mentions, then by symbol as SQLite's NOCASE orders them.
func listOrder(ts []Ticker) []Ticker {
	ts = slices.Clone(ts)
	slices.SortStableFunc(ts, func(a, b Ticker) int { return compareTickers(a, b, compareNoCase) })
	return ts
}

// symbolsColumn joins the symbols of ts, in list order, by tickerSep.
func symbolsColumn(ts []Ticker) string {
	if len(ts) == 0 {
		return ""
	}
	var sb strings.Builder
	for i, t := range ts {
		if i > 0 {
			sb.WriteString(tickerSep)
		}
		sb.WriteString(t.Symbol)
	}
	return sb.String()
}

// compareNoCase orders as SQLite's NOCASE collation does: ASCII letters
// folded to lower case, every other byte as it is.
func compareNoCase(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return cmp.Compare(x, y)
		}
	}
	return cmp.Compare(len(a), len(b))
}

// articleColumns are the columns of a list row, over articles a joined with
// feeds f.
const articleColumns = `a.id, a.feed_id, ` + feedTitle + `, f.url, a.guid_key, a.link, a.title, a.author,
	a.published, a.updated, a.fetched, a.read, a.starred, a.briefing, a.extractor_version,
	coalesce(a.tickers, (SELECT group_concat(t2.symbol, char(31) ORDER BY t2.is_primary DESC, t2.mentions DESC, t2.symbol)
	 FROM article_tickers t2 WHERE t2.article_id = a.id)),
	` + storyHead + `,
	1 + (SELECT count(*) FROM articles c WHERE c.story <> 0 AND c.story = ` + storyHead + `)`

// bodyColumns are appended to articleColumns where bodies are wanted.
const bodyColumns = `, a.html, a.markdown`

func scanArticle(sc interface{ Scan(...any) error }, withBody bool) (Article, error) {
	var (
		a                           Article
		published, updated, fetched int64
		read, starred               int
		tickers                     sql.NullString
	)
	dest := []any{&a.ID, &a.FeedID, &a.FeedTitle, &a.FeedURL, &a.GUIDKey, &a.Link, &a.Title, &a.Author,
		&published, &updated, &fetched, &read, &starred, &a.Briefing, &a.ExtractorVersion, &tickers,
		&a.Story, &a.Sources}
	if withBody {
		dest = append(dest, &a.HTML, &a.Markdown)
	}
	if err := sc.Scan(dest...); err != nil {
		return Article{}, err
	}
	a.Published, a.Updated, a.Fetched = fromMS(published), fromMS(updated), fromMS(fetched)
	a.Read, a.Starred = read != 0, starred != 0
	if tickers.String != "" {
		a.Tickers = strings.Split(tickers.String, tickerSep)
	}
	return a, nil
}

func collectArticles(rows *sql.Rows, withBody bool) ([]Article, error) {
	defer rows.Close()
	var out []Article
	for rows.Next() {
		a, err := scanArticle(rows, withBody)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// List returns the articles q selects, newest first (by published time,
// then id), without bodies.
func (s *Store) List(ctx context.Context, q Query) ([]Article, error) {
	sel, err := s.selectArticles(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	rows, err := s.r.QueryContext(ctx, sel.listSQL(q), sel.args...)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	arts, err := collectArticles(rows, false)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	return arts, nil
}

// Count returns how many articles q selects, ignoring Limit and Offset.
func (s *Store) Count(ctx context.Context, q Query) (int, error) {
	sel, err := s.selectArticles(ctx, q)
	if err != nil {
		return 0, fmt.Errorf("count articles: %w", err)
	}
	var n int
	if err := s.r.QueryRowContext(ctx, sel.countSQL(), sel.args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count articles: %w", err)
	}
	return n, nil
}

// Article returns one article with its bodies, or ErrNotFound.
func (s *Store) Article(ctx context.Context, id int64) (Article, error) {
	a, err := scanArticle(s.r.QueryRowContext(ctx, `SELECT `+articleColumns+bodyColumns+`
		FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE a.id = ?`, id), true)
	if errors.Is(err, sql.ErrNoRows) {
		return Article{}, fmt.Errorf("article %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Article{}, fmt.Errorf("article %d: %w", id, err)
	}
	return a, nil
}

// idBatch bounds the ids written into one statement.
const idBatch = 500

// idList renders ids as a SQL list; they are integers, so inlining them is
// safe and avoids SQLite's limit on bound parameters.
func idList(ids []int64) string {
	var b strings.Builder
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(id, 10))
	}
	return b.String()
}

// SetRead marks the given articles read or unread, with every copy of
// their stories. Unknown ids are ignored: they may have been pruned since
// the caller listed them.
func (s *Store) SetRead(ctx context.Context, read bool, ids ...int64) error {
	if len(ids) == 0 {
		return nil
	}
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		for chunk := range slices.Chunk(ids, idBatch) {
			if _, err := tx.ExecContext(ctx, updateStories(idList(chunk), `read = ?1`, `read <> ?1`),
				boolInt(read)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("mark articles %s: %w", readWord(read), err)
	}
	return nil
}

// MarkRead marks every article q selects (honouring Limit and Offset) read
// or unread, with every copy of their stories, and returns how many
// changed. It is the "mark feed read" of
// newsreaders, without listing ids first.
func (s *Store) MarkRead(ctx context.Context, q Query, read bool) (int, error) {
	sel, err := s.selectArticles(ctx, q)
	if err != nil {
		return 0, fmt.Errorf("mark articles %s: %w", readWord(read), err)
	}
	var n int64
	err = s.writeTx(ctx, func(tx *sql.Tx) error {
		args := append(sel.args, boolInt(read))
		res, err := tx.ExecContext(ctx, updateStories(`SELECT a.id FROM `+sel.from+` WHERE `+sel.where+` ORDER BY `+sel.order+limitClause(q),
			`read = ?`, `read <> `+strconv.Itoa(boolInt(read))), args...)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("mark articles %s: %w", readWord(read), err)
	}
	return int(n), nil
}

func readWord(read bool) string {
	if read {
		return "read"
	}
	return "unread"
}

// SetStarred stars or unstars an article with every copy of its story.
// Starred articles survive pruning and removal of their feed.
func (s *Store) SetStarred(ctx context.Context, id int64, starred bool) error {
	var n int64
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, updateStories(strconv.FormatInt(id, 10), `starred = ?`, `1`), boolInt(starred))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err == nil && n == 0 {
		err = ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("star article %d: %w", id, err)
	}
	return nil
}

// StaleArticles returns up to limit articles (0 = all) whose briefing was
// made by an extractor older than version, with their bodies, for
// re-extraction. The caller must call UpdateBriefing or UpdateArticleBody
// with version for each, even when extraction fails, or it will get the
// same articles again.
func (s *Store) StaleArticles(ctx context.Context, version int, limit int) ([]Article, error) {
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.r.QueryContext(ctx, `SELECT `+articleColumns+bodyColumns+`
		FROM articles a JOIN feeds f ON f.id = a.feed_id
		WHERE a.extractor_version < ? ORDER BY a.extractor_version, a.id LIMIT ?`, version, limit)
	if err != nil {
		return nil, fmt.Errorf("find articles to re-extract: %w", err)
	}
	arts, err := collectArticles(rows, true)
	if err != nil {
		return nil, fmt.Errorf("find articles to re-extract: %w", err)
	}
	return arts, nil
}

// UpdateBriefing replaces the briefing and tickers of an article after
// re-extraction. Read and starred state are untouched.
func (s *Store) UpdateBriefing(ctx context.Context, id int64, tickers []Ticker, briefing []byte, version int) error {
	if err := s.updateExtraction(ctx, id, nil, tickers, briefing, version); err != nil {
		return fmt.Errorf("update briefing of article %d: %w", id, err)
	}
	return nil
}

// UpdateArticleBody replaces the markdown body, the briefing and the
// tickers of an article after re-extraction, in one transaction. Read and
// starred state and the original HTML are untouched. A changed body leaves
// the full-text index at once and is queued to be indexed again, as a
// fetched edit is (see IndexPending), so a search never finds the old text.
func (s *Store) UpdateArticleBody(ctx context.Context, id int64, markdown string, tickers []Ticker, briefing []byte, version int) error {
	if err := s.updateExtraction(ctx, id, &markdown, tickers, briefing, version); err != nil {
		return fmt.Errorf("update article %d: %w", id, err)
	}
	return nil
}

// updateExtraction writes what re-extraction made; markdown nil keeps the
// body.
func (s *Store) updateExtraction(ctx context.Context, id int64, markdown *string, tickers []Ticker, briefing []byte, version int) error {
	tickers = normTickers(tickers)
	return s.writeTx(ctx, func(tx *sql.Tx) error {
		var published int64
		var same bool
		body := ""
		if markdown != nil {
			body = *markdown
		}
		err := tx.QueryRowContext(ctx, `SELECT published, markdown = ? FROM articles WHERE id = ?`, body, id).Scan(&published, &same)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if markdown != nil && !same {
			// The index holds the old body unless the article is still
			// queued; FTS5 must be told exactly what it holds, so the
			// delete comes before the update.
			if _, err := tx.ExecContext(ctx, `INSERT INTO articles_fts (articles_fts, rowid, title, markdown)
				SELECT 'delete', id, title, markdown FROM articles
				WHERE id = ? AND id NOT IN (SELECT id FROM fts_pending)`, id); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE articles SET markdown = ? WHERE id = ?`, body, id); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO fts_pending (id) VALUES (?)`, id); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET briefing = ?, extractor_version = ?, tickers = ? WHERE id = ?`,
			briefing, version, tickerColumn(tickers), id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM article_tickers WHERE article_id = ?`, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM ticker_info WHERE article_id = ?`, id); err != nil {
			return err
		}
		for _, t := range tickers {
			if _, err := tx.ExecContext(ctx, insertTickerSQL, id, t.Symbol, t.Mentions, boolInt(t.Primary), published); err != nil {
				return err
			}
		}
		if len(tickers) > 0 {
			if _, err := tx.ExecContext(ctx, `INSERT INTO ticker_info (article_id, info) VALUES (?, ?)`, id, tickerInfo(listOrder(tickers))); err != nil {
				return err
			}
		}
		return nil
	})
}

// MarkAllStale makes every briefing count as made by an old extractor, so
// that StaleArticles returns them all: after the ticker directory grows.
func (s *Store) MarkAllStale(ctx context.Context) error {
	return s.writeTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE articles SET extractor_version = 0`)
		return err
	})
}
