package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
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

func TestMain(m *testing.M) {
	code := m.Run()
	if builtBin != "" {
		os.RemoveAll(filepath.Dir(builtBin))
	}
	os.Exit(code)
}

// churnServer serves n feeds whose items change on every request, so that
// each fetch writes: the worst case for a writer killed mid-way.
func churnServer(t *testing.T, n int, delay time.Duration) *httptest.Server {
	var round atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		k := round.Add(1)
		time.Sleep(delay)
		var items strings.Builder
		base := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
		for i := range 40 {
			body := strings.Repeat(fmt.Sprintf("<p>Paragraph %d of revision %d about $NVDA and (NYSE: BABA).</p>", i, k), 8)
			items.WriteString(rssItem(fmt.Sprintf("%s-%d", r.URL.Path, i), fmt.Sprintf("Item %d rev %d", i, k), body, base.Add(time.Duration(i)*time.Minute)))
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, rssTmpl, "Churn "+r.URL.Path, items.String())
	}))
	t.Cleanup(srv.Close)
	return srv
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
// read and starred state that was committed before.
func TestKilledWriterLosesNothing(t *testing.T) {
	e := newEnv(t)
	srv := churnServer(t, 12, 5*time.Millisecond)
	writeChurnConfig(t, e, srv, 12)
	if out, err := e.command(context.Background(), "fetch").CombinedOutput(); err != nil {
		t.Fatalf("first fetch: %v\n%s", err, out)
	}

	ctx := context.Background()
	st, err := store.Open(ctx, e.db)
	if err != nil {
		t.Fatal(err)
	}
	all, err := st.List(ctx, store.Query{})
	if err != nil || len(all) != 12*40 {
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

	rounds := 25
	if testing.Short() {
		rounds = 5
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range rounds {
		cmd := e.command(ctx, "fetch", "--quiet")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(30+rng.IntN(250)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()

		st, err := store.Open(ctx, e.db)
		if err != nil {
			t.Fatalf("round %d: reopen after kill: %v", round, err)
		}
		if err := st.IntegrityCheck(ctx); err != nil {
			t.Fatalf("round %d: integrity_check: %v", round, err)
		}
		arts, err := st.List(ctx, store.Query{})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range arts {
			if read[a.ID] && !a.Read {
				t.Fatalf("round %d: article %d lost its read state", round, a.ID)
			}
		}
		starred, err := st.Count(ctx, store.Query{Starred: true})
		if err != nil || starred != (len(all)+6)/7 {
			t.Fatalf("round %d: %d starred articles, want %d (%v)", round, starred, (len(all)+6)/7, err)
		}
		st.Close()
	}
	if out, err := e.command(ctx, "fetch").CombinedOutput(); err != nil {
		t.Fatalf("fetch after the kills: %v\n%s", err, out)
	}
}

// TestConcurrentFetchesBothSucceed runs two `brief fetch` processes on one
// database at once, as a cron job beside an open reader would, with a
// third process listing meanwhile.
func TestConcurrentFetchesBothSucceed(t *testing.T) {
	e := newEnv(t)
	srv := churnServer(t, 20, 20*time.Millisecond)
	writeChurnConfig(t, e, srv, 20)
	ctx := context.Background()
	// Create the database first so the two racers share one schema.
	if out, err := e.command(ctx, "list").CombinedOutput(); err != nil {
		t.Fatalf("list on a new database: %v\n%s", err, out)
	}
	var wg sync.WaitGroup
	errs := make([]error, 3)
	outs := make([][]byte, 3)
	for i := range 2 {
		wg.Go(func() { outs[i], errs[i] = e.command(ctx, "fetch").CombinedOutput() })
	}
	wg.Go(func() {
		deadline := time.Now().Add(2 * time.Second)
		for time.Now().Before(deadline) {
			if outs[2], errs[2] = e.command(ctx, "list", "--unread", "--limit", "5").CombinedOutput(); errs[2] != nil {
				return
			}
		}
	})
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("process %d: %v\n%s", i, err, outs[i])
		}
	}
	n, _, _ := e.run("list", "--count", "--limit", "0")
	if strings.TrimSpace(n) != "800" {
		t.Errorf("after two concurrent fetches: %s articles, want 800", strings.TrimSpace(n))
	}
}
