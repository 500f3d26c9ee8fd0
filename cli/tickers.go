package cli

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"brief/internal/sanitize"
	"brief/internal/termtext"
	"brief/store"
)

type tickerRecord struct {
	Symbol   string    `json:"symbol"`
	Name     string    `json:"name"`
	Mentions int       `json:"mentions"`
	Articles int       `json:"articles"`
	LastSeen time.Time `json:"last_seen"`
	Daily    []int     `json:"daily"` // mentions per day, oldest first, the last is today
	Latest   string    `json:"latest_title"`
}

func newTickersCmd(a *app) *cobra.Command {
	var (
		since  string
		limit  int
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "tickers",
		Short: "Tickers named in stored articles, most mentioned first",
		Long: "List the tickers named in stored articles with their mentions, article count,\n" +
			"when they were last seen and a 14-day sparkline of daily mentions.",
		Example: "  brief tickers --since 7d\n  brief tickers --json | jq '.[0]'",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			now := a.now()
			var from time.Time
			if since != "" {
				d, err := parseWindow(since)
				if err != nil {
					return usageError{err}
				}
				from = now.Add(-d)
			}
			st, err := a.readStore(cmd.Context())
			if err != nil {
				return err
			}
			stats, err := st.TickerStats(cmd.Context(), from, now)
			if err != nil {
				return err
			}
			if limit > 0 && len(stats) > limit {
				stats = stats[:limit]
			}
			if asJSON {
				recs := make([]tickerRecord, 0, len(stats))
				for _, s := range stats {
					recs = append(recs, tickerRecord{Symbol: s.Symbol, Name: s.Name, Mentions: s.Mentions,
						Articles: s.Articles, LastSeen: s.LastSeen.UTC(), Daily: s.Daily[:], Latest: s.LatestTitle})
				}
				return writeJSON(a.stdout, recs)
			}
			if len(stats) == 0 {
				fmt.Fprintln(a.stderr, "No tickers named in that window.")
				return nil
			}
			writeTickerTable(a.stdout, stats, now, termWidth(a.stdout))
			return nil
		},
	}
	cmd.Flags().StringVar(&since, "since", "", "only articles published within this window (e.g. 24h, 7d)")
	cmd.Flags().IntVarP(&limit, "limit", "n", 0, "at most this many tickers (0 for all)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")
	return cmd
}

func writeTickerTable(w io.Writer, stats []store.TickerStat, now time.Time, width int) {
	nameW := 4
	for _, s := range stats {
		nameW = max(nameW, termtext.Width(sanitize.Line(s.Name)))
	}
	nameW = min(nameW, 24)
	fmt.Fprintf(w, "%-9s %s %5s %5s  %-6s  %-14s  %s\n", "SYMBOL", termtext.Fit("NAME", nameW), "MENT", "ARTS", "SEEN", "LAST 14 DAYS", "LATEST")
	for _, s := range stats {
		line := fmt.Sprintf("%-9s %s %5d %5d  %-6s  %s  %s", s.Symbol, termtext.Fit(sanitize.Line(s.Name), nameW),
			s.Mentions, s.Articles, termtext.Age(s.LastSeen, now), termtext.Sparkline(s.Daily[:]), sanitize.Line(s.LatestTitle))
		if width > 0 {
			line = termtext.Cut(line, width)
		}
		fmt.Fprintln(w, line)
	}
}
