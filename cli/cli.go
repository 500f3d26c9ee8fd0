// Package cli holds brief's commands: one file for each, with its flags,
// the calls it makes and what it prints. What the commands work on (the
// config, the database, the fetch and sync chains) is built by main and
// handed to them as a House.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"brief/config"
	"brief/extract"
	"brief/ingest"
	"brief/internal/sanitize"
	"brief/remote"
	"brief/store"
)

// Globals are the flags every command takes, which say what the house is
// built from.
type Globals struct {
	ConfigPath string // --config; "" is config.DefaultPath
	DBPath     string // --db; "" is config.DefaultDBPath
	Offline    bool   // --offline: never touch the network
}

// House is what the commands work on. Each part is made on first use and
// kept, so that `brief version` never opens the database and a command
// that asks twice gets the same store.
type House interface {
	Config() (*config.Config, error)
	// Store opens the database for writing.
	Store(ctx context.Context) (*store.Store, error)
	// ReadStore opens the database for a command that only reads it: one
	// this user cannot write is opened read-only instead of refused, and
	// ReadOnly says why.
	ReadStore(ctx context.Context) (*store.Store, error)
	// ReadOnly is why the database is open read-only, or "".
	ReadOnly() string
	// Ingester is the fetch → convert → extract → save chain over the
	// store, opened as ReadStore opens it when readOnly is set.
	Ingester(ctx context.Context, readOnly bool) (*ingest.Ingester, error)
	// Extractor makes briefings with the built-in ticker directory and
	// the user's symbols.
	Extractor() (*extract.Extractor, error)
	// Syncer syncs with the config's [sync] account.
	Syncer(ctx context.Context) (*remote.Syncer, error)
	// SymbolsPath is the file `brief symbols import` adds to.
	SymbolsPath() string
	// Explain says a failure of the open database in words a user can
	// act on; other errors come back as they are.
	Explain(err error) error
	// Close closes what was opened.
	Close()
}

// Options are what main gives the commands.
type Options struct {
	Stdout, Stderr io.Writer
	Now            func() time.Time // the clock for ages and --since; nil is time.Now
	Version        string
	// Open builds the house, once the global flags are known.
	Open func(Globals) House
}

// app carries the global flags and the house to the commands.
type app struct {
	globals Globals
	open    func(Globals) House
	house   House

	listOnly bool
	theme    string

	cpuProfile  string
	memProfile  string
	stopProfile func()
	traceFile   string
	stopTrace   func()

	stdout  io.Writer
	stderr  io.Writer
	now     func() time.Time
	version string

	// reading is set by the reader: a database this user cannot write is
	// opened read-only (and said so on its status line, not on stderr).
	reading bool
	// toldReadOnly is set once stderr said the database is read-only.
	toldReadOnly bool
}

// Run runs the command that args name and returns the exit status: 0, 1
// when the work failed, 2 when brief was called wrongly.
func Run(ctx context.Context, args []string, o Options) int {
	now := o.Now
	if now == nil {
		now = time.Now
	}
	a := &app{stdout: o.Stdout, stderr: o.Stderr, now: now, version: o.Version, open: o.Open}
	code := a.run(ctx, args)
	a.close()
	return code
}

func (a *app) run(ctx context.Context, args []string) int {
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
			fmt.Fprintln(a.stderr, "brief: "+sanitize.Line(ex.msg))
		}
		return ex.code
	case errors.As(err, &ue), isCobraUsage(err):
		fmt.Fprintln(a.stderr, "brief: "+sanitize.Line(err.Error()))
		return 2
	default:
		if a.house != nil {
			err = a.house.Explain(err)
		}
		fmt.Fprintln(a.stderr, "brief: "+sanitize.Line(err.Error()))
		return 1
	}
}

// readStore opens the database for a command that only reads it; a
// database opened read-only is said once on stderr (the reader says it on
// its status line instead).
func (a *app) readStore(ctx context.Context) (*store.Store, error) {
	st, err := a.house.ReadStore(ctx)
	if err != nil {
		return nil, err
	}
	if why := a.house.ReadOnly(); why != "" && !a.reading && !a.toldReadOnly {
		a.toldReadOnly = true
		fmt.Fprintf(a.stderr, "brief: %s; reading it without changing it\n", sanitize.Line(why))
	}
	return st, nil
}

func (a *app) close() {
	// What is live when the command ends, before the store lets go of
	// what it keeps in memory.
	if a.memProfile != "" {
		a.writeHeapProfile()
	}
	// The store first: closing it checkpoints the log, work the command
	// did and a profile should show.
	if a.house != nil {
		a.house.Close()
	}
	if a.stopTrace != nil {
		a.stopTrace()
	}
	if a.stopProfile != nil {
		a.stopProfile()
	}
}

// writeHeapProfile writes the heap live now to --memprofile; a failure is
// told on stderr and changes nothing else.
func (a *app) writeHeapProfile() {
	f, err := os.Create(a.memProfile)
	if err == nil {
		runtime.GC()
		err = pprof.WriteHeapProfile(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(a.stderr, "brief: memory profile: %v\n", err)
	}
}
