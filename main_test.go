package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// env is an isolated brief installation: its own config, database and XDG
// directories, so tests never read the user's files.
type env struct {
	t   *testing.T
	dir string
	cfg string
	db  string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "xdg-config"))
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "xdg-data"))
	t.Setenv("NO_COLOR", "1")
	return &env{t: t, dir: dir, cfg: filepath.Join(dir, "config.toml"), db: filepath.Join(dir, "brief.db")}
}

func (e *env) writeConfig(body string) {
	e.t.Helper()
	if err := os.WriteFile(e.cfg, []byte(body), 0o600); err != nil {
		e.t.Fatal(err)
	}
}

// run runs brief in-process with the env's config and database.
func (e *env) run(args ...string) (stdout, stderr string, code int) {
	e.t.Helper()
	var out, errb bytes.Buffer
	full := append([]string{"--config", e.cfg, "--db", e.db}, args...)
	code = run(context.Background(), full, &out, &errb)
	return out.String(), errb.String(), code
}

func (e *env) mustRun(args ...string) string {
	e.t.Helper()
	out, errs, code := e.run(args...)
	if code != 0 {
		e.t.Fatalf("brief %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, out, errs)
	}
	return out
}

func (e *env) listJSON(args ...string) []articleRecord {
	e.t.Helper()
	out := e.mustRun(append([]string{"list", "--json"}, args...)...)
	var recs []articleRecord
	if err := json.Unmarshal([]byte(out), &recs); err != nil {
		e.t.Fatalf("list --json is not a JSON array of records: %v\n%s", err, out)
	}
	return recs
}

const rssTmpl = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>%s</title><link>https://markets.example/</link>
%s
</channel></rss>`

func rssItem(guid, title, body string, when time.Time) string {
	return fmt.Sprintf(`<item><guid>%s</guid><title>%s</title><link>https://markets.example/%s</link>
<pubDate>%s</pubDate><description><![CDATA[%s]]></description></item>`, guid, title, guid, when.Format(time.RFC1123Z), body)
}

func TestDefaultConfigOfflineServesSample(t *testing.T) {
	e := newEnv(t)
	e.cfg = filepath.Join(e.dir, "missing.toml") // no config: the default subscriptions
	_, errs, code := e.run("--offline", "fetch")
	if code != 0 {
		t.Fatalf("offline fetch of the defaults exited %d:\n%s", code, errs)
	}
	recs := e.listJSON("--limit", "0")
	if len(recs) < 12 {
		t.Fatalf("want at least 12 sample articles, got %d", len(recs))
	}
	for _, r := range recs {
		if r.ID == 0 || r.Title == "" || r.Feed == "" || r.Published.IsZero() || r.Read {
			t.Errorf("incomplete record: %+v", r)
		}
	}
	out := e.mustRun("list")
	if !strings.Contains(out, recs[0].Title) {
		t.Errorf("plain list does not show the newest title %q:\n%s", recs[0].Title, out)
	}
}

func TestFetchListShowAgainstServer(t *testing.T) {
	e := newEnv(t)
	now := time.Now().Add(-time.Hour)
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Path == "/broken.xml" {
			http.Error(w, "nope", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, rssTmpl, "Loopback Markets",
			rssItem("a1", "Chipmaker lifts guidance", "<p>Revenue rose <b>19%</b> on data-center demand.</p>", now)+
				rssItem("a2", "Oil slips as inventories build", "<p>Crude fell 2% after a surprise build.</p>", now.Add(-time.Hour)))
	}))
	defer srv.Close()
	e.writeConfig(fmt.Sprintf("[[feed]]\nurl = %q\n\n[[feed]]\nurl = %q\ntitle = \"Broken\"\n", srv.URL+"/ok.xml", srv.URL+"/broken.xml"))

	_, errs, code := e.run("fetch")
	if code != 0 {
		t.Fatalf("fetch with one good feed exited %d:\n%s", code, errs)
	}
	if !strings.Contains(errs, "Broken") {
		t.Errorf("the failing feed is not reported on stderr:\n%s", errs)
	}
	recs := e.listJSON()
	if len(recs) != 2 || recs[0].Title != "Chipmaker lifts guidance" || recs[0].Feed != "Loopback Markets" {
		t.Fatalf("unexpected records: %+v", recs)
	}
	if !strings.HasPrefix(recs[0].Link, "https://markets.example/a1") {
		t.Errorf("link = %q", recs[0].Link)
	}

	show := e.mustRun("show", fmt.Sprint(recs[0].ID))
	if !strings.Contains(show, "Chipmaker lifts guidance") || !strings.Contains(show, "data-center demand") {
		t.Errorf("show lacks title or body:\n%s", show)
	}
	if got := e.listJSON("--unread"); len(got) != 1 || got[0].ID != recs[1].ID {
		t.Errorf("show did not mark the article read: unread = %+v", got)
	}
	md := e.mustRun("show", "--markdown", "--keep-unread", fmt.Sprint(recs[1].ID))
	if !strings.Contains(md, "Crude fell 2%") {
		t.Errorf("--markdown lacks the body:\n%s", md)
	}
	var one showRecord
	if err := json.Unmarshal([]byte(e.mustRun("show", "--json", "--keep-unread", fmt.Sprint(recs[1].ID))), &one); err != nil || one.Markdown == "" || one.ID != recs[1].ID {
		t.Errorf("show --json = %+v, %v", one, err)
	}

	feeds := e.mustRun("feeds", "ls")
	if !strings.Contains(feeds, "fail×1") || !strings.Contains(feeds, "500") {
		t.Errorf("feeds ls does not show the failing feed's health:\n%s", feeds)
	}

	// Read state survives a re-fetch.
	e.mustRun("fetch")
	if got := e.listJSON("--unread"); len(got) != 1 {
		t.Errorf("re-fetch changed read state: unread = %d", len(got))
	}
	found := e.mustRun("search", "inventories")
	if !strings.Contains(found, "Oil slips") {
		t.Errorf("search by body word found:\n%s", found)
	}
}

func TestEveryFeedFailingExitsNonZero(t *testing.T) {
	e := newEnv(t)
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	e.writeConfig(fmt.Sprintf("[[feed]]\nurl = %q\n", srv.URL+"/gone.xml"))
	_, errs, code := e.run("fetch")
	if code == 0 || !strings.Contains(errs, "404") {
		t.Fatalf("fetch with every feed failing: exit %d, stderr:\n%s", code, errs)
	}
}

// Ctrl-C during a fetch: exit 130 and one line saying so; the feeds it had
// not saved are counted, not listed one "context canceled" each, and
// nothing is recorded as their failure.
func TestInterruptedFetchSaysSoOnce(t *testing.T) {
	e := newEnv(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	now := time.Now().Add(-time.Hour)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/slow") {
			cancel() // as Ctrl-C would, while this feed is on its way
			<-r.Context().Done()
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, rssTmpl, "Loopback Markets", rssItem("a1", "Chipmaker lifts guidance", "<p>Revenue rose 19%.</p>", now))
	}))
	defer srv.Close()
	var cfg strings.Builder
	for i := range 6 {
		fmt.Fprintf(&cfg, "[[feed]]\nurl = %q\n\n", fmt.Sprintf("%s/slow%d.xml", srv.URL, i))
	}
	e.writeConfig(cfg.String())

	var out, errb bytes.Buffer
	code := run(ctx, []string{"--config", e.cfg, "--db", e.db, "fetch"}, &out, &errb)
	errs := errb.String()
	if code != 130 || !strings.Contains(errs, "interrupted") || strings.Contains(errs, "context canceled") || strings.Contains(errs, "✗") {
		t.Fatalf("interrupted fetch: exit %d, stderr:\n%s", code, errs)
	}
	feeds := e.mustRun("feeds", "ls")
	if !strings.Contains(feeds, "slow5.xml") || strings.Contains(feeds, "fail") || strings.Contains(feeds, "canceled") {
		t.Errorf("an interruption recorded as the feeds' failure:\n%s", feeds)
	}
}

// The sample reads fine without a network, so a fetch whose network feeds
// all fail is an outage that cron must see: exit 1 and one line saying so.
func TestEveryNetworkFeedFailingExitsNonZero(t *testing.T) {
	now := time.Now().Add(-time.Hour)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/ok.xml" {
			fmt.Fprintf(w, rssTmpl, "Loopback Markets", rssItem("n1", "Copper jumps", "<p>Copper rose.</p>", now))
			return
		}
		http.Error(w, "upstream down", http.StatusInternalServerError)
	}))
	defer srv.Close()
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + closed.Addr().String() + "/feed.xml"
	closed.Close()

	e := newEnv(t)
	e.writeConfig(fmt.Sprintf("[[feed]]\nurl = \"builtin:sample\"\n\n[[feed]]\nurl = %q\n\n[[feed]]\nurl = %q\n", srv.URL+"/down.xml", refused))
	_, errs, code := e.run("fetch", "--quiet")
	var said []string
	for _, line := range strings.Split(errs, "\n") {
		if strings.Contains(line, "every network feed failed") {
			said = append(said, line)
		}
	}
	if code != 1 || len(said) != 1 || !strings.Contains(said[0], "2 feeds") {
		t.Fatalf("sample read, both network feeds failing: exit %d, want 1 and one line naming 2 feeds; stderr:\n%s", code, errs)
	}
	if recs := e.listJSON("--limit", "0"); len(recs) < 12 {
		t.Errorf("the sample was not saved: %d articles", len(recs))
	}

	// Offline, nothing was attempted: not an outage.
	_, errs, code = e.run("--offline", "fetch")
	if code != 0 || !strings.Contains(errs, "2 skipped offline") || strings.Contains(errs, "every network feed") {
		t.Errorf("offline fetch: exit %d, stderr:\n%s", code, errs)
	}

	// One network feed answering is enough.
	e.writeConfig(fmt.Sprintf("[[feed]]\nurl = \"builtin:sample\"\n\n[[feed]]\nurl = %q\n\n[[feed]]\nurl = %q\n", srv.URL+"/down.xml", srv.URL+"/ok.xml"))
	_, errs, code = e.run("fetch")
	if code != 0 || strings.Contains(errs, "every network feed") || !strings.Contains(errs, "1 failed") {
		t.Errorf("one network feed up: exit %d, stderr:\n%s", code, errs)
	}
}

func TestUsageErrorsExitTwoWithOneLine(t *testing.T) {
	e := newEnv(t)
	e.writeConfig("")
	cases := [][]string{
		{"list", "--bogus"},
		{"list", "--since", "yesterday"},
		{"list", "--limit", "-3"},
		{"show", "999"},
		{"show", "abc"},
		{"show"},
		{"frobnicate"},
		{"show", "--json", "--markdown", "1"},
	}
	for _, args := range cases {
		out, errs, code := e.run(args...)
		if code != 2 {
			t.Errorf("brief %v: exit %d, want 2 (stderr %q)", args, code, errs)
		}
		if n := strings.Count(strings.TrimSpace(errs), "\n"); n != 0 || !strings.HasPrefix(errs, "brief: ") {
			t.Errorf("brief %v: want one line on stderr, got %q", args, errs)
		}
		if out != "" {
			t.Errorf("brief %v: unexpected stdout %q", args, out)
		}
	}
}

func TestBareBriefFetchesSampleOnFirstRun(t *testing.T) {
	e := newEnv(t)
	e.cfg = filepath.Join(e.dir, "missing.toml")
	out, _, code := e.run("--offline")
	if code != 0 || strings.Count(out, "\n") < 12 {
		t.Fatalf("bare brief on an empty store: exit %d\n%s", code, out)
	}
}

func TestBriefingsInTheCLI(t *testing.T) {
	e := newEnv(t)
	e.cfg = filepath.Join(e.dir, "missing.toml")
	e.mustRun("--offline", "fetch")
	recs := e.listJSON("--ticker", "baba")
	if len(recs) == 0 {
		t.Fatal("no article naming BABA in the sample")
	}
	var alibaba articleRecord
	for _, r := range recs {
		if strings.HasPrefix(r.Title, "Alibaba Cloud") {
			alibaba = r
		}
		if !slicesContains(r.Tickers, "BABA") {
			t.Errorf("--ticker BABA listed %q, tickers %v", r.Title, r.Tickers)
		}
	}
	if alibaba.ID == 0 {
		t.Fatalf("the Alibaba briefing is not among BABA's articles: %+v", recs)
	}
	card := e.mustRun("show", "--keep-unread", fmt.Sprint(alibaba.ID))
	for _, want := range []string{"Summary\n", "Key takeaways\n", "*BABA×", "Figures", "Cloud Intelligence revenue rose 34%"} {
		if !strings.Contains(card, want) {
			t.Errorf("show lacks %q:\n%s", want, card)
		}
	}
	if strings.Contains(card, "Add a public comment") || strings.Contains(card, "Stay ahead of the market") {
		t.Errorf("show prints the page's boilerplate:\n%s", card)
	}
	var rec struct {
		Summary            []string `json:"summary"`
		SummaryGenerated   bool     `json:"summary_generated"`
		Takeaways          []string `json:"takeaways"`
		TakeawaysGenerated bool     `json:"takeaways_generated"`
		Tickers            []struct {
			Symbol, Exchange, Name, Signal string
			Mentions                       int
			Primary                        bool
		} `json:"tickers"`
		Figures []struct{ Text, Kind, Context string } `json:"figures"`
	}
	if err := json.Unmarshal([]byte(e.mustRun("show", "--json", "--keep-unread", fmt.Sprint(alibaba.ID))), &rec); err != nil {
		t.Fatal(err)
	}
	if len(rec.Summary) < 3 || rec.SummaryGenerated || len(rec.Takeaways) < 3 || rec.TakeawaysGenerated || len(rec.Figures) == 0 {
		t.Errorf("show --json briefing: %+v", rec)
	}
	if len(rec.Tickers) == 0 || rec.Tickers[0].Symbol != "BABA" || !rec.Tickers[0].Primary || rec.Tickers[0].Mentions < 2 || rec.Tickers[0].Name == "" {
		t.Errorf("show --json tickers: %+v", rec.Tickers)
	}

	var stats []tickerRecord
	if err := json.Unmarshal([]byte(e.mustRun("tickers", "--json")), &stats); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, s := range stats {
		if s.Symbol == "BABA" {
			found = s.Articles >= 1 && s.Mentions >= s.Articles && len(s.Daily) == 14 && s.Name != ""
		}
	}
	if !found {
		t.Errorf("tickers --json lacks a complete BABA row: %+v", stats)
	}
	if out := e.mustRun("tickers"); !strings.Contains(out, "BABA") || !strings.Contains(out, "LAST 14 DAYS") {
		t.Errorf("tickers table:\n%s", out)
	}
	if out := e.mustRun("reindex", "--all"); !strings.Contains(out, "Re-extracted 17 articles") {
		t.Errorf("reindex --all: %s", out)
	}
}

func slicesContains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func TestSymbolsImportNamesNewTickers(t *testing.T) {
	e := newEnv(t)
	feedPath := filepath.Join(e.dir, "local.xml")
	os.WriteFile(feedPath, []byte(fmt.Sprintf(rssTmpl, "Local desk",
		rssItem("k1", "Zentrix shares jump", "<p>Zentrix Robotics Corp. (NASDAQ: ZTRX) rose 12% after the launch.</p>", time.Now().Add(-time.Hour)))), 0o600)
	e.writeConfig(fmt.Sprintf("[[feed]]\nurl = %q\n", feedPath))
	e.mustRun("fetch")
	secFile := filepath.Join(e.dir, "company_tickers.json")
	os.WriteFile(secFile, []byte(`{"0":{"cik_str":9999001,"ticker":"ZTRX","title":"Zentrix Robotics Corp."}}`), 0o600)
	if out := e.mustRun("symbols", "import", secFile); !strings.Contains(out, "Imported 1 securities") {
		t.Fatalf("symbols import: %s", out)
	}
	e.mustRun("reindex", "--all")
	var stats []tickerRecord
	json.Unmarshal([]byte(e.mustRun("tickers", "--json")), &stats)
	if len(stats) != 1 || stats[0].Symbol != "ZTRX" || stats[0].Name != "Zentrix Robotics Corp." {
		t.Fatalf("after import and reindex: %+v", stats)
	}
	if _, errs, code := e.run("symbols", "import", filepath.Join(e.dir, "missing.json")); code != 2 || !strings.Contains(errs, "cannot read") {
		t.Errorf("importing a missing file: exit %d, %q", code, errs)
	}
}

// search finds a ticker the text never spells, sorts by date on request,
// and says on stderr how many matched when --limit cut the list.
func TestSearchCommandTickersSortAndTotal(t *testing.T) {
	now := time.Now().Add(-time.Hour)
	var items strings.Builder
	for i := range 22 {
		items.WriteString(rssItem(fmt.Sprint("cu", i), fmt.Sprintf("Copper note %d", i),
			fmt.Sprintf("<p>Copper traded %d cents higher.</p>", i), now.Add(-time.Duration(i)*time.Hour)))
	}
	items.WriteString(rssItem("ali", "Alibaba lifts cloud guidance", "<p>Alibaba said cloud revenue rose 34%.</p>", now.Add(-30*time.Minute)))
	items.WriteString(rssItem("cloud", "Cloud spending slows", "<p>Hyperscalers trimmed orders.</p>", now.Add(-40*time.Minute)))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, rssTmpl, "Loopback Markets", items.String())
	}))
	defer srv.Close()
	e := newEnv(t)
	e.writeConfig(fmt.Sprintf("[[feed]]\nurl = %q\n", srv.URL+"/feed.xml"))
	e.mustRun("fetch", "--quiet")
	if got := e.listJSON("--ticker", "BABA"); len(got) != 1 {
		t.Fatalf("the fixture needs one article tagged BABA, got %+v", got)
	}

	search := func(args ...string) ([]articleRecord, string) {
		t.Helper()
		out, errs, code := e.run(append([]string{"search", "--json"}, args...)...)
		var recs []articleRecord
		if err := json.Unmarshal([]byte(out), &recs); code != 0 || err != nil {
			t.Fatalf("search --json %v: exit %d, %v\n%s%s", args, code, err, out, errs)
		}
		return recs, errs
	}
	if recs, _ := search("BABA"); len(recs) != 1 || recs[0].Title != "Alibaba lifts cloud guidance" {
		t.Errorf("search BABA = %+v, want the Alibaba article", recs)
	}
	if recs, _ := search("baba", "cloud"); len(recs) != 1 || recs[0].Title != "Alibaba lifts cloud guidance" {
		t.Errorf("search baba cloud = %+v, want the Alibaba article only", recs)
	}
	byDate, errs := search("copper", "--sort", "date", "--limit", "5")
	if len(byDate) != 5 || errs != "" {
		t.Fatalf("search --json --limit 5 = %d records, stderr %q; want 5 and nothing on stderr", len(byDate), errs)
	}
	for i, r := range byDate {
		if want := fmt.Sprintf("Copper note %d", i); r.Title != want {
			t.Errorf("by date, #%d = %q, want %q", i, r.Title, want)
		}
	}
	if all, _ := search("copper", "--sort", "relevance", "--limit", "0"); len(all) != 22 {
		t.Errorf("--limit 0 found %d, want 22", len(all))
	}

	out, errs, code := e.run("search", "copper", "--limit", "5")
	if lines := strings.Count(out, "\n"); code != 0 || lines != 5 || strings.TrimSpace(errs) != "showing 5 of 22; --limit 0 shows all" {
		t.Errorf("search --limit 5: exit %d, %d lines, stderr %q", code, lines, errs)
	}
	for _, args := range [][]string{{"--limit", "22"}, {"--limit", "0"}, {"--limit", "30"}} {
		out, errs, code := e.run(append([]string{"search", "copper"}, args...)...)
		if lines := strings.Count(out, "\n"); code != 0 || lines != 22 || errs != "" {
			t.Errorf("search %v: exit %d, %d lines, stderr %q", args, code, lines, errs)
		}
	}
	for _, args := range [][]string{{"--sort", "newest"}, {"--limit", "-1"}} {
		if _, errs, code := e.run(append([]string{"search", "copper"}, args...)...); code != 2 || strings.Count(errs, "\n") != 1 {
			t.Errorf("search %v: exit %d, stderr %q; want a one-line usage error", args, code, errs)
		}
	}
}
