package feed

import "testing"

// TestSizeBounds: the bounds fit the descriptors left, and stay as
// configured when there are plenty.
func TestSizeBounds(t *testing.T) {
	t.Parallel()
	o := Options{Concurrency: 64, PerHost: 4}
	if b := sizeBounds(o, -1); b != (fdBounds{64, 128, 16}) {
		t.Errorf("unknown limit: %+v, want the configured bounds", b)
	}
	if b := sizeBounds(o, 19000); b != (fdBounds{64, 128, 16}) {
		t.Errorf("a high limit: %+v, want the configured bounds", b)
	}
	for _, avail := range []int{0, 1, 5, 29, 100, 271} {
		b := sizeBounds(o, avail)
		if b.concurrency < 1 || b.idle < 1 || b.guardedIdle < 1 || b.concurrency > 64 {
			t.Errorf("avail %d: %+v", avail, b)
		}
		if used := fdsPerFetch*b.concurrency + b.idle + b.guardedIdle; avail >= 5 && used > avail {
			t.Errorf("avail %d: %+v uses %d descriptors", avail, b, used)
		}
	}
}

// TestIdleConnsFollowHostCap: a host that earned more requests in flight
// keeps as many connections alive between fetches, within the idle bound.
func TestIdleConnsFollowHostCap(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		o    Options
		want int
	}{
		{Options{}, defaultHostCap},
		{Options{PerHost: 32}, 32},
		{Options{HostCap: 6}, 6},
		{Options{HostLimits: map[string]HostLimit{"example.com": {Cap: 40}}}, 40},
	} {
		f := NewFetcher(tc.o)
		g := f.client.Transport.(*guardedTransport)
		want := min(tc.want, g.open.MaxIdleConns)
		if got := g.open.MaxIdleConnsPerHost; got != want {
			t.Errorf("%+v: %d idle connections per host, want %d", tc.o, got, want)
		}
		if got := g.guarded.MaxIdleConnsPerHost; got > g.guarded.MaxIdleConns {
			t.Errorf("%+v: guarded transport keeps %d per host, over its bound of %d", tc.o, got, g.guarded.MaxIdleConns)
		}
	}
}
