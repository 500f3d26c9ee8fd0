package feed

import (
	"context"
	"sync"
)

// limiter bounds fetches in flight globally and per host.
//
// A fetch takes its host's slot first and a global slot second, and nothing
// holding a global slot ever waits for a host slot, so there is no cycle to
// deadlock on. Taking the host slot first also means one busy host can hold
// at most perHost global slots, leaving the rest for other hosts. Waiters on
// a channel are served in arrival order, so no fetch starves.
type limiter struct {
	global  chan struct{}
	perHost int

	mu    sync.Mutex
	hosts map[string]*hostSlots
}

type hostSlots struct {
	ch    chan struct{}
	users int // fetches holding or waiting for ch; the entry goes at zero
}

func newLimiter(global, perHost int) *limiter {
	return &limiter{
		global:  make(chan struct{}, global),
		perHost: perHost,
		hosts:   make(map[string]*hostSlots),
	}
}

// slot is one fetch's hold on the limiter.
type slot struct {
	l           *limiter
	key         string
	host        *hostSlots
	holdsHost   bool
	holdsGlobal bool
}

// acquire waits for a slot for host (host:port) or for ctx to end.
func (l *limiter) acquire(ctx context.Context, host string) (*slot, error) {
	l.mu.Lock()
	h := l.hosts[host]
	if h == nil {
		h = &hostSlots{ch: make(chan struct{}, l.perHost)}
		l.hosts[host] = h
	}
	h.users++
	l.mu.Unlock()

	s := &slot{l: l, key: host, host: h}
	if err := s.take(ctx, h.ch, &s.holdsHost); err != nil {
		s.release()
		return nil, err
	}
	if err := s.resume(ctx); err != nil {
		s.release()
		return nil, err
	}
	return s, nil
}

func (s *slot) take(ctx context.Context, ch chan struct{}, held *bool) error {
	// A done context wins even when a slot happens to be free.
	if err := ctx.Err(); err != nil {
		return err
	}
	select {
	case ch <- struct{}{}:
		*held = true
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// pause gives the global slot back while the fetch sits out a backoff, so a
// host that asks us to wait does not hold up the others. The host slot is
// kept: that host asked for fewer requests, not more.
func (s *slot) pause() {
	if s.holdsGlobal {
		<-s.l.global
		s.holdsGlobal = false
	}
}

// resume takes a global slot again after pause (or for the first time).
func (s *slot) resume(ctx context.Context) error {
	return s.take(ctx, s.l.global, &s.holdsGlobal)
}

// release gives back whatever the slot holds. It is safe to call once only.
func (s *slot) release() {
	s.pause()
	if s.holdsHost {
		<-s.host.ch
		s.holdsHost = false
	}
	s.l.mu.Lock()
	s.host.users--
	if s.host.users == 0 {
		delete(s.l.hosts, s.key)
	}
	s.l.mu.Unlock()
}
