// Command brief is a terminal reader for market briefings: it fetches finance
// feeds, keeps every article and its briefing in a local database, and lets
// you read them online or offline.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"brief/config"
	"brief/feed"
	_ "brief/internal/addrspace" // checks the limit on address space as brief starts
	"brief/internal/sanitize"
	"brief/store"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = "dev"

// usageError marks mistakes in how brief was called (exit status 2), as
// opposed to failures while doing the work (exit status 1).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

// app carries the global flags and opens what a command needs on demand, so
// `brief version` never touches the database.
type app struct {
	configPath string
	dbPath     string
	offline    bool

	listOnly bool
	theme    string

	cpuProfile  string
	stopProfile func()

	stdout io.Writer
	stderr io.Writer

	// now is the clock the commands read the time of day from: ages,
	// --since windows, and the fetch time of what they store.
	now func() time.Time

	// reading is set by the reader: a database this user cannot write is
	// opened read-only, and readOnlyWhy says why for its status line.
	reading     bool
	readOnlyWhy string

	cfg *config.Config
	st  *store.Store
}

func (a *app) config() (*config.Config, error) {
	if a.cfg != nil {
		return a.cfg, nil
	}
	cfg, err := config.Load(a.configPath)
	if err != nil {
		return nil, err
	}
	a.cfg = cfg
	return cfg, nil
}

func (a *app) store(ctx context.Context) (*store.Store, error) {
	if a.st != nil {
		return a.st, nil
	}
	path := a.dbPath
	if path == "" {
		path = config.DefaultDBPath()
	}
	st, err := store.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	a.st = st
	return st, nil
}

// readStore opens the database for a command that only reads it. A
// database this user cannot write (restored by root, on a read-only mount)
// is opened read-only, with one line on stderr saying so, instead of being
// refused.
func (a *app) readStore(ctx context.Context) (*store.Store, error) {
	if a.st != nil {
		return a.st, nil
	}
	st, err := a.store(ctx)
	if !errors.Is(err, store.ErrReadOnly) {
		return st, err
	}
	path := a.dbPath
	if path == "" {
		path = config.DefaultDBPath()
	}
	st, roErr := store.OpenReadOnly(ctx, path)
	if roErr != nil {
		return nil, err
	}
	a.readOnlyWhy = err.Error()
	if !a.reading {
		fmt.Fprintf(a.stderr, "brief: %s; reading it without changing it\n", sanitize.Line(a.readOnlyWhy))
	}
	a.st = st
	return st, nil
}

func (a *app) close() {
	// The store first: closing it checkpoints the log, work the command
	// did and a profile should show.
	if a.st != nil {
		a.st.Close()
	}
	if a.stopProfile != nil {
		a.stopProfile()
	}
}

func (a *app) fetcher(cfg *config.Config) *feed.Fetcher {
	return feed.NewFetcher(feed.Options{
		Concurrency: cfg.Fetch.Concurrency,
		PerHost:     cfg.Fetch.PerHost,
		Timeout:     cfg.Fetch.Timeout.Duration,
		UserAgent:   feed.UserAgent(versionString()),
		Contact:     cfg.Fetch.SecContact,
		Offline:     a.offline,
	})
}

func versionString() string {
	v := version
	if v == "dev" {
		if bi, ok := debug.ReadBuildInfo(); ok {
			if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
				v = bi.Main.Version
			}
			for _, s := range bi.Settings {
				if s.Key == "vcs.revision" && len(s.Value) >= 7 {
					v += "+" + s.Value[:7]
				}
			}
		}
	}
	return v
}

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
	pf.StringVar(&a.configPath, "config", "", "config file (default "+config.DefaultPath()+")")
	pf.StringVar(&a.dbPath, "db", "", "database file (default "+config.DefaultDBPath()+")")
	pf.BoolVar(&a.offline, "offline", false, "never touch the network")
	pf.StringVar(&a.cpuProfile, "cpuprofile", "", "write a CPU profile to this file")
	pf.MarkHidden("cpuprofile")
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
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

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runAt(ctx, args, stdout, stderr, time.Now)
}

// runAt is run on the clock now, so that a test can fix the time.
func runAt(ctx context.Context, args []string, stdout, stderr io.Writer, now func() time.Time) int {
	a := &app{stdout: stdout, stderr: stderr, now: now}
	defer a.close()
	root := newRoot(a)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	var ue usageError
	var ex exitError
	switch {
	case errors.As(err, &ex):
		if ex.msg != "" {
			fmt.Fprintln(stderr, "brief: "+sanitize.Line(ex.msg))
		}
		return ex.code
	case errors.As(err, &ue), isCobraUsage(err):
		fmt.Fprintln(stderr, "brief: "+sanitize.Line(err.Error()))
		return 2
	default:
		if a.st != nil {
			err = a.st.Explain(err)
		}
		fmt.Fprintln(stderr, "brief: "+sanitize.Line(err.Error()))
		return 1
	}
}

// exitError ends a command with a given status, after the command has
// already said what went wrong.
type exitError struct {
	code int
	msg  string
}

func (e exitError) Error() string { return e.msg }

// isCobraUsage recognises the errors cobra builds itself for unknown
// commands, which carry no type of their own.
func isCobraUsage(err error) bool {
	msg := err.Error()
	return len(msg) > 15 && msg[:15] == "unknown command"
}

func main() {
	// Ingest allocates a lot of short-lived garbage (parse trees, HTML
	// nodes). Collecting a third as often saves ~12% of a big fetch's CPU;
	// the soft memory limit makes the collector work harder again before
	// the heap gets anywhere near a size a user would notice.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(300)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(120 << 20)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
