package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

func newMarkReadCmd(a *app) *cobra.Command {
	var (
		f   listFlags
		all bool
	)
	cmd := &cobra.Command{
		Use:   "mark-read",
		Short: "Mark the articles a filter selects read (--all for every article)",
		Long: "Mark read every article the filters select, the way `brief list` would list\n" +
			"them (without --limit). With no filter it asks for --all, so that a mistyped\n" +
			"command does not clear everything.",
		Example: "  brief mark-read --feed 'SEC EDGAR'\n  brief mark-read --ticker BABA,JD --since 2d\n  brief mark-read --all",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			f.limit = 0
			q, err := f.resolve(a, a.now())
			if err != nil {
				return err
			}
			if !q.Filtered() && !all {
				return usagef("say which articles (--feed, --tag, --ticker, --watchlist, --since, --starred), or --all for every one")
			}
			st, err := a.house.Store(cmd.Context())
			if err != nil {
				return err
			}
			n, err := st.MarkRead(cmd.Context(), q, true)
			if err != nil {
				return err
			}
			word := "articles"
			if n == 1 {
				word = "article"
			}
			fmt.Fprintf(a.stdout, "Marked %d %s read.\n", n, word)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.feed, "feed", "", "only this feed (URL, title or ID)")
	fl.StringVar(&f.tag, "tag", "", "only feeds with this tag")
	fl.StringVar(&f.ticker, "ticker", "", "only articles naming this ticker symbol (several: BABA,NVDA)")
	fl.BoolVar(&f.watchlist, "watchlist", false, "only articles naming a ticker of the watchlist")
	fl.BoolVar(&f.starred, "starred", false, "only starred articles")
	fl.StringVar(&f.since, "since", "", "only articles published within this window (e.g. 24h, 7d)")
	fl.BoolVar(&all, "all", false, "every article")
	return cmd
}
