package main

import (
	"context"
	"os"

	"brief/config"
	"brief/ingest"
	"brief/ui"
)

// runReader opens the reader on whatever the store holds and refreshes in
// the background (unless --offline or refresh_on_start = false).
func runReader(ctx context.Context, a *app, theme string) error {
	cfg, err := a.config()
	if err != nil {
		return err
	}
	in, err := a.ingester(ctx)
	if err != nil {
		return err
	}
	run := func(ctx context.Context, subs []config.Feed, progress func(done, total int)) (ingest.Report, error) {
		return in.Run(ctx, subs, func(done, total int, _ ingest.FeedReport) {
			if progress != nil {
				progress(done, total)
			}
		})
	}
	o := ui.Options{
		Store:   in.Store,
		Config:  cfg,
		Offline: a.offline,
		Theme:   theme,
		Version: versionString(),
	}
	if _, ok := os.LookupEnv("NO_COLOR"); ok {
		o.NoColor = true
	}
	// Offline, the embedded sample and local files still refresh.
	o.Refresh = func(ctx context.Context, progress func(done, total int)) (ingest.Report, error) {
		return run(ctx, cfg.Subscriptions(), progress)
	}
	o.RefreshFeed = func(ctx context.Context, url string, progress func(done, total int)) (ingest.Report, error) {
		for _, s := range cfg.Subscriptions() {
			if s.URL == url {
				return run(ctx, []config.Feed{s}, progress)
			}
		}
		return run(ctx, nil, progress)
	}
	return ui.Run(ctx, o)
}
