package feed

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf16"
)

// The hostile suite: every case serves something nasty from one loopback
// server while a well-behaved feed is fetched from another in the same
// FetchAll. Each case must end in a clear error on the hostile feed alone
// (or in a correct parse), within a time derived from the fetcher's
// timeouts and a bounded heap, with the good feed untouched.
//
//	go test -run TestHostileServers -v ./feed/ | grep 'hostile:'
//
// prints one line per case: name | error or item count | elapsed | peak heap.

// Fetcher settings for the suite. hostileTimeout bounds each feed, all its
// attempts and waits together, so it is also what a hanging server costs.
const (
	hostileTimeout = 1500 * time.Millisecond
	hostileRetries = 2
	hostileBackoff = 5 * time.Millisecond
)

// hostileCase is one hostile server (or file served by one).
type hostileCase struct {
	name    string
	handler http.HandlerFunc
	path    string // requested path on the hostile server; "/" when empty
	opts    func(*Options)

	// Exactly one of wantErr and check: wantErr lists fragments the
	// error must contain; check inspects a result that must have parsed.
	wantErr []string
	check   func(t *testing.T, r Result)
	gone    bool // Result.Gone expected (with wantErr)

	requests int32 // requests the hostile server must see; 0: unchecked

	// The elapsed bound is attempts × the timeout (loose: it is the feed's), plus wait
	// (Retry-After waits the server asks for) and work (parsing, which
	// no HTTP timeout covers; scaled under -race).
	attempts int // default 1
	wait     time.Duration
	work     time.Duration

	heapMB float64 // bound on the peak heap in use while the case runs
}

func TestHostileServers(t *testing.T) {
	// Not parallel: it measures the process's heap, and parallel tests of
	// this package only start once the sequential ones are done.
	for _, tc := range hostileCases() {
		t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
			runHostile(t, tc)
		})
	}
}

func runHostile(t *testing.T, tc hostileCase) {
	if (tc.wantErr == nil) == (tc.check == nil) {
		t.Fatal("a case sets exactly one of wantErr and check")
	}
	hostile, hits := server(t, tc.handler)
	good, _ := server(t, func(w http.ResponseWriter, r *http.Request) { serveRSS(w) })

	o := Options{Timeout: hostileTimeout, ConnectTimeout: time.Second, Retries: hostileRetries, BaseBackoff: hostileBackoff}
	if tc.opts != nil {
		tc.opts(&o)
	}
	f := testFetcher(t, o)
	o = f.opts // with the defaults filled in

	attempts := max(tc.attempts, 1)
	// Backoffs between attempts: Base, 3×Base, ..., each up to a quarter
	// longer at random.
	var backoff time.Duration
	for n, d := 1, o.BaseBackoff; n < attempts; n, d = n+1, 3*d {
		backoff += d + d/4
	}
	bound := time.Duration(attempts)*o.Timeout + backoff + tc.wait + time.Duration(hostileRaceSlowdown)*(tc.work+time.Second)

	path := tc.path
	if path == "" {
		path = "/"
	}
	reqs := []Request{{URL: hostile.URL + path}, {URL: good.URL + "/feed"}}

	// Results come through onDone so that the good feed's finishing time
	// is known: a hostile neighbour must not hold it up.
	var (
		results  [2]Result
		finished [2]time.Duration
	)
	runtime.GC()
	peak := sampleHeap()
	start := time.Now()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f.FetchAll(t.Context(), reqs, func(i int, r Result) {
			results[i], finished[i] = r, time.Since(start)
		})
	}()
	select {
	case <-done:
	case <-time.After(bound + 10*time.Second):
		peak()
		t.Fatalf("FetchAll still running after %v; the bound was %v", time.Since(start), bound)
	}
	elapsed := time.Since(start)
	peakMB := peak()

	bad, ok := results[0], results[1]
	outcome := fmt.Sprintf("parsed %d items", len(bad.Items))
	if bad.Err != nil {
		outcome = bad.Err.Error()
	}
	t.Logf("hostile: %s | %s | %v | %.1f MB", tc.name, outcome, elapsed.Round(time.Millisecond), peakMB)

	// The good feed, whatever its neighbour did.
	if ok.Err != nil || ok.Title != "Tiny Markets" || len(ok.Items) != 1 || ok.Items[0].Title != "Stocks rise" {
		t.Errorf("good feed: err=%v title=%q items=%d", ok.Err, ok.Title, len(ok.Items))
	}
	if limit := time.Duration(hostileRaceSlowdown) * time.Second; finished[1] > limit {
		t.Errorf("good feed finished after %v, held up by its neighbour (limit %v)", finished[1], limit)
	}

	// The hostile feed.
	var crash *crashError
	if errors.As(bad.Err, &crash) {
		t.Fatalf("the parser crashed: %v\n%s", crash, crash.stack)
	}
	switch {
	case tc.wantErr != nil:
		if bad.Err == nil {
			t.Errorf("no error; parsed %d items titled %.80q", len(bad.Items), bad.Title)
			break
		}
		msg := bad.Err.Error()
		for _, want := range tc.wantErr {
			if !strings.Contains(msg, want) {
				t.Errorf("error %q does not say %q", msg, want)
			}
		}
		if hasControl(msg) || len(msg) > 300 {
			t.Errorf("error is not one short clean line: %q", msg)
		}
		if len(bad.Items) != 0 {
			t.Errorf("failed feed carries %d items", len(bad.Items))
		}
	default:
		if bad.Err != nil {
			t.Errorf("err = %v, want a parse", bad.Err)
			break
		}
		tc.check(t, bad)
	}
	if bad.Gone != tc.gone {
		t.Errorf("Gone = %v, want %v", bad.Gone, tc.gone)
	}
	if tc.requests != 0 && hits.Load() != tc.requests {
		t.Errorf("hostile server saw %d requests, want %d", hits.Load(), tc.requests)
	}
	if elapsed > bound {
		t.Errorf("took %v, over the bound of %v derived from the timeouts", elapsed, bound)
	}
	if peakMB > tc.heapMB {
		t.Errorf("peak heap %.1f MB, over the bound of %.0f MB", peakMB, tc.heapMB)
	}
}

// sampleHeap samples the heap in use every 5ms until the returned function
// is called, which returns the peak in MB.
func sampleHeap() (stop func() float64) {
	var peak atomic.Uint64
	quit := make(chan struct{})
	var wg sync.WaitGroup
	read := func() {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		if ms.HeapInuse > peak.Load() {
			peak.Store(ms.HeapInuse)
		}
	}
	read()
	wg.Go(func() {
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-quit:
				return
			case <-tick.C:
				read()
			}
		}
	})
	return func() float64 {
		close(quit)
		wg.Wait()
		read()
		return float64(peak.Load()) / (1 << 20)
	}
}

// streamChunks writes head, then chunk n times (stopping once the client
// goes), then tail: a large body without holding it in memory.
func streamChunks(w http.ResponseWriter, r *http.Request, head string, chunk []byte, n int, tail string) {
	if _, err := io.WriteString(w, head); err != nil {
		return
	}
	for range n {
		if _, err := w.Write(chunk); err != nil || r.Context().Err() != nil {
			return
		}
	}
	io.WriteString(w, tail)
}

// rawResponse hijacks the connection and writes s as the whole response,
// then closes it: for responses net/http would not send.
func rawResponse(w http.ResponseWriter, s string) {
	conn, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	buf.WriteString(s)
	buf.Flush()
}

func utf16Bytes(s string, bigEndian, bom bool) []byte {
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xfeff}, units...)
	}
	b := make([]byte, 0, 2*len(units))
	for _, u := range units {
		if bigEndian {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return b
}

// wideTitle is a title that only survives a correct charset decoding.
const wideTitle = "Börse: €uro fällt – 日経平均 ✓"

func wideRSS(decl string) string {
	return `<?xml version="1.0"` + decl + `?>
<rss version="2.0"><channel><title>` + wideTitle + `</title>
<item><title>` + wideTitle + `</title><guid>w1</guid></item>
</channel></rss>`
}

// oneItem checks a parse of exactly one item titled title.
func oneItem(title string) func(*testing.T, Result) {
	return func(t *testing.T, r Result) {
		t.Helper()
		if len(r.Items) != 1 || r.Items[0].Title != title {
			var got []string
			for _, it := range r.Items {
				got = append(got, it.Title)
			}
			t.Errorf("items %q, want one titled %q", got, title)
		}
	}
}

func hostileCases() []hostileCase {
	const mib = 1 << 20
	zeros := make([]byte, 64<<10)
	letters := bytes.Repeat([]byte("A"), 64<<10)
	items := MaxItems
	var ct = func(w http.ResponseWriter, v string) { w.Header().Set("Content-Type", v) }

	return []hostileCase{
		{
			name: "drip 1 byte/s",
			handler: func(w http.ResponseWriter, r *http.Request) {
				ct(w, "application/rss+xml")
				for _, c := range []byte(tinyRSS) {
					if _, err := w.Write([]byte{c}); err != nil {
						return
					}
					w.(http.Flusher).Flush()
					select {
					case <-r.Context().Done():
						return
					case <-time.After(time.Second):
					}
				}
			},
			wantErr:  []string{"timed out after 1.5s"},
			requests: 1, // a timeout is not retried
			heapMB:   16,
		},
		{
			name: "gzip bomb 1 GiB",
			handler: func(w http.ResponseWriter, r *http.Request) {
				ct(w, "application/rss+xml")
				w.Header().Set("Content-Encoding", "gzip")
				zw, _ := gzip.NewWriterLevel(w, gzip.BestSpeed)
				defer zw.Close()
				for range 1 << 30 / len(zeros) {
					if _, err := zw.Write(zeros); err != nil || r.Context().Err() != nil {
						return
					}
				}
			},
			wantErr:  []string{"feed is larger than 10 MiB"},
			requests: 1,
			heapMB:   48,
		},
		{
			name: "body over cap, streamed 50 MB",
			handler: func(w http.ResponseWriter, r *http.Request) {
				ct(w, "application/rss+xml")
				streamChunks(w, r, "<rss><channel><title>", letters, 50*mib/len(letters), "</title></channel></rss>")
			},
			wantErr:  []string{"feed is larger than 10 MiB"},
			requests: 1,
			heapMB:   48,
		},
		{
			name: "body over cap, declared 50 MB",
			handler: func(w http.ResponseWriter, r *http.Request) {
				ct(w, "application/rss+xml")
				w.Header().Set("Content-Length", fmt.Sprint(50*mib))
				streamChunks(w, r, "", zeros, 50*mib/len(zeros), "")
			},
			wantErr:  []string{"feed is larger than 10 MiB"},
			requests: 1,
			heapMB:   16,
		},
		{
			name: "redirect loop",
			path: "/a",
			handler: func(w http.ResponseWriter, r *http.Request) {
				next := "/b"
				if r.URL.Path == "/b" {
					next = "/a"
				}
				http.Redirect(w, r, next, http.StatusFound)
			},
			wantErr:  []string{"stopped after 10 redirects"},
			requests: 11,
			heapMB:   16,
		},
		{
			name: "2 million nested elements",
			// Room for the whole well-formed document (13.4 MiB), so that
			// the depth limit, not the size cap, is what stops it.
			opts: func(o *Options) { o.MaxBody = 16 * mib },
			handler: func(w http.ResponseWriter, r *http.Request) {
				ct(w, "application/rss+xml")
				const depth = 2_000_000
				open := bytes.Repeat([]byte("<a>"), depth/100)
				streamChunks(w, r, `<?xml version="1.0"?><rss version="2.0"><channel><item><title>`, open, 100, "")
				streamChunks(w, r, "", bytes.Repeat([]byte("</a>"), depth/100), 100, `</title></item></channel></rss>`)
			},
			wantErr:  []string{"parse feed: feed nests elements deeper than 512 levels"},
			requests: 1,
			work:     2 * time.Second,
			heapMB:   80,
		},
		{
			name: "200 MB title",
			handler: func(w http.ResponseWriter, r *http.Request) {
				ct(w, "application/rss+xml")
				streamChunks(w, r, `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>`,
					letters, 200*mib/len(letters), `</title></item></channel></rss>`)
			},
			wantErr:  []string{"feed is larger than 10 MiB"},
			requests: 1,
			heapMB:   48,
		},
		{
			// The most a feed may list parses in full.
			name:    fmt.Sprintf("%d items", items),
			handler: manyItems(items),
			check: func(t *testing.T, r Result) {
				if len(r.Items) != items {
					t.Fatalf("parsed %d items, want %d", len(r.Items), items)
				}
				first, last := r.Items[0], r.Items[items-1]
				if first.GUIDKey != "0" || last.GUIDKey != fmt.Sprint(items-1) || last.Title != untitled {
					t.Errorf("first %+v, last %+v", first, last)
				}
			},
			requests: 1,
			work:     4 * time.Second,
			// gofeed keeps a source item and a universal item per entry,
			// and encoding/xml's tokens are garbage on top: close to a
			// kilobyte per item for 28 bytes of input.
			heapMB: 128,
		},
		{
			// Ten megabytes of tiny items would take over a gigabyte
			// in gofeed: refused before it runs.
			name:     "300000 items",
			handler:  manyItems(300_000),
			wantErr:  []string{"lists about 300,000 items", "at most 50,000"},
			requests: 1,
			heapMB:   48,
		},
		{
			name: "300000 entries in a JSON Feed",
			handler: func(w http.ResponseWriter, r *http.Request) {
				ct(w, "application/feed+json")
				var b bytes.Buffer
				b.WriteString(`{"version":"https://jsonfeed.org/version/1.1","title":"Many","items":[`)
				for i := range 300_000 {
					if i > 0 {
						b.WriteByte(',')
					}
					fmt.Fprintf(&b, `{"id":"%d"}`, i)
				}
				b.WriteString(`]}`)
				w.Write(b.Bytes())
			},
			// A 3.6 MB body: under -race on a busy machine reading it can
			// take longer than the suite's 1.5 s, and this case is about
			// the item count, not the timeout.
			opts:     func(o *Options) { o.Timeout = 15 * time.Second },
			wantErr:  []string{"lists about 300,000 items"},
			requests: 1,
			heapMB:   48,
		},
		{
			// 1.5 million empty items in 10 MB: over a gigabyte of
			// gofeed records if it were parsed.
			name: "10 MB of empty items",
			handler: func(w http.ResponseWriter, r *http.Request) {
				ct(w, "application/rss+xml")
				io.WriteString(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>`)
				w.Write(bytes.Repeat([]byte("<item/>"), 1_400_000))
				io.WriteString(w, `</channel></rss>`)
			},
			wantErr:  []string{"lists about 1,400,000 items"},
			requests: 1,
			heapMB:   48,
		},
		{
			name: "billion laughs DTD",
			handler: func(w http.ResponseWriter, r *http.Request) {
				ct(w, "application/rss+xml")
				io.WriteString(w, billionLaughs)
			},
			check: func(t *testing.T, r Result) {
				// The DOCTYPE is dropped, so the reference stays text.
				if len(r.Items) != 1 || r.Items[0].Title != "&lol9;" || r.Title != "&lol9;" {
					t.Errorf("feed title %.100q; items %.200q", r.Title, fmt.Sprint(r.Items))
				}
			},
			requests: 1,
			heapMB:   16,
		},
		{
			name: "external entity (XXE)",
			handler: func(w http.ResponseWriter, r *http.Request) {
				ct(w, "application/rss+xml")
				io.WriteString(w, `<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>x</title><item><title>leak &xxe; here</title><guid>1</guid></item></channel></rss>`)
			},
			check: func(t *testing.T, r Result) {
				if len(r.Items) != 1 || r.Items[0].Title != "leak &xxe; here" {
					t.Errorf("items %.200q", fmt.Sprint(r.Items))
				}
			},
			requests: 1,
			heapMB:   16,
		},
		{
			name: "feed served as image/png",
			handler: func(w http.ResponseWriter, r *http.Request) {
				ct(w, "image/png")
				io.WriteString(w, tinyRSS)
			},
			check:    oneItem("Stocks rise"),
			requests: 1,
			heapMB:   16,
		},
		{
			name: "feed served as text/html; charset=windows-1251",
			handler: func(w http.ResponseWriter, r *http.Request) {
				ct(w, "text/html; charset=windows-1251")
				io.WriteString(w, wideRSS(` encoding="UTF-8"`))
			},
			check:    oneItem(wideTitle),
			requests: 1,
			heapMB:   16,
		},
		{
			name: "truncated, Content-Length over what is sent",
			handler: func(w http.ResponseWriter, r *http.Request) {
				rawResponse(w, fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: %d\r\n\r\n%s",
					len(tinyRSS)+1000, tinyRSS[:len(tinyRSS)/2]))
			},
			// Retried, as a dropped connection may be bad luck.
			wantErr:  []string{"the response was cut off before the end of the feed (gave up after 3 attempts)"},
			requests: 1 + hostileRetries,
			attempts: 1 + hostileRetries,
			heapMB:   16,
		},
		{
			name: "truncated gzip stream",
			handler: func(w http.ResponseWriter, r *http.Request) {
				var b bytes.Buffer
				zw := gzip.NewWriter(&b)
				io.WriteString(zw, tinyRSS)
				zw.Close()
				ct(w, "application/rss+xml")
				w.Header().Set("Content-Encoding", "gzip")
				w.Write(b.Bytes()[:b.Len()/2])
			},
			wantErr:  []string{"the response was cut off before the end of the feed (gave up after 3 attempts)"},
			requests: 1 + hostileRetries,
			attempts: 1 + hostileRetries,
			heapMB:   16,
		},
		{
			name: "truncated XML document",
			handler: func(w http.ResponseWriter, r *http.Request) {
				ct(w, "application/rss+xml")
				io.WriteString(w, tinyRSS[:len(tinyRSS)*2/3])
			},
			wantErr:  []string{"parse feed: XML syntax error on line ", ": unexpected EOF"},
			requests: 1,
			heapMB:   16,
		},
		{
			name: "HTML page instead of a feed",
			handler: func(w http.ResponseWriter, r *http.Request) {
				ct(w, "text/html; charset=utf-8")
				io.WriteString(w, "<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><form>...</form></body></html>")
			},
			wantErr:  []string{"not a feed: looks like an HTML page"},
			requests: 1,
			heapMB:   16,
		},
		{
			name: "invalid UTF-8",
			// A UTF-8 feed with a few stray bytes: a lone 0xFF and an
			// overlong "/" (C0 AF). Each bad byte becomes U+FFFD; the
			// rest must still read as UTF-8, not as windows-1252.
			handler: func(w http.ResponseWriter, r *http.Request) {
				ct(w, "application/rss+xml; charset=utf-8")
				io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>`+wideTitle+`</title>
<item><title>Bad `+"\xff"+` stray, `+"\xc0\xaf"+` overlong — €5</title><guid>1</guid></item>
<item><title>`+wideTitle+`</title><guid>2</guid></item></channel></rss>`)
			},
			check: func(t *testing.T, r Result) {
				want := []string{"Bad \ufffd stray, \ufffd\ufffd overlong — €5", wideTitle}
				var got []string
				for _, it := range r.Items {
					got = append(got, it.Title)
				}
				if fmt.Sprint(got) != fmt.Sprint(want) || r.Title != wideTitle {
					t.Errorf("feed %q, items %q; want %q, items %q", r.Title, got, wideTitle, want)
				}
			},
			requests: 1,
			heapMB:   16,
		},
		{
			name: "UTF-16LE with BOM",
			handler: func(w http.ResponseWriter, r *http.Request) {
				ct(w, "application/rss+xml")
				w.Write(utf16Bytes(wideRSS(` encoding="UTF-16"`), false, true))
			},
			check:    oneItem(wideTitle),
			requests: 1,
			heapMB:   16,
		},
		{
			name: "UTF-16BE without BOM",
			handler: func(w http.ResponseWriter, r *http.Request) {
				ct(w, "application/rss+xml; charset=utf-8") // and a header that lies
				w.Write(utf16Bytes(wideRSS(` encoding="UTF-16"`), true, false))
			},
			check:    oneItem(wideTitle),
			requests: 1,
			heapMB:   16,
		},
		{
			name:     "404",
			handler:  func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) },
			wantErr:  []string{"HTTP 404 Not Found"},
			requests: 1,
			heapMB:   16,
		},
		{
			name:     "410",
			handler:  func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusGone) },
			wantErr:  []string{"HTTP 410 Gone: the publisher removed this feed"},
			gone:     true,
			requests: 1,
			heapMB:   16,
		},
		{
			name: "429 Retry-After 1, then the feed",
			handler: func() http.HandlerFunc {
				var n atomic.Int32
				return func(w http.ResponseWriter, r *http.Request) {
					if n.Add(1) == 1 {
						w.Header().Set("Retry-After", "1")
						w.WriteHeader(http.StatusTooManyRequests)
						return
					}
					serveRSS(w)
				}
			}(),
			check:    oneItem("Stocks rise"),
			requests: 2,
			attempts: 2,
			wait:     time.Second,
			heapMB:   16,
		},
		{
			name: "429 Retry-After 1 hour",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Retry-After", "3600")
				w.WriteHeader(http.StatusTooManyRequests)
			},
			wantErr:  []string{"HTTP 429 Too Many Requests: the server asks to wait 1h0m0s; try again after"},
			requests: 1,
			heapMB:   16,
		},
		{
			name: "connection reset",
			handler: func(w http.ResponseWriter, r *http.Request) {
				conn, _, err := w.(http.Hijacker).Hijack()
				if err != nil {
					return
				}
				conn.(*net.TCPConn).SetLinger(0) // close with RST
				conn.Close()
			},
			wantErr:  []string{"the server reset the connection (gave up after 3 attempts)"},
			requests: 1 + hostileRetries,
			attempts: 1 + hostileRetries,
			heapMB:   16,
		},
		{
			name: "connection closed before the response",
			handler: func(w http.ResponseWriter, r *http.Request) {
				conn, _, err := w.(http.Hijacker).Hijack()
				if err != nil {
					return
				}
				conn.Close()
			},
			wantErr:  []string{"the server closed the connection without sending a response (gave up after 3 attempts)"},
			requests: 1 + hostileRetries,
			attempts: 1 + hostileRetries,
			heapMB:   16,
		},
	}
}

// billionLaughs declares ten levels of entities, each ten of the last: 10⁹
// "lol"s, were anything to expand them.
var billionLaughs = func() string {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n")
	for i := 1; i <= 9; i++ {
		prev := "lol"
		if i > 1 {
			prev = fmt.Sprintf("lol%d", i-1)
		}
		fmt.Fprintf(&b, "<!ENTITY lol%d \"%s\">\n", i, strings.Repeat("&"+prev+";", 10))
	}
	b.WriteString("]>\n<rss version=\"2.0\"><channel><title>&lol9;</title><item><title>&lol9;</title><guid>1</guid></item></channel></rss>")
	return b.String()
}()

// manyItems serves an RSS feed of n minimal items, streamed.
func manyItems(n int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		var b bytes.Buffer
		io.WriteString(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Many</title>`)
		for i := range n {
			fmt.Fprintf(&b, "<item><guid>%d</guid></item>", i)
			if b.Len() > 32<<10 || i == n-1 {
				if _, err := w.Write(b.Bytes()); err != nil {
					return
				}
				b.Reset()
			}
		}
		io.WriteString(w, `</channel></rss>`)
	}
}
