package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// server serves a corpus with a fixed added latency, counting what it does.
type server struct {
	corpus  *corpus
	latency time.Duration
	log     *requestLog // nil when not logging
	// noValidators serves every feed without ETag or Last-Modified and
	// never answers 304, like a server that ignores conditional requests:
	// a client gets the same bytes on every fetch.
	noValidators bool

	requests    atomic.Int64
	ok          atomic.Int64
	notModified atomic.Int64
	other       atomic.Int64
	bytes       atomic.Int64
	inm         atomic.Int64 // requests carrying If-None-Match
	ims         atomic.Int64 // requests carrying If-Modified-Since
	gzip        atomic.Int64 // requests accepting gzip
	inFlight    atomic.Int64 // requests being served now
	peak        atomic.Int64 // most in flight since the previous /stats

	hostMu sync.Mutex
	hosts  map[string]*hostLoad // by the address a request came in on
}

// hostLoad is how many requests one host (listening address) is serving.
type hostLoad struct {
	now  int64 // in flight now
	peak int64 // most at once since the previous /stats
	max  int64 // most at once since the server started
}

// stats is the /stats document. bytes counts response bodies as sent, so
// compressed bytes when the client asked for gzip. if_none_match,
// if_modified_since and gzip count the requests that sent that header (or
// accepted gzip), so a script can tell whether a client makes conditional
// requests at all. peak_in_flight is the largest number of requests being
// served at once since the previous GET /stats (which starts a new
// period): how many connections a client really keeps busy. With added
// latency that is its concurrency; with none, requests end too quickly to
// overlap much. peak_in_flight_host is the same for the busiest single
// host (the loopback address a request came in on) in that period: what a
// client's per-host limit lets through.
type stats struct {
	Requests         int64 `json:"requests"`
	Status200        int64 `json:"status_200"`
	Status304        int64 `json:"status_304"`
	StatusOther      int64 `json:"status_other"`
	Bytes            int64 `json:"bytes"`
	IfNoneMatch      int64 `json:"if_none_match"`
	IfModifiedSince  int64 `json:"if_modified_since"`
	Gzip             int64 `json:"gzip"`
	PeakInFlight     int64 `json:"peak_in_flight"`
	PeakInFlightHost int64 `json:"peak_in_flight_host"`
}

func newServer(c *corpus, latency time.Duration, log *requestLog) *server {
	return &server{corpus: c, latency: latency, log: log, hosts: map[string]*hostLoad{}}
}

// Handler routes /feed/{i}.xml and /stats. /stats is neither delayed nor
// counted, so a script can poll it without disturbing the figures.
func (s *server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /feed/{name}", s.serveFeed)
	mux.HandleFunc("/", http.NotFound)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/stats" {
			s.serveStats(w, r)
			return
		}
		s.requests.Add(1)
		arrived := time.Now()
		host := s.enter(r)
		defer s.leave(host)
		rec := &recorder{ResponseWriter: w}
		if s.delay(r) {
			mux.ServeHTTP(rec, r)
		}
		switch rec.status {
		case http.StatusOK:
			s.ok.Add(1)
		case http.StatusNotModified:
			s.notModified.Add(1)
		default:
			s.other.Add(1)
		}
		s.bytes.Add(rec.bytes)
		if s.log != nil {
			s.log.record(r, rec.status, rec.bytes, host, arrived, time.Now())
		}
	})
}

// enter counts a request's headers and raises the in-flight peaks, of the
// server and of the host the request came to, which it returns for leave.
func (s *server) enter(r *http.Request) string {
	if r.Header.Get("If-None-Match") != "" {
		s.inm.Add(1)
	}
	if r.Header.Get("If-Modified-Since") != "" {
		s.ims.Add(1)
	}
	if acceptsGzip(r.Header.Get("Accept-Encoding")) {
		s.gzip.Add(1)
	}
	n := s.inFlight.Add(1)
	for {
		p := s.peak.Load()
		if n <= p || s.peak.CompareAndSwap(p, n) {
			break
		}
	}
	host := hostOf(r)
	s.hostMu.Lock()
	h := s.hosts[host]
	if h == nil {
		h = &hostLoad{}
		s.hosts[host] = h
	}
	h.now++
	h.peak = max(h.peak, h.now)
	h.max = max(h.max, h.now)
	s.hostMu.Unlock()
	return host
}

func (s *server) leave(host string) {
	s.inFlight.Add(-1)
	s.hostMu.Lock()
	s.hosts[host].now--
	s.hostMu.Unlock()
}

// hostOf names the host a request was sent to: the local address of its
// connection (with -hosts, 127.0.0.1 … 127.0.0.N), or the Host header's
// name when the request did not come over a connection, as in tests.
func hostOf(r *http.Request) string {
	if a, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok {
		if host, _, err := net.SplitHostPort(a.String()); err == nil {
			return host
		}
	}
	if host, _, err := net.SplitHostPort(r.Host); err == nil {
		return host
	}
	return r.Host
}

// hostPeak is the most requests one host had in flight at once in the
// current period, and starts a new period when reset is set.
func (s *server) hostPeak(reset bool) int64 {
	s.hostMu.Lock()
	defer s.hostMu.Unlock()
	var most int64
	for _, h := range s.hosts {
		most = max(most, h.peak)
		if reset {
			h.peak = h.now
		}
	}
	return most
}

// busiestHost is the host with the most requests in flight at once since
// the server started, and that number.
func (s *server) busiestHost() (string, int64) {
	s.hostMu.Lock()
	defer s.hostMu.Unlock()
	var name string
	var most int64
	for host, h := range s.hosts {
		if h.max > most || (h.max == most && host < name) {
			name, most = host, h.max
		}
	}
	return name, most
}

// delay waits for the configured latency, or reports false if the client
// went away first, so cancelled fetches don't hold goroutines.
func (s *server) delay(r *http.Request) bool {
	if s.latency <= 0 {
		return true
	}
	t := time.NewTimer(s.latency)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

func (s *server) serveFeed(w http.ResponseWriter, r *http.Request) {
	name, ok := strings.CutSuffix(r.PathValue("name"), ".xml")
	i, err := strconv.Atoi(name)
	if !ok || err != nil || i < 0 || i >= len(s.corpus.docs) || strconv.Itoa(i) != name {
		http.NotFound(w, r)
		return
	}
	d := &s.corpus.docs[i]
	gz := acceptsGzip(r.Header.Get("Accept-Encoding"))
	body, etag := d.body, d.etag
	if gz {
		body, etag = d.gzipped, d.gzipETag
	}
	h := w.Header()
	if !s.noValidators {
		h.Set("ETag", etag)
		h.Set("Last-Modified", s.corpus.lastModified.Format(http.TimeFormat))
	}
	h.Set("Vary", "Accept-Encoding")
	h.Set("Cache-Control", "max-age=0")
	if !s.noValidators && s.notModified304(r, d) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", d.contentType)
	if gz {
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// notModified304 applies RFC 9110's order: If-None-Match when present,
// otherwise If-Modified-Since. Either of the feed's tags matches, because a
// client that cached one coding still has the same content.
func (s *server) notModified304(r *http.Request, d *document) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, t := range parseETags(inm) {
			if t == "*" || t == d.etag || t == d.gzipETag {
				return true
			}
		}
		return false
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" {
		t, err := http.ParseTime(ims)
		return err == nil && !s.corpus.lastModified.Truncate(time.Second).After(t)
	}
	return false
}

// parseETags splits an If-None-Match list into its tags, dropping the W/
// prefix because If-None-Match uses weak comparison.
func parseETags(v string) []string {
	var tags []string
	for {
		v = strings.TrimLeft(v, " \t,")
		if v == "" {
			return tags
		}
		if v[0] == '*' {
			tags = append(tags, "*")
			v = v[1:]
			continue
		}
		v = strings.TrimPrefix(v, "W/")
		if v == "" || v[0] != '"' {
			return tags // malformed: stop rather than guess
		}
		end := strings.IndexByte(v[1:], '"')
		if end < 0 {
			return tags
		}
		tags = append(tags, v[:end+2])
		v = v[end+2:]
	}
}

// acceptsGzip reports whether an Accept-Encoding value allows gzip: named
// with a non-zero q, or covered by "*" when gzip is not named at all.
func acceptsGzip(v string) bool {
	star := false
	for part := range strings.SplitSeq(v, ",") {
		coding, params, _ := strings.Cut(part, ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		q := 1.0
		for p := range strings.SplitSeq(params, ";") {
			if val, ok := strings.CutPrefix(strings.TrimSpace(p), "q="); ok {
				if f, err := strconv.ParseFloat(val, 64); err == nil {
					q = f
				}
			}
		}
		switch coding {
		case "gzip", "x-gzip":
			return q > 0
		case "*":
			star = q > 0
		}
	}
	return star
}

// snapshot reads the counters; the in-flight peak is that of the current
// period, which only serveStats ends.
func (s *server) snapshot() stats {
	return stats{
		Requests:         s.requests.Load(),
		Status200:        s.ok.Load(),
		Status304:        s.notModified.Load(),
		StatusOther:      s.other.Load(),
		Bytes:            s.bytes.Load(),
		IfNoneMatch:      s.inm.Load(),
		IfModifiedSince:  s.ims.Load(),
		Gzip:             s.gzip.Load(),
		PeakInFlight:     s.peak.Load(),
		PeakInFlightHost: s.hostPeak(false),
	}
}

func (s *server) serveStats(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	st := s.snapshot()
	// Start a new peak period from what is in flight now.
	st.PeakInFlight = s.peak.Swap(s.inFlight.Load())
	st.PeakInFlightHost = s.hostPeak(true)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	json.NewEncoder(w).Encode(st)
}

// recorder remembers the status and body size of a response.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(p)
	r.bytes += int64(n)
	return n, err
}

// requestLog writes one line per request:
//
//	GET /feed/3.xml 304 0 inm=1 ims=1 gzip=1 host=127.0.0.4 at=1532.1 ms=100.2
//
// The status is 0 when the client went away during the added latency. host
// is the address the request came to, at when it arrived (milliseconds
// since the log was opened) and ms how long it took to answer, so the log
// shows how a client spreads its requests over hosts and time.
type requestLog struct {
	mu    sync.Mutex
	w     *bufio.Writer
	start time.Time
}

func newRequestLog(w io.Writer) *requestLog {
	return &requestLog{w: bufio.NewWriterSize(w, 64<<10), start: time.Now()}
}

func (l *requestLog) record(r *http.Request, status int, n int64, host string, arrived, done time.Time) {
	line := fmt.Sprintf("%s %s %d %d inm=%d ims=%d gzip=%d host=%s at=%.1f ms=%.1f\n",
		r.Method, r.URL.EscapedPath(), status, n,
		bit(r.Header.Get("If-None-Match") != ""),
		bit(r.Header.Get("If-Modified-Since") != ""),
		bit(acceptsGzip(r.Header.Get("Accept-Encoding"))),
		host, ms(arrived.Sub(l.start)), ms(done.Sub(arrived)))
	l.mu.Lock()
	l.w.WriteString(line)
	l.mu.Unlock()
}

func (l *requestLog) Flush() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Flush()
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func bit(b bool) int {
	if b {
		return 1
	}
	return 0
}

// summary is the line the server prints when it stops.
func (s *server) summary() string {
	st := s.snapshot()
	line := fmt.Sprintf("feedserver: stopped after %d requests (%d × 200, %d × 304, %d other; %d with If-None-Match, %d with If-Modified-Since), %.1f MB sent",
		st.Requests, st.Status200, st.Status304, st.StatusOther, st.IfNoneMatch, st.IfModifiedSince, float64(st.Bytes)/1e6)
	if host, n := s.busiestHost(); n > 0 {
		line += fmt.Sprintf("; at most %d in flight at once to one host (%s)", n, host)
	}
	return line
}
