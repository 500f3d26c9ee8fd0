package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// DayMentions is the activity of one symbol on one local calendar day.
type DayMentions struct {
	Day      time.Time // midnight, in the location of MentionsByDay's since
	Articles int       // articles naming the symbol
	Mentions int       // total mentions in them
}

// MentionsByDay returns, oldest first, the days since since on which some
// article named symbol. Days without articles are left out.
//
// Days follow the calendar of since's location (DST included), so a caller
// passing a local time gets local days. The rows come from the symbol index
// alone (symbol, published, mentions) and are bucketed here.
func (s *Store) MentionsByDay(ctx context.Context, symbol string, since time.Time) ([]DayMentions, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT published, mentions FROM article_tickers
		WHERE symbol = ? AND published >= ? ORDER BY published`, strings.TrimSpace(symbol), toMS(since))
	if err != nil {
		return nil, fmt.Errorf("mentions of %s: %w", symbol, err)
	}
	defer rows.Close()
	var out []DayMentions
	for rows.Next() {
		var published, mentions int64
		if err := rows.Scan(&published, &mentions); err != nil {
			return nil, fmt.Errorf("mentions of %s: %w", symbol, err)
		}
		t := fromMS(published).In(since.Location())
		y, m, d := t.Date()
		day := time.Date(y, m, d, 0, 0, 0, 0, t.Location())
		if n := len(out); n == 0 || !out[n-1].Day.Equal(day) {
			out = append(out, DayMentions{Day: day})
		}
		out[len(out)-1].Articles++
		out[len(out)-1].Mentions += int(mentions)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("mentions of %s: %w", symbol, err)
	}
	return out, nil
}

// TickerCount is how often a symbol was named.
type TickerCount struct {
	Symbol   string
	Articles int
	Mentions int
}

// TopTickers returns the symbols named by the most articles published since
// since, most named first; limit 0 means all.
func (s *Store) TopTickers(ctx context.Context, since time.Time, limit int) ([]TickerCount, error) {
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.r.QueryContext(ctx, `SELECT symbol, count(*) AS n, sum(mentions) FROM article_tickers
		WHERE published >= ? GROUP BY symbol ORDER BY n DESC, symbol LIMIT ?`, toMS(since), limit)
	if err != nil {
		return nil, fmt.Errorf("count tickers: %w", err)
	}
	defer rows.Close()
	var out []TickerCount
	for rows.Next() {
		var c TickerCount
		if err := rows.Scan(&c.Symbol, &c.Articles, &c.Mentions); err != nil {
			return nil, fmt.Errorf("count tickers: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count tickers: %w", err)
	}
	return out, nil
}

// FeedsNaming counts, per feed, the articles published since since whose
// primary ticker is one of symbols: which feeds follow a watchlist.
func (s *Store) FeedsNaming(ctx context.Context, symbols []string, since time.Time) (map[int64]int, error) {
	out := map[int64]int{}
	if len(symbols) == 0 {
		return out, nil
	}
	args := []any{}
	for _, sym := range symbols {
		args = append(args, sym)
	}
	args = append(args, toMS(since))
	rows, err := s.r.QueryContext(ctx, `SELECT a.feed_id, count(*) FROM article_tickers t
		CROSS JOIN articles a ON a.id = t.article_id
		WHERE t.symbol IN (`+strings.TrimSuffix(strings.Repeat("?,", len(symbols)), ",")+`)
			AND t.published >= ? AND t.is_primary = 1
		GROUP BY a.feed_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("feeds naming the watchlist: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, fmt.Errorf("feeds naming the watchlist: %w", err)
		}
		out[id] = n
	}
	return out, rows.Err()
}
