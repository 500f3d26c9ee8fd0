package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"
)

// rssDoc and atomDoc hold just enough of each format to check what a feed
// reader relies on.
type rssDoc struct {
	XMLName xml.Name `xml:"rss"`
	Title   string   `xml:"channel>title"`
	Items   []struct {
		Title       string   `xml:"title"`
		Link        string   `xml:"link"`
		GUID        string   `xml:"guid"`
		PubDate     string   `xml:"pubDate"`
		Description string   `xml:"description"`
		Content     string   `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
		Categories  []string `xml:"category"`
		Tickers     string   `xml:"http://nasdaq.com/reference/feeds/1.0 tickers"`
	} `xml:"channel>item"`
}

type atomDoc struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string   `xml:"title"`
	Entries []struct {
		Title     string `xml:"title"`
		ID        string `xml:"id"`
		Published string `xml:"published"`
		Link      struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Content string `xml:"content"`
	} `xml:"entry"`
}

func testServer(t *testing.T, o corpusOptions, latency time.Duration) (*server, http.Handler) {
	t.Helper()
	c, err := buildCorpus(o)
	if err != nil {
		t.Fatal(err)
	}
	s := newServer(c, latency, nil)
	return s, s.Handler()
}

func get(h http.Handler, path string, header map[string]string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestFeedsParseAsXML(t *testing.T) {
	const items = 20
	_, h := testServer(t, corpusOptions{Feeds: 4, Items: items, Seed: 7, Format: "mixed"}, 0)

	// Feed 0 is RSS, feed 1 Atom under -format mixed.
	rec := get(h, "/feed/0.xml", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /feed/0.xml: status %d", rec.Code)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/rss+xml") {
		t.Errorf("feed 0 Content-Type = %q, want RSS", ct)
	}
	var rss rssDoc
	if err := xml.Unmarshal(rec.Body.Bytes(), &rss); err != nil {
		t.Fatalf("feed 0 is not well-formed RSS: %v", err)
	}
	if len(rss.Items) != items {
		t.Fatalf("feed 0 has %d items, want %d", len(rss.Items), items)
	}
	guids := map[string]bool{}
	var all strings.Builder
	for i, it := range rss.Items {
		if it.GUID == "" || it.Link == "" || it.Title == "" || it.PubDate == "" {
			t.Errorf("item %d lacks guid, link, title or pubDate: %+v", i, it)
		}
		if _, err := time.Parse(time.RFC1123Z, it.PubDate); err != nil {
			t.Errorf("item %d pubDate %q: %v", i, it.PubDate, err)
		}
		if guids[it.GUID] {
			t.Errorf("item %d repeats guid %q", i, it.GUID)
		}
		guids[it.GUID] = true
		body := it.Content
		if body == "" {
			body = it.Description
		}
		if n := len(body); n < minBody || n > maxBody {
			t.Errorf("item %d body is %d bytes, want %d–%d", i, n, minBody, maxBody)
		}
		for _, want := range []string{"<h3>Summary</h3><ul><li>", "Key takeaways for investors:</strong></p>\n<ol><li>"} {
			if !strings.Contains(body, want) {
				t.Errorf("item %d body lacks %q", i, want)
			}
		}
		all.WriteString(body)
	}
	// The ticker forms an extractor has to handle all occur somewhere.
	for _, form := range []string{"(NASDAQ: ", "(NYSE: ", ".HK)", "--", " $", "%"} {
		if !strings.Contains(all.String(), form) {
			t.Errorf("no item of feed 0 contains %q", form)
		}
	}

	rec = get(h, "/feed/1.xml", nil)
	var atom atomDoc
	if err := xml.Unmarshal(rec.Body.Bytes(), &atom); err != nil {
		t.Fatalf("feed 1 is not well-formed Atom: %v", err)
	}
	if len(atom.Entries) != items {
		t.Fatalf("feed 1 has %d entries, want %d", len(atom.Entries), items)
	}
	for i, e := range atom.Entries {
		if e.ID == "" || e.Link.Href == "" || !strings.Contains(e.Content, "Key takeaways for investors:") {
			t.Errorf("entry %d is incomplete: id %q link %q", i, e.ID, e.Link.Href)
		}
	}
}

func TestTickerMetadata(t *testing.T) {
	_, h := testServer(t, corpusOptions{Feeds: 1, Items: 50, Seed: 1, Format: "rss"}, 0)
	var rss rssDoc
	if err := xml.Unmarshal(get(h, "/feed/0.xml", nil).Body.Bytes(), &rss); err != nil {
		t.Fatal(err)
	}
	var symbolCats, nasdaq int
	for _, it := range rss.Items {
		if len(it.Categories) > 1 {
			symbolCats++
		}
		if it.Tickers != "" {
			nasdaq++
		}
	}
	if symbolCats == 0 || symbolCats == len(rss.Items) {
		t.Errorf("%d of %d items carry ticker categories, want some but not all", symbolCats, len(rss.Items))
	}
	if nasdaq == 0 || nasdaq > len(rss.Items)/4 {
		t.Errorf("%d of %d items carry nasdaq:tickers, want a few", nasdaq, len(rss.Items))
	}
}

func TestDeterministic(t *testing.T) {
	o := corpusOptions{Feeds: 3, Items: 5, Seed: 42, Format: "mixed"}
	_, h1 := testServer(t, o, 0)
	_, h2 := testServer(t, o, 0)
	for _, p := range []string{"/feed/0.xml", "/feed/1.xml", "/feed/2.xml"} {
		a, b := get(h1, p, nil), get(h2, p, nil)
		if !bytes.Equal(a.Body.Bytes(), b.Body.Bytes()) || a.Header().Get("ETag") != b.Header().Get("ETag") {
			t.Errorf("%s differs between two servers with the same seed", p)
		}
	}
	// Feed i must not depend on how many feeds there are, so a large
	// corpus contains the small one.
	_, big := testServer(t, corpusOptions{Feeds: 10, Items: 5, Seed: 42, Format: "mixed"}, 0)
	if !bytes.Equal(get(h1, "/feed/2.xml", nil).Body.Bytes(), get(big, "/feed/2.xml", nil).Body.Bytes()) {
		t.Error("feed 2 changes with -feeds")
	}
	o.Seed = 43
	_, other := testServer(t, o, 0)
	if bytes.Equal(get(h1, "/feed/0.xml", nil).Body.Bytes(), get(other, "/feed/0.xml", nil).Body.Bytes()) {
		t.Error("a different seed gives the same feed")
	}
}

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

func TestRunRejectsBadFlags(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run([]string{"-format", "json"}, &out, &errOut); err == nil {
		t.Error("run accepted -format json")
	}
	if out.Len() != 0 {
		t.Errorf("printed %q before failing", out.String())
	}
}

// BenchmarkBuildCorpus measures start-up cost per feed, which bounds how
// long bench/run waits before the 2,000-feed workload.
func BenchmarkBuildCorpus(b *testing.B) {
	for b.Loop() {
		if _, err := buildCorpus(corpusOptions{Feeds: 20, Items: 50, Seed: 1, Format: "mixed"}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestParseEpoch(t *testing.T) {
	now := time.Date(2026, time.May, 2, 15, 4, 5, 0, time.FixedZone("X", 3600))
	cases := map[string]time.Time{
		"":                     time.Date(2026, time.May, 2, 0, 0, 0, 0, time.UTC),
		"2025-01-31":           time.Date(2025, time.January, 31, 0, 0, 0, 0, time.UTC),
		"2025-01-31T10:00:00Z": time.Date(2025, time.January, 31, 10, 0, 0, 0, time.UTC),
	}
	for in, want := range cases {
		got, err := parseEpoch(in, now)
		if err != nil || !got.Equal(want) {
			t.Errorf("parseEpoch(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := parseEpoch("yesterday", now); err == nil {
		t.Error("parseEpoch accepted \"yesterday\"")
	}

	// The epoch dates the items and the validators.
	o := corpusOptions{Feeds: 1, Items: 3, Seed: 1, Format: "rss", Epoch: time.Date(2026, time.May, 2, 0, 0, 0, 0, time.UTC)}
	_, h := testServer(t, o, 0)
	rec := get(h, "/feed/0.xml", nil)
	if lm := rec.Header().Get("Last-Modified"); lm != "Sat, 02 May 2026 00:00:00 GMT" {
		t.Errorf("Last-Modified = %q", lm)
	}
	var rss rssDoc
	if err := xml.Unmarshal(rec.Body.Bytes(), &rss); err != nil {
		t.Fatal(err)
	}
	for _, it := range rss.Items {
		p, _ := time.Parse(time.RFC1123Z, it.PubDate)
		if !p.Before(o.Epoch) || p.Before(o.Epoch.AddDate(0, 0, -14)) {
			t.Errorf("item dated %s, want within two weeks before %s", p, o.Epoch)
		}
	}
}

func TestListenHosts(t *testing.T) {
	lns, err := listen("127.0.0.1:0", 3)
	if err != nil {
		t.Skipf("this system has no 127.0.0.2/3 on loopback: %v", err)
	}
	defer func() {
		for _, ln := range lns {
			ln.Close()
		}
	}()
	if len(lns) != 3 {
		t.Fatalf("got %d listeners, want 3", len(lns))
	}
	port := lns[0].Addr().(*net.TCPAddr).Port
	for i, ln := range lns {
		a := ln.Addr().(*net.TCPAddr)
		if a.Port != port || a.IP.String() != fmt.Sprintf("127.0.0.%d", i+1) {
			t.Errorf("listener %d on %s, want 127.0.0.%d:%d", i, a, i+1, port)
		}
	}
	if _, err := listen("[::1]:0", 2); err == nil {
		t.Error("listen accepted -hosts with a non-127.0.0.1 address")
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

// segments returns each <item> or <entry> element of a feed, as bytes.
func segments(t *testing.T, body []byte) [][]byte {
	t.Helper()
	re := regexp.MustCompile(`(?s)<item>.*?</item>|<entry>.*?</entry>`)
	return re.FindAll(body, -1)
}

func TestExtraItems(t *testing.T) {
	const items, extra = 20, 5
	base := corpusOptions{Feeds: 2, Items: items, Seed: 9, Format: "mixed"}
	more := base
	more.Extra = extra
	_, h0 := testServer(t, base, 0)
	_, h1 := testServer(t, more, 0)
	for _, path := range []string{"/feed/0.xml", "/feed/1.xml"} {
		old, cur := get(h0, path, nil), get(h1, path, nil)
		oldSeg, curSeg := segments(t, old.Body.Bytes()), segments(t, cur.Body.Bytes())
		if len(oldSeg) != items || len(curSeg) != items+extra {
			t.Fatalf("%s: %d and %d items, want %d and %d", path, len(oldSeg), len(curSeg), items, items+extra)
		}
		// The older items keep their exact bytes, in the same order, under
		// the new ones.
		for j := range oldSeg {
			if !bytes.Equal(oldSeg[j], curSeg[extra+j]) {
				t.Errorf("%s: item %d changed with -extra:\n%.300s\nvs\n%.300s", path, j, oldSeg[j], curSeg[extra+j])
			}
		}
		ids, dates := itemIDsAndDates(t, old.Body.Bytes())
		newIDs, newDates := itemIDsAndDates(t, cur.Body.Bytes())
		seen := map[string]bool{}
		for _, id := range ids {
			seen[id] = true
		}
		for k := range extra {
			if seen[newIDs[k]] {
				t.Errorf("%s: new item %d reuses the id %q of an older one", path, k, newIDs[k])
			}
			seen[newIDs[k]] = true
			// Newest first, newer than every older item, before the epoch.
			if !newDates[k].After(newDates[k+1]) || !newDates[k].Before(testEpoch) {
				t.Errorf("%s: new item %d dated %s, next %s; want newest first, after %s and before %s",
					path, k, newDates[k], newDates[k+1], dates[0], testEpoch)
			}
		}
		// The feed changed, so the validators of the old one must not
		// match: a new tag and a later Last-Modified.
		if cur.Header().Get("ETag") == old.Header().Get("ETag") {
			t.Errorf("%s: same ETag with and without -extra", path)
		}
		for _, hd := range []map[string]string{
			{"If-None-Match": old.Header().Get("ETag")},
			{"If-Modified-Since": old.Header().Get("Last-Modified")},
		} {
			if rec := get(h1, path, hd); rec.Code != http.StatusOK {
				t.Errorf("%s: %v answered %d by the server with -extra, want 200", path, hd, rec.Code)
			}
		}
	}
}

// itemIDsAndDates reads the guid or id and the date of every item of an
// RSS or Atom feed.
func itemIDsAndDates(t *testing.T, body []byte) ([]string, []time.Time) {
	t.Helper()
	var ids []string
	var dates []time.Time
	var rss rssDoc
	if xml.Unmarshal(body, &rss) == nil {
		for _, it := range rss.Items {
			d, err := time.Parse(time.RFC1123Z, it.PubDate)
			if err != nil {
				t.Fatal(err)
			}
			ids, dates = append(ids, it.GUID), append(dates, d)
		}
		return ids, dates
	}
	var atom atomDoc
	if err := xml.Unmarshal(body, &atom); err != nil {
		t.Fatal(err)
	}
	for _, e := range atom.Entries {
		d, err := time.Parse(time.RFC3339, e.Published)
		if err != nil {
			t.Fatal(err)
		}
		ids, dates = append(ids, e.ID), append(dates, d)
	}
	return ids, dates
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
