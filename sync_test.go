package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"brief/config"
	"brief/remote/minifluxtest"
)

// The root package's sync tests share one Miniflux, started by the first
// of them; TestMain stops it.
var syncServer struct {
	once sync.Once
	srv  *minifluxtest.Server
	err  error
	n    atomic.Int64
}

func stopSyncServer() {
	if syncServer.srv != nil {
		syncServer.srv.Close()
	}
}

// syncEnv is an env whose config has a [sync] account on the shared
// Miniflux: a user with two feeds of five briefings each.
type syncEnv struct {
	*env
	srv      *minifluxtest.Server
	user     *minifluxtest.User
	feeds    *minifluxtest.Feeds
	password string // the secret brief reads from $BRIEF_TEST_SYNC_PW
	outputs  []string
}

func newSyncEnv(t *testing.T, kind string) *syncEnv {
	t.Helper()
	syncServer.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		syncServer.srv, syncServer.err = minifluxtest.Start(ctx)
	})
	if syncServer.err != nil {
		t.Fatal(syncServer.err)
	}
	ctx := context.Background()
	n := syncServer.n.Add(1)
	srv := syncServer.srv
	u, err := srv.NewUser(ctx, fmt.Sprintf("cli%d", n), fmt.Sprintf("Cli-Pass-%d-x9", n))
	if err != nil {
		t.Fatal(err)
	}
	if err := u.EnableGReader(ctx, fmt.Sprintf("cligr%d", n), fmt.Sprintf("Gr-Pass-%d-q7", n)); err != nil {
		t.Fatal(err)
	}
	e := &syncEnv{env: newEnv(t), srv: srv, user: u, feeds: minifluxtest.NewFeeds()}
	t.Cleanup(e.feeds.Close)
	for i, path := range []string{"/asia.xml", "/us.xml"} {
		e.feeds.Add(path, i*5, 5)
		if _, err := u.Subscribe(ctx, e.feeds.URL+path, 0); err != nil {
			t.Fatal(err)
		}
	}
	user := u.Name
	e.password = u.Password
	if kind == config.SyncGReader {
		user, e.password = u.GReaderUser, u.GReaderPassword
	}
	t.Setenv("BRIEF_TEST_SYNC_PW", e.password)
	e.writeConfig(fmt.Sprintf("[sync]\nkind = %q\nurl = %q\nuser = %q\npassword_env = \"BRIEF_TEST_SYNC_PW\"\n", kind, srv.URL, user))
	return e
}

// run runs brief and keeps what it printed, to look for the password.
func (e *syncEnv) run(args ...string) (string, string, int) {
	e.t.Helper()
	out, errs, code := e.env.run(args...)
	e.outputs = append(e.outputs, out, errs)
	return out, errs, code
}

func (e *syncEnv) mustRun(args ...string) string {
	e.t.Helper()
	out, errs, code := e.run(args...)
	if code != 0 {
		e.t.Fatalf("brief %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, out, errs)
	}
	return out
}

// failsInOneLine runs brief, wanting exit 1 and one line on stderr that
// says want.
func (e *syncEnv) failsInOneLine(want string, args ...string) {
	e.t.Helper()
	out, errs, code := e.run(args...)
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if code != 1 || len(lines) != 1 || !strings.Contains(errs, want) || !strings.HasPrefix(errs, "brief: ") {
		e.t.Errorf("brief %s: exit %d, stderr %q (stdout %q); want exit 1 and one line saying %q",
			strings.Join(args, " "), code, errs, out, want)
	}
}

// noPassword fails when the password shows in anything brief printed or
// in the server's log.
func (e *syncEnv) noPassword() {
	e.t.Helper()
	log, err := os.ReadFile(e.srv.LogPath)
	if err != nil {
		e.t.Fatal(err)
	}
	for i, s := range append(e.outputs, string(log)) {
		if strings.Contains(s, e.password) {
			e.t.Errorf("the password shows in output %d:\n%s", i, s)
		}
	}
}

func TestSyncCommandAgainstMiniflux(t *testing.T) {
	for _, kind := range []string{config.SyncMiniflux, config.SyncGReader} {
		t.Run(kind, func(t *testing.T) {
			ctx := context.Background()
			e := newSyncEnv(t, kind)
			out := e.mustRun("sync")
			if !strings.HasPrefix(out, "Synced with "+e.srv.URL+": 10 new articles") {
				t.Errorf("brief sync said %q", out)
			}
			recs := e.listJSON("--limit", "0")
			if len(recs) != 10 {
				t.Fatalf("list after the sync: %d articles, want 10", len(recs))
			}
			for _, r := range recs {
				if len(r.Tickers) == 0 || !strings.HasPrefix(r.Feed, "Wire ") || r.Read {
					t.Errorf("synced article %+v: want tickers, its feed's title, unread", r)
				}
			}
			var shown struct {
				Summary []string `json:"summary"`
			}
			if err := json.Unmarshal([]byte(e.mustRun("show", strconv.FormatInt(recs[0].ID, 10), "--json")), &shown); err != nil || len(shown.Summary) == 0 {
				t.Errorf("show --json of a synced article: %+v, %v; want its briefing", shown, err)
			}
			e.mustRun("show", strconv.FormatInt(recs[1].ID, 10))
			e.mustRun("show", strconv.FormatInt(recs[2].ID, 10))
			status := e.mustRun("sync", "--status")
			if !strings.Contains(status, "Queued:    3 changes (3 read), sent at the next sync") || !strings.Contains(status, "2 feeds, 10 articles") {
				t.Errorf("sync --status after reading three:\n%s", status)
			}
			e.mustRun("sync")
			read, err := e.user.Entries(ctx, "status=read")
			if err != nil || len(read) != 3 {
				t.Errorf("the server has %d entries read (%v), want the 3 read in brief", len(read), err)
			}
			if status := e.mustRun("sync", "--status"); !strings.Contains(status, "Queued:    nothing") {
				t.Errorf("sync --status after sending:\n%s", status)
			}

			// brief fetch fetches brief's own feeds, never the synced ones.
			before := e.mustRun("feeds", "ls", "--json")
			local := minifluxtest.NewFeeds()
			defer local.Close()
			local.Add("/own.xml", 50, 2)
			e.writeConfig(strings.Replace(e.readConfig(), "[sync]", fmt.Sprintf("[[feed]]\nurl = %q\n\n[sync]", local.URL+"/own.xml"), 1))
			e.mustRun("fetch", "-q")
			after := e.mustRun("feeds", "ls", "--json")
			if n := len(e.listJSON("--limit", "0")); n != 12 {
				t.Errorf("%d articles after fetching the own feed, want 12", n)
			}
			for _, line := range strings.Split(before, "\n") {
				if strings.Contains(line, `"last_fetch"`) && !strings.Contains(after, line) {
					t.Errorf("brief fetch touched a synced feed: %s no longer in\n%s", line, after)
				}
			}
			e.noPassword()
		})
	}
}

func (e *env) readConfig() string {
	e.t.Helper()
	b, err := os.ReadFile(e.cfg)
	if err != nil {
		e.t.Fatal(err)
	}
	return string(b)
}

// TestSyncCommandWrongPassword: a wrong password is one line, exit 1, and
// shows nowhere, through either API.
func TestSyncCommandWrongPassword(t *testing.T) {
	for _, kind := range []string{config.SyncMiniflux, config.SyncGReader} {
		t.Run(kind, func(t *testing.T) {
			e := newSyncEnv(t, kind)
			e.password = "Wrong-Pass-3390"
			t.Setenv("BRIEF_TEST_SYNC_PW", e.password)
			e.failsInOneLine("refused the credentials of user", "sync")
			e.failsInOneLine("refused the credentials of user", "sync")
			if st := e.mustRun("sync", "--status"); !strings.Contains(st, "Last try:  failed") {
				t.Errorf("sync --status after a refused login:\n%s", st)
			}
			e.noPassword()
		})
	}
}

func TestSyncCommandFailsInOneLine(t *testing.T) {
	e := newSyncEnv(t, config.SyncGReader)
	good := e.readConfig()
	e.password = "Wrong-Pass-3390"

	// A password file others can read.
	pw := filepath.Join(e.dir, "pw")
	if err := os.WriteFile(pw, []byte(e.password+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	e.writeConfig(strings.Replace(good, `password_env = "BRIEF_TEST_SYNC_PW"`, fmt.Sprintf("password_file = %q", pw), 1))
	e.failsInOneLine("can be read by other users (mode 0644); make it private: chmod 600", "sync")

	// A server that is down: brief still lists what it has, and the
	// status says the sync failed.
	e.writeConfig(good)
	t.Setenv("BRIEF_TEST_SYNC_PW", e.user.GReaderPassword)
	e.mustRun("sync")
	e.writeConfig(strings.Replace(good, e.srv.URL, "http://127.0.0.1:1", 1))
	e.failsInOneLine("cannot reach http://127.0.0.1:1: connection refused", "sync")
	if n := len(e.listJSON("--limit", "0")); n != 10 {
		t.Errorf("with the server down brief lists %d articles, want 10", n)
	}
	if st := e.mustRun("sync", "--status"); !strings.Contains(st, "Last try:  failed") || !strings.Contains(st, "another account") {
		t.Errorf("sync --status with the server down:\n%s", st)
	}
	e.failsInOneLine("offline: not syncing; 0 changes wait for the next sync", "--offline", "sync")

	// No account at all.
	e.writeConfig("")
	e.failsInOneLine("no account to sync with: add a [sync] table to", "sync")
	if out := e.mustRun("sync", "--status"); !strings.Contains(out, "Sync is not set up") {
		t.Errorf("sync --status without [sync]: %q", out)
	}
}
