// Command brief is a terminal reader for market briefings: it fetches finance
// feeds, keeps every article and its briefing in a local database, and lets
// you read them online or offline.
//
// This file builds what the commands (package cli) work on: the config,
// the database, the fetcher and the ingest and sync chains.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"time"

	"brief/cli"
	"brief/config"
	"brief/extract"
	"brief/feed"
	"brief/ingest"
	_ "brief/internal/addrspace" // checks the limit on address space as brief starts
	"brief/internal/sanitize"
	"brief/remote"
	"brief/store"
	"brief/symbol"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = "dev"

// house builds each part on first use and keeps it (see cli.House).
type house struct {
	flags   cli.Globals
	version string
	now     func() time.Time
	stderr  io.Writer // for what opening the store has to say

	cfg         *config.Config
	st          *store.Store
	readOnlyWhy string
}

func (h *house) Config() (*config.Config, error) {
	if h.cfg != nil {
		return h.cfg, nil
	}
	cfg, err := config.Load(h.flags.ConfigPath)
	if err != nil {
		return nil, err
	}
	h.cfg = cfg
	return cfg, nil
}

func (h *house) dbPath() string {
	if h.flags.DBPath == "" {
		return config.DefaultDBPath()
	}
	return h.flags.DBPath
}

func (h *house) Store(ctx context.Context) (*store.Store, error) {
	if h.st != nil {
		return h.st, nil
	}
	path := h.dbPath()
	st, err := store.OpenWith(ctx, path, store.Options{Upgrading: func(from, to int) {
		fmt.Fprintf(h.stderr, "brief: upgrading %s from schema %d to %d, once (on a large database this takes a few seconds)\n",
			sanitize.Line(path), from, to)
	}})
	if err != nil {
		return nil, err
	}
	h.st = st
	return st, nil
}

// ReadStore opens a database this user cannot write (restored by root, on
// a read-only mount) read-only instead of refusing it.
func (h *house) ReadStore(ctx context.Context) (*store.Store, error) {
	if h.st != nil {
		return h.st, nil
	}
	st, err := h.Store(ctx)
	if !errors.Is(err, store.ErrReadOnly) {
		return st, err
	}
	st, roErr := store.OpenReadOnly(ctx, h.dbPath())
	if roErr != nil {
		return nil, err
	}
	h.readOnlyWhy = err.Error()
	h.st = st
	return st, nil
}

func (h *house) ReadOnly() string { return h.readOnlyWhy }

func (h *house) Explain(err error) error {
	if h.st != nil {
		return h.st.Explain(err)
	}
	return err
}

func (h *house) Close() {
	if h.st != nil {
		h.st.Close()
	}
}

// Ingester builds the fetch → convert → extract → save chain that both
// `brief fetch` and the reader's refresh run.
func (h *house) Ingester(ctx context.Context, readOnly bool) (*ingest.Ingester, error) {
	cfg, err := h.Config()
	if err != nil {
		return nil, err
	}
	open := h.Store
	if readOnly {
		open = h.ReadStore
	}
	st, err := open(ctx)
	if err != nil {
		return nil, err
	}
	st.SetStoryWindow(cfg.Stories.Window.Duration)
	ex, err := h.Extractor()
	if err != nil {
		return nil, err
	}
	return &ingest.Ingester{Store: st, Fetcher: h.fetcher(cfg), Extractor: ex, Retention: retention(cfg), Watchlist: cfg.Watchlist, Now: h.now}, nil
}

func (h *house) fetcher(cfg *config.Config) *feed.Fetcher {
	return feed.NewFetcher(feed.Options{
		Concurrency: cfg.Fetch.Concurrency,
		PerHost:     cfg.Fetch.PerHost,
		HostCap:     cfg.Fetch.HostCap,
		HostLimits:  hostLimits(cfg.Fetch.Hosts),
		Timeout:     cfg.Fetch.Timeout.Duration,
		UserAgent:   feed.UserAgent(h.version),
		Contact:     cfg.Fetch.SecContact,
		Offline:     h.flags.Offline,
	})
}

func hostLimits(hosts map[string]config.HostLimit) map[string]feed.HostLimit {
	if len(hosts) == 0 {
		return nil
	}
	out := make(map[string]feed.HostLimit, len(hosts))
	for domain, l := range hosts {
		out[domain] = feed.HostLimit{Rate: l.Rate, Cap: l.Cap}
	}
	return out
}

func retention(cfg *config.Config) store.Retention {
	return store.Retention{
		MaxAge:  time.Duration(cfg.Retention.Days) * 24 * time.Hour,
		PerFeed: cfg.Retention.PerFeed,
	}
}

// Extractor's ticker directory is the built-in one plus the user's symbols
// from the config and from `brief symbols import`.
func (h *house) Extractor() (*extract.Extractor, error) {
	cfg, err := h.Config()
	if err != nil {
		return nil, err
	}
	var extra []symbol.Security
	for _, s := range cfg.Symbols {
		extra = append(extra, symbol.Security{Symbol: s.Symbol, Name: s.Name, Exchange: s.Exchange, Aliases: s.Aliases})
	}
	imported, err := symbol.ReadImported(h.SymbolsPath())
	if err != nil {
		return nil, err
	}
	extra = append(extra, imported...)
	if len(extra) == 0 {
		return extract.New(nil), nil
	}
	return extract.New(symbol.NewDirectory(extra...)), nil
}

// SymbolsPath keeps imported symbols beside the database they tag.
func (h *house) SymbolsPath() string {
	return filepath.Join(filepath.Dir(h.dbPath()), "symbols.json")
}

// Syncer builds the Syncer of the config's [sync] account.
func (h *house) Syncer(ctx context.Context) (*remote.Syncer, error) {
	cfg, err := h.Config()
	if err != nil {
		return nil, err
	}
	st, err := h.Store(ctx)
	if err != nil {
		return nil, err
	}
	st.SetStoryWindow(cfg.Stories.Window.Duration)
	opts, err := remote.FromConfig(cfg.Sync, feed.UserAgent(h.version))
	if err != nil {
		return nil, err
	}
	b, err := remote.New(opts)
	if err != nil {
		return nil, err
	}
	ex, err := h.Extractor()
	if err != nil {
		return nil, err
	}
	return &remote.Syncer{Store: st, Backend: b, Account: cfg.Sync.Account(), BaseURL: cfg.Sync.URL, Extractor: ex}, nil
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

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runAt(ctx, args, stdout, stderr, time.Now)
}

// runAt is run on the clock now, so that a test can fix the time.
func runAt(ctx context.Context, args []string, stdout, stderr io.Writer, now func() time.Time) int {
	v := versionString()
	return cli.Run(ctx, args, cli.Options{
		Stdout:  stdout,
		Stderr:  stderr,
		Now:     now,
		Version: v,
		Open: func(g cli.Globals) cli.House {
			return &house{flags: g, version: v, now: now, stderr: stderr}
		},
	})
}

func main() {
	// Ingest allocates a lot of short-lived garbage (parse trees, HTML
	// nodes). Collecting a third as often saves ~12% of a big fetch's CPU;
	// the soft memory limit makes the collector work harder again before
	// the heap gets anywhere near a size a user would notice. `brief
	// fetch` sets its own limit from a resident budget (cli.limitFetchMemory).
	if !slices.ContainsFunc(os.Args[1:], func(a string) bool { return strings.HasPrefix(a, "--memprofile") }) {
		// No heap profile was asked for (the hidden --memprofile): no
		// stack walks for samples, and no buckets for them (0.15 MB in a
		// large fetch, beside the 1.4 MB table the runtime makes before
		// main either way).
		runtime.MemProfileRate = 0
	}
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
