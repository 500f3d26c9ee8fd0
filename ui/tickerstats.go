package ui

import (
	"context"
	"time"

	"brief/internal/sanitize"
	"brief/internal/timefmt"
	"brief/store"
)

// tickerDays is the span of the tickers view: its sparkline and the
// window the symbols are drawn from.
const tickerDays = store.StatDays

// tickerStats gathers the tickers view's rows: every symbol named over the
// sparkline's days, with daily mentions and its latest headline. Watchlist
// symbols without mentions are added by the view itself.
func tickerStats(ctx context.Context, st *store.Store, now time.Time, _ []string) ([]tickerRow, error) {
	since := timefmt.DayStart(now).AddDate(0, 0, -(tickerDays - 1))
	stats, err := st.TickerStats(ctx, since, now)
	if err != nil {
		return nil, err
	}
	rows := make([]tickerRow, 0, len(stats))
	for _, s := range stats {
		rows = append(rows, tickerRow{
			Symbol: sanitize.Line(s.Symbol), Name: sanitize.Line(s.Name),
			Mentions: s.Mentions, Articles: s.Articles, Today: s.Today, Week: s.Week,
			LastSeen: s.LastSeen, Daily: s.Daily,
			LatestTitle: sanitize.Line(s.LatestTitle), LatestID: s.LatestID,
		})
	}
	return rows, nil
}
