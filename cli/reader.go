package cli

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"

	"brief/config"
	"brief/ingest"
	"brief/internal/sanitize"
	"brief/ui"
)

// indexDelay keeps background indexing out of the way of the reader's first
// frames.
const indexDelay = time.Second

// runReader opens the reader on whatever the store holds and refreshes in
// the background (unless --offline or refresh_on_start = false).
func runReader(ctx context.Context, a *app, theme string) error {
	cfg, err := a.house.Config()
	if err != nil {
		return err
	}
	// The reader opens a database it cannot write, and says so.
	a.reading = true
	st, err := a.readStore(ctx)
	if err != nil {
		return err
	}
	o := ui.Options{
		Store:   st,
		Config:  cfg,
		Offline: a.globals.Offline,
		Theme:   theme,
		Version: a.version,
	}
	if a.house.ReadOnly() != "" {
		o.Notice = a.house.ReadOnly() + ": reading only, no refresh, marks are not kept"
	}
	if _, ok := os.LookupEnv("NO_COLOR"); ok {
		o.NoColor = true
	}
	// The first screenful is read while the rest is built.
	r := ui.Prepare(o)
	in, err := a.house.Ingester(ctx, a.reading)
	if err != nil {
		r.Discard()
		return err
	}
	if a.house.ReadOnly() == "" {
		// Nothing fetched could be kept when the database is read-only.
		r.SetRefresh(readerRefresh(ctx, a, cfg, in))
	}
	// A save that fails as the reader quits would go unseen on the status
	// line; the last failure is said on stderr once the screen is back.
	save, lastFailure := keepLastFailure(watchlistSaver(cfg.Path))
	r.SetSaveWatchlist(save)
	defer func() {
		if err := lastFailure(); err != nil {
			fmt.Fprintf(a.stderr, "brief: the watchlist changes of this session were not saved: %s\n", sanitize.Line(err.Error()))
		}
	}()
	return r.Run(ctx)
}

// readerRefresh makes the reader's refreshes: of every subscription, and
// of one feed. Offline, the embedded sample and local files still
// refresh. With a [sync] account, a refresh syncs it after the feeds.
func readerRefresh(ctx context.Context, a *app, cfg *config.Config, in *ingest.Ingester) (
	all func(context.Context, func(done, total int)) (ingest.Report, error),
	one func(context.Context, string, func(done, total int)) (ingest.Report, error),
) {
	// A fetch queues new articles for the search index; the reader indexes
	// them in the background, a moment after it starts and after each
	// refresh, so that a search does not have to. An error here is left to
	// the search, which tries again and reports it.
	indexLater := func() {
		time.AfterFunc(indexDelay, func() {
			if ctx.Err() == nil {
				_, _ = in.Store.IndexPending(ctx)
			}
		})
	}
	indexLater()
	run := func(ctx context.Context, subs []config.Feed, progress func(done, total int)) (ingest.Report, error) {
		defer indexLater()
		return in.Run(ctx, subs, func(done, total int, _ ingest.FeedReport) {
			if progress != nil {
				progress(done, total)
			}
		})
	}
	syncNow := a.readerSync(ctx)
	all = func(ctx context.Context, progress func(done, total int)) (ingest.Report, error) {
		rep, err := run(ctx, cfg.Subscriptions(), progress)
		if err == nil && syncNow != nil {
			addSync(&rep, syncNow(ctx))
		}
		return rep, err
	}
	one = func(ctx context.Context, url string, progress func(done, total int)) (ingest.Report, error) {
		if syncNow != nil && isSyncedFeed(cfg.Sync.URL, url) {
			rep, err := run(ctx, nil, progress)
			if err == nil {
				addSync(&rep, syncNow(ctx))
			}
			return rep, err
		}
		for _, s := range cfg.Subscriptions() {
			if s.URL == url {
				return run(ctx, []config.Feed{s}, progress)
			}
		}
		return run(ctx, nil, progress)
	}
	return all, one
}

// keepLastFailure wraps save so that lastFailure can tell, at the end,
// whether the last save failed; the reader saves from another goroutine.
func keepLastFailure(save func(symbols []string) (string, error)) (wrapped func(symbols []string) (string, error), lastFailure func() error) {
	var (
		mu      sync.Mutex
		lastErr error
	)
	wrapped = func(symbols []string) (string, error) {
		where, err := save(symbols)
		mu.Lock()
		lastErr = err
		mu.Unlock()
		return where, err
	}
	lastFailure = func() error {
		mu.Lock()
		defer mu.Unlock()
		return lastErr
	}
	return wrapped, lastFailure
}

// watchlistSaver saves the reader's watchlist in the config file at path.
// It reads the file again each time, so that feeds added with `brief feeds
// add` while the reader ran survive, and only the watchlist changes (Save
// keeps the rest of the file as it is, comments included).
func watchlistSaver(path string) func(symbols []string) (string, error) {
	return func(symbols []string) (string, error) {
		fresh, err := config.Load(path)
		if err != nil {
			return "", err
		}
		fresh.Watchlist = symbols
		if err := fresh.Save(); err != nil {
			return "", err
		}
		return fresh.Path, nil
	}
}
