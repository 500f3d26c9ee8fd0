package store

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"brief/internal/timefmt"
)

// StatDays is how many days of daily mentions TickerStats reports.
const StatDays = 14

// TickerStat sums up one symbol for the tickers view and `brief tickers`.
type TickerStat struct {
	Symbol      string
	Name        string
	Mentions    int // total mentions in articles published since `since`
	Articles    int // articles naming it since `since`
	Today       int // mentions in articles published today (now's calendar day)
	Week        int // mentions in the last 7 calendar days, today included
	LastSeen    time.Time
	Daily       [StatDays]int // mentions per calendar day, oldest first; the last is today
	LatestTitle string
	LatestID    int64
}

// TickerStats returns every symbol named by an article published since
// since (zero: ever), most mentioned first. Days are calendar days in
// now's location. It reads the ticker index only, plus one look-up per
// symbol of its latest article's title and the name that article gives it.
func (s *Store) TickerStats(ctx context.Context, since, now time.Time) ([]TickerStat, error) {
	loc := now.Location()
	first := timefmt.DayStart(now).AddDate(0, 0, -(StatDays - 1))
	// Read far enough back for both the totals and the daily counts.
	from := since
	if !since.IsZero() && first.Before(since) {
		from = first
	}
	rows, err := s.r.QueryContext(ctx, `SELECT symbol, published, mentions, article_id
		FROM article_tickers WHERE published >= ? GROUP BY symbol, article_id`, toMS(from))
	if err != nil {
		return nil, fmt.Errorf("ticker statistics: %w", err)
	}
	defer rows.Close()
	bySym := map[string]*TickerStat{}
	for rows.Next() {
		var (
			sym                 string
			published, ment, id int64
		)
		if err := rows.Scan(&sym, &published, &ment, &id); err != nil {
			return nil, fmt.Errorf("ticker statistics: %w", err)
		}
		st := bySym[sym]
		if st == nil {
			st = &TickerStat{Symbol: sym}
			bySym[sym] = st
		}
		t := fromMS(published).In(loc)
		if since.IsZero() || !t.Before(since) {
			st.Mentions += int(ment)
			st.Articles++
		}
		if t.After(st.LastSeen) || (t.Equal(st.LastSeen) && id > st.LatestID) {
			st.LastSeen, st.LatestID = t, id
		}
		if k := timefmt.Days(first, t); k >= 0 && k < StatDays {
			st.Daily[k] += int(ment)
			if k == StatDays-1 {
				st.Today += int(ment)
			}
			if k >= StatDays-7 {
				st.Week += int(ment)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("ticker statistics: %w", err)
	}
	out := make([]TickerStat, 0, len(bySym))
	for _, st := range bySym {
		if st.Articles == 0 {
			continue
		}
		var info string
		if err := s.r.QueryRowContext(ctx, `SELECT a.title, coalesce(i.info, '')
			FROM articles a LEFT JOIN ticker_info i ON i.article_id = a.id WHERE a.id = ?`, st.LatestID).Scan(&st.LatestTitle, &info); err != nil {
			return nil, fmt.Errorf("ticker statistics: %w", err)
		}
		for _, t := range parseTickerInfo(info) {
			if strings.EqualFold(t.Symbol, st.Symbol) {
				st.Name = t.Name
				break
			}
		}
		out = append(out, *st)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Mentions != b.Mentions {
			return a.Mentions > b.Mentions
		}
		return a.Symbol < b.Symbol
	})
	return out, nil
}
