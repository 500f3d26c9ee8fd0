package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"brief/config"
	"brief/extract"
	"brief/ingest"
	"brief/internal/sanitize"
	"brief/internal/timefmt"
	"brief/store"
	"brief/symbol"
)

// briefingOf decodes an article's stored briefing; an article stored before
// extraction existed has none.
func briefingOf(a store.Article) (extract.Briefing, bool) {
	var b extract.Briefing
	if len(a.Briefing) == 0 || json.Unmarshal(a.Briefing, &b) != nil {
		return extract.Briefing{}, false
	}
	return b, true
}

// writeBriefingCard prints the briefing the way a trader scans it: summary,
// takeaways, tickers, figures. Generated parts say so.
func writeBriefingCard(w io.Writer, b extract.Briefing) {
	section := func(title string, generated bool, items []string, numbered bool) {
		if len(items) == 0 {
			return
		}
		if generated {
			title += " (generated)"
		}
		fmt.Fprintln(w, title)
		for i, it := range items {
			mark := "  •"
			if numbered {
				mark = fmt.Sprintf("  %d.", i+1)
			}
			fmt.Fprintf(w, "%s %s\n", mark, sanitize.Line(it))
		}
		fmt.Fprintln(w)
	}
	section("Summary", b.SummaryGenerated, b.Summary, false)
	section("Key takeaways", b.TakeawaysGenerated, b.Takeaways, true)
	if len(b.Tickers) > 0 {
		var chips []string
		for _, t := range b.Tickers {
			chip := t.Symbol
			if t.Mentions > 1 {
				chip += fmt.Sprintf("×%d", t.Mentions)
			}
			if t.Primary {
				chip = "*" + chip
			}
			chips = append(chips, chip)
		}
		fmt.Fprintf(w, "Tickers  %s\n", strings.Join(chips, "  "))
	}
	if len(b.Figures) > 0 {
		var figs []string
		for _, f := range b.Figures {
			figs = append(figs, sanitize.Line(f.Context))
		}
		fmt.Fprintf(w, "Figures  %s\n", strings.Join(figs, " · "))
	}
	if len(b.Tickers) > 0 || len(b.Figures) > 0 {
		fmt.Fprintln(w)
	}
}

// tickerDirectory is the built-in directory plus the user's symbols from the
// config and from `brief symbols import`.
func (a *app) extractor() (*extract.Extractor, error) {
	cfg, err := a.config()
	if err != nil {
		return nil, err
	}
	var extra []symbol.Security
	for _, s := range cfg.Symbols {
		extra = append(extra, symbol.Security{Symbol: s.Symbol, Name: s.Name, Exchange: s.Exchange, Aliases: s.Aliases})
	}
	imported, err := symbol.ReadImported(a.importedSymbolsPath())
	if err != nil {
		return nil, err
	}
	extra = append(extra, imported...)
	if len(extra) == 0 {
		return extract.New(nil), nil
	}
	return extract.New(symbol.NewDirectory(extra...)), nil
}

// importedSymbolsPath keeps imported symbols beside the database they tag.
func (a *app) importedSymbolsPath() string {
	db := a.dbPath
	if db == "" {
		db = config.DefaultDBPath()
	}
	return filepath.Join(filepath.Dir(db), "symbols.json")
}

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
		nameW = max(nameW, len([]rune(sanitize.Line(s.Name))))
	}
	nameW = min(nameW, 24)
	fmt.Fprintf(w, "%-9s %s %5s %5s  %-6s  %-14s  %s\n", "SYMBOL", pad("NAME", nameW), "MENT", "ARTS", "SEEN", "LAST 14 DAYS", "LATEST")
	for _, s := range stats {
		line := fmt.Sprintf("%-9s %s %5d %5d  %-6s  %s  %s", s.Symbol, pad(truncate(sanitize.Line(s.Name), nameW), nameW),
			s.Mentions, s.Articles, timefmt.Age(s.LastSeen, now), timefmt.Sparkline(s.Daily[:]), sanitize.Line(s.LatestTitle))
		if width > 0 {
			line = truncate(line, width)
		}
		fmt.Fprintln(w, line)
	}
}

func newReindexCmd(a *app) *cobra.Command {
	var all bool
	cmd := &cobra.Command{
		Use:   "reindex",
		Short: "Re-extract briefings made by an older version (or all with --all)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			st, err := a.store(ctx)
			if err != nil {
				return err
			}
			ex, err := a.extractor()
			if err != nil {
				return err
			}
			if all {
				if err := st.MarkAllStale(ctx); err != nil {
					return err
				}
			}
			n, err := ingest.Reindex(ctx, st, ex, extract.Version)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "Re-extracted %d articles.\n", n)
			return nil
		},
	}
	cmd.Flags().BoolVar(&all, "all", false, "re-extract every article (after importing symbols)")
	return cmd
}

func newSymbolsCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "symbols",
		Short: "Extend the ticker directory",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return cmd.Help()
		},
	}
	imp := &cobra.Command{
		Use:   "import FILE",
		Short: "Import the SEC's company_tickers.json or company_tickers_exchange.json",
		Long: "Add the securities of an SEC company tickers file to the ticker directory,\n" +
			"so that articles naming those companies are tagged. Run `brief reindex --all`\n" +
			"afterwards to re-tag stored articles.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := os.Open(args[0])
			if err != nil {
				return usageError{fmt.Errorf("cannot read %s: %w", args[0], errors.Unwrap(err))}
			}
			defer f.Close()
			secs, err := symbol.ImportSEC(io.LimitReader(f, 64<<20))
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			total, err := symbol.AddImported(a.importedSymbolsPath(), secs)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "Imported %d securities (%d known in all). Run `brief reindex --all` to re-tag stored articles.\n", len(secs), total)
			return nil
		},
	}
	cmd.AddCommand(imp)
	return cmd
}
