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
	// And no new fetch starts while readyBound results wait for onDone:
	// when the caller is the slower side, more requests in flight would
	// only add parsed feeds to the wait (a tenth of a 10,000-item fetch's
	// live heap), and fetches start again as soon as it catches up.
	var ready readyGate
	ready.init(ctx)
	defer ready.stop()
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
				ready.wait(ctx)
			}
			res := f.Fetch(ctx, r)
			if onDone != nil {
				ready.add(1)
				mu.Lock()
				onDone(i, res)
				mu.Unlock()
				ready.add(-1)
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

// readyBound is how many fetched feeds may wait for FetchAll's onDone
// before new fetches hold off.
const readyBound = 8

// readyGate counts the results waiting for onDone and holds new fetches
// while readyBound of them wait. Go's sync.Cond wakes the longest waiter
// first, so the fetch order (the watchlist's feeds first) is kept as well
// as the pending slots keep it.
type readyGate struct {
	mu      sync.Mutex
	cond    *sync.Cond
	waiting int
	stop    func() bool
}

func (g *readyGate) init(ctx context.Context) {
	g.cond = sync.NewCond(&g.mu)
	// A canceled fetch must not sit behind results nobody will take.
	g.stop = context.AfterFunc(ctx, func() {
		g.mu.Lock()
		g.cond.Broadcast()
		g.mu.Unlock()
	})
}

func (g *readyGate) wait(ctx context.Context) {
	g.mu.Lock()
	for g.waiting >= readyBound && ctx.Err() == nil {
		g.cond.Wait()
	}
	g.mu.Unlock()
}

func (g *readyGate) add(n int) {
	g.mu.Lock()
	g.waiting += n
	if n < 0 {
		g.cond.Signal()
	}
	g.mu.Unlock()
}
