package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"brief/extract"
	"brief/ingest"
)

func newReindexCmd(a *app) *cobra.Command {
	var all bool
	cmd := &cobra.Command{
		Use:   "reindex",
		Short: "Re-extract briefings made by an older version (or all with --all)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			st, err := a.house.Store(ctx)
			if err != nil {
				return err
			}
			ex, err := a.house.Extractor()
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
