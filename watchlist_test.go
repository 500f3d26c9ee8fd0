package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestListSeveralTickersAndWatchlist: --ticker takes several symbols and
// --watchlist the config's; each article comes once, and an empty
// watchlist is a usage error that says where to set one.
func TestListSeveralTickersAndWatchlist(t *testing.T) {
	e := newEnv(t)
	e.writeConfig("watchlist = [\"TSM\", \"XPEV\"]\n[[feed]]\nurl = \"builtin:sample\"\n")
	e.mustRun("--offline", "fetch")
	names := func(recs []articleRecord, syms ...string) {
		t.Helper()
		if len(recs) == 0 {
			t.Fatalf("nothing listed for %v", syms)
		}
		seen := map[int64]bool{}
		for _, r := range recs {
			if seen[r.ID] {
				t.Errorf("article %d listed twice", r.ID)
			}
			seen[r.ID] = true
			ok := false
			for _, s := range syms {
				ok = ok || slicesContains(r.Tickers, s)
			}
			if !ok {
				t.Errorf("%q names none of %v: %v", r.Title, syms, r.Tickers)
			}
		}
	}
	both := e.listJSON("--ticker", "nvda, $aapl")
	names(both, "NVDA", "AAPL")
	union := map[int64]bool{}
	for _, r := range append(e.listJSON("--ticker", "NVDA"), e.listJSON("--ticker", "AAPL")...) {
		union[r.ID] = true
	}
	if len(both) != len(union) {
		t.Errorf("NVDA,AAPL lists %d articles; the two lists together hold %d", len(both), len(union))
	}
	watch := e.listJSON("--watchlist")
	names(watch, "TSM", "XPEV")
	names(e.listJSON("--watchlist", "--ticker", "NVDA"), "TSM", "XPEV", "NVDA")

	if _, errs, code := e.run("list", "--ticker", " , $"); code != 2 || !strings.Contains(errs, "names no ticker symbol") {
		t.Errorf("--ticker of nothing: exit %d, %q", code, errs)
	}
	e.writeConfig("watchlist = []\n[[feed]]\nurl = \"builtin:sample\"\n")
	_, errs, code := e.run("list", "--watchlist")
	if code != 2 || !strings.Contains(errs, "the watchlist is empty") || !strings.Contains(errs, e.cfg) {
		t.Errorf("empty --watchlist: exit %d, %q", code, errs)
	}
}

// TestWatchlistCommand: watchlist add and rm edit only the watchlist line
// of the config, normalise symbols, say what did not change, and ls prints
// the list (--json as an array).
func TestWatchlistCommand(t *testing.T) {
	e := newEnv(t)
	const cfg = "# mine\ntheme = \"dark\"\nwatchlist = [\"AAPL\"]\n\n[[feed]]\nurl = \"builtin:sample\"\n"
	e.writeConfig(cfg)
	out := e.mustRun("watchlist", "add", "baba", "$nvda,brk-b", "AAPL")
	if !strings.Contains(out, "Added BABA, NVDA, BRK.B") {
		t.Errorf("add said %q", out)
	}
	_, errs, _ := e.run("watchlist", "rm", "nvda", "MSFT")
	if !strings.Contains(errs, "MSFT not on the watchlist") {
		t.Errorf("rm of a symbol not there said %q", errs)
	}
	data, err := os.ReadFile(e.cfg)
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Replace(cfg, `["AAPL"]`, `["AAPL", "BABA", "BRK.B"]`, 1); string(data) != want {
		t.Errorf("config:\n%s\nwant\n%s", data, want)
	}
	if got := e.mustRun("watchlist"); got != "AAPL BABA BRK.B\n" {
		t.Errorf("watchlist = %q", got)
	}
	var list []string
	if err := json.Unmarshal([]byte(e.mustRun("watchlist", "ls", "--json")), &list); err != nil || strings.Join(list, " ") != "AAPL BABA BRK.B" {
		t.Errorf("ls --json = %q, %v", list, err)
	}
	if _, errs, code := e.run("watchlist", "add", " , "); code != 2 || !strings.Contains(errs, "no ticker symbol") {
		t.Errorf("add of nothing: exit %d, %q", code, errs)
	}
}

// TestMarkReadCommand: mark-read marks what the filters select and nothing
// else, and without a filter wants --all.
func TestMarkReadCommand(t *testing.T) {
	e := newEnv(t)
	e.writeConfig("[[feed]]\nurl = \"builtin:sample\"\n")
	e.mustRun("--offline", "fetch")
	unread := func() int {
		t.Helper()
		var n struct{ Count int }
		if err := json.Unmarshal([]byte(e.mustRun("list", "--unread", "--count", "--json")), &n); err != nil {
			t.Fatal(err)
		}
		return n.Count
	}
	total := unread()
	nvda := len(e.listJSON("--ticker", "NVDA", "--unread"))
	if nvda == 0 || nvda == total {
		t.Fatalf("sample: %d of %d unread name NVDA", nvda, total)
	}
	if _, errs, code := e.run("mark-read"); code != 2 || !strings.Contains(errs, "--all") {
		t.Errorf("mark-read without a filter: exit %d, %q", code, errs)
	}
	if out := e.mustRun("mark-read", "--ticker", "nvda"); out != fmt.Sprintf("Marked %d articles read.\n", nvda) {
		t.Errorf("mark-read --ticker nvda said %q", out)
	}
	if got := unread(); got != total-nvda {
		t.Errorf("%d unread after marking NVDA's, want %d", got, total-nvda)
	}
	e.mustRun("mark-read", "--all")
	if got := unread(); got != 0 {
		t.Errorf("%d unread after --all", got)
	}
}

// A watchlist written in the spellings people use ("brk-b", "$nvda") is
// read in the spelling stored articles use, so it matches them, and
// `watchlist add` of another spelling of a symbol already there adds
// nothing: the config used to end up as ["BRK-B", "$NVDA", "BRK.B"],
// two of which matched no article.
func TestWatchlistOldSpellingsMatchArticles(t *testing.T) {
	e := newEnv(t)
	feed := filepath.Join(e.dir, "brk.xml")
	if err := os.WriteFile(feed, []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>B</title><link>https://b.example/</link>
<item><title>Berkshire Hathaway (BRK.B) adds to its cash pile</title><link>https://b.example/1</link><guid>1</guid><pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate>
<description>Berkshire Hathaway (BRK.B) held more cash than ever at the end of the quarter.</description></item>
</channel></rss>`), 0o644); err != nil {
		t.Fatal(err)
	}
	e.writeConfig("watchlist = [\"brk-b\", \"$nvda\"]\n\n[[feed]]\nurl = \"builtin:sample\"\n\n[[feed]]\nurl = \"file://" + feed + "\"\n")
	if got := e.mustRun("watchlist"); got != "BRK.B NVDA\n" {
		t.Errorf("watchlist read as %q, want BRK.B NVDA", got)
	}
	e.mustRun("--offline", "fetch")
	var arts []struct{ Link string }
	if err := json.Unmarshal([]byte(e.mustRun("list", "--watchlist", "--json", "--limit", "0")), &arts); err != nil {
		t.Fatal(err)
	}
	brk := 0
	for _, a := range arts {
		if a.Link == "https://b.example/1" {
			brk++
		}
	}
	if brk != 1 {
		t.Errorf("list --watchlist found the BRK.B article %d times among %d", brk, len(arts))
	}
	_, errs, _ := e.run("watchlist", "add", "brk-b", "BRK/B")
	if !strings.Contains(errs, "BRK.B already on the watchlist") {
		t.Errorf("adding BRK.B again said %q", errs)
	}
	// The file now spells the watchlist as stored articles do, once each.
	data, err := os.ReadFile(e.cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `watchlist = ["BRK.B", "NVDA"]`+"\n") {
		t.Errorf("config after adding a symbol already there:\n%s", data)
	}
	e.mustRun("watchlist", "add", "aapl")
	if data, _ := os.ReadFile(e.cfg); !strings.Contains(string(data), `watchlist = ["BRK.B", "NVDA", "AAPL"]`) {
		t.Errorf("saved watchlist is not rewritten in stored spellings:\n%s", data)
	}
}
