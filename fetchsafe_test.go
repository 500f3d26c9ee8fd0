package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// TestFetchRefusesFIFOFeed runs `brief fetch` as cron would over a FIFO
// with no writer beside a good feed file: brief must end, refuse the FIFO
// in one line naming it, save the good feed and print its summary.
func TestFetchRefusesFIFOFeed(t *testing.T) {
	e := newEnv(t)
	fifo := filepath.Join(e.dir, "hostile.xml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatalf("this machine cannot make a FIFO for the test: %v", err)
	}
	good := writeFeedFile(t, filepath.Join(e.dir, "good.xml"), "Good", 3, 1)
	e.writeConfig(fmt.Sprintf("[[feed]]\nurl = %q\n\n[[feed]]\nurl = %q\n", "file://"+fifo, good))

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := e.command(ctx, "fetch")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.WaitDelay = 5 * time.Second
	err := cmd.Run()
	if ctx.Err() != nil {
		// Unblock a brief that is stuck in open() before it is reaped.
		if w, werr := os.OpenFile(fifo, os.O_RDWR, 0); werr == nil {
			w.Close()
		}
		t.Fatalf("brief fetch over a FIFO was still running after 90s:\n%s", stderr.String())
	}
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	msg := stderr.String()
	var refusal []string
	for _, l := range strings.Split(msg, "\n") {
		if strings.Contains(l, fifo) {
			refusal = append(refusal, l)
		}
	}
	if len(refusal) != 1 || !strings.Contains(refusal[0], "named pipe (FIFO)") {
		t.Errorf("want one line refusing %s as a named pipe:\n%s", fifo, msg)
	}
	if !strings.Contains(msg, "2 feeds: 1 ok, 1 failed; 3 new articles") {
		t.Errorf("no summary with the good feed saved:\n%s", msg)
	}
	if n := strings.TrimSpace(e.mustRun("list", "--count")); n != "3" {
		t.Errorf("%s articles saved, want the good feed's 3", n)
	}
}

// TestFetchUnderLowFileLimit runs `brief fetch` with soft and hard
// RLIMIT_NOFILE at 64 over 300 feeds on 100 loopback servers (each its own
// host:port, so the per-host bound does not hold fetches back). Every feed
// must come in: brief sizes its fetching to the descriptors it has rather
// than failing with "too many open files".
func TestFetchUnderLowFileLimit(t *testing.T) {
	const limit, hosts, feeds = 64, 100, 300
	e := newEnv(t)
	bin := binary(t)
	var pid atomic.Int64
	var seenLimit atomic.Value // the brief process's "Max open files" line
	now := time.Now().Add(-time.Hour)
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if seenLimit.Load() == nil {
			if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/limits", pid.Load())); err == nil {
				for _, l := range strings.Split(string(b), "\n") {
					if strings.HasPrefix(l, "Max open files") {
						seenLimit.CompareAndSwap(nil, strings.Join(strings.Fields(l), " "))
					}
				}
			}
		}
		// Long enough that every fetch slot fills up.
		time.Sleep(20 * time.Millisecond)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, rssTmpl, "Feed "+r.URL.Path, rssItem(r.URL.Path, "Story at "+r.URL.Path, "<p>Copper rose.</p>", now))
	})
	servers := make([]*httptest.Server, hosts)
	for i := range servers {
		servers[i] = httptest.NewServer(handler)
		defer servers[i].Close()
	}
	var cfg strings.Builder
	for i := range feeds {
		fmt.Fprintf(&cfg, "[[feed]]\nurl = %q\n\n", fmt.Sprintf("%s/feed/%d.xml", servers[i%hosts].URL, i))
	}
	e.writeConfig(cfg.String())

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// The test binary, as a launcher, sets the limit and execs brief.
	cmd := exec.CommandContext(ctx, self, bin, "--config", e.cfg, "--db", e.db, "fetch")
	cmd.Env = append(os.Environ(), "NO_COLOR=1", fmt.Sprintf("%s=%d", nofileLimitEnv, limit))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pid.Store(int64(cmd.Process.Pid))
	err = cmd.Wait()
	msg := stderr.String()
	if strings.Contains(msg, nofileLimitEnv+" launcher") {
		t.Fatalf("cannot set RLIMIT_NOFILE to %d for the test: %s", limit, msg)
	}
	if got, want := seenLimit.Load(), fmt.Sprintf("Max open files %d %d files", limit-1, limit); got == nil {
		t.Errorf("could not read the limits of brief (pid %d) from /proc", pid.Load())
	} else if !strings.HasSuffix(got.(string), fmt.Sprintf(" %d files", limit)) {
		t.Errorf("brief ran with %q, want a hard limit of %d (%q)", got, limit, want)
	}
	tooMany := strings.Count(msg, "too many open files")
	first, _, _ := strings.Cut(msg, "\n")
	if err != nil || !strings.Contains(msg, fmt.Sprintf("%d feeds: %d ok;", feeds, feeds)) {
		t.Fatalf("brief fetch under a limit of %d open files: %v; %d lines say \"too many open files\"; first line: %s\nlast lines:\n%s",
			limit, err, tooMany, first, lastLines(msg, 3))
	}
	if n := strings.TrimSpace(e.mustRun("list", "--count", "--limit", "0")); n != fmt.Sprint(feeds) {
		t.Errorf("%s articles saved, want %d", n, feeds)
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
