// Package ingest runs the chain that turns subscriptions into stored
// articles: fetch (feed), convert HTML to markdown (htmlmd), extract the
// briefing (extract), save (store). Both `brief fetch` and the reader's
// background refresh use it, so no stage has to know about the next.
package ingest

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"brief/config"
	"brief/extract"
	"brief/feed"
	"brief/htmlmd"
	"brief/internal/digest"
	"brief/internal/sanitize"
	"brief/store"
)

// FeedReport says what happened to one feed.
type FeedReport struct {
	URL     string
	Title   string
	New     int
	Updated int
	// Unchanged counts the items that came back as stored (ItemDigest)
	// and were not converted again.
	Unchanged   int
	NotModified bool
	Skipped     bool // offline: not attempted
	// Interrupted: the run was canceled (Ctrl-C) before this feed was
	// fetched or saved. Err says so; it is not a failure of the feed, and
	// nothing about it is recorded.
	Interrupted bool
	Network     bool // fetched over http(s), not the sample or a local file
	Err         error
	Duration    time.Duration

	fetchFailed bool // Err is the fetch's, not the save's
}

// Report sums up a run.
type Report struct {
	Feeds       []FeedReport // in subscription order
	New         int
	Failed      int // not counting Interrupted
	Interrupted int
	Pruned      int
	// PruneErr is why the retention prune did not run (another program
	// held the database, say): the fetch itself still counts, and the
	// prune runs again next time.
	PruneErr error
	// Grouped counts older articles put into stories this run (articles
	// saved before stories existed, a batch at a time); GroupErr is why
	// that did not happen, which like PruneErr fails nothing.
	Grouped  int
	GroupErr error

	// The network feeds (http and https) by how their fetch went: the
	// built-in sample and local files succeed without a network, so only
	// these tell whether the network and the feeds' servers answered. A
	// feed fetched but not saved (a full disk) is NetworkOK and Failed.
	// NetworkSkipped were not attempted (offline).
	NetworkOK, NetworkFailed, NetworkSkipped int
}

// AllFailed reports whether every attempted feed failed, the one case in
// which `brief fetch` exits non-zero.
func (r Report) AllFailed() bool {
	attempted := 0
	for _, f := range r.Feeds {
		if !f.Skipped && !f.Interrupted {
			attempted++
		}
	}
	return attempted > 0 && r.Failed == attempted
}

// AllNetworkFailed reports whether network feeds were attempted and every
// one of them failed: an outage (or a dead proxy) that the sample and
// local feeds would otherwise hide.
func (r Report) AllNetworkFailed() bool {
	return r.NetworkFailed > 0 && r.NetworkOK == 0
}

// Ingester owns the pieces of the chain.
type Ingester struct {
	Store     *store.Store
	Fetcher   *feed.Fetcher
	Extractor *extract.Extractor // nil: the default directory
	Retention store.Retention
	Now       func() time.Time
	// Watchlist names the symbols whose feeds are fetched first (see
	// fetchOrder).
	Watchlist []string
}

// A batch commits at fillBatch articles, or fillWait after its first feed
// arrived, whichever comes first; its feeds are written as they come
// (see write). Committing each feed as it came
// wrote the same index pages to the log over and over: a first fetch of
// 10,000 articles wrote 8,100 pages to the log for a 4,900-page database.
// Batches of 500 bring that down to 5,500 and cut the fetch's CPU by 4-11%
// in A/B runs; larger ones save no more (1,500 did not help the batches
// either), and make the last commit (which nothing else overlaps) and a
// reader waiting for the write lock longer.
const (
	fillBatch = 500
	fillWait  = 100 * time.Millisecond
)

// converted is one fetched feed, turned into what the store keeps.
type converted struct {
	i      int
	feedID int64
	fr     FeedReport
	save   *store.FeedSave // nil when the fetch failed
	fail   string          // error text to record on the feed
	gone   bool
	// written: save or fail went into the writer's open batch, and is
	// lost if that batch fails to commit.
	written bool
	// bare: the save had no articles to write, only the fetch itself
	// (validators, time, unchanged items); again: it is being written a
	// second time, after its first batch failed (see writer.commit).
	bare, again bool
}

// Run fetches every subscription and saves what changed. onDone, when not
// nil, is called once per feed as it is saved (serially), for progress.
// A failing feed is recorded on that feed; Run itself fails only when the
// store cannot be used at all.
func (in *Ingester) Run(ctx context.Context, subs []config.Feed, onDone func(done, total int, r FeedReport)) (Report, error) {
	now := time.Now
	if in.Now != nil {
		now = in.Now
	}
	specs := make([]store.FeedSpec, len(subs))
	for i, s := range subs {
		specs[i] = store.FeedSpec{URL: s.URL, Title: s.Title, Tags: s.Tags}
	}
	feeds, err := in.Store.EnsureFeeds(ctx, specs)
	if err != nil {
		return Report{}, fmt.Errorf("register feeds: %w", err)
	}
	rep := Report{Feeds: make([]FeedReport, len(subs))}
	done := 0
	in.pipeline(ctx, subs, feeds, now, func(c converted) {
		rep.Feeds[c.i] = c.fr
		done++
		if onDone != nil {
			onDone(done, len(subs), c.fr)
		}
	})
	rep.tally(ctx.Err() != nil)
	if ctx.Err() != nil {
		return rep, nil // the prune and the grouping wait for the next run
	}
	if in.Retention != (store.Retention{}) {
		n, err := in.Store.Prune(ctx, in.Retention, now())
		rep.Pruned, rep.PruneErr = n, err
	}
	rep.Grouped, rep.GroupErr = in.Store.BackfillStories(ctx, groupPerRun)
	return rep, nil
}

// fetched is one fetch result on its way to a converting goroutine.
type fetched struct {
	i   int // the subscription's index
	res feed.Result
}

// pipeline fetches, converts and saves every subscription, calling report
// (on one goroutine) as each feed is saved or recorded as failed. Three
// stages overlap: the fetcher waits on the network, one worker per core
// converts and extracts, and one writer commits. The small queues are
// back-pressure that keeps memory bounded when feeds arrive faster than
// they can be converted.
func (in *Ingester) pipeline(ctx context.Context, subs []config.Feed, feeds []store.Feed, now func() time.Time, report func(converted)) {
	ex := in.Extractor
	if ex == nil {
		ex = extract.New(nil)
	}
	order := in.fetchOrder(ctx, subs, feeds, now())
	reqs := make([]feed.Request, len(subs))
	for k, i := range order {
		f := feeds[i]
		reqs[k] = feed.Request{URL: subs[i].URL, Validators: feed.Validators{ETag: f.ETag, LastModified: f.LastModified},
			BodyDigest: f.BodyDigest}
	}
	workers := runtime.GOMAXPROCS(0)
	toConvert := make(chan fetched, workers)
	toWrite := make(chan converted, workers*2)
	var convWG sync.WaitGroup
	for range workers {
		convWG.Go(func() {
			for f := range toConvert {
				var known map[string][]byte
				if f.res.Err == nil && len(f.res.Items) > 0 && !feeds[f.i].LastSuccess.IsZero() {
					// Without the digests every item is converted: slower,
					// never wrong. A feed never saved has none to ask for.
					known, _ = in.Store.ItemDigests(ctx, feeds[f.i].ID)
				}
				toWrite <- convert(f.i, subs[f.i], feeds[f.i], f.res, in.Store, ex, now(), known)
			}
		})
	}
	writerDone := make(chan struct{})
	go func() {
		defer close(writerDone)
		in.write(ctx, toWrite, now, report)
	}()
	in.Fetcher.FetchAll(ctx, reqs, func(k int, res feed.Result) {
		toConvert <- fetched{order[k], res}
	})
	close(toConvert)
	convWG.Wait()
	close(toWrite)
	<-writerDone
}

// tally adds up the feeds' reports; canceled says the run was, and a
// feed it left failing for that alone is Interrupted.
func (rep *Report) tally(canceled bool) {
	for i := range rep.Feeds {
		f := &rep.Feeds[i]
		f.Interrupted = canceled && errors.Is(f.Err, context.Canceled)
		rep.New += f.New
		switch {
		case f.Interrupted:
			rep.Interrupted++
			continue
		case f.Err != nil && !f.Skipped:
			rep.Failed++
		}
		if f.Network {
			switch {
			case f.Skipped:
				rep.NetworkSkipped++
			case f.fetchFailed:
				rep.NetworkFailed++
			default:
				rep.NetworkOK++
			}
		}
	}
}

// write saves each converted feed as it arrives, into a store.SaveBatch
// that commits at fillBatch articles or fillWait after its first feed,
// whichever comes first: under load many feeds share a commit, and each is
// written while the next ones are still being converted; when feeds
// trickle in, each is committed within fillWait. Feeds are reported once
// their batch committed, in the order they arrived (a feed written again
// after its batch failed, in the next; see commit).
func (in *Ingester) write(ctx context.Context, queue <-chan converted, now func() time.Time, report func(converted)) {
	w := &writer{in: in, ctx: ctx, now: now, report: report, wait: time.NewTimer(fillWait)}
	w.wait.Stop()
	for {
		select {
		case c, ok := <-queue:
			if !ok {
				// A failed last batch may leave feeds to write again.
				for w.b != nil || len(w.batch) > 0 {
					w.commit()
				}
				return
			}
			w.add(c)
			if w.b == nil || w.articles >= fillBatch {
				w.commit()
			}
		case <-w.wait.C:
			w.commit()
		}
	}
}

// writer is the state of Ingester.write.
type writer struct {
	in     *Ingester
	ctx    context.Context
	now    func() time.Time
	report func(converted)
	wait   *time.Timer // fillWait after the batch began

	b        *store.SaveBatch // nil while no batch is open
	batch    []converted      // the feeds of b, and any between that wrote nothing
	articles int
	locked   error // a batch could not begin for another program's lock
}

// add writes c into the open batch, beginning one when needed.
func (w *writer) add(c converted) {
	if c.save == nil && c.fail == "" {
		w.batch = append(w.batch, c)
		return
	}
	var err error
	if w.b == nil && w.locked == nil {
		if w.b, err = w.in.Store.BeginSaves(w.ctx); err != nil {
			w.b = nil
			if store.Locked(err) {
				// Waited out once already: the rest fail at once.
				w.locked = err
			}
		} else {
			w.wait.Reset(fillWait)
		}
	}
	if w.b == nil {
		err = cmp.Or(err, w.locked)
	}
	switch {
	case err != nil && c.save != nil:
		c.fr.Err = err
	case err != nil:
		c.fr.Err = fmt.Errorf("%w (and recording the failure failed: %v)", c.fr.Err, err)
	case c.save != nil:
		w.articles += len(c.save.Articles)
		c.bare = len(c.save.Articles) == 0
		stats, err := w.b.Save(c.save)
		c.fr.New, c.fr.Updated, c.fr.Err, c.written = stats.New, stats.Updated, err, err == nil
		// Written (or failed): the articles' bodies need not stay in
		// memory until the commit reports the feed.
		c.save.Articles = nil
		w.batch = append(w.batch, c)
		w.endIfFailed(err)
		return
	default:
		err := w.b.RecordFailure(c.feedID, c.fail, c.gone, w.now())
		if err != nil {
			c.fr.Err = fmt.Errorf("%w (and recording the failure failed: %v)", c.fr.Err, err)
		}
		c.written = err == nil
		w.batch = append(w.batch, c)
		w.endIfFailed(err)
		return
	}
	w.batch = append(w.batch, c)
}

// endIfFailed commits the open batch at once when a write into it failed
// (a feed removed meanwhile is no failure of the batch): the batch fails
// with that feed, and the feeds after it get a batch of their own instead
// of its error, untried.
func (w *writer) endIfFailed(err error) {
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		w.commit()
	}
}

// commit commits the open batch, if any, and reports its feeds: with the
// commit's error when it failed. A failed batch's feeds that had nothing
// but their fetch to record (a recorded failure, a feed whose items were
// all unchanged) are written once more, in the next batch: a large feed
// that did not fit on the disk, or that broke a constraint, fails alone
// instead of taking the small writes beside it down with it. Feeds that
// had articles cannot be written again (they let go of them once
// written), and fail with the batch.
func (w *writer) commit() {
	w.wait.Stop()
	var err error
	if w.b != nil {
		err = w.b.Commit()
		w.b = nil
	}
	var again []converted
	for _, c := range w.batch {
		if err != nil && c.written && !c.again && (c.save == nil || c.bare) {
			c.written, c.again = false, true
			again = append(again, c)
			continue
		}
		if err != nil && c.written {
			if c.save != nil {
				c.fr.Err, c.fr.New, c.fr.Updated = err, 0, 0
			} else {
				c.fr.Err = fmt.Errorf("%w (and recording the failure failed: %v)", c.fr.Err, err)
			}
		}
		w.report(c)
	}
	w.batch, w.articles = w.batch[:0], 0
	for _, c := range again {
		w.add(c)
	}
}

// convert turns one fetch result into a save (or a failure to record).
func convert(i int, sub config.Feed, f store.Feed, res feed.Result, st *store.Store, ex *extract.Extractor, now time.Time, known map[string][]byte) converted {
	c := converted{i: i, feedID: f.ID}
	c.fr = FeedReport{URL: sub.URL, Title: sub.Title, Duration: res.Duration, NotModified: res.NotModified,
		Network: feed.IsNetwork(sub.URL)}
	if c.fr.Title == "" {
		c.fr.Title = res.Title
	}
	if c.fr.Title == "" {
		c.fr.Title = f.Title
	}
	if res.Err != nil {
		c.fr.Err = res.Err
		if errors.Is(res.Err, feed.ErrOffline) {
			c.fr.Skipped = true
			return c
		}
		if errors.Is(res.Err, context.Canceled) {
			return c // the run was stopped: not the feed's failure to record
		}
		c.fr.fetchFailed = true
		c.fail = sanitize.Line(res.Err.Error())
		c.gone = res.Gone
		return c
	}
	arts := make([]store.NewArticle, 0, len(res.Items))
	for _, it := range res.Items {
		d := ItemDigest(it)
		if old, ok := known[it.GUIDKey]; ok && it.GUIDKey != "" && bytes.Equal(old, d) {
			c.fr.Unchanged++
			continue // as stored: nothing to convert, extract or write
		}
		a := Article(it, res.SiteLink, ex)
		a.RawDigest = d
		// The story keys are worked out here, on the converting
		// goroutines, and not on the one that writes.
		st.PrepareStory(&a, now)
		arts = append(arts, a)
	}
	c.save = &store.FeedSave{
		FeedID: f.ID,
		OK: store.FetchOK{
			Title:        res.Title,
			SiteLink:     res.SiteLink,
			ETag:         res.Validators.ETag,
			LastModified: res.Validators.LastModified,
			NotModified:  res.NotModified,
			BodyDigest:   res.BodyDigest,
			At:           now,
		},
		Articles: arts,
	}
	st.PrepareSave(c.save)
	return c
}

// groupPerRun bounds how many articles saved before stories existed one
// run groups: a large old database is done over a few fetches, each a
// second or so longer.
const groupPerRun = 20000

// Article turns a fetched item into what the store keeps: the raw HTML,
// the clean body as safe markdown (see Convert), and the briefing.
func Article(it feed.Item, base string, ex *extract.Extractor) store.NewArticle {
	if it.Link != "" {
		base = it.Link
	}
	k := keep(Convert(ex, it.HTML, base, extract.Input{Title: it.Title, FeedTickers: it.Tickers, Categories: it.Categories, LeaveForCard: true}))
	a := store.NewArticle{
		GUIDKey:          it.GUIDKey,
		Link:             it.Link,
		Title:            it.Title,
		Author:           it.Author,
		Published:        it.Published,
		Updated:          it.Updated,
		HTML:             it.HTML,
		Markdown:         k.body,
		Tickers:          k.tickers,
		Briefing:         k.briefing,
		ExtractorVersion: extract.Version,
	}
	return a
}

// Convert makes an article's briefing and the body brief stores and shows
// from its HTML: Raw's markdown, read by extract.Process, which takes out
// the page furniture, writes ticker chips as "Alibaba (BABA)" and drops the
// summary and takeaways the briefing card shows. in.Markdown is ignored.
// `brief reindex` calls it on the stored HTML, so that an article stored
// clean is cleaned again from its original, never from its clean body.
func Convert(ex *extract.Extractor, html, base string, in extract.Input) extract.Result {
	in.Markdown = Raw(html, base)
	return ex.Process(in)
}

// Raw is an article's body as the feed sent it: its HTML converted to
// markdown (htmlmd.Markdown), sanitised but not cleaned. The reader's raw
// view and `brief show --raw` show it.
func Raw(html, base string) string {
	md, err := htmlmd.Markdown(html, base)
	if err != nil {
		// A body the converter refuses still reads as plain text.
		md = sanitize.Text(html)
	}
	return md
}

// Briefing decodes an article's stored briefing, and reports false for an
// article stored before extraction existed. A fetch leaves what only the
// card shows, a generated summary and takeaways and the key figures, to
// the first time an article is shown (extract.LeaveForCard): they are
// worked out here, from the stored HTML as Reindex reads it, in 0.1–0.2 ms
// (BenchmarkBriefingShown).
func Briefing(a store.Article) (extract.Briefing, bool) {
	var b extract.Briefing
	if len(a.Briefing) == 0 || json.Unmarshal(a.Briefing, &b) != nil {
		return extract.Briefing{}, false
	}
	if b.Whole() {
		return b, true // stored whole: nothing to convert again
	}
	return extract.Complete(rawOf(a), a.Title, b), true
}

// StoreTickers converts a briefing's tickers to the store's rows.
func StoreTickers(ts []extract.Ticker) []store.Ticker {
	out := make([]store.Ticker, 0, len(ts))
	for _, t := range ts {
		out = append(out, store.Ticker{
			Symbol: t.Symbol, Exchange: t.Exchange, Name: t.Name,
			Mentions: t.Mentions, Signal: string(t.Signal), Primary: t.Primary,
		})
	}
	return out
}

// ItemDigest is a digest of an item as the feed gave it, and of the
// extractor that would read it: an item with the digest of the stored
// article needs no conversion, extraction or write. The published date is
// left out: a feed without dates gets the fetch time, which changes every
// time, and a stored article's date never changes anyway.
func ItemDigest(it feed.Item) []byte {
	h := digest.New()
	h.String(strconv.Itoa(extract.Version))
	h.String(it.GUIDKey)
	h.String(it.Link)
	h.String(it.Title)
	h.String(it.Author)
	h.String(strconv.FormatInt(it.Updated.UnixMilli(), 10))
	h.String(it.HTML)
	h.String(strings.Join(it.Tickers, "\x00"))
	h.String(strings.Join(it.Categories, "\x00"))
	return h.Sum()
}
