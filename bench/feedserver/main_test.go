package main

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
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

// TestWireItems checks -wire: no item has a Summary block or a takeaways
// list, each body is shorter than the same item's without -wire, and every
// item is otherwise the one the same seed gives without it (title, link,
// guid, date).
func TestWireItems(t *testing.T) {
	const items = 30
	read := func(wire bool) rssDoc {
		_, h := testServer(t, corpusOptions{Feeds: 1, Items: items, Seed: 3, Format: "rss", Wire: wire}, 0)
		var doc rssDoc
		if err := xml.Unmarshal(get(h, "/feed/0.xml", nil).Body.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		return doc
	}
	wire, site := read(true), read(false)
	if len(wire.Items) != items || len(site.Items) != items {
		t.Fatalf("%d and %d items, want %d", len(wire.Items), len(site.Items), items)
	}
	for i, it := range wire.Items {
		body := cmp.Or(it.Content, it.Description)
		for _, no := range []string{"<h3>Summary</h3>", "Key takeaways for investors:"} {
			if strings.Contains(body, no) {
				t.Errorf("wire item %d has %q", i, no)
			}
		}
		s := site.Items[i]
		if n, whole := len(body), len(cmp.Or(s.Content, s.Description)); n < 100 || n >= whole {
			t.Errorf("wire item %d body is %d bytes, want at least a paragraph and less than the %d without -wire", i, n, whole)
		}
		if it.Title != s.Title || it.Link != s.Link || it.GUID != s.GUID || it.PubDate != s.PubDate {
			t.Errorf("wire item %d is %q %s %s %s, without -wire %q %s %s %s", i, it.Title, it.Link, it.GUID, it.PubDate, s.Title, s.Link, s.GUID, s.PubDate)
		}
	}
}
