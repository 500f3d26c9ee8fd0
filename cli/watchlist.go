package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"brief/symbol"
)

func newWatchlistCmd(a *app) *cobra.Command {
	var asJSON bool
	show := func(cmd *cobra.Command, args []string) error {
		return showWatchlist(a, asJSON)
	}
	cmd := &cobra.Command{
		Use:   "watchlist",
		Short: "Show or edit the watchlist (ls, add, rm)",
		Long: "The watchlist is the tickers the reader keeps first and `brief list --watchlist`\n" +
			"lists articles for. It lives in the config file; add and rm change only its\n" +
			"watchlist line.",
		Args: cobra.NoArgs,
		RunE: show,
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")
	add := &cobra.Command{
		Use:     "add SYMBOL...",
		Short:   "Add tickers to the watchlist",
		Example: "  brief watchlist add BABA 0700.HK\n  brief watchlist add nvda,amd",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return editWatchlist(a, true, args)
		},
	}
	rm := &cobra.Command{
		Use:     "rm SYMBOL...",
		Aliases: []string{"remove"},
		Short:   "Remove tickers from the watchlist",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return editWatchlist(a, false, args)
		},
	}
	ls := &cobra.Command{
		Use:     "ls",
		Aliases: []string{"list"},
		Short:   "Show the watchlist",
		Args:    cobra.NoArgs,
		RunE:    show,
	}
	ls.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")
	cmd.AddCommand(add, rm, ls)
	return cmd
}

func showWatchlist(a *app, asJSON bool) error {
	cfg, err := a.house.Config()
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(a.stdout, append([]string{}, cfg.Watchlist...))
	}
	if len(cfg.Watchlist) == 0 {
		fmt.Fprintln(a.stderr, "The watchlist is empty; add tickers with `brief watchlist add BABA NVDA`.")
		return nil
	}
	fmt.Fprintln(a.stdout, strings.Join(cfg.Watchlist, " "))
	return nil
}

// editWatchlist adds the symbols args name to the watchlist, or removes
// them, and saves the config.
func editWatchlist(a *app, add bool, args []string) error {
	cfg, err := a.house.Config()
	if err != nil {
		return err
	}
	syms, err := symbol.ParseList(args...)
	if err != nil {
		return usageError{err}
	}
	if len(syms) == 0 {
		return usagef("no ticker symbol given")
	}
	list, changed, unchanged := watchlistEdit(cfg.Watchlist, syms, add)
	if len(unchanged) > 0 {
		state := "already on"
		if !add {
			state = "not on"
		}
		fmt.Fprintf(a.stderr, "%s %s the watchlist.\n", strings.Join(unchanged, ", "), state)
	}
	if len(changed) == 0 && !cfg.Exists {
		return nil
	}
	// Saved even when nothing changed: a watchlist the file spells
	// otherwise ("brk-b") is then written as stored (BRK.B).
	cfg.Watchlist = list
	if err := cfg.Save(); err != nil {
		return err
	}
	if len(changed) == 0 {
		return nil
	}
	verb := "Added"
	if !add {
		verb = "Removed"
	}
	fmt.Fprintf(a.stdout, "%s %s (saved in %s). Watchlist: %s\n", verb, strings.Join(changed, ", "), cfg.Path, strings.Join(cfg.Watchlist, " "))
	return nil
}

// watchlistEdit adds syms to watchlist (or removes them), returning the
// new list, the symbols that changed it and those that did not.
func watchlistEdit(watchlist, syms []string, add bool) (list, changed, unchanged []string) {
	list = slices.Clone(watchlist)
	for _, s := range syms {
		i := slices.Index(list, s)
		switch {
		case add && i < 0:
			list = append(list, s)
			changed = append(changed, s)
		case !add && i >= 0:
			list = slices.Delete(list, i, i+1)
			changed = append(changed, s)
		default:
			unchanged = append(unchanged, s)
		}
	}
	return list, changed, unchanged
}
