//go:build unix

package feed

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSpecialFilesRefused subscribes to a FIFO with no writer, a unix
// socket, a directory, /dev/null and /dev/zero. Each must fail at once in
// one line naming the path and what it is; none may block, read for ever or
// be taken for an empty feed.
func TestSpecialFilesRefused(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	fifo := filepath.Join(dir, "feed.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatalf("this machine cannot make a FIFO for the test: %v", err)
	}
	sock := filepath.Join(dir, "feed.sock")
	ln, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatalf("this machine cannot make a unix socket for the test: %v", err)
	}
	t.Cleanup(func() { ln.Close() })
	for _, dev := range []string{"/dev/null", "/dev/zero"} {
		if st, err := os.Stat(dev); err != nil || st.Mode()&os.ModeCharDevice == 0 {
			t.Fatalf("this machine has no %s character device for the test (%v)", dev, err)
		}
	}

	f := testFetcher(t, Options{Timeout: 20 * time.Second})
	for _, tc := range []struct{ addr, path, what string }{
		{fifo, fifo, "is a named pipe (FIFO)"},
		{"file://" + fifo, fifo, "is a named pipe (FIFO)"},
		{sock, sock, "is a socket"},
		{dir, dir, "is a directory"},
		{"/dev/null", "/dev/null", "is a character device"},
		{"file:///dev/zero", "/dev/zero", "is a character device"},
	} {
		done := make(chan Result, 1)
		start := time.Now()
		go func() { done <- f.Fetch(t.Context(), Request{URL: tc.addr}) }()
		var res Result
		select {
		case res = <-done:
		case <-time.After(10 * time.Second):
			t.Errorf("%s: still not done after 10s", tc.addr)
			if tc.path == fifo {
				// Be the writer the open waits for, then hang up.
				if w, err := os.OpenFile(fifo, os.O_RDWR, 0); err == nil {
					w.Close()
				}
			}
			<-done
			continue
		}
		took := time.Since(start)
		switch {
		case res.Err == nil:
			t.Errorf("%s: read as a feed with %d items", tc.addr, len(res.Items))
		case !strings.Contains(res.Err.Error(), tc.path+" "+tc.what) || !strings.Contains(res.Err.Error(), "not a regular file"):
			t.Errorf("%s: err = %q, want it to say %q", tc.addr, res.Err, tc.path+" "+tc.what)
		case strings.ContainsAny(res.Err.Error(), "\n\r"):
			t.Errorf("%s: err spans lines: %q", tc.addr, res.Err)
		case took > 5*time.Second:
			t.Errorf("%s: refused after %v, want at once", tc.addr, took)
		}
		if len(res.Items) != 0 {
			t.Errorf("%s: %d items", tc.addr, len(res.Items))
		}
	}
}
