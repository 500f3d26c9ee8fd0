package feed

import (
	"compress/flate"
	"compress/gzip"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/net/http/httpguts"
)

const acceptHeader = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5"

// response is what one HTTP fetch produced, before parsing.
type response struct {
	status      int
	body        []byte
	contentType string
	validators  Validators
	notModified bool
	queued      time.Duration // time spent waiting for a slot
	latency     time.Duration // from sending the request to its response headers
}

// retryHint says whether a failed attempt may be tried again, and after
// how long (zero: the usual backoff).
type retryHint struct {
	retry bool
	after time.Duration
	given bool // after came from the server's Retry-After
}

// get fetches u within the limiter, retrying what is worth retrying. The
// returned response carries the final status even when err is set.
func (f *Fetcher) get(ctx context.Context, u *url.URL, v Validators) (response, error) {
	start := time.Now()
	s, err := f.limits.acquire(ctx, hostKey(u))
	if err != nil {
		return response{}, queueError(err)
	}
	defer s.release()
	queued := time.Since(start)

	// The feed's timeout covers all of its attempts and the waits between
	// them, but not time spent queued for a slot: a feed does not time out
	// because others went first.
	left := f.opts.Timeout
	attempts := 1 + f.opts.Retries
	for n := 1; ; n++ {
		began := time.Now()
		resp, hint, err := f.attempt(ctx, u.String(), v, left)
		left -= time.Since(began)
		resp.queued = queued
		s.report(signalOf(ctx, resp, err), hostPause(hint, err), resp.status)
		if err == nil || !hint.retry || n >= attempts {
			if err != nil && n > 1 {
				err = fmt.Errorf("%w (gave up after %d attempts)", err, n)
			}
			return resp, err
		}
		wait := hint.after
		if !hint.given {
			wait = f.backoff(n)
		}
		if wait >= left {
			// Waiting would leave no time for the next attempt.
			if hint.given {
				return resp, &RetryLaterError{Code: resp.status, Wait: wait, At: f.opts.Now().Add(wait), Timeout: f.opts.Timeout}
			}
			return resp, fmt.Errorf("%w (gave up after %d attempts: the feed's %s timeout ran out)", err, n, f.opts.Timeout)
		}
		pausedAt := time.Now()
		s.pause()
		werr := sleep(ctx, wait)
		if werr == nil {
			werr = s.resume(ctx)
		}
		left -= wait
		// Time spent waiting for a slot again is queueing, not fetching.
		queued += time.Since(pausedAt) - wait
		if werr != nil {
			var rl *RetryLaterError
			if errors.As(werr, &rl) {
				return resp, rl // another feed's answer paused the host
			}
			return resp, fmt.Errorf("%w (retry canceled: %w)", err, werr)
		}
	}
}

// queueError words an error from waiting for a slot.
func queueError(err error) error {
	var rl *RetryLaterError
	if errors.As(err, &rl) {
		return rl
	}
	return fmt.Errorf("fetch canceled while queued: %w", err)
}

// hostPause is how long the host asked every client to stay away: the
// Retry-After of a 429 or 503, or zero.
func hostPause(hint retryHint, err error) time.Duration {
	var rl *RetryLaterError
	if errors.As(err, &rl) {
		return rl.Wait
	}
	if hint.given {
		return hint.after
	}
	return 0
}

// signalOf reads what an attempt says about its host's load.
func signalOf(ctx context.Context, resp response, err error) signal {
	var ne net.Error
	switch {
	case ctx.Err() != nil:
		return sigNone
	case resp.status == http.StatusTooManyRequests || resp.status == http.StatusServiceUnavailable:
		return sigBackOff
	case err == nil:
		if resp.latency > fastAnswer {
			return sigSlow
		}
		return sigClean
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout(),
		errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.EOF):
		// A server under too much load stops answering, or drops
		// connections without a response.
		return sigBackOff
	case resp.status >= 400 && resp.status <= 499:
		return sigNone // the feed's problem, not the host's load
	}
	return sigSlow
}

// backoff is the wait before retry n (1-based): Base, 3×Base, 9×Base, with
// up to a quarter more at random so that feeds failing together do not
// retry in lockstep.
func (f *Fetcher) backoff(n int) time.Duration {
	d := f.opts.BaseBackoff
	for i := 1; i < n && d < time.Hour; i++ {
		d *= 3
	}
	return d + rand.N(d/4+1)
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// attempt makes one request within timeout, what is left of the feed's.
// The timeout covers reading the body as well, which is why the body is
// read here and not by the caller.
func (f *Fetcher) attempt(ctx context.Context, rawURL string, v Validators, timeout time.Duration) (response, retryHint, error) {
	actx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	actx = traceHops(actx, f.opts.LocalAddr)

	req, err := http.NewRequestWithContext(actx, http.MethodGet, rawURL, nil)
	if err != nil {
		return response{}, retryHint{}, fmt.Errorf("bad feed address: %w", err)
	}
	f.opts.identify(req)
	req.Header.Set("Accept", acceptHeader)
	req.Header.Set("Accept-Encoding", "gzip")
	if validValidator(v.ETag) {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if validValidator(v.LastModified) {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}

	sent := time.Now()
	hr, err := f.client.Do(req)
	if err != nil {
		return response{}, retryHint{retry: retryable(err)}, f.transportError(ctx, actx, err)
	}
	defer hr.Body.Close()

	resp := response{status: hr.StatusCode, latency: time.Since(sent)}
	switch code := hr.StatusCode; {
	case code == http.StatusNotModified:
		resp.notModified = true
		resp.validators = mergeValidators(v, hr.Header)
		return resp, retryHint{}, nil

	case code >= 200 && code <= 299:
		body, err := f.readBody(hr)
		if err != nil {
			rerr := f.transportError(ctx, actx, err)
			return resp, retryHint{retry: !errors.Is(err, ErrTooLarge) && retryable(err)}, rerr
		}
		resp.body = body
		resp.contentType = hr.Header.Get("Content-Type")
		resp.validators = mergeValidators(Validators{}, hr.Header)
		return resp, retryHint{}, nil

	case code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable:
		drain(hr.Body)
		hint := retryHint{retry: true}
		if d, ok := parseRetryAfter(hr.Header.Get("Retry-After"), f.opts.Now()); ok {
			if d > f.opts.MaxRetryAfter {
				return resp, retryHint{}, &RetryLaterError{Code: code, Wait: d, At: f.opts.Now().Add(d)}
			}
			hint.after, hint.given = d, true
		}
		return resp, hint, statusError(hr)

	case code >= 500:
		drain(hr.Body)
		return resp, retryHint{retry: true}, statusError(hr)

	default:
		// 4xx other than 429, or a 1xx/3xx the client did not resolve:
		// asking again would get the same answer.
		drain(hr.Body)
		se := statusError(hr)
		if code == http.StatusForbidden && f.opts.Contact == "" && f.opts.contactHost(hr.Request.URL.Hostname()) {
			se.Hint = "this server refuses automated clients that declare no contact; " +
				`set sec_contact = "you@example.com" under [fetch] in the config file`
		}
		return resp, retryHint{}, se
	}
}

// drain reads a little of an unwanted body so that its connection can be
// reused, without waiting long on a large one.
func drain(body io.Reader) {
	_, _ = io.CopyN(io.Discard, body, 16<<10)
}

// readBody reads the body, decompressing gzip, and fails once the
// decompressed size passes MaxBody rather than after.
func (f *Fetcher) readBody(hr *http.Response) ([]byte, error) {
	limit := f.opts.MaxBody
	switch enc := strings.ToLower(strings.TrimSpace(hr.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
		if hr.ContentLength > limit {
			return nil, &tooLargeError{limit}
		}
		return readCapped(hr.Body, limit, hr.ContentLength)
	case "gzip", "x-gzip":
		zr, err := gunzip(hr.Body)
		if err != nil {
			return nil, fmt.Errorf("decompress feed: %w", err)
		}
		defer gzipPool.Put(zr)
		body, err := readCapped(zr, limit, -1)
		if err != nil && isCorrupt(err) {
			return nil, fmt.Errorf("decompress feed: %w", err)
		}
		return body, err
	default:
		return nil, fmt.Errorf("server sent the feed in an encoding brief cannot read (%q)", serverText(enc))
	}
}

// gzipPool keeps decompressors (about 40 KB of tables and window each)
// for the next gzipped body.
var gzipPool sync.Pool

// gunzip is gzip.NewReader from the pool. The reader goes back to
// gzipPool when its body has been read.
func gunzip(r io.Reader) (*gzip.Reader, error) {
	if zr, ok := gzipPool.Get().(*gzip.Reader); ok {
		if err := zr.Reset(r); err != nil {
			gzipPool.Put(zr)
			return nil, err
		}
		return zr, nil
	}
	return gzip.NewReader(r)
}

func isCorrupt(err error) bool {
	var ce flate.CorruptInputError
	return errors.As(err, &ce) || errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader)
}

// readCapped reads r to the end, or fails as soon as it has seen more than
// limit bytes. It never holds more than limit+1 bytes of r. sizeHint is the
// expected size, negative when unknown.
//
// A body of known size is read into one buffer of that size. Any other is
// read into pooled chunks that are joined once at the end: appending to one
// growing slice would allocate several times the final size on the way up,
// and chunks of their own, twice.
func readCapped(r io.Reader, limit, sizeHint int64) ([]byte, error) {
	if sizeHint >= 0 && sizeHint <= limit {
		buf := make([]byte, sizeHint+1) // one byte more, to see EOF
		n, err := fill(r, buf)
		if err == io.EOF {
			return buf[:n], nil
		}
		if err != nil {
			return nil, err
		}
		// The server sent more than it said: read on in chunks.
		rest, err := readChunks(r, limit-int64(n))
		if err != nil {
			return nil, err
		}
		return append(buf[:n], rest...), nil
	}
	return readChunks(r, limit)
}

// chunkSize is the size of readChunks' pooled buffers.
const chunkSize = 64 << 10

var chunkPool = sync.Pool{New: func() any { return new([chunkSize]byte) }}

// readChunks reads r to the end into pooled chunks and returns a copy of
// exactly what it read, or fails once r passes limit bytes.
func readChunks(r io.Reader, limit int64) ([]byte, error) {
	var chunks []*[chunkSize]byte
	defer func() {
		for _, c := range chunks {
			chunkPool.Put(c)
		}
	}()
	var total int64
	last := 0 // bytes in the last chunk
	for {
		c := chunkPool.Get().(*[chunkSize]byte)
		chunks = append(chunks, c)
		n, err := fill(r, c[:min(chunkSize, limit+1-total)])
		total += int64(n)
		last = n
		if total > limit {
			return nil, &tooLargeError{limit}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	out := make([]byte, 0, total)
	for i, c := range chunks {
		if i == len(chunks)-1 {
			out = append(out, c[:last]...)
		} else {
			out = append(out, c[:]...)
		}
	}
	return out, nil
}

// fill reads until buf is full or r ends. Unlike io.ReadFull it passes on
// io.EOF as is, so a clean end stays apart from a truncated gzip stream's
// io.ErrUnexpectedEOF.
func fill(r io.Reader, buf []byte) (int, error) {
	n := 0
	for n < len(buf) {
		m, err := r.Read(buf[n:])
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// transportError turns a client error into a short message for the user
// (the caller already knows which feed it was).
func (f *Fetcher) transportError(ctx, actx context.Context, err error) error {
	switch {
	case ctx.Err() != nil:
		return fmt.Errorf("fetch canceled: %w", ctx.Err())
	case actx.Err() != nil:
		return &timeoutError{f.opts.Timeout}
	}
	var ue *url.Error
	host := ""
	if errors.As(err, &ue) {
		err = ue.Err // it would repeat the address the caller already has
		if u, perr := url.Parse(ue.URL); perr == nil {
			host = u.Hostname()
		}
	}
	var re *redirectError
	if errors.As(err, &re) {
		return re
	}
	if nerr := networkError(err, host); nerr != nil {
		return nerr
	}
	return droppedConnection(err)
}

// networkError says in words why a server could not be reached, when Go's
// message would be a resolver address or a syscall name; nil otherwise.
// The original stays wrapped for errors.Is and retryable.
func networkError(err error, host string) error {
	var dns *net.DNSError
	if errors.As(err, &dns) {
		name := serverText(dns.Name)
		if name == "" {
			name = host
		}
		switch {
		case dns.IsNotFound:
			return &droppedError{fmt.Sprintf("no server is called %s (offline, or a wrong address)", name), err}
		case dns.IsTimeout:
			return &droppedError{fmt.Sprintf("looking up %s timed out (offline?)", name), err}
		}
		return &droppedError{fmt.Sprintf("could not look up %s (offline?)", name), err}
	}
	if host == "" {
		host = "the server"
	}
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return &droppedError{host + " refused the connection (nothing is listening there)", err}
	case errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH):
		return &droppedError{"no route to " + host + " (offline?)", err}
	}
	return nil
}

// droppedError is a connection the server cut. Go's own words for it ("EOF",
// "unexpected EOF", "read tcp 127.0.0.1:41234->...: connection reset by peer")
// tell a user nothing; the original stays wrapped for errors.Is.
type droppedError struct {
	msg string
	err error
}

func (e *droppedError) Error() string { return e.msg }
func (e *droppedError) Unwrap() error { return e.err }

func droppedConnection(err error) error {
	switch {
	case strings.Contains(err.Error(), "malformed MIME header") || strings.Contains(err.Error(), "malformed HTTP"):
		// Go quotes the offending line, which may be anything at all.
		return &droppedError{"the server sent a malformed HTTP response", err}
	case errors.Is(err, io.ErrUnexpectedEOF):
		// A body shorter than its Content-Length, a chunked body or a
		// gzip stream that stops in the middle.
		return &droppedError{"the response was cut off before the end of the feed", err}
	case errors.Is(err, io.EOF):
		return &droppedError{"the server closed the connection without sending a response", err}
	case errors.Is(err, syscall.ECONNRESET):
		return &droppedError{"the server reset the connection", err}
	}
	return err
}

// retryable reports whether a failed request is worth trying again: yes for
// refused, reset or dropped connections; no for what would only fail the
// same way (timeouts, which would also multiply the wait, unknown hosts,
// certificate problems, refused redirects).
func retryable(err error) bool {
	var (
		ne  net.Error
		dns *net.DNSError
		re  *redirectError
		cve *tls.CertificateVerificationError
		rhe tls.RecordHeaderError
		uae x509.UnknownAuthorityError
		he  x509.HostnameError
		cie x509.CertificateInvalidError
	)
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return false
	case errors.As(err, &ne) && ne.Timeout():
		return false
	case errors.As(err, &dns) && dns.IsNotFound:
		return false
	case errors.As(err, &re), errors.As(err, &cve), errors.As(err, &rhe),
		errors.As(err, &uae), errors.As(err, &he), errors.As(err, &cie):
		return false
	case isCorrupt(err):
		return false
	}
	return true
}

// parseRetryAfter reads a Retry-After value, seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		// Anything past a year is "not soon"; clamping avoids overflow.
		return time.Duration(min(secs, 366*24*3600)) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// mergeValidators takes the validators a response carries, keeping old
// ones the response does not replace (a 304 need not repeat them).
func mergeValidators(old Validators, h http.Header) Validators {
	if et := h.Get("ETag"); validValidator(et) {
		old.ETag = et
	}
	if lm := h.Get("Last-Modified"); validValidator(lm) {
		old.LastModified = lm
	}
	return old
}

// validValidator keeps validators that can be sent back as a header as-is;
// a malformed one stored by mistake must not break every later fetch.
func validValidator(s string) bool {
	return s != "" && len(s) <= 1024 && httpguts.ValidHeaderFieldValue(s)
}

// hostKey is the per-host limiter key: host and port, the port spelled out
// so that example.com and example.com:443 share a slot.
func hostKey(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = "80"
		if u.Scheme == "https" {
			port = "443"
		}
	}
	return net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}
