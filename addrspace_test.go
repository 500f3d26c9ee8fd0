package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// underLimit runs brief with its address space limited as `ulimit -v`
// does (soft and hard, in KiB), or only the soft limit when soft is set.
func underLimit(t *testing.T, kib int, soft bool, cfg, db string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	flag := "-v"
	if soft {
		flag = "-S -v"
	}
	script := fmt.Sprintf(`ulimit %s %d && exec "$@"`, flag, kib)
	full := append([]string{"-c", script, "bash", binary(t), "--config", cfg, "--db", db}, args...)
	cmd := exec.Command("bash", full...)
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	return out.String(), errb.String(), err
}

// Shared hosts and systemd's LimitAS= limit address space, which the Go
// runtime reserves far more of than it uses: every command runs under
// ulimit -v 1000000, on the sample and on 10,000 articles, and a smaller
// limit is refused in one line, never with a runtime dump.
func TestCommandsRunUnderAnAddressSpaceLimit(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Fatal("this test needs bash to set the limit (ulimit -v)")
	}
	dir := t.TempDir()
	var items strings.Builder
	syms := []string{"AAPL", "MSFT", "NVDA", "BABA", "TSLA"}
	for i := range 10000 {
		s := syms[i%len(syms)]
		fmt.Fprintf(&items, `<item><title>%s shares move %d</title><link>https://big.example/%d</link><guid>g%d</guid>`+
			`<pubDate>Mon, 02 Nov 2026 10:%02d:00 GMT</pubDate><description>&lt;p&gt;Shares of %s rose %d.%d%% after revenue of $%d billion.&lt;/p&gt;</description></item>`+"\n",
			s, i, i, i, i%60, s, i%17, i%10, i%90)
	}
	feedPath := filepath.Join(dir, "big.xml")
	if err := os.WriteFile(feedPath, []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title><link>https://big.example/</link>`+
		items.String()+`</channel></rss>`), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfg, []byte(fmt.Sprintf("[[feed]]\nurl = \"builtin:sample\"\n\n[[feed]]\nurl = \"file://%s\"\n", feedPath)), 0o644); err != nil {
		t.Fatal(err)
	}
	sample := filepath.Join(dir, "sample.toml")
	if err := os.WriteFile(sample, []byte("[[feed]]\nurl = \"builtin:sample\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	commands := [][]string{
		{"fetch"},
		{"list", "--count"},
		{"list", "--json", "--limit", "500"},
		{"search", "shares"},
		{"show", "1", "--keep-unread"},
		{"tickers"},
		{"feeds", "ls"},
		{"export"},
		{"reindex", "--all"},
	}
	for _, c := range []struct{ name, cfg string }{{"sample", sample}, {"10000 articles", cfg}} {
		db := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-")+".db")
		for _, args := range commands {
			_, stderr, err := underLimit(t, 1000000, false, c.cfg, db, args...)
			if err != nil || strings.Contains(stderr, "goroutine") {
				t.Errorf("%s: brief %s under ulimit -v 1000000: %v\n%.600s", c.name, strings.Join(args, " "), err, stderr)
			}
		}
	}
	if n, _, err := underLimit(t, 1000000, false, cfg, filepath.Join(dir, "10000-articles.db"), "list", "--count"); err != nil || strings.TrimSpace(n) != "10017" {
		t.Errorf("the 10,000-article store holds %q articles (%v); want 10017", strings.TrimSpace(n), err)
	}

	// A soft limit below what brief needs is raised to the hard one.
	if out, stderr, err := underLimit(t, 950000, true, sample, filepath.Join(dir, "sample.db"), "list", "--count"); err != nil || strings.TrimSpace(out) != "17" {
		t.Errorf("under a soft limit of 950000 KiB: %q, %v\n%.600s", out, err, stderr)
	}

	// A hard limit too small: one line that names it.
	_, stderr, err := underLimit(t, 999000, false, sample, filepath.Join(dir, "sample.db"), "list", "--count")
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	if err == nil || len(lines) != 1 || !strings.Contains(lines[0], "ulimit -v") || !strings.Contains(lines[0], "999000 KiB") {
		t.Errorf("under ulimit -v 999000: err %v, stderr %d lines:\n%.600s", err, len(lines), stderr)
	}
}
