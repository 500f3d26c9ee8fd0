package ingest

import (
	"context"
	"database/sql"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"brief/config"
	"brief/feed"
	"brief/store"
)

// Another program holding the database's write lock: what a fetch
// brings is saved once the lock goes, within store.LockWait; a lock that
// stays fails the run with one line naming the file and the cause.
func TestFetchWaitsOutALock(t *testing.T) {
	old := store.LockWait
	store.LockWait = 3 * time.Second
	t.Cleanup(func() { store.LockWait = old })

	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "brief.db")
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	subs := []config.Feed{{URL: "builtin:sample"}}
	in := &Ingester{Store: st, Fetcher: feed.NewFetcher(feed.Options{Offline: true}), Now: time.Now,
		Retention: store.Retention{MaxAge: 24 * 365 * time.Hour}}

	other, err := sql.Open("sqlite", (&url.URL{Scheme: "file", Path: path, RawQuery: "_pragma=busy_timeout(0)"}).String())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	lock := func() *sql.Conn {
		conn, err := other.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
			t.Fatal(err)
		}
		return conn
	}

	// Held for a second: the fetch waits, then saves everything.
	conn := lock()
	time.AfterFunc(time.Second, func() { conn.ExecContext(ctx, "ROLLBACK"); conn.Close() })
	rep, err := in.Run(ctx, subs, nil)
	if err != nil || rep.Failed != 0 || rep.New < 12 || rep.PruneErr != nil {
		t.Fatalf("under a lock that went: %+v, %v", rep, err)
	}

	// Held throughout: the feed fails with one line naming the file (the
	// prefix once), the prune is skipped, and the run itself goes on.
	conn = lock()
	defer func() { conn.ExecContext(ctx, "ROLLBACK"); conn.Close() }()
	rep, err = in.Run(ctx, subs, nil)
	if err != nil {
		t.Fatalf("a lock failed the whole run: %v", err)
	}
	fe := rep.Feeds[0].Err
	if rep.Failed != 1 || !store.Locked(fe) || !strings.Contains(fe.Error(), path) || strings.Count(fe.Error(), "cannot write") != 1 || strings.Contains(fe.Error(), "\n") {
		t.Fatalf("under a lock that stays: feed error %v, %d failed", fe, rep.Failed)
	}
	if !store.Locked(rep.PruneErr) {
		t.Fatalf("the prune under the lock: %v", rep.PruneErr)
	}
}
