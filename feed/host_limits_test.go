package feed

import (
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
