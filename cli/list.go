package cli

import (
	"fmt"
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
	cfg, err := a.house.Config()
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
