package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"brief/store"
)

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// binary builds brief once per test run, for tests that need real processes.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "brief-bin-")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "brief")
		out, err := exec.Command("go", "build", "-o", builtBin, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBin
}

// fsizeLimitEnv, when set in the environment of the test binary, turns it
// into a launcher: it limits the size of any file it writes (RLIMIT_FSIZE)
// to that many bytes and execs its arguments. The limit survives the exec,
// so brief's writes past it fail with EFBIG, a disk filling up in miniature.
// (Go programs ignore SIGXFSZ unless asked for it, so brief sees the error
// rather than dying of the signal.)
const fsizeLimitEnv = "BRIEF_TEST_FSIZE_LIMIT"

// nofileLimitEnv does the same for the number of open files
// (RLIMIT_NOFILE), soft and hard limit alike.
const nofileLimitEnv = "BRIEF_TEST_NOFILE_LIMIT"

func TestMain(m *testing.M) {
	if v := os.Getenv(fsizeLimitEnv); v != "" {
		execWithLimit(fsizeLimitEnv, syscall.RLIMIT_FSIZE, v, os.Args[1:])
	}
	if v := os.Getenv(nofileLimitEnv); v != "" {
		execWithLimit(nofileLimitEnv, syscall.RLIMIT_NOFILE, v, os.Args[1:])
	}
	code := m.Run()
	stopSyncServer()
	if builtBin != "" {
		os.RemoveAll(filepath.Dir(builtBin))
	}
	os.Exit(code)
}

// execWithLimit sets resource's soft and hard limit to limit and execs
// args, with the variable name taken out of the environment.
func execWithLimit(name string, resource int, limit string, args []string) {
	n, err := strconv.ParseUint(limit, 10, 64)
	if err == nil && len(args) == 0 {
		err = errors.New("nothing to run")
	}
	if err == nil {
		err = syscall.Setrlimit(resource, &syscall.Rlimit{Cur: n, Max: n})
	}
	if err == nil {
		env := slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, name+"=") })
		err = syscall.Exec(args[0], args, env)
	}
	fmt.Fprintf(os.Stderr, "%s launcher: %v\n", name, err)
	os.Exit(127)
}

// churnServer serves n feeds whose items change on every request, so that
// each fetch writes: the worst case for a writer killed mid-way.
func churnServer(t *testing.T, n int, delay time.Duration) *httptest.Server {
	srv := httptest.NewServer(churnHandler(delay))
	t.Cleanup(srv.Close)
	return srv
}

func churnHandler(delay time.Duration) http.Handler {
	var round atomic.Int64
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		k := round.Add(1)
		time.Sleep(delay)
		var items strings.Builder
		base := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
		for i := range 40 {
			// Every item tells its own story, in words of its own: two
			// items that read alike would be one story of two copies.
			words := itemWords(r.URL.Path, i, 12)
			body := strings.Repeat(fmt.Sprintf("<p>Paragraph %d of revision %d: %s about $NVDA and (NYSE: BABA).</p>", i, k, words), 8)
			items.WriteString(rssItem(fmt.Sprintf("%s-%d", r.URL.Path, i), fmt.Sprintf("Item %d rev %d %s", i, k, itemWords(r.URL.Path, i, 2)), body, base.Add(time.Duration(i)*time.Minute)))
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, rssTmpl, "Churn "+r.URL.Path, items.String())
	})
}

func writeChurnConfig(t *testing.T, e *env, srv *httptest.Server, feeds int) {
	var b strings.Builder
	for i := range feeds {
		fmt.Fprintf(&b, "[[feed]]\nurl = %q\n\n", fmt.Sprintf("%s/feed/%d.xml", srv.URL, i))
	}
	e.writeConfig(b.String())
}

func (e *env) command(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, binary(e.t), append([]string{"--config", e.cfg, "--db", e.db}, args...)...)
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	return cmd
}

// TestKilledWriterLosesNothing kills `brief fetch` at random points while it
// writes. Every time, the database must pass integrity_check and keep the
// articles and the read and starred state that were committed before; after
// the last kill the next fetch must work and leave the database sound.
func TestKilledWriterLosesNothing(t *testing.T) {
	e := newEnv(t)
	const feeds, items = 12, 40
	srv := churnServer(t, feeds, 5*time.Millisecond)
	writeChurnConfig(t, e, srv, feeds)
	ctx := context.Background()
	if out, err := e.command(ctx, "fetch").CombinedOutput(); err != nil {
		t.Fatalf("first fetch: %v\n%s", err, out)
	}

	st, err := store.Open(ctx, e.db)
	if err != nil {
		t.Fatal(err)
	}
	all, err := st.List(ctx, store.Query{Copies: true})
	if err != nil || len(all) != feeds*items {
		t.Fatalf("after the first fetch: %d articles, %v", len(all), err)
	}
	read := map[int64]bool{}
	for i, a := range all {
		if i%3 == 0 {
			read[a.ID] = true
			if err := st.SetRead(ctx, true, a.ID); err != nil {
				t.Fatal(err)
			}
		}
		if i%7 == 0 {
			if err := st.SetStarred(ctx, a.ID, true); err != nil {
				t.Fatal(err)
			}
		}
	}
	st.Close()
	wantStarred := (len(all) + 6) / 7

	// check reopens the database as the next brief would and reports
	// whether it is sound (PRAGMA integrity_check) and whether the
	// committed state is all there, by counts. A full check adds the
	// foreign keys and the search index (Store.IntegrityCheck) and compares
	// the read state article by article; it costs ten times as much under
	// the race detector, so it runs every tenth round and at the end.
	check := func(when string, full bool) (integrity, state bool) {
		t.Helper()
		if res := rawIntegrity(t, e.db); res != "ok" {
			t.Errorf("%s: integrity_check: %s", when, res)
			return false, false
		}
		st, err := store.Open(ctx, e.db)
		if err != nil {
			t.Errorf("%s: reopen: %v", when, err)
			return false, false
		}
		defer st.Close()
		if !full {
			total, err1 := st.Count(ctx, store.Query{})
			unread, err2 := st.Count(ctx, store.Query{Unread: true})
			starred, err3 := st.Count(ctx, store.Query{Starred: true})
			if err := errors.Join(err1, err2, err3); err != nil || total != len(all) || unread != len(all)-len(read) || starred != wantStarred {
				t.Errorf("%s: %d articles, %d unread, %d starred; want %d, %d, %d (%v)",
					when, total, unread, starred, len(all), len(all)-len(read), wantStarred, err)
				return true, false
			}
			return true, true
		}
		if err := st.IntegrityCheck(ctx); err != nil {
			t.Errorf("%s: %v", when, err)
		} else {
			integrity = true
		}
		arts, err := st.List(ctx, store.Query{Copies: true})
		if err != nil {
			t.Errorf("%s: list: %v", when, err)
			return integrity, false
		}
		lost := 0
		for _, a := range arts {
			if read[a.ID] && !a.Read {
				lost++
			}
		}
		starred, err := st.Count(ctx, store.Query{Starred: true})
		switch {
		case len(arts) != len(all):
			t.Errorf("%s: %d articles, want %d", when, len(arts), len(all))
		case lost > 0:
			t.Errorf("%s: %d articles lost their read state", when, lost)
		case err != nil || starred != wantStarred:
			t.Errorf("%s: %d starred articles, want %d (%v)", when, starred, wantStarred, err)
		default:
			state = true
		}
		return integrity, state
	}

	// Fetches that run to the end show how long one takes on this machine
	// (the fastest of three: a busy moment must not stretch it); the kills
	// are spread over that span so that they land while brief fetches,
	// converts and commits, not after it has exited.
	span := time.Duration(1<<63 - 1)
	for range 3 {
		began := time.Now()
		if out, err := e.command(ctx, "fetch", "--quiet").CombinedOutput(); err != nil {
			t.Fatalf("a full fetch: %v\n%s", err, out)
		}
		span = min(span, time.Since(began))
	}

	rounds := 50
	if testing.Short() {
		rounds = 5
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var integrityOK, stateOK, midRun int
	toKill := make([]time.Duration, 0, rounds)
	for round := range rounds {
		cmd := e.command(ctx, "fetch", "--quiet")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		started := time.Now()
		time.Sleep(time.Duration(rng.Int64N(int64(span))))
		cmd.Process.Signal(syscall.SIGKILL)
		toKill = append(toKill, time.Since(started))
		cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			midRun++
		}
		i, s := check(fmt.Sprintf("round %d", round), round%10 == 9)
		if i {
			integrityOK++
		}
		if s {
			stateOK++
		}
	}

	next := "next fetch ok"
	var stderr strings.Builder
	cmd := e.command(ctx, "fetch", "--quiet")
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		next = "next fetch FAILED"
		t.Errorf("fetch after the kills: %v\n%s", err, stderr.String())
	}
	if i, s := check("after the next fetch", true); !i || !s {
		next += ", then damaged"
	}
	slices.Sort(toKill)
	t.Logf("kill: %d rounds (%d killed mid-run, a full fetch takes %d ms), integrity ok %d/%d, state intact %d/%d, %s, median time-to-kill %d ms",
		rounds, midRun, span.Milliseconds(), integrityOK, rounds, stateOK, rounds, next, toKill[len(toKill)/2].Milliseconds())
	if midRun < rounds/2 {
		t.Errorf("only %d of %d fetches were still running when killed: the test no longer kills writers", midRun, rounds)
	}
}

// overlapGate holds every request, once armed, until need of them are in
// flight at the same time (or a timeout passes). Each brief process has at
// most fetch.per_host (4) requests in flight to one host, so need = 9 proves
// that three processes are fetching, and then writing, at the same moment.
type overlapGate struct {
	need     atomic.Int64
	armed    atomic.Bool
	inFlight atomic.Int64
	maxSeen  atomic.Int64
	opened   chan struct{}
	once     sync.Once
	timedOut atomic.Bool
}

func newOverlapGate(need int) *overlapGate {
	g := &overlapGate{opened: make(chan struct{})}
	g.need.Store(int64(need))
	return g
}

func (g *overlapGate) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := g.inFlight.Add(1)
		defer g.inFlight.Add(-1)
		for m := g.maxSeen.Load(); n > m && !g.maxSeen.CompareAndSwap(m, n); m = g.maxSeen.Load() {
		}
		if g.armed.Load() {
			if n >= g.need.Load() {
				g.once.Do(func() { close(g.opened) })
			}
			select {
			case <-g.opened:
			case <-time.After(15 * time.Second):
				g.timedOut.Store(true)
			case <-r.Context().Done():
			}
		}
		h.ServeHTTP(w, r)
	})
}

// tmuxPane runs a command in a detached tmux session on its own socket and
// reads its screen, the way ui/tmux_test.go does.
type tmuxPane struct {
	t    *testing.T
	sock string
}

// newTmuxPane returns nil when tmux is missing outside CI; in CI (which
// installs tmux) a missing tmux fails the test.
func newTmuxPane(t *testing.T, dir string) *tmuxPane {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tmux is not installed; .ci/run should have installed it")
		}
		t.Log("tmux is not installed (.ci/run installs it): running without the reader")
		return nil
	}
	p := &tmuxPane{t: t, sock: filepath.Join(dir, "tmux.sock")}
	t.Cleanup(func() { exec.Command("tmux", "-S", p.sock, "kill-server").Run() })
	return p
}

func (p *tmuxPane) run(args ...string) string {
	p.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-S", p.sock}, args...)...).CombinedOutput()
	if err != nil {
		p.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (p *tmuxPane) screen() string { return p.run("capture-pane", "-p", "-t", "brief") }

// waitFor polls the screen until ok accepts it.
func (p *tmuxPane) waitFor(what string, timeout time.Duration, ok func(string) bool) string {
	p.t.Helper()
	deadline := time.Now().Add(timeout)
	var s string
	for time.Now().Before(deadline) {
		if s = p.screen(); ok(s) {
			return s
		}
		time.Sleep(50 * time.Millisecond)
	}
	p.t.Fatalf("waiting for %s; screen:\n%s", what, s)
	return s
}

// TestConcurrentFetchesBothSucceed runs, on one database at once, the reader
// in a real terminal (which refreshes every feed when it opens), two
// `brief fetch` processes as cron jobs would, and `brief list` in a loop.
// Every process must succeed without "database is locked", and the reader
// must still show its list afterwards and quit cleanly.
func TestConcurrentFetchesBothSucceed(t *testing.T) {
	e := newEnv(t)
	const feeds = 20
	gate := newOverlapGate(9)
	srv := httptest.NewServer(gate.wrap(churnHandler(20 * time.Millisecond)))
	t.Cleanup(srv.Close)
	writeChurnConfig(t, e, srv, feeds)
	ctx := context.Background()
	// The reader opens on a database that already holds articles, as it
	// would on any day but the first.
	if out, err := e.command(ctx, "fetch", "--quiet").CombinedOutput(); err != nil {
		t.Fatalf("first fetch: %v\n%s", err, out)
	}
	gate.armed.Store(true)

	tm := newTmuxPane(t, e.dir)
	writers := 2
	statusFile := filepath.Join(e.dir, "reader.status")
	readerErr := filepath.Join(e.dir, "reader.stderr")
	if tm != nil {
		writers = 3
		// The shell records brief's exit status and keeps its stderr apart
		// from the screen.
		script := `TERM=xterm-256color "$0" --config "$1" --db "$2" 2>"$4"; echo $? > "$3"`
		tm.run("-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "40", "-s", "brief",
			"sh", "-c", script, binary(t), e.cfg, e.db, statusFile, readerErr)
		tm.run("set-option", "-t", "brief", "remain-on-exit", "on")
		// Its refresh is now held at the gate until the cron fetches join.
		tm.waitFor("the reader's list", 10*time.Second, func(s string) bool {
			return strings.Contains(s, "Articles") && strings.Contains(s, "Item 39 rev")
		})
	} else {
		gate.need.Store(5) // the two fetches
	}

	type result struct {
		err            error
		stdout, stderr bytes.Buffer
		runs           int
	}
	var wg sync.WaitGroup
	res := make([]*result, 3)
	for i := range res {
		res[i] = &result{}
	}
	fetching := make(chan struct{})
	var fetchWG sync.WaitGroup
	for i := range 2 {
		fetchWG.Go(func() {
			cmd := e.command(ctx, "fetch")
			cmd.Stdout, cmd.Stderr = &res[i].stdout, &res[i].stderr
			res[i].err = cmd.Run()
			res[i].runs = 1
		})
	}
	go func() { fetchWG.Wait(); close(fetching) }()
	wg.Go(func() {
		r := res[2]
		for {
			r.stdout.Reset()
			cmd := e.command(ctx, "list", "--unread", "--limit", "5")
			cmd.Stdout, cmd.Stderr = &r.stdout, &r.stderr
			r.runs++
			if r.err = cmd.Run(); r.err != nil {
				return
			}
			select {
			case <-fetching:
				return
			default:
			}
		}
	})
	wg.Wait()
	<-fetching
	for i, name := range []string{"fetch 1", "fetch 2", "list"} {
		r := res[i]
		if r.err != nil {
			t.Errorf("%s: %v\nstdout:\n%s\nstderr:\n%s", name, r.err, r.stdout.String(), r.stderr.String())
		}
		if strings.Contains(strings.ToLower(r.stderr.String()), "locked") {
			t.Errorf("%s reports a lock:\n%s", name, r.stderr.String())
		}
	}
	if gate.timedOut.Load() {
		t.Errorf("the %d writers never had requests in flight at once (at most %d of %d): the test did not run them concurrently",
			writers, gate.maxSeen.Load(), gate.need.Load())
	}

	if tm != nil {
		// The reader's refresh ends with "refreshed just now" in the status
		// bar; its outcome is flashed beside it.
		s := tm.waitFor("the reader's refresh to finish", 20*time.Second, func(s string) bool {
			return strings.Contains(s, "refreshed ")
		})
		if !strings.Contains(s, "Articles") || !strings.Contains(s, "Item ") {
			t.Errorf("the reader no longer shows its list:\n%s", s)
		}
		if low := strings.ToLower(s); strings.Contains(low, "locked") || strings.Contains(low, "failed") || strings.Contains(low, "failing") {
			t.Errorf("the reader reports a failure:\n%s", s)
		}
		tm.run("send-keys", "-t", "brief", "q")
		var status []byte
		tm.waitFor("the reader to exit", 10*time.Second, func(string) bool {
			status, _ = os.ReadFile(statusFile)
			return len(status) > 0
		})
		if st := strings.TrimSpace(string(status)); st != "0" {
			t.Errorf("the reader exited with status %s", st)
		}
		if b, _ := os.ReadFile(readerErr); strings.Contains(strings.ToLower(string(b)), "locked") || strings.Contains(string(b), "panic") {
			t.Errorf("the reader's stderr:\n%s", b)
		}
	}

	n, errs, code := e.run("list", "--count", "--copies", "--limit", "0")
	if code != 0 || strings.TrimSpace(n) != strconv.Itoa(feeds*40) {
		t.Errorf("after the concurrent writers: %s articles (exit %d, %s), want %d", strings.TrimSpace(n), code, errs, feeds*40)
	}
	st, err := store.Open(ctx, e.db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
	t.Logf("concurrent: %d writers (reader in tmux: %t) and %d lists; at most %d requests in flight at once",
		writers, tm != nil, res[2].runs, gate.maxSeen.Load())
}

// TestReaderSavesWatchlist runs the reader in a real terminal: w saves the
// watchlist into the config file, keeping the rest of it; when the file
// has been broken meanwhile, the save fails, the status line says so, and
// after quitting stderr says the session's changes were not saved.
func TestReaderSavesWatchlist(t *testing.T) {
	e := newEnv(t)
	const cfg = "# my setup\nwatchlist = [\"AAPL\"] # mine\n\n[fetch]\nrefresh_on_start = false\n\n[[feed]]\nurl = \"builtin:sample\"\n"
	e.writeConfig(cfg)
	if out, err := e.command(context.Background(), "--offline", "fetch").CombinedOutput(); err != nil {
		t.Fatalf("fetch: %v\n%s", err, out)
	}
	tm := newTmuxPane(t, e.dir)
	if tm == nil {
		t.Skip("needs tmux (CI installs it)")
	}
	statusFile := filepath.Join(e.dir, "reader.status")
	readerErr := filepath.Join(e.dir, "reader.stderr")
	script := `TERM=xterm-256color "$0" --offline --config "$1" --db "$2" 2>"$4"; echo $? > "$3"`
	tm.run("-f", "/dev/null", "new-session", "-d", "-x", "140", "-y", "40", "-s", "brief",
		"sh", "-c", script, binary(t), e.cfg, e.db, statusFile, readerErr)
	tm.run("set-option", "-t", "brief", "remain-on-exit", "on")
	tm.waitFor("the list", 10*time.Second, func(s string) bool { return strings.Contains(s, "1/17") })

	tm.run("send-keys", "-t", "brief", "w") // the first article's first ticker, AMZN
	tm.waitFor("the save", 5*time.Second, func(s string) bool { return strings.Contains(s, "AMZN added to the watchlist · saved in") })
	data, err := os.ReadFile(e.cfg)
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Replace(cfg, `["AAPL"]`, `["AAPL", "AMZN"]`, 1); string(data) != want {
		t.Fatalf("config after w:\n%s\nwant\n%s", data, want)
	}

	e.writeConfig("theme = \n")
	tm.run("send-keys", "-t", "brief", "w")
	tm.waitFor("the failure", 5*time.Second, func(s string) bool { return strings.Contains(s, "saving it failed") })
	tm.run("send-keys", "-t", "brief", "q")
	deadline := time.Now().Add(5 * time.Second)
	for {
		if b, err := os.ReadFile(statusFile); err == nil && len(b) > 0 {
			if strings.TrimSpace(string(b)) != "0" {
				t.Errorf("reader exit status %q", b)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the reader did not quit")
		}
		time.Sleep(50 * time.Millisecond)
	}
	stderr, _ := os.ReadFile(readerErr)
	if !strings.Contains(string(stderr), "the watchlist changes of this session were not saved") {
		t.Errorf("stderr after quitting: %q", stderr)
	}
	if data, _ := os.ReadFile(e.cfg); string(data) != "theme = \n" {
		t.Errorf("the broken config was overwritten: %q", data)
	}
}

// itemWords returns n made-up words that only item i of feed path uses.
func itemWords(path string, i, n int) string {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s-%d", path, i)
	r := rand.New(rand.NewPCG(h.Sum64(), 7))
	words := make([]string, n)
	for j := range words {
		w := make([]byte, 6)
		for k := range w {
			w[k] = byte('a' + r.IntN(26))
		}
		words[j] = string(w)
	}
	return strings.Join(words, " ")
}
