// Package ingest runs the chain that turns subscriptions into stored
// articles: fetch (feed), convert HTML to markdown (render), save (store).
// Both `brief fetch` and the reader's background refresh use it, so no stage
// has to know about the next.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"brief/config"
	"brief/feed"
	"brief/internal/sanitize"
	"brief/render"
	"brief/store"
)

// FeedReport says what happened to one feed.
type FeedReport struct {
	URL         string
	Title       string
	New         int
	Updated     int
	NotModified bool
	Skipped     bool // offline: not attempted
	Err         error
	Duration    time.Duration
}

// Report sums up a run.
type Report struct {
	Feeds  []FeedReport // in subscription order
	New    int
	Failed int
	Pruned int
}

// AllFailed reports whether every attempted feed failed, the one case in
// which `brief fetch` exits non-zero.
func (r Report) AllFailed() bool {
	attempted := 0
	for _, f := range r.Feeds {
		if !f.Skipped {
			attempted++
		}
	}
	return attempted > 0 && r.Failed == attempted
}

// Ingester owns the pieces of the chain.
type Ingester struct {
	Store     *store.Store
	Fetcher   *feed.Fetcher
	Retention store.Retention
	Now       func() time.Time
}

// Run fetches every subscription and saves what changed. onDone, when not
// nil, is called once per feed as it finishes (serially), for progress.
// A failing feed is recorded on that feed; Run itself fails only when the
// store cannot be used at all.
func (in *Ingester) Run(ctx context.Context, subs []config.Feed, onDone func(done, total int, r FeedReport)) (Report, error) {
	now := time.Now
	if in.Now != nil {
		now = in.Now
	}
	feeds := make([]store.Feed, len(subs))
	reqs := make([]feed.Request, len(subs))
	for i, s := range subs {
		f, err := in.Store.EnsureFeed(ctx, s.URL, s.Title, s.Tags)
		if err != nil {
			return Report{}, fmt.Errorf("register feed %s: %w", s.URL, err)
		}
		feeds[i] = f
		reqs[i] = feed.Request{URL: s.URL, Validators: feed.Validators{ETag: f.ETag, LastModified: f.LastModified}}
	}

	rep := Report{Feeds: make([]FeedReport, len(subs))}
	var mu sync.Mutex
	done := 0
	// Conversion and saving run inside the fetcher's callbacks, so the
	// CPU-bound stage of one feed overlaps the network wait of the others.
	in.Fetcher.FetchAll(ctx, reqs, func(i int, res feed.Result) {
		fr := in.save(ctx, subs[i], feeds[i], res, now())
		mu.Lock()
		defer mu.Unlock()
		rep.Feeds[i] = fr
		done++
		if onDone != nil {
			onDone(done, len(subs), fr)
		}
	})
	for _, f := range rep.Feeds {
		rep.New += f.New
		if f.Err != nil && !f.Skipped {
			rep.Failed++
		}
	}
	if in.Retention != (store.Retention{}) {
		n, err := in.Store.Prune(ctx, in.Retention, now())
		if err != nil {
			return rep, fmt.Errorf("prune old articles: %w", err)
		}
		rep.Pruned = n
	}
	return rep, nil
}

func (in *Ingester) save(ctx context.Context, sub config.Feed, f store.Feed, res feed.Result, now time.Time) FeedReport {
	fr := FeedReport{URL: sub.URL, Title: sub.Title, Duration: res.Duration, NotModified: res.NotModified}
	if fr.Title == "" {
		fr.Title = res.Title
	}
	if fr.Title == "" {
		fr.Title = f.Title
	}
	if res.Err != nil {
		fr.Err = res.Err
		if errors.Is(res.Err, feed.ErrOffline) {
			fr.Skipped = true
			return fr
		}
		msg := sanitize.Line(res.Err.Error())
		if err := in.Store.RecordFailure(ctx, f.ID, msg, res.Gone, now); err != nil {
			fr.Err = fmt.Errorf("%w (and recording the failure failed: %v)", res.Err, err)
		}
		return fr
	}
	arts := make([]store.NewArticle, 0, len(res.Items))
	for _, it := range res.Items {
		arts = append(arts, Article(it, res.SiteLink))
	}
	title := sub.Title
	if title == "" {
		title = res.Title
	}
	stats, err := in.Store.SaveFetch(ctx, f.ID, store.FetchOK{
		Title:        title,
		SiteLink:     res.SiteLink,
		ETag:         res.Validators.ETag,
		LastModified: res.Validators.LastModified,
		NotModified:  res.NotModified,
		At:           now,
	}, arts)
	if err != nil {
		fr.Err = fmt.Errorf("save articles: %w", err)
		return fr
	}
	fr.New, fr.Updated = stats.New, stats.Updated
	return fr
}

// Article turns a fetched item into what the store keeps: the body as safe
// markdown next to the raw HTML.
func Article(it feed.Item, base string) store.NewArticle {
	if it.Link != "" {
		base = it.Link
	}
	md, err := render.Markdown(it.HTML, base)
	if err != nil {
		// A body the converter chokes on still reads as plain text.
		md = sanitize.Text(it.HTML)
	}
	tickers := make([]store.Ticker, 0, len(it.Tickers))
	for _, sym := range it.Tickers {
		tickers = append(tickers, store.Ticker{Symbol: sym, Mentions: 1, Signal: "feed", Primary: true})
	}
	return store.NewArticle{
		GUIDKey:   it.GUIDKey,
		Link:      it.Link,
		Title:     it.Title,
		Author:    it.Author,
		Published: it.Published,
		Updated:   it.Updated,
		HTML:      it.HTML,
		Markdown:  md,
		Tickers:   tickers,
	}
}
