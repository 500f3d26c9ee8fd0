package feed

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// load counts a server's requests in flight. A handler calls done before
// it writes its response, so the count never includes a request the
// client may already have finished with: what the server sees is at most
// what the client has in flight.
type load struct {
	now, peak atomic.Int32
}

func (l *load) begin() int32 {
	n := l.now.Add(1)
	for p := l.peak.Load(); n > p && !l.peak.CompareAndSwap(p, n); p = l.peak.Load() {
	}
	return n
}

func (l *load) done() { l.now.Add(-1) }

// loadedServer serves a feed after taking work long, counting the
// requests it has in flight.
func loadedServer(t *testing.T, work time.Duration) (*httptest.Server, *atomic.Int32, *load) {
	l := new(load)
	srv, n := server(t, func(w http.ResponseWriter, r *http.Request) {
		l.begin()
		time.Sleep(work)
		l.done()
		serveRSS(w)
	})
	return srv, n, l
}

func feedsOn(base string, n int) []Request {
	rs := make([]Request, n)
	for i := range rs {
		rs[i] = Request{URL: fmt.Sprintf("%s/feed?i=%d", base, i)}
	}
	return rs
}

// TestRefusedHostGetsFewer: a server that refuses (429) any request beyond
// three in flight sees, once it has refused one, never more than three
// again, with the cap at 16 and 60 feeds queued for it. The refused feeds
// are tried again and fetched; none is lost.
func TestRefusedHostGetsFewer(t *testing.T) {
	t.Parallel()
	const most = 3
	var (
		l          load
		refused    atomic.Bool
		refusals   atomic.Int32
		peakAfter  atomic.Int32
		serverSeen atomic.Int32
	)
	srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		serverSeen.Add(1)
		n := l.begin()
		if refused.Load() {
			for p := peakAfter.Load(); n > p && !peakAfter.CompareAndSwap(p, n); p = peakAfter.Load() {
			}
		}
		if n > most {
			l.done()
			refused.Store(true)
			refusals.Add(1)
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		// Long enough that the first round's requests surely overlap.
		time.Sleep(100 * time.Millisecond)
		l.done()
		serveRSS(w)
	})
	f := testFetcher(t, Options{PerHost: 4, HostCap: 16})
	results := f.FetchAll(t.Context(), feedsOn(srv.URL, 60), nil)

	if refusals.Load() == 0 {
		t.Fatal("the server never refused: the test did not test anything")
	}
	if p := peakAfter.Load(); p > most {
		t.Errorf("after the first refusal the server saw %d requests in flight, want at most %d", p, most)
	}
	for i, r := range results {
		var se *StatusError
		switch {
		case r.Err == nil && len(r.Items) == 1:
		case errors.As(r.Err, &se) && se.Code == http.StatusTooManyRequests:
			t.Logf("feed %d: %v", i, r.Err)
		default:
			t.Errorf("feed %d: err %v, %d items; want it fetched or refused with a 429", i, r.Err, len(r.Items))
		}
	}
	t.Logf("%d requests, %d refused, peak in flight %d (after the first refusal %d)",
		serverSeen.Load(), refusals.Load(), l.peak.Load(), peakAfter.Load())
}

// TestCleanHostEarnsMore: a host answering quickly and cleanly gets more
// requests in flight than it started with, and never more than its cap.
func TestCleanHostEarnsMore(t *testing.T) {
	t.Parallel()
	srv, n, l := loadedServer(t, 10*time.Millisecond)
	const start, hostCap = 4, 8
	f := testFetcher(t, Options{PerHost: start, HostCap: hostCap})
	for i, r := range f.FetchAll(t.Context(), feedsOn(srv.URL, 200), nil) {
		if r.Err != nil {
			t.Errorf("feed %d: %v", i, r.Err)
		}
	}
	p := l.peak.Load()
	if p <= start {
		t.Errorf("peak in flight %d: the host never got more than it started with (%d)", p, start)
	}
	if p > hostCap {
		t.Errorf("peak in flight %d, over the cap of %d", p, hostCap)
	}
	t.Logf("%d requests, peak in flight %d", n.Load(), p)
}

// TestCleanHostRampsFast: a host that never refuses reaches its cap
// within a fetch of 60 feeds: its bound doubles every round until a
// refusal. One earned per round would end the 60 feeds at 11 of 16.
func TestCleanHostRampsFast(t *testing.T) {
	t.Parallel()
	srv, _, l := loadedServer(t, 20*time.Millisecond)
	const start, hostCap = 4, 16
	f := testFetcher(t, Options{PerHost: start, HostCap: hostCap, Concurrency: 64})
	for i, r := range f.FetchAll(t.Context(), feedsOn(srv.URL, 60), nil) {
		if r.Err != nil {
			t.Errorf("feed %d: %v", i, r.Err)
		}
	}
	if p := l.peak.Load(); p != hostCap {
		t.Errorf("peak in flight %d over 60 feeds, want the cap, %d", p, hostCap)
	}
}

// TestRetryAfterPausesHost: after a 503 with Retry-After: 1, no request to
// that host arrives for a second, whichever feed it is for.
func TestRetryAfterPausesHost(t *testing.T) {
	t.Parallel()
	var (
		mu        sync.Mutex
		refusedAt time.Time
		arrivals  []time.Time
	)
	srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if refusedAt.IsZero() {
			refusedAt = time.Now()
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		arrivals = append(arrivals, time.Now())
		serveRSS(w)
	})
	f := testFetcher(t, Options{Retries: -1})
	if res := f.Fetch(t.Context(), Request{URL: srv.URL + "/first"}); res.Status != http.StatusServiceUnavailable {
		t.Fatalf("first feed: status %d, err %v; want the 503", res.Status, res.Err)
	}
	for i, r := range f.FetchAll(t.Context(), feedsOn(srv.URL, 5), nil) {
		if r.Err != nil {
			t.Errorf("feed %d: %v", i, r.Err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(arrivals) != 5 {
		t.Fatalf("server saw %d requests after the 503, want 5", len(arrivals))
	}
	for _, a := range arrivals {
		if d := a.Sub(refusedAt); d < 900*time.Millisecond {
			t.Errorf("a request arrived %v after the 503 asked for a second's pause", d)
		}
	}
}

// TestLongRetryAfterFailsQueuedFeeds: when a host asks for a pause longer
// than the fetcher sits out, its other feeds fail at once with the same
// answer instead of asking the host again.
func TestLongRetryAfterFailsQueuedFeeds(t *testing.T) {
	t.Parallel()
	srv, n := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120")
		w.WriteHeader(http.StatusTooManyRequests)
	})
	f := testFetcher(t, Options{MaxRetryAfter: 5 * time.Second})
	if res := f.Fetch(t.Context(), Request{URL: srv.URL + "/first"}); res.Status != http.StatusTooManyRequests {
		t.Fatalf("first feed: status %d, err %v; want the 429", res.Status, res.Err)
	}
	start := time.Now()
	for i, r := range f.FetchAll(t.Context(), feedsOn(srv.URL, 5), nil) {
		var rl *RetryLaterError
		if !errors.As(r.Err, &rl) || rl.Code != http.StatusTooManyRequests || rl.Wait < time.Minute {
			t.Errorf("feed %d: err %v, want a RetryLaterError for the 429", i, r.Err)
		}
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %v; should fail without waiting", d)
	}
	if n.Load() != 1 {
		t.Errorf("server saw %d requests, want 1", n.Load())
	}
}

// TestHostBoundHalvesOncePerRound: refusals to requests sent together cut
// the bound once, not once each; the bound drops at once below the number
// in flight that was refused, and never below 1; and that level stays off
// limits until ceilingHold has passed.
func TestHostBoundHalvesOncePerRound(t *testing.T) {
	t.Parallel()
	l := newLimiter(Options{PerHost: 8, HostCap: 16}.withDefaults())
	hold := func(n int) []*slot {
		var ss []*slot
		for range n {
			s, err := l.acquire(t.Context(), "h:80")
			if err != nil {
				t.Fatal(err)
			}
			ss = append(ss, s)
		}
		return ss
	}
	round := hold(8)
	h := l.hosts["h:80"]
	for _, s := range round {
		s.report(sigBackOff, 0, http.StatusTooManyRequests)
	}
	if h.limit != 4 || h.ceiling != 7 {
		t.Errorf("after one refused round of 8: limit %d, ceiling %d; want 4, 7", h.limit, h.ceiling)
	}
	for _, s := range round {
		s.release()
	}
	// One request alone refused: the host takes no more than one, at
	// once rather than after two more halvings.
	for range 2 {
		s := hold(1)[0]
		s.report(sigBackOff, 0, http.StatusServiceUnavailable)
		s.release()
		if h.limit != 1 || h.ceiling != 1 {
			t.Errorf("after a refusal with one in flight: limit %d, ceiling %d; want 1, 1", h.limit, h.ceiling)
		}
	}
	if top := h.top(time.Now()); top != 1 {
		t.Errorf("top = %d right after a refusal, want 1", top)
	}
	if top := h.top(time.Now().Add(ceilingHold)); top != 16 {
		t.Errorf("top = %d once the refusal is old, want the cap", top)
	}
}

// TestFetchAllHoldsOffWhileResultsWait: when onDone is the slow side, a
// parsed feed waiting for it takes the room of a new request (aheadGate),
// so about half the global bound waits parsed instead of all of it.
// Without the gate the server was up to 64 requests ahead of onDone.
func TestFetchAllHoldsOffWhileResultsWait(t *testing.T) {
	t.Parallel()
	srv, seen := server(t, func(w http.ResponseWriter, r *http.Request) { serveRSS(w) })
	most := aheadOfSlowConsumer(t, srv.URL, seen)
	if limit := int32(64/2 + 8); most > limit {
		t.Errorf("the server was up to %d requests ahead of onDone, want at most %d", most, limit)
	}
	t.Logf("at most %d requests ahead of onDone", most)
}

// TestFetchAllKeepsEmptyResultsInFlight: results with nothing to parse
// (a 304, an unchanged body, an empty feed) count once, as requests in
// flight, so a slow onDone still has the whole global bound of them
// coming: a re-fetch of feeds that did not change is not held to half the
// bound. A gate that counted every waiting result alike kept the server
// at most 24 ahead.
func TestFetchAllKeepsEmptyResultsInFlight(t *testing.T) {
	t.Parallel()
	srv, seen := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>`)
	})
	most := aheadOfSlowConsumer(t, srv.URL, seen)
	if floor := int32(64 - 8); most < floor {
		t.Errorf("the server was at most %d requests ahead of onDone, want at least %d", most, floor)
	}
	t.Logf("at most %d requests ahead of onDone", most)
}

// aheadOfSlowConsumer fetches 200 feeds from base with a global bound of
// 64 and an onDone that takes 2 ms a result, and returns how many
// requests the server had seen beyond the results taken, at most, past
// the first burst.
func aheadOfSlowConsumer(t *testing.T, base string, seen *atomic.Int32) int32 {
	t.Helper()
	f := testFetcher(t, Options{Concurrency: 64, PerHost: 16, HostCap: 16})
	var taken, most int32
	f.FetchAll(t.Context(), feedsOn(base, 200), func(i int, r Result) {
		if r.Err != nil {
			t.Errorf("feed %d: %v", i, r.Err)
		}
		time.Sleep(2 * time.Millisecond) // a slow consumer
		taken++
		if ahead := seen.Load() - taken; taken > 80 && ahead > most {
			most = ahead // past the first burst of the global bound
		}
	})
	if taken != 200 {
		t.Fatalf("onDone took %d results, want 200", taken)
	}
	return most
}
