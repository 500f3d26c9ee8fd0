package feed

import (
	"strings"
	"sync"
	"time"
)

// HostLimit is what the fetcher allows itself with the hosts of one domain.
// A zero field sets nothing.
type HostLimit struct {
	// Rate is the most requests per second started to the domain, all its
	// hosts and ports together. The fetcher spaces requests evenly and
	// keeps a tenth under Rate: a server counts arrivals, and the network
	// can bring two requests sent 1/Rate apart closer together.
	Rate float64
	// Cap is the most requests in flight at once to any one host of the
	// domain, in place of Options.HostCap (higher or lower); a host starts
	// at no more than Cap either.
	Cap int
}

// knownHostLimits are the limits hosts publish for automated clients.
// Options.HostLimits can make them stricter, never looser.
func knownHostLimits() map[string]HostLimit {
	return map[string]HostLimit{
		// EDGAR's fair access policy: at most 10 requests per second,
		// counted per client over all of sec.gov (www.sec.gov included).
		"sec.gov": {Rate: 10},
	}
}

// rateMargin is the share of a published rate the fetcher uses.
const rateMargin = 0.9

// hostRules resolves the limits that apply to a host.
type hostRules struct {
	limits  map[string]HostLimit // by domain, lower case, no trailing dot
	buckets map[string]*bucket   // one per domain with a Rate; never changes

	mu *sync.Mutex // guards every bucket's last start
}

// newHostRules merges the known limits with the configured ones; where both
// name a domain, the stricter of each field wins.
func newHostRules(configured map[string]HostLimit) hostRules {
	r := hostRules{limits: knownHostLimits(), buckets: make(map[string]*bucket), mu: new(sync.Mutex)}
	for domain, l := range configured {
		domain = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(domain)), ".")
		if domain == "" {
			continue
		}
		r.limits[domain] = stricter(r.limits[domain], l)
	}
	for domain, l := range r.limits {
		if l.Rate > 0 {
			r.buckets[domain] = newBucket(l.Rate * rateMargin)
		}
	}
	return r
}

func stricter(a, b HostLimit) HostLimit {
	if a.Rate <= 0 || (b.Rate > 0 && b.Rate < a.Rate) {
		a.Rate = b.Rate
	}
	if a.Cap <= 0 || (b.Cap > 0 && b.Cap < a.Cap) {
		a.Cap = b.Cap
	}
	a.Rate, a.Cap = max(a.Rate, 0), max(a.Cap, 0)
	return a
}

// forHost returns the smallest cap (0 for none) and the rate buckets of
// every domain that covers host: the host itself and each domain above it.
func (r hostRules) forHost(host string) (hostCap int, buckets []*bucket) {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	for name := host; name != ""; {
		if l, ok := r.limits[name]; ok {
			if l.Cap > 0 && (hostCap == 0 || l.Cap < hostCap) {
				hostCap = l.Cap
			}
			if b := r.buckets[name]; b != nil {
				buckets = append(buckets, b)
			}
		}
		_, parent, found := strings.Cut(name, ".")
		if !found {
			break
		}
		name = parent
	}
	return hostCap, buckets
}

// maxCap is the largest per-host cap any host can have.
func (r hostRules) maxCap(hostCap int) int {
	for _, l := range r.limits {
		hostCap = max(hostCap, l.Cap)
	}
	return hostCap
}

// bucket spaces the starts of requests at least every apart (a token
// bucket holding one token): a burst would be exactly what a rate limit
// counts. Spacing actual starts, rather than handing out turns in advance,
// keeps requests that were held up on the way (by the global bound, say)
// from going out together.
type bucket struct {
	every time.Duration
	last  time.Time // guarded by hostRules.mu
}

func newBucket(rate float64) *bucket {
	return &bucket{every: time.Duration(float64(time.Second) / rate)}
}

// claim starts a request under every bucket of bs now, or returns how long
// to wait before asking again.
func (r *hostRules) claim(bs []*bucket, now time.Time) time.Duration {
	if len(bs) == 0 {
		return 0
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	var wait time.Duration
	for _, b := range bs {
		if !b.last.IsZero() {
			wait = max(wait, b.last.Add(b.every).Sub(now))
		}
	}
	if wait > 0 {
		return wait
	}
	for _, b := range bs {
		b.last = now
	}
	return 0
}
