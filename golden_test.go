package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var updateGolden = flag.Bool("update", false, "rewrite the command outputs in testdata/cli")

// goldenNow is the clock of the golden run: the afternoon after the
// sample's newest article, so that ages, --since windows and the
// fourteen-day sparklines all have something to show.
var goldenNow = time.Date(2026, 11, 26, 18, 0, 0, 0, time.UTC)

// A goldenStep is one command of the golden run. Its output is compared
// byte for byte with testdata/cli/NNN-name.txt.
type goldenStep struct {
	name string
	args []string
}

// goldenCopy is a local feed beside the sample: a second copy of the
// sample's Alibaba story (the same link), so that stories, "sources" and
// "Also from" have something to show, and one article of its own with a
// title in wide characters.
const goldenCopy = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Local desk</title><link>https://local.example/</link>
<item><guid>local-1</guid><title>Alibaba Cloud Revenue Jumps 34% as AI Demand Offsets Commerce Spending</title>
<link>https://www.example.com/alibaba-cloud-revenue-jumps-34-percent</link>
<pubDate>Thu, 26 Nov 2026 16:00:00 +0000</pubDate>
<description><![CDATA[<p>Alibaba Group (NYSE: BABA) said cloud revenue rose 34% in the quarter.</p>]]></description></item>
<item><guid>local-2</guid><title>阿里巴巴云业务收入增长34%</title>
<link>https://local.example/baba-cn</link>
<pubDate>Thu, 26 Nov 2026 12:00:00 +0000</pubDate>
<description><![CDATA[<p>阿里巴巴（BABA）云智能集团收入同比增长34%，达到398亿元。</p>]]></description></item>
</channel></rss>`

const goldenOPML = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Mine</title></head><body>
<outline text="Asia"><outline type="rss" text="Asia markets" xmlUrl="https://feeds.example/asia.xml"/></outline>
<outline type="rss" text="Rates" xmlUrl="https://feeds.example/rates.xml"/>
</body></opml>`

const goldenNewsboat = `https://feeds.example/tech.xml tech "~Tech desk"
"exec:/bin/echo hello" commands
https://feeds.example/rates.xml
`

const goldenSEC = `{"0":{"cik_str":9999001,"ticker":"ZTRX","title":"Zentrix Robotics Corp."},"1":{"cik_str":1577552,"ticker":"BABA","title":"Alibaba Group Holding Ltd"}}`

// TestCommandOutputsGolden runs every command on the embedded sample (and a
// small local feed beside it) at a fixed time and compares what each prints
// with the recorded outputs in testdata/cli, byte for byte: stdout, stderr
// and the exit status. Rerun with -update after a change made on purpose,
// and read the diff.
func TestCommandOutputsGolden(t *testing.T) {
	e := newEnv(t)
	for name, body := range map[string]string{
		"local.xml": goldenCopy, "subs.opml": goldenOPML, "urls": goldenNewsboat, "company_tickers.json": goldenSEC,
	} {
		if err := os.WriteFile(filepath.Join(e.dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	e.writeConfig(fmt.Sprintf(`watchlist = ["BABA", "NVDA"]

[[feed]]
url = "builtin:sample"
tags = ["markets", "sample"]

[[feed]]
url = "https://feeds.example/offline.xml"
title = "Network desk"

[[feed]]
url = %q
title = "Broken desk"
`, filepath.Join(e.dir, "missing.xml")))

	dir := filepath.Join("testdata", "cli")
	if *updateGolden {
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	step := func(s goldenStep) {
		t.Helper()
		n++
		var out, errb bytes.Buffer
		full := []string{"--config", e.cfg, "--db", e.db}
		for _, a := range s.args {
			full = append(full, strings.ReplaceAll(a, "$DIR", e.dir))
		}
		code := runAt(context.Background(), full, &out, &errb, func() time.Time { return goldenNow })
		got := goldenRecord(e.dir, s.args, code, out.String(), errb.String())
		path := filepath.Join(dir, fmt.Sprintf("%03d-%s.txt", n, s.name))
		if *updateGolden {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run with -update to record it)", err)
		}
		if got != string(want) {
			t.Errorf("brief %s differs from %s:\n%s", strings.Join(s.args, " "), path, firstDifference(string(want), got))
		}
	}
	for _, s := range goldenFirstSteps {
		step(s)
	}
	// Every article, as a card and as JSON, by the IDs the store gave them.
	var recs []articleRecord
	if err := json.Unmarshal([]byte(e.mustRun("list", "--json", "--limit", "0", "--copies")), &recs); err != nil {
		t.Fatal(err)
	}
	if len(recs) < 17 {
		t.Fatalf("the golden run stored %d articles, want the sample's 17 and more", len(recs))
	}
	for _, r := range recs {
		id := fmt.Sprint(r.ID)
		step(goldenStep{"show-" + id, []string{"show", "--keep-unread", id}})
		step(goldenStep{"show-json-" + id, []string{"show", "--json", "--keep-unread", id}})
	}
	for _, s := range goldenLaterSteps {
		step(s)
	}
	for _, c := range goldenCommands {
		step(goldenStep{"help-" + strings.ReplaceAll(c, " ", "-"), append(strings.Fields(c), "--help")})
	}
	// A [sync] account: its status without the network, and a sync
	// refused offline.
	e.writeConfig("[sync]\nkind = \"miniflux\"\nurl = \"https://reader.example\"\nuser = \"me\"\npassword_env = \"BRIEF_GOLDEN_NO_SUCH_VAR\"\n")
	step(goldenStep{"sync-status-account", []string{"sync", "--status"}})
	step(goldenStep{"sync-offline", []string{"--offline", "sync"}})
	if !*updateGolden {
		if files, _ := os.ReadDir(dir); len(files) != n {
			t.Errorf("%s holds %d outputs, the run made %d: rerun with -update", dir, len(files), n)
		}
	}
}

// goldenFirstSteps run before the articles are shown one by one.
var goldenFirstSteps = []goldenStep{
	{"version", []string{"version"}},
	{"help", []string{"--help"}},
	{"list-empty", []string{"list"}},
	{"first-run", []string{"--offline", "--list"}},
	{"fetch-again", []string{"--offline", "fetch"}},
	// The local feed joins after the sample, so that the IDs of its
	// articles do not depend on which feed a fetch finished first.
	{"feeds-add-local", []string{"feeds", "add", "$DIR/local.xml", "--title", "Local desk"}},
	{"fetch-local", []string{"--offline", "fetch"}},
	{"fetch-quiet", []string{"--offline", "fetch", "-q"}},
	{"bare-list", []string{"--list"}},
	{"list", []string{"list"}},
	{"list-json", []string{"list", "--json"}},
	{"list-count", []string{"list", "--count"}},
	{"list-count-json", []string{"list", "--count", "--json"}},
	{"list-copies", []string{"list", "--copies"}},
	{"list-limit", []string{"list", "--unread", "--limit", "4"}},
	{"list-tickers", []string{"list", "--ticker", "nvda,$BABA"}},
	{"list-watchlist", []string{"list", "--watchlist", "--ticker", "TSM"}},
	{"list-tag", []string{"list", "--tag", "markets", "--since", "3d"}},
	{"list-feed", []string{"list", "--feed", "Local desk", "--json"}},
	{"list-since", []string{"list", "--since", "90m"}},
	{"list-since-weeks", []string{"list", "--since", "1.5w", "-n", "0"}},
	{"list-starred", []string{"list", "--starred"}},
	{"list-no-ticker", []string{"list", "--ticker", " , $"}},
	{"search", []string{"search", "cloud", "revenue"}},
	{"search-date", []string{"search", "BABA", "--sort", "date", "--limit", "2"}},
	{"search-json", []string{"search", "guid*", "--json"}},
	{"search-copies", []string{"search", "Alibaba", "--copies"}},
	{"search-none", []string{"search", "zzyzx"}},
	{"search-bad-sort", []string{"search", "x", "--sort", "size"}},
	{"stories", []string{"stories"}},
	{"stories-week", []string{"stories", "--since", "7d", "--limit", "5"}},
	{"stories-json", []string{"stories", "--since", "30d", "--json"}},
	{"stories-none", []string{"stories", "--since", "1m"}},
	{"tickers", []string{"tickers"}},
	{"tickers-json", []string{"tickers", "--json"}},
	{"tickers-since", []string{"tickers", "--since", "2d", "-n", "5"}},
	{"tickers-none", []string{"tickers", "--since", "1m"}},
	{"feeds", []string{"feeds"}},
	{"feeds-ls-json", []string{"feeds", "ls", "--json"}},
	{"watchlist", []string{"watchlist"}},
	{"watchlist-json", []string{"watchlist", "--json"}},
}

// goldenLaterSteps change the store and the config, after the cards.
var goldenLaterSteps = []goldenStep{
	{"show-markdown", []string{"show", "--markdown", "1"}},
	{"show-raw", []string{"show", "--raw", "--keep-unread", "1"}},
	{"show-width", []string{"show", "-w", "50", "2"}},
	{"list-after-show", []string{"list", "--unread", "-n", "5"}},
	{"mark-read-nothing", []string{"mark-read"}},
	{"mark-read-ticker", []string{"mark-read", "--ticker", "BABA", "--since", "2d"}},
	{"mark-read-watchlist", []string{"mark-read", "--watchlist"}},
	{"list-unread", []string{"list", "--unread"}},
	{"watchlist-add", []string{"watchlist", "add", "tsm", "$xpev,BABA"}},
	{"watchlist-rm", []string{"watchlist", "rm", "NVDA", "MSFT"}},
	{"watchlist-ls", []string{"watchlist", "ls"}},
	{"watchlist-add-none", []string{"watchlist", "add", "$"}},
	{"feeds-add", []string{"feeds", "add", "https://feeds.example/asia-pacific.xml", "--title", "APAC", "--tag", "asia,markets"}},
	{"feeds-add-again", []string{"feeds", "add", "https://feeds.example/asia-pacific.xml"}},
	{"import-opml", []string{"import", "$DIR/subs.opml"}},
	{"import-newsboat", []string{"import", "$DIR/urls"}},
	{"import-missing", []string{"import", "$DIR/nothing.opml"}},
	{"feeds-after-import", []string{"feeds", "ls"}},
	{"export", []string{"export"}},
	{"feeds-rm", []string{"feeds", "rm", "APAC"}},
	{"feeds-rm-unknown", []string{"feeds", "rm", "https://nowhere.example/"}},
	{"list-tag-after-rm", []string{"list", "--tag", "asia"}},
	{"symbols", []string{"symbols"}},
	{"symbols-import", []string{"symbols", "import", "$DIR/company_tickers.json"}},
	{"symbols-import-missing", []string{"symbols", "import", "$DIR/none.json"}},
	{"reindex", []string{"reindex"}},
	{"reindex-all", []string{"reindex", "--all"}},
	{"tickers-after-reindex", []string{"tickers", "-n", "8"}},
	{"sync-status", []string{"sync", "--status"}},
	{"sync-unset", []string{"sync"}},
	{"bogus-flag", []string{"list", "--bogus"}},
	{"bad-since", []string{"list", "--since", "yesterday"}},
	{"bad-limit", []string{"list", "--limit", "-3"}},
	{"show-missing", []string{"show", "999"}},
	{"show-not-id", []string{"show", "abc"}},
	{"show-no-arg", []string{"show"}},
	{"show-json-markdown", []string{"show", "--json", "--markdown", "1"}},
	{"show-json-raw", []string{"show", "--json", "--raw", "1"}},
	{"unknown-command", []string{"frobnicate"}},
	{"bad-theme", []string{"--theme", "purple"}},
	{"extra-arg", []string{"list", "extra"}},
	{"help-command", []string{"help", "list"}},
	{"completion-help", []string{"completion", "--help"}},
}

// goldenCommands are every command and subcommand, for their --help.
var goldenCommands = []string{
	"fetch", "list", "mark-read", "show", "search", "stories",
	"feeds", "feeds add", "feeds rm", "feeds ls",
	"watchlist", "watchlist add", "watchlist rm", "watchlist ls",
	"import", "export", "tickers", "reindex", "symbols", "symbols import",
	"sync", "version", "completion bash", "help",
}

// seconds is the one thing in the outputs that the clock does not fix: how
// long a fetch took.
var seconds = regexp.MustCompile(`\(\d+\.\ds\)`)

// goldenRecord is what the golden file of one command holds. The
// temporary directory is written $DIR, and fetch timings (0.0s).
func goldenRecord(dir string, args []string, code int, stdout, stderr string) string {
	clean := func(s string) string {
		s = strings.ReplaceAll(s, dir, "$DIR")
		return seconds.ReplaceAllString(s, "(0.0s)")
	}
	return fmt.Sprintf("$ brief %s\nexit %d\n--- stdout\n%s--- stderr\n%s", strings.Join(args, " "), code, clean(stdout), clean(stderr))
}

// firstDifference shows the first line where got departs from want.
func firstDifference(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(w), len(g)) {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d\nwant %q\n got %q", i+1, wl, gl)
		}
	}
	return "(same lines, different bytes)"
}
