package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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
