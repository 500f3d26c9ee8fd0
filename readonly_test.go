package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A database this user cannot write (restored as root: file 0444 in a
// directory that is not theirs) is read by the commands that only read,
// with one line saying so, and refused by the others with a line that
// says why, never as "not a brief database".
func TestUnwritableDatabaseReadsReadOnly(t *testing.T) {
	dir, err := os.MkdirTemp("", "brief-ro-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755); os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	// A copy of the binary anyone can run.
	bin := filepath.Join(dir, "brief")
	copyFile(t, binary(t), bin, 0o755)
	cfg := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfg, []byte("[fetch]\nrefresh_on_start = false\n\n[[feed]]\nurl = \"builtin:sample\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "brief.db")
	if out, err := exec.Command(bin, "--config", cfg, "--db", db, "fetch").CombinedOutput(); err != nil {
		t.Fatalf("fetch: %v\n%s", err, out)
	}
	// A search indexes what the fetch queued; a read-only database is
	// searched as it was last indexed.
	if out, err := exec.Command(bin, "--config", cfg, "--db", db, "search", "nvidia").CombinedOutput(); err != nil {
		t.Fatalf("search: %v\n%s", err, out)
	}
	os.Remove(db + "-wal")
	os.Remove(db + "-shm")
	if err := os.Chmod(db, 0o444); err != nil {
		t.Fatal(err)
	}
	// As root, the commands run as nobody, for whom the file and the
	// directory are someone else's; otherwise the directory is made
	// read-only too.
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		cred = &syscall.Credential{Uid: 65534, Gid: 65534}
	} else if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (string, string, error) {
		cmd := exec.Command(bin, append([]string{"--config", cfg, "--db", db}, args...)...)
		cmd.Env = append(os.Environ(), "NO_COLOR=1", "HOME="+dir, "XDG_DATA_HOME="+dir, "XDG_CONFIG_HOME="+dir)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		var out, errb strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		return out.String(), errb.String(), err
	}
	oneLine := func(stderr, want string) bool {
		lines := strings.Split(strings.TrimSpace(stderr), "\n")
		return len(lines) == 1 && strings.Contains(lines[0], db) && strings.Contains(lines[0], want) && !strings.Contains(stderr, "not a brief database")
	}
	for _, args := range [][]string{{"list", "--count"}, {"search", "nvidia"}, {"show", "1", "--keep-unread"}, {"tickers"}, {"feeds", "ls"}} {
		out, stderr, err := run(args...)
		if err != nil || strings.TrimSpace(out) == "" || !oneLine(stderr, "read-only") || !strings.Contains(stderr, "reading it without changing it") {
			t.Errorf("brief %s: %v\nstdout %.200q\nstderr %q", strings.Join(args, " "), err, out, stderr)
		}
	}
	if out, _, _ := run("list", "--count"); strings.TrimSpace(out) != "17" {
		t.Errorf("list --count read %q, want 17", out)
	}
	for _, args := range [][]string{{"fetch"}, {"show", "1"}, {"mark-read", "--all"}} {
		_, stderr, err := run(args...)
		if err == nil || !oneLine(stderr, "read-only") {
			t.Errorf("brief %s on an unwritable database: %v\n%q", strings.Join(args, " "), err, stderr)
		}
	}
}

func copyFile(t *testing.T, from, to string, mode os.FileMode) {
	t.Helper()
	src, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, mode)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
}
