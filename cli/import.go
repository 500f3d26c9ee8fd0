package cli

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"brief/config"
	"brief/internal/sanitize"
)

func newImportCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "import FILE",
		Short: "Subscribe to the feeds in an OPML file or a newsboat urls file",
		Long: "Subscribe to the feeds listed in an OPML (1.0 or 2.0) file, whose folders and\n" +
			"categories become tags, or in a newsboat `urls` file with its tags and \"~Title\".\n" +
			"Only http(s) and file:// feeds are imported; newsboat's command and query\n" +
			"sources are skipped, never run. Use - to read standard input.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.house.Config()
			if err != nil {
				return err
			}
			var r io.Reader = os.Stdin
			name := args[0]
			if name != "-" {
				f, err := os.Open(name)
				if err != nil {
					return usageError{fmt.Errorf("cannot read %s: %w", name, errors.Unwrap(err))}
				}
				defer f.Close()
				r = f
			}
			res, err := config.Import(r, name)
			if err != nil {
				return err
			}
			added, errs := cfg.AddFeeds(res.Feeds)
			dup := len(errs)
			if added > 0 {
				if err := cfg.Save(); err != nil {
					return err
				}
			}
			for _, s := range res.Skipped {
				fmt.Fprintf(a.stderr, "skipped: %s\n", sanitize.Line(s))
			}
			fmt.Fprintf(a.stdout, "Imported %d feeds (%d already subscribed, %d skipped).\n", added, dup, len(res.Skipped))
			return nil
		},
	}
}
