package ui

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestTmuxRealTerminal runs the built brief in a tmux pane against a
// database filled from the builtin sample, and reads the screen the way a
// person would: the list, an article's briefing, the tickers view, one
// ticker's articles, search, and a clean exit.
func TestTmuxRealTerminal(t *testing.T) {
	dir := t.TempDir()
	bin := buildBrief(t, dir)

	db := filepath.Join(dir, "brief.db")
	cfg := filepath.Join(dir, "config.toml") // missing: defaults, builtin sample first
	env := append(os.Environ(), "XDG_CONFIG_HOME="+dir, "XDG_DATA_HOME="+dir, "BROWSER=true")
	fetch := exec.Command(bin, "--config", cfg, "--db", db, "--offline", "fetch")
	fetch.Env = env
	if out, err := fetch.CombinedOutput(); err != nil {
		t.Fatalf("brief fetch: %v\n%s", err, out)
	}

	sock := filepath.Join(dir, "tmux.sock")
	tmux := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("tmux", append([]string{"-S", sock}, args...)...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	t.Cleanup(func() { exec.Command("tmux", "-S", sock, "kill-server").Run() })
	// The test's shell records brief's exit status: tmux's own
	// pane_dead_status is not always filled in by the time the pane dies.
	statusFile := filepath.Join(dir, "status")
	script := `TERM=xterm-256color "$0" --config "$1" --db "$2" --offline; echo $? > "$3"`
	tmux("-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "40", "-s", "brief",
		"sh", "-c", script, bin, cfg, db, statusFile)
	tmux("set-option", "-t", "brief", "remain-on-exit", "on")

	capture := func() string { return tmux("capture-pane", "-p", "-t", "brief") }
	waitFor := func(what string, ok func(string) bool) string {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		var s string
		for time.Now().Before(deadline) {
			s = capture()
			if ok(s) {
				return s
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("waiting for %s; screen:\n%s", what, s)
		return s
	}
	has := func(subs ...string) func(string) bool {
		return func(s string) bool {
			for _, sub := range subs {
				if !strings.Contains(s, sub) {
					return false
				}
			}
			return true
		}
	}
	keys := func(k ...string) { tmux(append([]string{"send-keys", "-t", "brief"}, k...)...) }

	waitFor("the article list", has("Articles", "Thanksgiving Week", "Alibaba Cloud"))

	keys("Enter")
	waitFor("the briefing", has("Summary", "Key takeaways"))

	keys("t")
	waitFor("the tickers view", has("Tickers · sorted", "BABA"))
	for i := 0; i < 40 && !strings.Contains(capture(), "▸ *BABA"); i++ {
		keys("j")
		time.Sleep(20 * time.Millisecond)
	}
	keys("Enter")
	s := waitFor("BABA's articles", has("$BABA", "Alibaba Cloud"))
	// The reader still shows the article opened before; the list must
	// hold only articles naming BABA.
	if strings.Contains(s, "Microsoft and Oracle") || strings.Contains(s, "TSMC Plans") || strings.Contains(s, "Fed Minutes") {
		t.Fatalf("BABA's list shows articles that do not name it:\n%s", s)
	}

	// Separate presses: ESC and "/" in one write read as alt+/.
	keys("Escape")
	waitFor("the full list again", has("Articles ", "/17"))
	keys("/")
	waitFor("the search box", has("search titles, bodies and tickers"))
	keys("-l", "Larchmont")
	s = waitFor("search results", has(`Search "Larchmont"`, "Thanksgiving Week"))
	if strings.Contains(s, "Alibaba Cloud") {
		t.Fatalf("search lists an article without the word:\n%s", s)
	}

	keys("Escape")
	waitFor("the search to close", func(s string) bool { return !strings.Contains(s, "Search \"") })
	keys("q")
	var status []byte
	waitFor("brief to exit", func(string) bool {
		status, _ = os.ReadFile(statusFile)
		return len(status) > 0
	})
	if st := strings.TrimSpace(string(status)); st != "0" {
		t.Fatalf("brief exited with status %s", st)
	}
	// The alternate screen is gone: the reader's frame is not left behind.
	if s := capture(); strings.Contains(s, "Articles") || strings.Contains(s, "Tickers ·") {
		t.Fatalf("terminal not restored after exit:\n%s", s)
	}
}
