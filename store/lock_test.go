package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A write that meets another program's lock waits for it, past SQLite's
// busy_timeout, and is saved once the lock goes; a lock held longer than
// LockWait fails with one line naming the file.
func TestWriteWaitsOutAnotherProgramsLock(t *testing.T) {
	oldBusy, oldWait := busyTimeout, LockWait
	busyTimeout, LockWait = 100*time.Millisecond, 1500*time.Millisecond
	t.Cleanup(func() { busyTimeout, LockWait = oldBusy, oldWait })

	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "brief.db")
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	feed, err := st.EnsureFeed(ctx, "https://lock.example/rss", "Lock", nil)
	if err != nil {
		t.Fatal(err)
	}
	// The other program: a connection of its own holding the write lock.
	other, err := sql.Open("sqlite", fileURI(path, "_pragma=busy_timeout(0)"))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	hold := func(d time.Duration) {
		t.Helper()
		conn, err := other.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
			t.Fatal(err)
		}
		time.AfterFunc(d, func() {
			conn.ExecContext(context.Background(), "ROLLBACK")
			conn.Close()
		})
	}
	art := func(g string) []NewArticle {
		return []NewArticle{{GUIDKey: g, Link: "https://lock.example/" + g, Title: g, Published: time.Now(), Markdown: "x"}}
	}

	// Held for four busy timeouts, well within LockWait: saved.
	hold(400 * time.Millisecond)
	if _, err := st.SaveFetch(ctx, feed.ID, FetchOK{At: time.Now()}, art("a")); err != nil {
		t.Fatalf("save under a lock that went away: %v", err)
	}
	if n, err := st.Count(ctx, Query{}); err != nil || n != 1 {
		t.Fatalf("after the lock went: %d articles, %v", n, err)
	}

	// Held past LockWait: one line naming the file and the cause.
	hold(4 * time.Second)
	start := time.Now()
	_, err = st.SaveFetch(ctx, feed.ID, FetchOK{At: time.Now()}, art("b"))
	if !Locked(err) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "another program holds its lock") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("save under a lock that stays: %v", err)
	}
	if waited := time.Since(start); waited < LockWait-busyTimeout {
		t.Errorf("gave up after %s; want about %s", waited, LockWait)
	}
}
