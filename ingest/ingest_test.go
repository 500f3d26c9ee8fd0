package ingest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"brief/config"
	"brief/feed"
	"brief/store"
)

const doc = `<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title><link>https://desk.example/</link>
<item><guid>g1</guid><title>Alibaba Group (BABA) lifts cloud guidance</title><link>https://desk.example/1?utm_source=rss</link>
<pubDate>Tue, 24 Nov 2026 10:00:00 +0000</pubDate>
<description><![CDATA[<h3>Summary</h3><ul><li>Cloud revenue rose 34% to $6.3 billion.</li><li>Shares of (NYSE: BABA) gained 4%.</li></ul><p>Alibaba Group (BABA) said demand for AI capacity exceeds supply.</p>]]></description></item>
<item><title>No guid, no link</title><description>Plain text teaser.</description></item>
</channel></rss>`

func newStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "brief.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestRunSavesBriefingsAndUsesValidators(t *testing.T) {
	var hits, conditional atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.Header.Get("If-None-Match") == `"v1"` {
			conditional.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		if r.URL.Path == "/down.xml" {
			http.Error(w, "boom", http.StatusBadGateway)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		fmt.Fprint(w, doc)
	}))
	defer srv.Close()
	st := newStore(t)
	in := &Ingester{Store: st, Fetcher: feed.NewFetcher(feed.Options{Retries: -1})}
	subs := []config.Feed{{URL: srv.URL + "/ok.xml", Title: "My desk"}, {URL: srv.URL + "/down.xml"}}
	ctx := context.Background()

	var calls int
	rep, err := in.Run(ctx, subs, func(done, total int, r FeedReport) { calls++ })
	if err != nil {
		t.Fatal(err)
	}
	if calls != 2 || rep.New != 2 || rep.Failed != 1 || rep.AllFailed() {
		t.Fatalf("first run: calls %d, report %+v", calls, rep)
	}
	if rep.Feeds[1].Err == nil || !strings.Contains(rep.Feeds[1].Err.Error(), "502") {
		t.Errorf("failing feed's report: %+v", rep.Feeds[1])
	}
	arts, err := st.List(ctx, store.Query{Ticker: "BABA"})
	if err != nil || len(arts) != 1 {
		t.Fatalf("articles naming BABA: %d (%v)", len(arts), err)
	}
	full, err := st.Article(ctx, arts[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if full.Link != "https://desk.example/1" || !strings.Contains(full.Markdown, "demand for AI capacity") {
		t.Errorf("link %q, markdown %q", full.Link, full.Markdown)
	}
	if !strings.Contains(string(full.Briefing), "Cloud revenue rose 34%") || full.ExtractorVersion == 0 {
		t.Errorf("briefing not stored: %s (version %d)", full.Briefing, full.ExtractorVersion)
	}
	feeds, _ := st.Feeds(ctx)
	for _, f := range feeds {
		if f.URL == subs[1].URL && (f.Failures != 1 || f.LastError == "") {
			t.Errorf("failure not recorded: %+v", f)
		}
	}

	if err := st.SetRead(ctx, true, arts[0].ID); err != nil {
		t.Fatal(err)
	}
	rep, err = in.Run(ctx, subs, nil)
	if err != nil {
		t.Fatal(err)
	}
	if conditional.Load() != 1 || !rep.Feeds[0].NotModified || rep.New != 0 {
		t.Errorf("second run: conditional %d, report %+v", conditional.Load(), rep.Feeds[0])
	}
	if n, _ := st.Count(ctx, store.Query{Unread: true}); n != 1 {
		t.Errorf("unread after re-fetch = %d, want 1", n)
	}
}

func TestRunOfflineSkipsNetworkFeeds(t *testing.T) {
	st := newStore(t)
	in := &Ingester{Store: st, Fetcher: feed.NewFetcher(feed.Options{Offline: true}), Now: func() time.Time { return time.Now() }}
	rep, err := in.Run(context.Background(), []config.Feed{{URL: "https://example.invalid/feed"}, {URL: "builtin:sample"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Feeds[0].Skipped || rep.Failed != 0 || rep.New < 12 || rep.AllFailed() {
		t.Fatalf("offline run: %+v", rep)
	}
	feeds, _ := st.Feeds(context.Background())
	for _, f := range feeds {
		if f.Failures != 0 {
			t.Errorf("offline skip counted as a failure: %+v", f)
		}
	}
}

func TestRunCountsNetworkFeedsApart(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/ok.xml" {
			fmt.Fprint(w, doc)
			return
		}
		http.Error(w, "down", http.StatusInternalServerError)
	}))
	defer srv.Close()
	dir := t.TempDir()
	local := filepath.Join(dir, "local.xml")
	if err := os.WriteFile(local, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	run := func(offline bool, urls ...string) Report {
		t.Helper()
		in := &Ingester{Store: newStore(t), Fetcher: feed.NewFetcher(feed.Options{Retries: -1, Offline: offline})}
		var subs []config.Feed
		for _, u := range urls {
			subs = append(subs, config.Feed{URL: u})
		}
		rep, err := in.Run(ctx, subs, nil)
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	counts := func(r Report) string {
		return fmt.Sprintf("ok %d, failed %d, skipped %d; failed in all %d", r.NetworkOK, r.NetworkFailed, r.NetworkSkipped, r.Failed)
	}

	// The sample and local files succeed; every network feed fails.
	rep := run(false, "builtin:sample", srv.URL+"/a.xml", local, "file://"+local, srv.URL+"/b.xml", filepath.Join(dir, "missing.xml"))
	if got := counts(rep); got != "ok 0, failed 2, skipped 0; failed in all 3" || !rep.AllNetworkFailed() || rep.AllFailed() {
		t.Errorf("network down: %s, AllNetworkFailed %v, AllFailed %v", got, rep.AllNetworkFailed(), rep.AllFailed())
	}
	if !rep.Feeds[1].Network || rep.Feeds[0].Network || rep.Feeds[2].Network || rep.Feeds[3].Network || rep.Feeds[5].Network {
		t.Errorf("feeds marked network: %+v", rep.Feeds)
	}

	// One network feed answering is not an outage.
	rep = run(false, "builtin:sample", srv.URL+"/a.xml", srv.URL+"/ok.xml")
	if got := counts(rep); got != "ok 1, failed 1, skipped 0; failed in all 1" || rep.AllNetworkFailed() {
		t.Errorf("one network feed up: %s, AllNetworkFailed %v", got, rep.AllNetworkFailed())
	}

	// Offline, network feeds are skipped, not failed.
	rep = run(true, "builtin:sample", srv.URL+"/a.xml", srv.URL+"/ok.xml")
	if got := counts(rep); got != "ok 0, failed 0, skipped 2; failed in all 0" || rep.AllNetworkFailed() {
		t.Errorf("offline: %s, AllNetworkFailed %v", got, rep.AllNetworkFailed())
	}

	// Without network feeds, a failing local one is no network failure.
	rep = run(false, "builtin:sample", filepath.Join(dir, "missing.xml"))
	if got := counts(rep); got != "ok 0, failed 0, skipped 0; failed in all 1" || rep.AllNetworkFailed() {
		t.Errorf("local feeds only: %s, AllNetworkFailed %v", got, rep.AllNetworkFailed())
	}
}

// TestUnchangedItemsAreNotConvertedAgain: a server that ignores validators
// and sends the same bytes again costs no parse; when one item changes, the
// items it already sent cost no conversion, and the edited one is converted
// and saved again.
func TestUnchangedItemsAreNotConvertedAgain(t *testing.T) {
	var body atomic.Value
	body.Store(doc)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, body.Load().(string))
	}))
	defer srv.Close()
	st := newStore(t)
	in := &Ingester{Store: st, Fetcher: feed.NewFetcher(feed.Options{Retries: -1})}
	subs := []config.Feed{{URL: srv.URL + "/feed.xml"}}
	ctx := context.Background()
	rep, err := in.Run(ctx, subs, nil)
	if err != nil || rep.New != 2 || rep.Feeds[0].Unchanged != 0 {
		t.Fatalf("first run: %+v, %v", rep.Feeds[0], err)
	}
	rep, err = in.Run(ctx, subs, nil)
	if err != nil || !rep.Feeds[0].NotModified || rep.New != 0 || rep.Feeds[0].Updated != 0 {
		t.Fatalf("same bytes again: %+v, %v; want the feed taken as not modified, nothing parsed", rep.Feeds[0], err)
	}
	body.Store(strings.Replace(doc, "exceeds supply", "still exceeds supply", 1))
	rep, err = in.Run(ctx, subs, nil)
	if err != nil || rep.Feeds[0].Updated != 1 || rep.Feeds[0].Unchanged != 1 {
		t.Fatalf("one item edited: %+v, %v; want it updated and the other unchanged", rep.Feeds[0], err)
	}
	arts, _ := st.List(ctx, store.Query{Ticker: "BABA"})
	full, err := st.Article(ctx, arts[0].ID)
	if err != nil || !strings.Contains(full.Markdown, "still exceeds supply") {
		t.Errorf("the edit was not saved: %q, %v", full.Markdown, err)
	}
}
