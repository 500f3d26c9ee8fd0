package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"brief/ingest"
	"brief/remote/minifluxtest"
)

// TestReaderRefreshSyncs: the reader's refresh runs the sync after the
// feeds, and counts it as a network feed in its report.
func TestReaderRefreshSyncs(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	srv, err := minifluxtest.Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	u, err := srv.NewUser(ctx, "reader1", "Reader-Pass-1-x9")
	if err != nil {
		t.Fatal(err)
	}
	feeds := minifluxtest.NewFeeds()
	defer feeds.Close()
	for i, path := range []string{"/asia.xml", "/us.xml"} {
		feeds.Add(path, i*5, 5)
		if _, err := u.Subscribe(ctx, feeds.URL+path, 0); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	t.Setenv("BRIEF_TEST_SYNC_PW", u.Password)
	cfg := filepath.Join(dir, "config.toml")
	body := fmt.Sprintf("[sync]\nkind = \"miniflux\"\nurl = %q\nuser = %q\npassword_env = \"BRIEF_TEST_SYNC_PW\"\n", srv.URL, u.Name)
	if err := os.WriteFile(cfg, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}

	h := &testHouse{cfgPath: cfg, dbPath: filepath.Join(dir, "brief.db")}
	a := &app{house: h, stdout: &strings.Builder{}, stderr: &strings.Builder{}, now: time.Now, reading: true}
	defer a.close()
	if _, err := a.readStore(ctx); err != nil {
		t.Fatal(err)
	}
	syncNow := a.readerSync(ctx)
	if syncNow == nil {
		t.Fatal("no sync for the reader's refresh with [sync] set")
	}
	var rep ingest.Report
	addSync(&rep, syncNow(ctx))
	if rep.New != 10 || rep.NetworkOK != 1 || rep.Failed != 0 || len(rep.Feeds) != 1 || rep.Feeds[0].Err != nil {
		t.Errorf("refresh report %+v", rep)
	}
	a.globals.Offline = true
	if a.readerSync(ctx) != nil {
		t.Error("--offline: the reader would still sync")
	}
}
