package cli

import (
	"os"
	"runtime/pprof"
	"runtime/trace"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"brief/config"
)

func newRoot(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:   "brief",
		Short: "A terminal reader for market briefings",
		Long: "brief fetches finance feeds (RSS, Atom, JSON Feed), keeps every article in a\n" +
			"local database so that reading works offline, and shows them as briefings.\n\n" +
			"Run without a command to open the reader (in a terminal) or to print the\n" +
			"latest briefings (when output is not a terminal, or with --list).",
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			switch a.theme {
			case "", "auto", "dark", "light":
			default:
				return usagef("--theme must be auto, dark or light, not %q", a.theme)
			}
			if a.listOnly || !isTerminal(a.stdout) || !isTerminal(os.Stdin) {
				return runLatest(cmd.Context(), a)
			}
			return runReader(cmd.Context(), a, a.theme)
		},
	}
	root.Flags().BoolVar(&a.listOnly, "list", false, "print the latest briefings instead of opening the reader")
	root.Flags().StringVar(&a.theme, "theme", "", "reader colours: auto, dark or light (default from the config, else auto)")
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	pf := root.PersistentFlags()
	pf.StringVar(&a.globals.ConfigPath, "config", "", "config file (default "+config.DefaultPath()+")")
	pf.StringVar(&a.globals.DBPath, "db", "", "database file (default "+config.DefaultDBPath()+")")
	pf.BoolVar(&a.globals.Offline, "offline", false, "never touch the network")
	a.profileFlags(pf)
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
		a.house = a.open(a.globals)
		return a.startProfiles()
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{err}
	})
	root.AddCommand(
		newFetchCmd(a),
		newListCmd(a),
		newMarkReadCmd(a),
		newShowCmd(a),
		newSearchCmd(a),
		newStoriesCmd(a),
		newFeedsCmd(a),
		newWatchlistCmd(a),
		newImportCmd(a),
		newExportCmd(a),
		newTickersCmd(a),
		newReindexCmd(a),
		newSymbolsCmd(a),
		newSyncCmd(a),
		newVersionCmd(a),
	)
	for _, c := range root.Commands() {
		wrapArgs(c)
	}
	return root
}

// wrapArgs turns cobra's argument-count errors into usage errors.
func wrapArgs(c *cobra.Command) {
	if c.Args != nil {
		check := c.Args
		c.Args = func(cmd *cobra.Command, args []string) error {
			if err := check(cmd, args); err != nil {
				return usageError{err}
			}
			return nil
		}
	}
	for _, sub := range c.Commands() {
		wrapArgs(sub)
	}
}

// profileFlags adds the hidden flags that profile a command.
func (a *app) profileFlags(pf *pflag.FlagSet) {
	pf.StringVar(&a.cpuProfile, "cpuprofile", "", "write a CPU profile to this file")
	pf.MarkHidden("cpuprofile")
	pf.StringVar(&a.memProfile, "memprofile", "", "write a profile of the heap live when the command ends to this file")
	pf.MarkHidden("memprofile")
	pf.StringVar(&a.traceFile, "trace", "", "write a runtime execution trace to this file (go tool trace)")
	pf.MarkHidden("trace")
}

// startProfiles starts the trace and the CPU profile the flags ask for;
// close stops them.
func (a *app) startProfiles() error {
	if a.traceFile != "" {
		f, err := os.Create(a.traceFile)
		if err != nil {
			return err
		}
		if err := trace.Start(f); err != nil {
			f.Close()
			return err
		}
		a.stopTrace = func() { trace.Stop(); f.Close() }
	}
	if a.cpuProfile == "" {
		return nil
	}
	f, err := os.Create(a.cpuProfile)
	if err != nil {
		return err
	}
	a.stopProfile = func() { pprof.StopCPUProfile(); f.Close() }
	return pprof.StartCPUProfile(f)
}
