package feed

import (
	"container/list"
	"context"
	"net"
	"sync"
	"time"
)

// limiter bounds fetches in flight globally and per host, and adapts each
// host's bound to how the host answers.
//
// A request takes its host's slot first, waits out the host's pause, takes
// a global slot, and starts when the host's rate allows (giving the global
// slot back while it waits). Nothing holding a global slot ever waits for a
// host, so there is no cycle to deadlock on, and one busy or slow host
// holds at most its own bound of global slots. Waiters are
// served in arrival order (a retry goes to the front, it has waited
// longest), so no fetch starves.
//
// A host starts at Options.PerHost requests in flight. Until its first
// refusal each clean, quick answer at half that bound or more earns one
// more, up to the host's cap; after it, each round of answers at the
// bound (as many in a row as the bound) earns one. A refusal (429, 503), a reset or dropped
// connection or a timeout halves the bound, once per round, and the
// fetcher remembers how many it had in flight when it was refused: it
// stays below that for ceilingHold before it tries again. A Retry-After on
// a refusal pauses the host: no request to it starts before then.
type limiter struct {
	global   chan struct{}
	start    int // Options.PerHost
	hostCap  int // Options.HostCap
	rules    hostRules
	maxWait  time.Duration // the longest host pause a request sits out
	maxAfter time.Duration // Options.MaxRetryAfter
	timeout  time.Duration // Options.Timeout
	now      func() time.Time

	mu        sync.Mutex
	hosts     map[string]*hostState
	lastSweep time.Time
}

const (
	// fastAnswer is how soon a host's response headers must arrive for
	// the answer to count towards more requests in flight.
	fastAnswer = 2 * time.Second
	// ceilingHold is how long a host stays below the number of requests
	// in flight it last refused.
	ceilingHold = 5 * time.Minute
	// forgetAfter is how long what was learnt about an idle host is kept.
	forgetAfter = 10 * time.Minute
)

// hostState is what the limiter knows of one host:port. It is guarded by
// limiter.mu.
type hostState struct {
	key        string
	start, cap int
	buckets    []*bucket

	limit    int // requests in flight allowed now
	inFlight int // slots held
	queue    list.List
	streak   int // clean answers in a row at the limit
	epoch    int // how many times the limit was cut
	ceiling  int // learnt from the last refusal; 0 for none
	ceilAt   time.Time

	pausedUntil time.Time
	pauseCode   int // the status that asked for the pause

	users     int // fetches holding a slot, waiting for one, or between attempts
	idleSince time.Time
}

type waiter struct {
	ready   chan struct{}
	granted bool
}

func newLimiter(o Options) *limiter {
	return &limiter{
		global:   make(chan struct{}, o.Concurrency),
		start:    o.PerHost,
		hostCap:  o.HostCap,
		rules:    newHostRules(o.HostLimits),
		maxWait:  min(o.MaxRetryAfter, o.Timeout),
		maxAfter: o.MaxRetryAfter,
		timeout:  o.Timeout,
		now:      o.Now,
		hosts:    make(map[string]*hostState),
	}
}

// host returns the state of key (host:port), counting the caller as a user.
func (l *limiter) host(key string) *hostState {
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.lastSweep) > time.Minute {
		l.lastSweep = now
		for k, h := range l.hosts {
			if h.users == 0 && now.Sub(h.idleSince) > forgetAfter && !h.pausedUntil.After(now) {
				delete(l.hosts, k)
			}
		}
	}
	h := l.hosts[key]
	if h == nil {
		hostCap, buckets := l.rules.forHost(hostName(key))
		if hostCap == 0 {
			hostCap = l.hostCap
		}
		start := min(l.start, hostCap)
		h = &hostState{key: key, start: start, cap: hostCap, buckets: buckets, limit: start}
		l.hosts[key] = h
	}
	h.users++
	return h
}

// hostName is the host part of a limiter key.
func hostName(key string) string {
	if host, _, err := net.SplitHostPort(key); err == nil {
		return host
	}
	return key
}

// slot is one fetch's hold on the limiter.
type slot struct {
	l           *limiter
	h           *hostState
	holdsHost   bool
	holdsGlobal bool
	// What the host looked like as the current attempt began.
	level int // requests in flight to the host, this one included
	epoch int
}

// acquire waits until a request to host (host:port) may start, or for ctx
// to end. Its error is ctx's, or a *RetryLaterError when the host asked
// for a pause longer than a fetch sits out.
func (l *limiter) acquire(ctx context.Context, host string) (*slot, error) {
	s := &slot{l: l, h: l.host(host)}
	if err := s.take(ctx, false); err != nil {
		s.release()
		return nil, err
	}
	return s, nil
}

// take takes a host slot, waits out the host's pause, takes a global slot
// and starts the request as soon as the host's rate allows. It never waits
// for the rate holding a global slot.
func (s *slot) take(ctx context.Context, retry bool) error {
	if err := s.takeHost(ctx, retry); err != nil {
		return err
	}
	for {
		if err := s.gate(ctx); err != nil {
			return err
		}
		// A done context wins even when a slot happens to be free.
		if err := ctx.Err(); err != nil {
			return err
		}
		select {
		case s.l.global <- struct{}{}:
			s.holdsGlobal = true
		case <-ctx.Done():
			return ctx.Err()
		}
		wait := s.l.rules.claim(s.h.buckets, time.Now())
		if wait == 0 {
			break
		}
		<-s.l.global
		s.holdsGlobal = false
		if err := sleep(ctx, wait); err != nil {
			return err
		}
	}
	s.l.mu.Lock()
	s.level, s.epoch = s.h.inFlight, s.h.epoch
	s.l.mu.Unlock()
	return nil
}

func (s *slot) takeHost(ctx context.Context, front bool) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	l, h := s.l, s.h
	l.mu.Lock()
	if h.inFlight < h.limit && (front || h.queue.Len() == 0) {
		h.inFlight++
		l.mu.Unlock()
		s.holdsHost = true
		return nil
	}
	w := &waiter{ready: make(chan struct{})}
	var e *list.Element
	if front {
		e = h.queue.PushFront(w)
	} else {
		e = h.queue.PushBack(w)
	}
	l.mu.Unlock()
	select {
	case <-w.ready:
		s.holdsHost = true
		return nil
	case <-ctx.Done():
		l.mu.Lock()
		defer l.mu.Unlock()
		if w.granted {
			// Granted as ctx ended: release hands it on.
			s.holdsHost = true
		} else {
			h.queue.Remove(e)
		}
		return ctx.Err()
	}
}

// dispatch hands free host slots to waiters in order. l.mu must be held.
func (h *hostState) dispatch() {
	for h.inFlight < h.limit && h.queue.Len() > 0 {
		w := h.queue.Remove(h.queue.Front()).(*waiter)
		w.granted = true
		h.inFlight++
		close(w.ready)
	}
}

// gate waits until the host's pause is over.
func (s *slot) gate(ctx context.Context) error {
	for {
		s.l.mu.Lock()
		until, code := s.h.pausedUntil, s.h.pauseCode
		s.l.mu.Unlock()
		wait := time.Until(until)
		if wait <= 0 {
			return nil
		}
		if wait > s.l.maxWait {
			e := &RetryLaterError{Code: code, Wait: wait, At: s.l.now().Add(wait)}
			if wait <= s.l.maxAfter {
				e.Timeout = s.l.timeout
			}
			return e
		}
		if err := sleep(ctx, wait); err != nil {
			return err
		}
	}
}

// signal is what one answer says about its host's load.
type signal int

const (
	sigNone    signal = iota // nothing: a 404, a canceled fetch
	sigClean                 // a quick success: the host can take more
	sigSlow                  // a slow success or another failure: no more for now
	sigBackOff               // a refusal, a reset, a timeout: fewer
)

// report adapts the host's bound to the answer to the current attempt, and
// pauses the host for pause when it asked for one with status code.
func (s *slot) report(sig signal, pause time.Duration, code int) {
	now := time.Now()
	s.l.mu.Lock()
	defer s.l.mu.Unlock()
	h := s.h
	switch sig {
	case sigClean:
		// Only an answer at the bound shows that the host copes with it.
		// Until the host first refuses, one at half the bound or more
		// earns one more, so the bound about doubles every round (a slow
		// start, as TCP's): a feed list on one host reaches the cap within
		// its first few dozen feeds, not its last. After a cut, a round of
		// answers at the bound earns one.
		slowStart := h.epoch == 0
		if s.level < h.limit && !(slowStart && 2*s.level >= h.limit) {
			break
		}
		h.streak++
		if h.streak >= h.limit || slowStart {
			h.streak = 0
			if h.limit < h.top(now) {
				h.limit++
				h.dispatch()
			}
		}
	case sigSlow:
		h.streak = 0
	case sigBackOff:
		h.streak = 0
		refused := max(s.level, h.inFlight)
		if c := max(1, refused-1); h.ceiling == 0 || c < h.ceiling {
			h.ceiling = c
		}
		h.ceilAt = now
		// The other answers to the round that was refused say the same
		// thing again: cut once per round.
		if s.epoch == h.epoch {
			h.limit = max(1, h.limit/2)
			h.epoch++
		}
		h.limit = min(h.limit, h.ceiling)
	}
	if pause > 0 {
		if until := now.Add(pause); until.After(h.pausedUntil) {
			h.pausedUntil, h.pauseCode = until, code
		}
	}
}

// top is as far as the host's bound may grow now. l.mu must be held.
func (h *hostState) top(now time.Time) int {
	if h.ceiling > 0 && now.Sub(h.ceilAt) >= ceilingHold {
		h.ceiling = 0
	}
	if h.ceiling > 0 {
		return min(h.cap, h.ceiling)
	}
	return h.cap
}

// pause gives back the slots while the fetch sits out a backoff, so that
// other hosts and, within the host's bound, other feeds of the same host
// go on; resume takes them again.
func (s *slot) pause() {
	if s.holdsGlobal {
		<-s.l.global
		s.holdsGlobal = false
	}
	if s.holdsHost {
		s.l.mu.Lock()
		s.h.inFlight--
		s.h.dispatch()
		s.l.mu.Unlock()
		s.holdsHost = false
	}
}

// resume takes the slots again after pause, ahead of fetches that have not
// started yet.
func (s *slot) resume(ctx context.Context) error {
	return s.take(ctx, true)
}

// release gives back whatever the slot holds. It is safe to call once only.
func (s *slot) release() {
	s.pause()
	now := time.Now()
	s.l.mu.Lock()
	defer s.l.mu.Unlock()
	h := s.h
	h.users--
	if h.users > 0 {
		return
	}
	if h.limit == h.start && h.ceiling == 0 && !h.pausedUntil.After(now) {
		// Nothing learnt worth keeping.
		if s.l.hosts[h.key] == h {
			delete(s.l.hosts, h.key)
		}
		return
	}
	h.idleSince = now
}
