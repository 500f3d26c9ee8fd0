package feed

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"brief/sample"
)

const tinyRSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Tiny Markets</title><link>https://example.com/</link>
<item><title>Stocks rise</title><link>https://example.com/a</link><guid>a</guid>
<pubDate>Mon, 02 Jun 2025 14:00:00 GMT</pubDate><description>AAPL up 2%.</description></item>
</channel></rss>`

// testFetcher is a Fetcher with timeouts and backoffs short enough for tests.
func testFetcher(t *testing.T, o Options) *Fetcher {
	t.Helper()
	if o.Timeout == 0 {
		o.Timeout = 5 * time.Second
	}
	if o.ConnectTimeout == 0 {
		o.ConnectTimeout = 2 * time.Second
	}
	if o.BaseBackoff == 0 {
		o.BaseBackoff = 5 * time.Millisecond
	}
	if o.MaxRetryAfter == 0 {
		o.MaxRetryAfter = 3 * time.Second
	}
	f := NewFetcher(o)
	t.Cleanup(f.CloseIdleConnections)
	return f
}

// server starts a loopback server that counts the requests it sees.
func server(t *testing.T, h http.HandlerFunc) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		h(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func serveRSS(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	fmt.Fprint(w, tinyRSS)
}

func TestValidatorsSentBack(t *testing.T) {
	t.Parallel()
	const etag, lastMod = `"v1"`, "Mon, 02 Jun 2025 14:00:00 GMT"
	var mu sync.Mutex
	var seen []http.Header
	srv, n := server(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Header.Clone())
		mu.Unlock()
		if r.Header.Get("If-None-Match") == etag && r.Header.Get("If-Modified-Since") == lastMod {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		serveRSS(w)
	})
	f := testFetcher(t, Options{})
	ctx := t.Context()

	first, err := f.get(ctx, mustURL(t, srv.URL), Validators{})
	if err != nil {
		t.Fatal(err)
	}
	want := Validators{ETag: etag, LastModified: lastMod}
	if first.validators != want {
		t.Fatalf("validators = %+v, want %+v", first.validators, want)
	}
	second, err := f.get(ctx, mustURL(t, srv.URL), first.validators)
	if err != nil {
		t.Fatal(err)
	}
	if !second.notModified || second.validators != want {
		t.Errorf("second fetch: notModified=%v validators=%+v", second.notModified, second.validators)
	}
	if n.Load() != 2 {
		t.Errorf("server saw %d requests, want 2", n.Load())
	}
	if h := seen[0]; h.Get("If-None-Match") != "" || h.Get("If-Modified-Since") != "" {
		t.Errorf("first fetch sent validators it did not have: %v", h)
	}
}

func TestValidatorsEndToEnd(t *testing.T) {
	t.Parallel()
	srv, n := server(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"x"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"x"`)
		serveRSS(w)
	})
	f := testFetcher(t, Options{})
	first := f.Fetch(t.Context(), Request{URL: srv.URL})
	if first.Err != nil {
		t.Fatal(first.Err)
	}
	if first.Title != "Tiny Markets" || len(first.Items) != 1 || first.Status != 200 {
		t.Errorf("first fetch: title %q, %d items, status %d", first.Title, len(first.Items), first.Status)
	}
	second := f.Fetch(t.Context(), Request{URL: srv.URL, Validators: first.Validators})
	if second.Err != nil || !second.NotModified || second.Validators.ETag != `"x"` {
		t.Errorf("second fetch: %+v", second)
	}
	if n.Load() != 2 {
		t.Errorf("server saw %d requests, want 2", n.Load())
	}
}

func TestBadFeedKeepsOldValidators(t *testing.T) {
	t.Parallel()
	srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"broken"`)
		fmt.Fprint(w, "this is not a feed")
	})
	f := testFetcher(t, Options{})
	old := Validators{ETag: `"old"`}
	res := f.Fetch(t.Context(), Request{URL: srv.URL, Validators: old})
	if !errors.Is(res.Err, ErrNotFeed) {
		t.Fatalf("err = %v, want ErrNotFeed", res.Err)
	}
	// Storing "broken" would make the next fetch a 304 and the feed would
	// stay unread until it changed.
	if res.Validators != old {
		t.Errorf("validators = %+v, want the request's %+v", res.Validators, old)
	}
}

func TestNotModified(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		newETag string
		want    Validators
	}{
		{"keeps the request's", "", Validators{ETag: `"a"`, LastModified: "Mon, 02 Jun 2025 14:00:00 GMT"}},
		{"takes the server's new ETag", `"b"`, Validators{ETag: `"b"`, LastModified: "Mon, 02 Jun 2025 14:00:00 GMT"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, n := server(t, func(w http.ResponseWriter, r *http.Request) {
				if tc.newETag != "" {
					w.Header().Set("ETag", tc.newETag)
				}
				w.WriteHeader(http.StatusNotModified)
			})
			f := testFetcher(t, Options{Retries: 3})
			res := f.Fetch(t.Context(), Request{URL: srv.URL, Validators: Validators{ETag: `"a"`, LastModified: "Mon, 02 Jun 2025 14:00:00 GMT"}})
			if res.Err != nil || !res.NotModified || res.Status != 304 {
				t.Fatalf("err=%v notModified=%v status=%d", res.Err, res.NotModified, res.Status)
			}
			if res.Validators != tc.want {
				t.Errorf("validators = %+v, want %+v", res.Validators, tc.want)
			}
			if n.Load() != 1 {
				t.Errorf("server saw %d requests, want exactly 1", n.Load())
			}
		})
	}
}

func TestRetryThenSuccess(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv, n := server(t, func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			http.Error(w, "boom", http.StatusInternalServerError)
			return
		}
		serveRSS(w)
	})
	f := testFetcher(t, Options{Retries: 2})
	resp, err := f.get(t.Context(), mustURL(t, srv.URL), Validators{})
	if err != nil {
		t.Fatal(err)
	}
	if string(resp.body) != tinyRSS || resp.status != 200 {
		t.Errorf("status %d, body %q", resp.status, resp.body)
	}
	if n.Load() != 2 {
		t.Errorf("server saw %d requests, want 2", n.Load())
	}
}

func TestServerErrorGivesUp(t *testing.T) {
	t.Parallel()
	srv, n := server(t, func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	})
	f := testFetcher(t, Options{Retries: 2})
	res := f.Fetch(t.Context(), Request{URL: srv.URL})
	var se *StatusError
	if !errors.As(res.Err, &se) || se.Code != 500 {
		t.Fatalf("err = %v, want an HTTP 500 StatusError", res.Err)
	}
	if !strings.Contains(res.Err.Error(), "HTTP 500 Internal Server Error") {
		t.Errorf("err = %q", res.Err)
	}
	if res.Status != 500 {
		t.Errorf("status = %d", res.Status)
	}
	if n.Load() != 3 {
		t.Errorf("server saw %d requests, want 1+2 retries", n.Load())
	}
}

func TestClientErrorsAreNotRetried(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		code int
		msg  string
		gone bool
	}{
		{404, "HTTP 404 Not Found", false},
		{403, "HTTP 403 Forbidden", false},
		{410, "HTTP 410 Gone", true},
	} {
		t.Run(fmt.Sprint(tc.code), func(t *testing.T) {
			srv, n := server(t, func(w http.ResponseWriter, r *http.Request) {
				http.Error(w, "\x1b[31mno such feed", tc.code)
			})
			f := testFetcher(t, Options{Retries: 2})
			res := f.Fetch(t.Context(), Request{URL: srv.URL})
			if res.Err == nil || !strings.HasPrefix(res.Err.Error(), tc.msg) {
				t.Fatalf("err = %v, want %q", res.Err, tc.msg)
			}
			if strings.Contains(res.Err.Error(), "\x1b") {
				t.Errorf("error carries raw server bytes: %q", res.Err)
			}
			if res.Gone != tc.gone || res.Status != tc.code {
				t.Errorf("gone=%v status=%d", res.Gone, res.Status)
			}
			if n.Load() != 1 {
				t.Errorf("server saw %d requests, want 1", n.Load())
			}
		})
	}
}

func TestRetryAfterHonoured(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv, n := server(t, func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		serveRSS(w)
	})
	f := testFetcher(t, Options{Retries: 2})
	start := time.Now()
	resp, err := f.get(t.Context(), mustURL(t, srv.URL), Validators{})
	elapsed := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	if elapsed < time.Second {
		t.Errorf("retried after %v; the server asked for 1s", elapsed)
	}
	if resp.status != 200 || n.Load() != 2 {
		t.Errorf("status %d after %d requests", resp.status, n.Load())
	}
}

func TestRetryAfterOverCap(t *testing.T) {
	t.Parallel()
	for _, after := range []string{"120", time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)} {
		srv, n := server(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", after)
			w.WriteHeader(http.StatusServiceUnavailable)
		})
		f := testFetcher(t, Options{Retries: 2, MaxRetryAfter: 5 * time.Second})
		ctx, cancel := context.WithTimeout(t.Context(), 3*time.Second)
		defer cancel()
		start := time.Now()
		res := f.Fetch(ctx, Request{URL: srv.URL})
		var rl *RetryLaterError
		if !errors.As(res.Err, &rl) || rl.Wait < time.Minute {
			t.Fatalf("Retry-After %s: err = %v, want a RetryLaterError", after, res.Err)
		}
		if !strings.Contains(res.Err.Error(), "try again after") {
			t.Errorf("err = %q, should say when to come back", res.Err)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("took %v; should give up without waiting", d)
		}
		if n.Load() != 1 {
			t.Errorf("server saw %d requests, want 1", n.Load())
		}
	}
}

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 6, 2, 14, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"3", 3 * time.Second, true},
		{" 0 ", 0, true},
		{"Mon, 02 Jun 2025 14:01:00 GMT", time.Minute, true},
		{"Mon, 02 Jun 2025 13:00:00 GMT", 0, true}, // in the past: now
		{"-5", 0, false},
		{"soon", 0, false},
		{"", 0, false},
		{"99999999999999999", 366 * 24 * time.Hour, true},
	} {
		got, ok := parseRetryAfter(tc.in, now)
		if got != tc.want || ok != tc.ok {
			t.Errorf("parseRetryAfter(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestCancelDuringRetryWait(t *testing.T) {
	t.Parallel()
	srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3")
		w.WriteHeader(http.StatusTooManyRequests)
	})
	f := testFetcher(t, Options{Retries: 2, MaxRetryAfter: 10 * time.Second})
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	res := f.Fetch(ctx, Request{URL: srv.URL})
	if !errors.Is(res.Err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want the context's error", res.Err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %v after the context ended", d)
	}
}

func TestTimeoutCoversBody(t *testing.T) {
	t.Parallel()
	srv, n := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		for {
			if _, err := w.Write([]byte("<")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(100 * time.Millisecond):
			}
		}
	})
	const timeout = 500 * time.Millisecond
	f := testFetcher(t, Options{Timeout: timeout, Retries: 2})
	// The outer deadline only keeps a broken fetcher from hanging the test.
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Second)
	defer cancel()
	start := time.Now()
	res := f.Fetch(ctx, Request{URL: srv.URL})
	elapsed := time.Since(start)
	if !errors.Is(res.Err, context.DeadlineExceeded) || !strings.Contains(res.Err.Error(), "timed out") {
		t.Fatalf("err = %v, want a timeout", res.Err)
	}
	if elapsed < timeout || elapsed > timeout+time.Second {
		t.Errorf("gave up after %v, want about %v", elapsed, timeout)
	}
	if n.Load() != 1 {
		t.Errorf("server saw %d requests; a timeout should not be retried", n.Load())
	}
}

func TestBodyOverCap(t *testing.T) {
	t.Parallel()
	const limit = 1 << 20
	chunk := make([]byte, 64<<10)
	for _, tc := range []struct {
		name   string
		length bool // declare Content-Length
	}{{"declared length", true}, {"streamed", false}} {
		t.Run(tc.name, func(t *testing.T) {
			srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
				if tc.length {
					w.Header().Set("Content-Length", fmt.Sprint(50<<20))
				}
				for range (50 << 20) / len(chunk) {
					if _, err := w.Write(chunk); err != nil {
						return
					}
				}
			})
			f := testFetcher(t, Options{MaxBody: limit})
			res := f.Fetch(t.Context(), Request{URL: srv.URL})
			if !errors.Is(res.Err, ErrTooLarge) || res.Err.Error() != "feed is larger than 1 MiB" {
				t.Errorf("err = %v, want \"feed is larger than 1 MiB\"", res.Err)
			}
		})
	}
}

// Not parallel: it measures the process's allocations.
func TestGzipBomb(t *testing.T) {
	srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", "application/rss+xml")
		// Fastest level: the race detector makes compression slow, and
		// zeros shrink a hundredfold or more even so.
		zw, _ := gzip.NewWriterLevel(w, gzip.BestSpeed)
		zeros := make([]byte, 1<<20)
		for range 1024 { // 1 GiB once decompressed
			if _, err := zw.Write(zeros); err != nil || r.Context().Err() != nil {
				return
			}
		}
		zw.Close()
	})
	// A generous timeout: this test is about size, and a loaded machine
	// under -race inflates ten megabytes slowly.
	f := testFetcher(t, Options{MaxBody: 10 << 20, Timeout: 30 * time.Second})
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	res := f.Fetch(t.Context(), Request{URL: srv.URL})
	runtime.ReadMemStats(&after)
	if !errors.Is(res.Err, ErrTooLarge) || res.Err.Error() != "feed is larger than 10 MiB" {
		t.Errorf("err = %v, want \"feed is larger than 10 MiB\"", res.Err)
	}
	if d := after.TotalAlloc - before.TotalAlloc; d > 64<<20 {
		t.Errorf("allocated %d MiB reading a bomb capped at 10 MiB", d>>20)
	}
}

func TestGzipFeedDecodes(t *testing.T) {
	t.Parallel()
	var got http.Header
	srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", "application/rss+xml")
		zw := gzip.NewWriter(w)
		fmt.Fprint(zw, tinyRSS)
		zw.Close()
	})
	f := testFetcher(t, Options{UserAgent: UserAgent("1.2.3")})
	resp, err := f.get(t.Context(), mustURL(t, srv.URL), Validators{})
	if err != nil {
		t.Fatal(err)
	}
	if string(resp.body) != tinyRSS {
		t.Errorf("body = %q", resp.body)
	}
	if resp.contentType != "application/rss+xml" {
		t.Errorf("content type = %q", resp.contentType)
	}
	if ua := got.Get("User-Agent"); ua != "brief/1.2.3 (terminal market briefing reader)" {
		t.Errorf("User-Agent = %q", ua)
	}
	if ae := got.Get("Accept-Encoding"); ae != "gzip" {
		t.Errorf("Accept-Encoding = %q", ae)
	}
	if a := got.Get("Accept"); !strings.HasPrefix(a, "application/rss+xml, application/atom+xml") {
		t.Errorf("Accept = %q", a)
	}
}

func TestCorruptGzip(t *testing.T) {
	t.Parallel()
	srv, n := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		fmt.Fprint(w, "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xffnot deflate at all")
	})
	f := testFetcher(t, Options{Retries: 2})
	res := f.Fetch(t.Context(), Request{URL: srv.URL})
	if res.Err == nil || !strings.HasPrefix(res.Err.Error(), "decompress feed: ") {
		t.Errorf("err = %v", res.Err)
	}
	if n.Load() != 1 {
		t.Errorf("server saw %d requests; a corrupt body should not be retried", n.Load())
	}
}

func TestRedirects(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	mux.HandleFunc("/a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/b", http.StatusFound) })
	mux.HandleFunc("/b", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/a", http.StatusFound) })
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/feed", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) { serveRSS(w) })
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	srv, n := server(t, mux.ServeHTTP)
	f := testFetcher(t, Options{MaxRedirects: 5, Retries: 2})
	ctx := t.Context()

	res := f.Fetch(ctx, Request{URL: srv.URL + "/a"})
	if res.Err == nil || res.Err.Error() != "stopped after 5 redirects" {
		t.Errorf("loop: err = %v", res.Err)
	}
	if got := n.Load(); got != 6 {
		t.Errorf("loop: server saw %d requests, want 1+5 and no retries", got)
	}

	if resp, err := f.get(ctx, mustURL(t, srv.URL+"/moved"), Validators{}); err != nil || string(resp.body) != tinyRSS {
		t.Errorf("a redirect to the feed: err = %v", err)
	}

	res = f.Fetch(ctx, Request{URL: srv.URL + "/to-file"})
	if res.Err == nil || !strings.Contains(res.Err.Error(), "refused a redirect to a file: address") {
		t.Errorf("redirect to file: err = %v", res.Err)
	}
}

func TestOffline(t *testing.T) {
	t.Parallel()
	srv, n := server(t, func(w http.ResponseWriter, r *http.Request) { serveRSS(w) })
	f := testFetcher(t, Options{Offline: true})
	res := f.Fetch(t.Context(), Request{URL: srv.URL})
	if !errors.Is(res.Err, ErrOffline) {
		t.Errorf("err = %v, want ErrOffline", res.Err)
	}
	if n.Load() != 0 {
		t.Errorf("server saw %d requests while offline", n.Load())
	}
}

func TestFileSources(t *testing.T) {
	// Not parallel: t.Chdir.
	dir := t.TempDir()
	path := filepath.Join(dir, "feed.xml")
	if err := os.WriteFile(path, []byte(tinyRSS), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	// Offline must not stop local files.
	f := testFetcher(t, Options{Offline: true})
	for _, addr := range []string{path, "file://" + path, "feed.xml", "./feed.xml", "file:feed.xml"} {
		res := f.Fetch(t.Context(), Request{URL: addr})
		if res.Err != nil || res.Title != "Tiny Markets" || len(res.Items) != 1 || res.Status != 0 {
			t.Errorf("%s: err=%v title=%q items=%d", addr, res.Err, res.Title, len(res.Items))
		}
	}
}

func TestSample(t *testing.T) {
	t.Parallel()
	f := testFetcher(t, Options{Offline: true})
	res := f.Fetch(t.Context(), Request{URL: "builtin:sample"})
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	if res.Title != sample.Title || res.Status != 0 {
		t.Errorf("title %q, status %d", res.Title, res.Status)
	}
	// Every document's items are in, not just the first one's.
	want := 0
	for _, d := range sample.Docs() {
		p, err := Parse(d.Body, d.ContentType, time.Now())
		if err != nil {
			t.Fatalf("%s: %v", d.Name, err)
		}
		if len(p.Items) == 0 {
			t.Errorf("%s has no items", d.Name)
		}
		want += len(p.Items)
	}
	if len(res.Items) != want {
		t.Errorf("%d items, want %d from all documents", len(res.Items), want)
	}
}

func TestFileErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	big := filepath.Join(dir, "big.xml")
	if err := os.WriteFile(big, make([]byte, 2<<10), 0o600); err != nil {
		t.Fatal(err)
	}
	f := testFetcher(t, Options{MaxBody: 1 << 10})
	for _, tc := range []struct{ addr, want string }{
		{big, "feed is larger than 1 KiB"},
		{dir, "is a directory"},
		{filepath.Join(dir, "missing.xml"), "no such file"},
		{"example.com/rss.xml", "start the address with https://"},
		{"ftp://example.com/feed.xml", `unsupported feed address "ftp://example.com/feed.xml"`},
		{"file://elsewhere/feed.xml", "another host"},
		{"https:///feed.xml", "no host"},
		{"  ", "empty feed address"},
	} {
		res := f.Fetch(t.Context(), Request{URL: tc.addr})
		if res.Err == nil || !strings.Contains(res.Err.Error(), tc.want) {
			t.Errorf("%q: err = %v, want it to mention %q", tc.addr, res.Err, tc.want)
		}
	}
}

// inflight counts a handler's concurrent calls and remembers the peak.
type inflight struct {
	now, peak atomic.Int32
}

func (c *inflight) handler(hold time.Duration) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		n := c.now.Add(1)
		defer c.now.Add(-1)
		for {
			p := c.peak.Load()
			if n <= p || c.peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(hold)
		serveRSS(w)
	}
}

// TestPerHostBound: with HostCap equal to PerHost, a host never gets more
// than PerHost, however well it answers.
func TestPerHostBound(t *testing.T) {
	t.Parallel()
	var c inflight
	srv, n := server(t, c.handler(30*time.Millisecond))
	f := testFetcher(t, Options{PerHost: 4, HostCap: 4, Concurrency: 16})
	rs := make([]Request, 40)
	for i := range rs {
		rs[i] = Request{URL: fmt.Sprintf("%s/feed?i=%d", srv.URL, i)}
	}
	f.FetchAll(t.Context(), rs, nil)
	if n.Load() != 40 {
		t.Errorf("server saw %d requests, want 40", n.Load())
	}
	if p := c.peak.Load(); p != 4 {
		t.Errorf("peak in flight to one host = %d, want 4", p)
	}
}

func TestGlobalBound(t *testing.T) {
	t.Parallel()
	var c inflight
	var rs []Request
	for range 10 {
		srv, _ := server(t, c.handler(30*time.Millisecond))
		for i := range 4 {
			rs = append(rs, Request{URL: fmt.Sprintf("%s/feed?i=%d", srv.URL, i)})
		}
	}
	f := testFetcher(t, Options{PerHost: 4, Concurrency: 8})
	f.FetchAll(t.Context(), rs, nil)
	if p := c.peak.Load(); p != 8 {
		t.Errorf("peak in flight over all hosts = %d, want 8", p)
	}
}

func TestConnectionReset(t *testing.T) {
	t.Parallel()
	srv, n := server(t, func(w http.ResponseWriter, r *http.Request) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		conn.Close()
	})
	f := testFetcher(t, Options{Retries: 2})
	done := make(chan Result)
	go func() { done <- f.Fetch(t.Context(), Request{URL: srv.URL}) }()
	select {
	case res := <-done:
		if res.Err == nil || !strings.Contains(res.Err.Error(), "gave up after 3 attempts") {
			t.Errorf("err = %v, want a network error after retries", res.Err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("fetch hangs on a dropped connection")
	}
	if n.Load() != 3 {
		t.Errorf("server saw %d requests, want 1+2 retries", n.Load())
	}
}

func TestFetchAllOrderAndProgress(t *testing.T) {
	t.Parallel()
	// Later feeds answer sooner, so finishing order differs from request order.
	srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		var i int
		fmt.Sscan(r.URL.Query().Get("i"), &i)
		time.Sleep(time.Duration(10-i) * 5 * time.Millisecond)
		if i%3 == 0 {
			http.NotFound(w, r)
			return
		}
		serveRSS(w)
	})
	var rs []Request
	for i := range 10 {
		rs = append(rs, Request{URL: fmt.Sprintf("%s/?i=%d", srv.URL, i)})
	}
	rs = append(rs, Request{URL: "gopher://example.com/"})
	f := testFetcher(t, Options{})

	calls := make([]int, len(rs))
	var busy atomic.Bool
	var order []int
	results := f.FetchAll(t.Context(), rs, func(i int, r Result) {
		if !busy.CompareAndSwap(false, true) {
			t.Error("onDone calls overlap")
		}
		defer busy.Store(false)
		calls[i]++
		order = append(order, i)
		if r.URL != rs[i].URL {
			t.Errorf("onDone(%d) got the result for %s", i, r.URL)
		}
		time.Sleep(time.Millisecond) // widen the window for overlap
	})
	if len(results) != len(rs) {
		t.Fatalf("%d results for %d requests", len(results), len(rs))
	}
	for i, r := range results {
		if r.URL != rs[i].URL {
			t.Errorf("results[%d] is for %s", i, r.URL)
		}
		if calls[i] != 1 {
			t.Errorf("onDone called %d times for feed %d", calls[i], i)
		}
	}
	if order[0] == 0 {
		t.Errorf("feeds reported in request order %v; want completion order", order)
	}
	if results[3].Status != 404 || results[10].Err == nil {
		t.Errorf("feed 3: %v; feed 10: %v", results[3].Err, results[10].Err)
	}
}

func TestByteSize(t *testing.T) {
	t.Parallel()
	for n, want := range map[int64]string{10 << 20: "10 MiB", 1 << 10: "1 KiB", 1500: "1500 bytes", 3<<20 + 1: "3145729 bytes"} {
		if got := byteSize(n); got != want {
			t.Errorf("byteSize(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestTimeoutCoversRetryAfter: a server that keeps answering 503 with a
// Retry-After the fetcher would honour must not stretch the feed past its
// timeout. With a 4s timeout and Retry-After 3, brief waits once, then
// refuses the second wait (it would leave nothing for a third attempt) and
// says why, about 3s in; before, it waited twice and took 6s.
func TestTimeoutCoversRetryAfter(t *testing.T) {
	t.Parallel()
	srv, n := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3")
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	const timeout = 4 * time.Second
	f := testFetcher(t, Options{Timeout: timeout, Retries: 2, MaxRetryAfter: 30 * time.Second})
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	start := time.Now()
	res := f.Fetch(ctx, Request{URL: srv.URL})
	elapsed := time.Since(start)
	var rl *RetryLaterError
	if !errors.As(res.Err, &rl) {
		t.Fatalf("err = %v, want a RetryLaterError", res.Err)
	}
	want := "HTTP 503 Service Unavailable: the server asked to retry after 3s, longer than is left of the feed's 4s timeout"
	if res.Err.Error() != want {
		t.Errorf("err = %q,\nwant %q", res.Err, want)
	}
	if elapsed > timeout+time.Second {
		t.Errorf("took %v; the feed's timeout is %v", elapsed, timeout)
	}
	if n.Load() != 2 {
		t.Errorf("server saw %d requests, want 2 (the first, and one after the 3s wait)", n.Load())
	}
}

// TestSameBytesAreNotParsedAgain: a server that ignores validators and
// sends the same document costs no parse; another document is parsed; a
// document that fails to parse leaves no digest to match next time.
func TestSameBytesAreNotParsedAgain(t *testing.T) {
	var body atomic.Value
	body.Store(`<rss version="2.0"><channel><title>T</title><item><guid>a</guid><title>One</title></item></channel></rss>`)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, body.Load().(string))
	}))
	defer srv.Close()
	f := NewFetcher(Options{Retries: -1})
	ctx := context.Background()
	first := f.Fetch(ctx, Request{URL: srv.URL})
	if first.Err != nil || len(first.Items) != 1 || len(first.BodyDigest) == 0 || first.NotModified {
		t.Fatalf("first fetch: %+v", first)
	}
	again := f.Fetch(ctx, Request{URL: srv.URL, BodyDigest: first.BodyDigest})
	if again.Err != nil || !again.NotModified || len(again.Items) != 0 {
		t.Errorf("same bytes: NotModified %v, %d items, %v; want not modified, nothing parsed", again.NotModified, len(again.Items), again.Err)
	}
	body.Store(`<rss version="2.0"><channel><title>T</title><item><guid>b</guid><title>Two</title></item></channel></rss>`)
	changed := f.Fetch(ctx, Request{URL: srv.URL, BodyDigest: first.BodyDigest})
	if changed.Err != nil || changed.NotModified || len(changed.Items) != 1 {
		t.Errorf("new bytes: %+v; want parsed", changed)
	}
	body.Store(`<rss version="2.0"><channel><item>`)
	broken := f.Fetch(ctx, Request{URL: srv.URL})
	if broken.Err == nil || broken.BodyDigest != nil {
		t.Errorf("unparseable document: err %v, digest %x; want an error and no digest", broken.Err, broken.BodyDigest)
	}
}
