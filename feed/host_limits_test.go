package feed

import (
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"
)

// TestKnownHostLimits: the sec.gov rule covers www.sec.gov with one shared
// budget, configured limits can tighten it but not loosen it, and other
// hosts have none.
func TestKnownHostLimits(t *testing.T) {
	t.Parallel()
	every := func(rate float64) time.Duration { return newBucket(rate * rateMargin).every }
	secEvery := every(10)
	if secEvery < 110*time.Millisecond || secEvery > 112*time.Millisecond {
		t.Errorf("10/s spaced %v apart, want about 111ms (a tenth under 10/s)", secEvery)
	}
	r := newHostRules(nil)
	_, apex := r.forHost("sec.gov")
	_, www := r.forHost("WWW.SEC.GOV.")
	if len(apex) != 1 || len(www) != 1 || apex[0] != www[0] || apex[0].every != secEvery {
		t.Errorf("sec.gov %v, www.sec.gov %v: want one shared bucket of 10/s", apex, www)
	}
	if c, b := r.forHost("example.com"); c != 0 || len(b) != 0 {
		t.Errorf("example.com: cap %d, %d buckets; want none", c, len(b))
	}

	r = newHostRules(map[string]HostLimit{"sec.gov": {Rate: 50}, "feeds.example.com": {Cap: 2}})
	if _, b := r.forHost("www.sec.gov"); len(b) != 1 || b[0].every != secEvery {
		t.Errorf("a configured 50/s loosened sec.gov: %v", b)
	}
	if c, _ := r.forHost("a.feeds.example.com"); c != 2 {
		t.Errorf("a.feeds.example.com cap %d, want 2", c)
	}
	if c, _ := r.forHost("example.com"); c != 0 {
		t.Errorf("example.com cap %d, want none", c)
	}

	r = newHostRules(map[string]HostLimit{"sec.gov": {Rate: 2, Cap: 3}})
	if c, b := r.forHost("www.sec.gov"); c != 3 || len(b) != 1 || b[0].every != every(2) {
		t.Errorf("a stricter configured limit: cap %d, buckets %v", c, b)
	}
}

// TestSECRate: requests to a host under the sec.gov rule arrive at most 10
// in any one second.
func TestSECRate(t *testing.T) {
	t.Parallel()
	var (
		mu       sync.Mutex
		arrivals []time.Time
	)
	srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		arrivals = append(arrivals, time.Now())
		mu.Unlock()
		serveRSS(w)
	})
	rule, ok := knownHostLimits()["sec.gov"]
	if !ok || rule.Rate != 10 {
		t.Fatalf("sec.gov rule = %+v, %v; want 10 requests a second", rule, ok)
	}
	f := testFetcher(t, Options{HostLimits: map[string]HostLimit{"127.0.0.1": rule}})
	for i, r := range f.FetchAll(t.Context(), feedsOn(srv.URL, 30), nil) {
		if r.Err != nil {
			t.Errorf("feed %d: %v", i, r.Err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(arrivals) != 30 {
		t.Fatalf("server saw %d requests, want 30", len(arrivals))
	}
	slices.SortFunc(arrivals, func(a, b time.Time) int { return a.Compare(b) })
	// Eleven arrivals within one second is one too many.
	for i := 0; i+10 < len(arrivals); i++ {
		if d := arrivals[i+10].Sub(arrivals[i]); d < time.Second {
			t.Errorf("requests %d to %d arrived within %v: 11 in one second", i+1, i+11, d)
		}
	}
	t.Logf("30 requests in %v", arrivals[29].Sub(arrivals[0]))
}
