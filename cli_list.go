package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"brief/store"
	"brief/symbol"
)

type listFlags struct {
	feed      string
	tag       string
	ticker    string
	watchlist bool
	unread    bool
	starred   bool
	since     string
	limit     int
	count     bool
	json      bool
	copies    bool
}

func newListCmd(a *app) *cobra.Command {
	var f listFlags
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List stored articles, newest first",
		Long: "List stored articles, newest first. Reads only the local database.\n\n" +
			"--json prints a JSON array of article records (see README).",
		Example: "  brief list --unread --limit 20\n  brief list --ticker BABA --since 7d --json | jq '.[].title'\n  brief list --watchlist --unread",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			q, err := f.resolve(a, a.now())
			if err != nil {
				return err
			}
			st, err := a.readStore(cmd.Context())
			if err != nil {
				return err
			}
			if f.count {
				n, err := st.Count(cmd.Context(), q)
				if err != nil {
					return err
				}
				if f.json {
					return writeJSON(a.stdout, map[string]int{"count": n})
				}
				fmt.Fprintln(a.stdout, n)
				return nil
			}
			arts, err := st.List(cmd.Context(), q)
			if err != nil {
				return err
			}
			if f.json {
				return writeJSON(a.stdout, listRecords(arts))
			}
			if len(arts) == 0 {
				fmt.Fprintln(a.stderr, emptyHint(q))
				return nil
			}
			writeArticleTable(a.stdout, arts, a.now(), termWidth(a.stdout))
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.feed, "feed", "", "only this feed (URL, title or ID)")
	fl.StringVar(&f.tag, "tag", "", "only feeds with this tag (from the config, OPML categories or newsboat tags)")
	fl.StringVar(&f.ticker, "ticker", "", "only articles naming this ticker symbol (several: BABA,NVDA names any of them)")
	fl.BoolVar(&f.watchlist, "watchlist", false, "only articles naming a ticker of the watchlist (with --ticker: or those)")
	fl.BoolVar(&f.unread, "unread", false, "only unread articles")
	fl.BoolVar(&f.starred, "starred", false, "only starred articles")
	fl.StringVar(&f.since, "since", "", "only articles published within this window (e.g. 90m, 24h, 7d, 2w)")
	fl.IntVarP(&f.limit, "limit", "n", 50, "at most this many articles (0 for all)")
	fl.BoolVar(&f.count, "count", false, "print only the number of matching articles")
	fl.BoolVar(&f.json, "json", false, "print a JSON array")
	fl.BoolVar(&f.copies, "copies", false, "list every copy of a story (the same article from several feeds) on its own line")
	return cmd
}

func (f listFlags) query(now time.Time) (store.Query, error) {
	if f.limit < 0 {
		return store.Query{}, usagef("--limit must be 0 or more, not %d", f.limit)
	}
	q := store.Query{
		Feed:    strings.TrimSpace(f.feed),
		Tag:     strings.TrimSpace(f.tag),
		Unread:  f.unread,
		Starred: f.starred,
		Limit:   f.limit,
		Copies:  f.copies,
	}
	syms, err := symbol.ParseList(f.ticker)
	if err != nil {
		return store.Query{}, usageError{fmt.Errorf("--ticker: %w", err)}
	}
	q.AnyTicker = syms
	if strings.TrimSpace(f.ticker) != "" && len(q.AnyTicker) == 0 {
		return store.Query{}, usagef("--ticker %q names no ticker symbol", f.ticker)
	}
	if f.since != "" {
		d, err := parseWindow(f.since)
		if err != nil {
			return store.Query{}, usageError{err}
		}
		q.Since = now.Add(-d)
	}
	return q, nil
}

// resolve is query with --watchlist read from the config: the symbols of
// the watchlist join --ticker's.
func (f listFlags) resolve(a *app, now time.Time) (store.Query, error) {
	q, err := f.query(now)
	if err != nil || !f.watchlist {
		return q, err
	}
	cfg, err := a.config()
	if err != nil {
		return store.Query{}, err
	}
	if len(cfg.Watchlist) == 0 {
		return store.Query{}, usagef("--watchlist: the watchlist is empty (set watchlist = [\"BABA\", ...] in %s)", cfg.Path)
	}
	q.AnyTicker = append(q.AnyTicker, cfg.Watchlist...)
	return q, nil
}

func emptyHint(q store.Query) string {
	if !q.Filtered() {
		return "No articles stored yet. Run `brief fetch` to fetch your feeds."
	}
	return "No articles match."
}

// parseWindow reads a duration the way people write them in a terminal:
// Go durations plus days and weeks.
func parseWindow(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	bad := fmt.Errorf("--since %q: use a duration such as 90m, 24h, 7d or 2w", s)
	if s == "" {
		return 0, bad
	}
	unit := s[len(s)-1]
	if unit == 'd' || unit == 'w' {
		var n float64
		if _, err := fmt.Sscanf(s[:len(s)-1], "%g", &n); err != nil || n <= 0 {
			return 0, bad
		}
		day := 24 * time.Hour
		if unit == 'w' {
			day *= 7
		}
		return time.Duration(n * float64(day)), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, bad
	}
	return d, nil
}

func newSearchCmd(a *app) *cobra.Command {
	var (
		limit  int
		sortBy string
		asJSON bool
		copies bool
	)
	cmd := &cobra.Command{
		Use:   "search QUERY...",
		Short: "Full-text search over titles, bodies and ticker symbols",
		Long: "Search the stored articles. Every word must match, in the title or body or as a\n" +
			"ticker symbol the article names (BABA finds articles that only say Alibaba);\n" +
			"`word*` matches a prefix. Best match first, or newest first with --sort date.\n\n" +
			"When --limit cuts the list, stderr says how many matched in all.",
		Example: "  brief search cloud revenue\n  brief search BABA --sort date --limit 10\n  brief search 'guid*' --json",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if limit < 0 {
				return usagef("--limit must be 0 or more, not %d", limit)
			}
			var byDate bool
			switch sortBy {
			case "relevance":
			case "date":
				byDate = true
			default:
				return usagef("--sort %q: use relevance or date", sortBy)
			}
			st, err := a.readStore(cmd.Context())
			if err != nil {
				return err
			}
			text := strings.Join(args, " ")
			arts, err := st.SearchPage(cmd.Context(), store.SearchQuery{Text: text, ByDate: byDate, Limit: limit, Copies: copies})
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(a.stdout, listRecords(arts))
			}
			if len(arts) == 0 {
				fmt.Fprintln(a.stderr, "No articles match.")
				return nil
			}
			writeArticleTable(a.stdout, arts, a.now(), termWidth(a.stdout))
			if limit > 0 && len(arts) == limit {
				// Only a full page can hide more; the note goes to stderr
				// so that stdout stays one article per line.
				total, err := st.SearchTotal(cmd.Context(), store.SearchQuery{Text: text, Copies: copies})
				if err != nil {
					return err
				}
				if total > len(arts) {
					fmt.Fprintf(a.stderr, "showing %d of %d; --limit 0 shows all\n", len(arts), total)
				}
			}
			return nil
		},
	}
	cmd.Flags().IntVarP(&limit, "limit", "n", 50, "at most this many results (0 for all)")
	cmd.Flags().StringVar(&sortBy, "sort", "relevance", "relevance (best match first) or date (newest first)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")
	cmd.Flags().BoolVar(&copies, "copies", false, "list every copy of a story (the same article from several feeds) on its own line")
	return cmd
}

// runLatest is what a bare `brief` does: on an empty store it fetches first,
// so that a new user sees the sample briefings straight away.
func runLatest(ctx context.Context, a *app) error {
	st, err := a.readStore(ctx)
	if err != nil {
		return err
	}
	n, err := st.Count(ctx, store.Query{})
	if err != nil {
		return err
	}
	if n == 0 {
		fmt.Fprintln(a.stderr, "No articles yet: fetching your feeds first.")
		if _, err := fetchAll(ctx, a, true); err != nil {
			return err
		}
	}
	arts, err := st.List(ctx, store.Query{Limit: 30})
	if err != nil {
		return err
	}
	writeArticleTable(a.stdout, arts, a.now(), termWidth(a.stdout))
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
