package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"brief/store"
)

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
