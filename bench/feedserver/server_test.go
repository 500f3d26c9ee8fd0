package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestConditionalGet(t *testing.T) {
	s, h := testServer(t, corpusOptions{Feeds: 2, Items: 3, Seed: 1, Format: "mixed"}, 0)
	first := get(h, "/feed/1.xml", nil)
	etag, lastMod := first.Header().Get("ETag"), first.Header().Get("Last-Modified")
	if !strings.HasPrefix(etag, `"`) || lastMod == "" {
		t.Fatalf("want a strong ETag and Last-Modified, got %q and %q", etag, lastMod)
	}

	cases := []struct {
		name   string
		header map[string]string
		want   int
	}{
		{"matching If-None-Match", map[string]string{"If-None-Match": etag}, http.StatusNotModified},
		{"tag in a list", map[string]string{"If-None-Match": `"nope", ` + etag}, http.StatusNotModified},
		{"weak form of the tag", map[string]string{"If-None-Match": "W/" + etag}, http.StatusNotModified},
		{"other feed's tag", map[string]string{"If-None-Match": get(h, "/feed/0.xml", nil).Header().Get("ETag")}, http.StatusOK},
		{"If-Modified-Since equal", map[string]string{"If-Modified-Since": lastMod}, http.StatusNotModified},
		{"If-Modified-Since older", map[string]string{"If-Modified-Since": testEpoch.Add(-time.Hour).Format(http.TimeFormat)}, http.StatusOK},
		// If-None-Match wins over If-Modified-Since when both are sent.
		{"stale tag, fresh date", map[string]string{"If-None-Match": `"stale"`, "If-Modified-Since": lastMod}, http.StatusOK},
	}
	for _, c := range cases {
		rec := get(h, "/feed/1.xml", c.header)
		if rec.Code != c.want {
			t.Errorf("%s: status %d, want %d", c.name, rec.Code, c.want)
		}
		if rec.Code == http.StatusNotModified {
			if rec.Body.Len() != 0 {
				t.Errorf("%s: 304 has a %d-byte body", c.name, rec.Body.Len())
			}
			if rec.Header().Get("ETag") != etag {
				t.Errorf("%s: 304 ETag %q, want %q", c.name, rec.Header().Get("ETag"), etag)
			}
		}
	}

	// A gzip client's tag is honoured too, and vice versa.
	gz := get(h, "/feed/1.xml", map[string]string{"Accept-Encoding": "gzip"})
	if rec := get(h, "/feed/1.xml", map[string]string{"If-None-Match": gz.Header().Get("ETag")}); rec.Code != http.StatusNotModified {
		t.Errorf("gzip tag without gzip: status %d, want 304", rec.Code)
	}

	st := s.snapshot()
	if st.Status304 == 0 || st.Status200 == 0 || st.Requests != st.Status200+st.Status304+st.StatusOther {
		t.Errorf("stats don't add up: %+v", st)
	}
}

func TestGzip(t *testing.T) {
	_, h := testServer(t, corpusOptions{Feeds: 1, Items: 10, Seed: 3, Format: "rss"}, 0)
	plainRec := get(h, "/feed/0.xml", nil)
	if ce := plainRec.Header().Get("Content-Encoding"); ce != "" {
		t.Fatalf("Content-Encoding %q without Accept-Encoding", ce)
	}
	for _, ae := range []string{"gzip", "br, gzip;q=0.8", "deflate, *"} {
		rec := get(h, "/feed/0.xml", map[string]string{"Accept-Encoding": ae})
		if ce := rec.Header().Get("Content-Encoding"); ce != "gzip" {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, want gzip", ae, ce)
			continue
		}
		if !strings.Contains(rec.Header().Get("Vary"), "Accept-Encoding") {
			t.Errorf("gzip response lacks Vary: Accept-Encoding")
		}
		zr, err := gzip.NewReader(rec.Body)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, plainRec.Body.Bytes()) {
			t.Errorf("Accept-Encoding %q: decompressed body differs from the plain one", ae)
		}
		if rec.Header().Get("ETag") == plainRec.Header().Get("ETag") {
			t.Errorf("gzip and identity responses share the strong ETag %s", rec.Header().Get("ETag"))
		}
	}
	for _, ae := range []string{"gzip;q=0", "br", "identity"} {
		if ce := get(h, "/feed/0.xml", map[string]string{"Accept-Encoding": ae}).Header().Get("Content-Encoding"); ce != "" {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, want none", ae, ce)
		}
	}
}

func TestLatency(t *testing.T) {
	const latency = 60 * time.Millisecond
	_, h := testServer(t, corpusOptions{Feeds: 1, Items: 1, Seed: 1, Format: "rss"}, latency)
	start := time.Now()
	if rec := get(h, "/feed/0.xml", nil); rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	if d := time.Since(start); d < latency {
		t.Errorf("feed answered after %s, want at least %s", d, latency)
	}
	// A 304 is delayed as well: latency is per request, not per byte.
	start = time.Now()
	get(h, "/feed/0.xml", map[string]string{"If-None-Match": "*"})
	if d := time.Since(start); d < latency {
		t.Errorf("304 answered after %s, want at least %s", d, latency)
	}
}

func TestNotFoundAndStats(t *testing.T) {
	s, h := testServer(t, corpusOptions{Feeds: 2, Items: 1, Seed: 1, Format: "atom"}, time.Hour)
	// /stats must answer at once even with a long latency configured.
	rec := get(h, "/stats", nil)
	var st stats
	if err := json.Unmarshal(rec.Body.Bytes(), &st); err != nil {
		t.Fatalf("/stats is not JSON: %v: %s", err, rec.Body)
	}
	if st != (stats{}) {
		t.Errorf("fresh stats = %+v, want zeros", st)
	}

	s.latency = 0
	for _, p := range []string{"/feed/2.xml", "/feed/-1.xml", "/feed/01.xml", "/feed/0.rss", "/nope"} {
		if rec := get(h, p, nil); rec.Code != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", p, rec.Code)
		}
	}
	ok := get(h, "/feed/1.xml", nil)
	if err := json.Unmarshal(get(h, "/stats", nil).Body.Bytes(), &st); err != nil {
		t.Fatal(err)
	}
	// One request at a time, so the in-flight peak is 1.
	want := stats{Requests: 6, Status200: 1, StatusOther: 5, PeakInFlight: 1, PeakInFlightHost: 1}
	want.Bytes = st.Bytes // 404 bodies count too; check the 200 is included
	if st != want || st.Bytes < int64(ok.Body.Len()) {
		t.Errorf("stats = %+v, want %+v with at least %d bytes", st, want, ok.Body.Len())
	}
}

func TestStatsHeadersAndPeak(t *testing.T) {
	const latency = 200 * time.Millisecond
	s, h := testServer(t, corpusOptions{Feeds: 3, Items: 1, Seed: 1, Format: "rss"}, latency)
	readStats := func() stats {
		t.Helper()
		var st stats
		if err := json.Unmarshal(get(h, "/stats", nil).Body.Bytes(), &st); err != nil {
			t.Fatal(err)
		}
		return st
	}
	headers := []map[string]string{
		{"If-None-Match": `"x"`, "Accept-Encoding": "gzip"},
		{"If-Modified-Since": testEpoch.Format(http.TimeFormat)},
		{"If-None-Match": "*", "If-Modified-Since": testEpoch.Format(http.TimeFormat)},
	}
	done := make(chan struct{})
	for i, hd := range headers {
		go func() {
			get(h, fmt.Sprintf("/feed/%d.xml", i), hd)
			done <- struct{}{}
		}()
	}
	for range headers {
		<-done
	}
	st := readStats()
	if st.IfNoneMatch != 2 || st.IfModifiedSince != 2 || st.Gzip != 1 {
		t.Errorf("header counts = %+v, want 2 If-None-Match, 2 If-Modified-Since, 1 gzip", st)
	}
	// The three requests overlapped in the added latency.
	if st.PeakInFlight != 3 {
		t.Errorf("peak in flight = %d, want 3", st.PeakInFlight)
	}
	// Reading /stats starts a new period, in which nothing was in flight.
	if st := readStats(); st.PeakInFlight != 0 {
		t.Errorf("peak after a quiet period = %d, want 0", st.PeakInFlight)
	}
	s.latency = 0
	get(h, "/feed/0.xml", nil)
	if st := readStats(); st.PeakInFlight != 1 || st.Requests != 4 {
		t.Errorf("after one more request: %+v, want peak 1 of 4 requests", st)
	}
}

func TestRequestLog(t *testing.T) {
	c, err := buildCorpus(corpusOptions{Feeds: 1, Items: 1, Seed: 1, Format: "rss"})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	log := newRequestLog(&buf)
	s := newServer(c, 0, log)
	h := s.Handler()
	get(h, "/feed/0.xml", map[string]string{"If-None-Match": `"x"`, "Accept-Encoding": "gzip"})
	s.latency = 30 * time.Millisecond
	get(h, "/feed/0.xml", map[string]string{"If-Modified-Since": testEpoch.Format(http.TimeFormat)})
	if err := log.Flush(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("log has %d lines, want 2:\n%s", len(lines), buf.String())
	}
	if !strings.HasPrefix(lines[0], "GET /feed/0.xml 200 ") || !strings.Contains(lines[0], " inm=1 ims=0 gzip=1 host=example.com at=") {
		t.Errorf("line 1 = %q", lines[0])
	}
	var at0, at1, ms1 float64
	if _, err := fmt.Sscanf(lines[1], "GET /feed/0.xml 304 0 inm=0 ims=1 gzip=0 host=example.com at=%f ms=%f", &at1, &ms1); err != nil {
		t.Fatalf("line 2 = %q: %v", lines[1], err)
	}
	if _, err := fmt.Sscanf(lines[0][strings.Index(lines[0], " at="):], " at=%f", &at0); err != nil {
		t.Fatalf("line 1 = %q: %v", lines[0], err)
	}
	// The second request came later and waited for the added latency.
	if at1 < at0 || ms1 < 30 {
		t.Errorf("line 1 at %.1f ms, line 2 at %.1f ms taking %.1f ms; want the second no earlier, taking at least 30 ms", at0, at1, ms1)
	}
}

func TestNoValidators(t *testing.T) {
	s, h := testServer(t, corpusOptions{Feeds: 2, Items: 3, Seed: 1, Format: "mixed"}, 0)
	withTags := get(h, "/feed/1.xml", nil)
	s.noValidators = true
	for _, ae := range []string{"", "gzip"} {
		first := get(h, "/feed/1.xml", map[string]string{"Accept-Encoding": ae})
		if first.Code != http.StatusOK {
			t.Fatalf("status %d, want 200", first.Code)
		}
		for _, k := range []string{"ETag", "Last-Modified"} {
			if v := first.Header().Get(k); v != "" {
				t.Errorf("Accept-Encoding %q: %s %q sent with -no-validators", ae, k, v)
			}
		}
		// Whatever validators the client has, it gets the same bytes.
		for _, hd := range []map[string]string{
			{"If-None-Match": "*"},
			{"If-None-Match": withTags.Header().Get("ETag")},
			{"If-Modified-Since": withTags.Header().Get("Last-Modified")},
			{"If-Modified-Since": time.Now().Format(http.TimeFormat)},
		} {
			hd["Accept-Encoding"] = ae
			rec := get(h, "/feed/1.xml", hd)
			if rec.Code != http.StatusOK || !bytes.Equal(rec.Body.Bytes(), first.Body.Bytes()) {
				t.Errorf("%v: status %d with %d bytes, want 200 with the same %d bytes", hd, rec.Code, rec.Body.Len(), first.Body.Len())
			}
		}
	}
	if !bytes.Equal(get(h, "/feed/1.xml", nil).Body.Bytes(), withTags.Body.Bytes()) {
		t.Error("-no-validators changes the feed's bytes")
	}
	if st := s.snapshot(); st.Status304 != 0 {
		t.Errorf("%d responses were 304", st.Status304)
	}
}

func TestPeakInFlightPerHost(t *testing.T) {
	const latency = 200 * time.Millisecond
	s, h := testServer(t, corpusOptions{Feeds: 5, Items: 1, Seed: 1, Format: "rss"}, latency)
	readStats := func() stats {
		t.Helper()
		var st stats
		if err := json.Unmarshal(get(h, "/stats", nil).Body.Bytes(), &st); err != nil {
			t.Fatal(err)
		}
		return st
	}
	// Three requests at once to one host, two to another.
	urls := []string{
		"http://127.0.0.1:8080/feed/0.xml", "http://127.0.0.1:8080/feed/1.xml", "http://127.0.0.1:8080/feed/2.xml",
		"http://127.0.0.2:8080/feed/3.xml", "http://127.0.0.2:8080/feed/4.xml",
	}
	done := make(chan struct{})
	for _, u := range urls {
		go func() {
			h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, u, nil))
			done <- struct{}{}
		}()
	}
	for range urls {
		<-done
	}
	st := readStats()
	if st.PeakInFlight != 5 || st.PeakInFlightHost != 3 {
		t.Errorf("peaks = %d in all, %d to one host; want 5 and 3", st.PeakInFlight, st.PeakInFlightHost)
	}
	if st := readStats(); st.PeakInFlightHost != 0 {
		t.Errorf("per-host peak after a quiet period = %d, want 0", st.PeakInFlightHost)
	}
	// The whole-run figure survives /stats and names the host.
	if got := s.summary(); !strings.HasSuffix(got, "; at most 3 in flight at once to one host (127.0.0.1)") {
		t.Errorf("summary = %q", got)
	}
}

// TestPeakInFlightPerListener checks that the host is the address a
// connection came in on, whatever the Host header says.
func TestPeakInFlightPerListener(t *testing.T) {
	lns, err := listen("127.0.0.1:0", 2)
	if err != nil {
		t.Skipf("this system has no 127.0.0.2 on loopback: %v", err)
	}
	c, err := buildCorpus(corpusOptions{Feeds: 4, Items: 1, Seed: 1, Format: "rss"})
	if err != nil {
		t.Fatal(err)
	}
	s := newServer(c, 200*time.Millisecond, nil)
	srv := &http.Server{Handler: s.Handler()}
	for _, ln := range lns {
		go srv.Serve(ln)
	}
	defer srv.Close()
	port := lns[0].Addr().(*net.TCPAddr).Port
	done := make(chan error)
	for i, host := range []string{"127.0.0.1", "127.0.0.2", "127.0.0.2", "127.0.0.2"} {
		go func() {
			req, _ := http.NewRequest(http.MethodGet, fmt.Sprintf("http://%s:%d/feed/%d.xml", host, port, i), nil)
			req.Host = "feeds.example.com"
			resp, err := http.DefaultClient.Do(req)
			if err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
			done <- err
		}()
	}
	for range 4 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	if host, n := s.busiestHost(); host != "127.0.0.2" || n != 3 {
		t.Errorf("busiest host = %s with %d, want 127.0.0.2 with 3", host, n)
	}
}
