package cli

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"brief/symbol"
)

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
			total, err := symbol.AddImported(a.house.SymbolsPath(), secs)
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
