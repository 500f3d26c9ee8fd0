package feed

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"sync"
	"time"
)

// Fetch fetches and parses one feed. A problem with the feed, whatever it
// is, ends up in Result.Err.
//
// On failure Result.Validators are the request's own, so storing them is
// always safe. Result.Duration leaves out time spent queued behind the
// concurrency bounds.
func (f *Fetcher) Fetch(ctx context.Context, r Request) Result {
	start := time.Now()
	res := Result{URL: r.URL, Validators: r.Validators}
	src, err := parseSource(r.URL)
	if err != nil {
		res.Err = err
		return res
	}
	var queued time.Duration
	switch src.kind {
	case sourceHTTP:
		queued = f.fetchHTTP(ctx, src, r, &res)
	case sourceFile:
		// A file read holds a descriptor too: it waits for a slot like
		// a fetch, and local files count as one host.
		s, err := f.limits.acquire(ctx, "file:")
		if err != nil {
			res.Err = queueError(err)
			break
		}
		queued = time.Since(start)
		body, err := f.readFileWithin(ctx, src.path)
		s.release()
		if err != nil {
			res.Err = err
			break
		}
		// No content type: Parse sniffs the document itself, which beats
		// guessing from a file name.
		res.Err = f.parseInto(&res, body, "")
	case sourceSample:
		res.Err = f.loadSample(&res)
	}
	res.Duration = time.Since(start) - queued
	return res
}

func (f *Fetcher) fetchHTTP(ctx context.Context, src source, r Request, res *Result) (queued time.Duration) {
	if f.opts.Offline {
		res.Err = ErrOffline
		return 0
	}
	resp, err := f.get(ctx, src.url, r.Validators)
	res.Status = resp.status
	if err != nil {
		var se *StatusError
		res.Gone = errors.As(err, &se) && se.Code == 410
		res.Err = err
		return resp.queued
	}
	if resp.notModified {
		res.NotModified = true
		res.Validators = resp.validators
		return resp.queued
	}
	res.BodyDigest = BodyDigest(resp.body)
	if len(r.BodyDigest) > 0 && bytes.Equal(r.BodyDigest, res.BodyDigest) {
		// The same document as last time, from a server that ignores or
		// lacks validators: nothing to parse, nothing new.
		res.NotModified = true
		res.Validators = resp.validators
		return resp.queued
	}
	if err := f.parseInto(res, resp.body, resp.contentType); err != nil {
		res.BodyDigest = nil
		res.Err = err
		return resp.queued
	}
	// Only now: validators for a body we could not parse would turn the
	// next fetch into a 304 and hide the feed until it changes.
	res.Validators = resp.validators
	return resp.queued
}

func (f *Fetcher) parseInto(res *Result, body []byte, contentType string) error {
	f.parsing <- struct{}{}
	p, err := Parse(body, contentType, f.opts.Now())
	<-f.parsing
	if err != nil {
		return err // Parse already says "parse feed: ..."
	}
	res.Title, res.SiteLink, res.Items = p.Title, p.SiteLink, p.Items
	return nil
}

// FetchAll fetches every request concurrently within the Fetcher's bounds
// and returns the results in request order.
//
// onDone, if not nil, is called once per feed as soon as that feed is done,
// so a caller can show progress or start the next stage early. Calls come
// from the fetching goroutines but never overlap, so onDone needs no locking
// of its own; it should return quickly, as it holds up other reports (not
// other fetches). When onDone is given, the returned results carry no
// Items: onDone had them.
func (f *Fetcher) FetchAll(ctx context.Context, rs []Request, onDone func(i int, r Result)) []Result {
	results := make([]Result, len(rs))
	var mu sync.Mutex
	var wg sync.WaitGroup
	// A feed counts against the global bound until onDone has taken its
	// result. Otherwise, when the caller consumes results slower than the
	// network delivers them, every parsed feed of a large fetch would wait
	// in memory at once.
	pending := make(chan struct{}, f.opts.Concurrency)
	// And a parsed feed waiting for onDone counts twice (see aheadGate).
	var ahead aheadGate
	ahead.init(ctx, f.opts.Concurrency)
	defer ahead.stop()
	for i, r := range rs {
		// One goroutine per feed is cheap; the limiter, not the number
		// of goroutines, bounds the network work.
		wg.Go(func() {
			if onDone != nil {
				select {
				case pending <- struct{}{}:
					defer func() { <-pending }()
				case <-ctx.Done():
				}
				ahead.enter(ctx)
			}
			res := f.Fetch(ctx, r)
			if onDone != nil {
				parsed := 0
				if len(res.Items) > 0 {
					parsed = 1
				}
				ahead.add(parsed)
				mu.Lock()
				onDone(i, res)
				mu.Unlock()
				ahead.leave(parsed)
				// onDone had the items; keeping them too would hold
				// every article of a large fetch in memory at once.
				res.Items = nil
			}
			results[i] = res
		})
	}
	wg.Wait()
	return results
}

// BodyDigest is the digest of a feed document as received, for
// Request.BodyDigest.
func BodyDigest(body []byte) []byte {
	sum := sha256.Sum256(body)
	return sum[:16]
}

// aheadGate keeps the fetches FetchAll runs ahead of its onDone in step
// with how fast onDone takes them. A fetch counts one from its start until
// onDone took it, and a parsed feed (one with items) one more while it
// waits: a new fetch starts while the count is under the limit.
//
// So when results need nothing more (304s, unchanged bodies) the limit
// is simply the requests in flight. When the caller is the slower side
// (a first fetch, whose every feed is converted), parsed feeds take the
// room of new requests, about half the limit waits parsed, and each one
// taken starts a new fetch at once, so the next ones arrive before the
// caller runs dry. A gate that held every fetch until the waiting feeds
// fell under a fixed few (8, before) let them run out while the new
// requests were still on the network: with 100 ms of latency the
// converters stood idle a tenth of a 10,000-item fetch.
//
// Go's sync.Cond wakes the longest waiter first, so the fetch order (the
// watchlist's feeds first) is kept as well as the pending slots keep it.
type aheadGate struct {
	mu    sync.Mutex
	cond  *sync.Cond
	count int
	limit int
	stop  func() bool
}

func (g *aheadGate) init(ctx context.Context, limit int) {
	g.cond = sync.NewCond(&g.mu)
	g.limit = max(limit, 1)
	// A canceled fetch must not sit behind results nobody will take.
	g.stop = context.AfterFunc(ctx, func() {
		g.mu.Lock()
		g.cond.Broadcast()
		g.mu.Unlock()
	})
}

// enter waits for room, and takes one.
func (g *aheadGate) enter(ctx context.Context) {
	g.mu.Lock()
	for g.count >= g.limit && ctx.Err() == nil {
		g.cond.Wait()
	}
	g.count++
	g.mu.Unlock()
}

// add counts n more for a fetch that came back, without waiting: its
// result has to reach onDone for anything to move.
func (g *aheadGate) add(n int) {
	g.mu.Lock()
	g.count += n
	g.mu.Unlock()
}

// leave gives back a taken fetch's one and its extra.
func (g *aheadGate) leave(extra int) {
	g.mu.Lock()
	g.count -= 1 + extra
	for range 1 + extra {
		g.cond.Signal()
	}
	g.mu.Unlock()
}
