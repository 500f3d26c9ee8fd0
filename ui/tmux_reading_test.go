package ui

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// readingPos is the article view's place on the status line: "3/17 · 42%".
var readingPos = regexp.MustCompile(`\d+/\d+ · \d+%`)

// tmuxBrief is the built brief running in a tmux pane of a fixed size.
type tmuxBrief struct {
	t      *testing.T
	sock   string
	env    []string
	status string // file the pane's shell writes brief's exit status to
}

// buildBrief builds the binary once per test run and returns its path.
func buildBrief(t *testing.T, dir string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary and drives tmux; skipped with -short")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tmux is not installed; .ci/run should have installed it")
		}
		t.Skip("tmux is not installed (.ci/run installs it)")
	}
	builtOnce.Do(func() {
		// One build for every tmux test of the run, in a directory of its
		// own that outlives the test that made it.
		d, err := os.MkdirTemp("", "brief-bin-")
		if err != nil {
			builtErr = err
			return
		}
		bin := filepath.Join(d, "brief")
		build := exec.Command("go", "build", "-o", bin, ".")
		build.Dir = ".."
		if out, err := build.CombinedOutput(); err != nil {
			builtErr = fmt.Errorf("go build: %v\n%s", err, out)
			return
		}
		builtBin = bin
	})
	if builtErr != nil {
		t.Fatal(builtErr)
	}
	return builtBin
}

// The binary the tmux tests share.
var (
	builtOnce sync.Once
	builtBin  string
	builtErr  error
)

func startTmux(t *testing.T, dir string, env []string, w, h int, argv ...string) *tmuxBrief {
	t.Helper()
	tb := &tmuxBrief{t: t, sock: filepath.Join(dir, fmt.Sprintf("tmux-%dx%d.sock", w, h)), env: env,
		status: filepath.Join(dir, fmt.Sprintf("status-%dx%d", w, h))}
	os.Remove(tb.status)
	script := `TERM=xterm-256color "$@"; echo $? > "$STATUS_FILE"`
	args := []string{"-f", "/dev/null", "new-session", "-d", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "-s", "brief",
		"-e", "STATUS_FILE=" + tb.status, "sh", "-c", script, "sh"}
	tb.tmux(append(args, argv...)...)
	tb.tmux("set-option", "-t", "brief", "remain-on-exit", "on")
	t.Cleanup(func() { exec.Command("tmux", "-S", tb.sock, "kill-server").Run() })
	return tb
}

func (tb *tmuxBrief) tmux(args ...string) string {
	tb.t.Helper()
	cmd := exec.Command("tmux", append([]string{"-S", tb.sock}, args...)...)
	cmd.Env = tb.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		tb.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (tb *tmuxBrief) screen() string { return tb.tmux("capture-pane", "-p", "-t", "brief") }

// keys sends tmux key names one at a time, so that ESC and a key after it
// are never read together as alt+key.
func (tb *tmuxBrief) keys(ks ...string) {
	for _, k := range ks {
		tb.tmux("send-keys", "-t", "brief", k)
		pause := 30 * time.Millisecond
		if k == "Escape" {
			pause = 250 * time.Millisecond // an ESC the next key follows at once reads as alt+key
		}
		time.Sleep(pause)
	}
}

func (tb *tmuxBrief) waitFor(what string, ok func(string) bool) string {
	tb.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var s string
	for time.Now().Before(deadline) {
		s = tb.screen()
		if ok(s) {
			return s
		}
		time.Sleep(40 * time.Millisecond)
	}
	tb.t.Fatalf("waiting for %s; screen:\n%s", what, s)
	return s
}

func (tb *tmuxBrief) waitExit() string {
	tb.t.Helper()
	var status []byte
	tb.waitFor("brief to exit", func(string) bool {
		status, _ = os.ReadFile(tb.status)
		return len(status) > 0
	})
	return strings.TrimSpace(string(status))
}

func showing(subs ...string) func(string) bool {
	return func(s string) bool {
		for _, sub := range subs {
			if !strings.Contains(s, sub) {
				return false
			}
		}
		return true
	}
}

// localFeeds writes n RSS files of one article each into dir and a config
// subscribing to them (and to the builtin sample), without refreshing on
// start. Article 1 of feed 1 has links, the second to linkTwo.
func localFeeds(t *testing.T, dir string, n int, linkTwo string) string {
	t.Helper()
	var cfg strings.Builder
	cfg.WriteString("[fetch]\nrefresh_on_start = false\n\n[[feed]]\nurl = \"builtin:sample\"\n")
	for i := 1; i <= n; i++ {
		body := fmt.Sprintf("&lt;p&gt;Plain body of feed %d.&lt;/p&gt;", i)
		if i == 1 {
			body = `&lt;p&gt;See &lt;a href="https://one.example/first"&gt;the filing&lt;/a&gt; and ` +
				`&lt;a href="` + linkTwo + `"&gt;the call transcript&lt;/a&gt; for details.&lt;/p&gt;`
		}
		rss := fmt.Sprintf(`<?xml version="1.0"?><rss version="2.0"><channel><title>Desk %03d</title>
<item><title>Desk %03d morning note</title><link>https://desk.example/%d</link><guid>desk-%d</guid>
<pubDate>Thu, 26 Nov 2026 09:%02d:00 GMT</pubDate><description>%s</description></item></channel></rss>`, i, i, i, i, i%60, body)
		path := filepath.Join(dir, fmt.Sprintf("desk%03d.xml", i))
		if err := os.WriteFile(path, []byte(rss), 0o644); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&cfg, "\n[[feed]]\nurl = %q\n", path)
	}
	path := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(path, []byte(cfg.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestTmuxReading drives the real binary in real panes of 80×24 and
// 200×50: an article reads full width (capped at reader.max_width), q
// goes back a level and quits at the top, a ticker-chip jump leaves the
// preview on the list's cursor article, the filter menu scrolls to its
// 41st feed and toggles it, and link [2] opens in $BROWSER.
func TestTmuxReading(t *testing.T) {
	dir := t.TempDir()
	bin := buildBrief(t, dir)
	const linkTwo = "https://two.example/transcript?q=2"
	cfg := localFeeds(t, dir, 45, linkTwo)
	db := filepath.Join(dir, "brief.db")
	opened := filepath.Join(dir, "opened")
	browser := filepath.Join(dir, "browser.sh")
	if err := os.WriteFile(browser, []byte("#!/bin/sh\nprintf '%s' \"$1\" > "+opened+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "XDG_CONFIG_HOME="+dir, "XDG_DATA_HOME="+dir, "BROWSER="+browser)
	fetch := exec.Command(bin, "--config", cfg, "--db", db, "--offline", "fetch")
	fetch.Env = env
	if out, err := fetch.CombinedOutput(); err != nil {
		t.Fatalf("brief fetch: %v\n%s", err, out)
	}
	argv := []string{bin, "--config", cfg, "--db", db, "--offline"}

	for _, sz := range [][2]int{{80, 24}, {200, 50}} {
		w, h := sz[0], sz[1]
		t.Run(fmt.Sprintf("%dx%d", w, h), func(t *testing.T) {
			tb := startTmux(t, dir, env, w, h, argv...)
			tb.waitFor("the list", showing("Articles", "Thanksgiving Week"))
			// The sample's newest article is first; open it full width.
			tb.keys("g", "Enter")
			s := tb.waitFor("the article", func(s string) bool { return strings.Contains(s, "Summary") && readingPos.MatchString(s) })
			if strings.Contains(s, "│") {
				t.Fatalf("panes beside the open article:\n%s", s)
			}
			tb.keys("Space")
			s = tb.waitFor("the body", readingPos.MatchString)
			lo, hi := w, 0
			lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
			for _, l := range lines[:len(lines)-2] {
				if strings.TrimSpace(l) == "" || strings.Contains(l, "────") {
					continue
				}
				f, e := textSpan(l)
				lo, hi = min(lo, f), max(hi, e)
			}
			used := hi - lo
			if w == 80 && used < 76 {
				t.Fatalf("text uses %d columns at 80×24, want at least 76:\n%s", used, s)
			}
			if w == 200 && used > 100 {
				t.Fatalf("text uses %d columns at 200×50, want at most max_width 100:\n%s", used, s)
			}
			tb.keys("q")
			tb.waitFor("the list again", func(s string) bool { return strings.Contains(s, "Articles") && !readingPos.MatchString(s) })

			// A ticker chip: open the Alibaba briefing, select its first
			// chip, jump.
			tb.keys("/")
			tb.keys("-l", "Alibaba Cloud Revenue")
			tb.waitFor("the search", showing(`Search "Alibaba Cloud Revenue"`))
			tb.keys("Enter", "Enter")
			tb.waitFor("the Alibaba article", func(s string) bool {
				return strings.Contains(s, "Alibaba Cloud Revenue Jumps") && readingPos.MatchString(s)
			})
			tb.keys("Right", "Enter")
			s = tb.waitFor("BABA's articles", showing("Articles · $BABA"))
			if w == 200 {
				// The preview shows the article under the list cursor.
				cursor := ""
				for _, l := range strings.Split(s, "\n") {
					if i := strings.Index(l, "▸●"); i >= 0 || strings.Contains(l, "│▸") {
						cursor = l
						break
					}
				}
				if !strings.Contains(cursor, "Alibaba Cloud Revenue") {
					t.Fatalf("cursor row %q is not the newest BABA article:\n%s", cursor, s)
				}
				if !strings.Contains(s, "│  Alibaba Cloud Revenue Jumps 34%") {
					t.Fatalf("preview does not show the cursor's article:\n%s", s)
				}
			}
			tb.keys("q")
			tb.waitFor("the full list", showing("Articles "))

			// The filter menu: all, unread, starred, watchlist, then the
			// feeds (the sample first): the 41st local feed is "Desk 041".
			tb.keys("f")
			tb.waitFor("the filter menu", showing("Filter", "Feed: "))
			for tries := 0; tries < 60 && !strings.Contains(tb.screen(), "▸ [ ] Feed: Desk 041"); tries++ {
				tb.keys("j")
			}
			tb.waitFor("the cursor on Desk 041", showing("▸ [ ] Feed: Desk 041"))
			tb.keys("Enter")
			tb.waitFor("Desk 041 toggled", showing("▸ [x] Feed: Desk 041"))
			tb.keys("Escape")
			tb.waitFor("Desk 041's articles", showing("Desk 041 morning note", "1/1"))
			tb.keys("f", "Enter", "Escape") // all articles again

			// Link [2] of Desk 001's note.
			tb.keys("/")
			tb.keys("-l", "Desk 001")
			tb.waitFor("the note", showing(`Search "Desk 001"`, "Desk 001 morning note"))
			tb.keys("Enter", "Enter")
			tb.waitFor("the numbered links", showing("the call transcript", "[2]"))
			tb.keys("u")
			tb.waitFor("the links", showing("Links (2)", linkTwo))
			tb.keys("2", "Enter")
			var got []byte
			tb.waitFor("the browser", func(string) bool {
				got, _ = os.ReadFile(opened)
				return len(got) > 0
			})
			if string(got) != linkTwo {
				t.Fatalf("$BROWSER got %q, want %q", got, linkTwo)
			}
			os.Remove(opened)

			// q from the article, q from the search, q quits.
			tb.keys("q")
			tb.waitFor("the search results", showing(`Search "Desk 001"`))
			tb.keys("q")
			tb.waitFor("the list", func(s string) bool { return !strings.Contains(s, "Search \"") })
			tb.keys("q")
			if st := tb.waitExit(); st != "0" {
				t.Fatalf("brief exited %s", st)
			}
		})
	}
}
