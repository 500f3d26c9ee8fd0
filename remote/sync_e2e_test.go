package remote

import (
	"context"
	"errors"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"brief/config"
	"brief/ingest"
	"brief/store"
)

var kinds = []string{config.SyncMiniflux, config.SyncGReader}

// byRemote lists the store's synced articles by Miniflux entry id.
func byRemote(t *testing.T, st *store.Store) map[int64]store.Article {
	t.Helper()
	arts, err := st.List(context.Background(), store.Query{Copies: true, Limit: 0})
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]store.Article{}
	for _, a := range arts {
		if id, ok := strings.CutPrefix(a.GUIDKey, store.RemoteGUIDPrefix); ok {
			n, _ := strconv.ParseInt(id, 10, 64)
			out[n] = a
		}
	}
	return out
}

func mustSync(t *testing.T, s *Syncer) Report {
	t.Helper()
	rep, err := s.Run(context.Background())
	if err != nil {
		t.Fatalf("sync: %v", err)
	}
	return rep
}

// serverState is "read,starred" of each entry on the server.
func serverState(t *testing.T, a *account) map[int64][2]bool {
	t.Helper()
	entries, err := a.user.Entries(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64][2]bool{}
	for _, e := range entries {
		out[e.ID] = [2]bool{e.Status == "read", e.Starred}
	}
	return out
}

// TestSyncBothWaysAgainstMiniflux runs the story against a real
// Miniflux, through each API: the first sync brings every entry with its
// briefing; reads and a star made in brief reach the server; a read made
// on the server reaches brief; changes made while the server is down are
// sent when it is back.
func TestSyncBothWaysAgainstMiniflux(t *testing.T) {
	for _, kind := range kinds {
		t.Run(kind, func(t *testing.T) {
			a := newAccount(t, 6)
			s := a.syncer(t, kind, a.options(kind))
			arts, ids := checkFirstSync(t, s)
			checkBriefToServer(t, a, s, arts, ids)
			checkServerToBrief(t, a, s, ids)
			checkReplayAfterOutage(t, a, s, arts, ids)
		})
	}
}

// checkFirstSync syncs into an empty store and checks that every entry
// came with its briefing and tickers, in feeds tagged with their category.
// It returns the articles by entry id, and the entry ids in order.
func checkFirstSync(t *testing.T, s *Syncer) (map[int64]store.Article, []int64) {
	t.Helper()
	ctx := context.Background()
	rep := mustSync(t, s)
	arts := byRemote(t, s.Store)
	if rep.New != 12 || len(arts) != 12 {
		t.Fatalf("first sync: %+v, %d articles; want the 12 entries", rep, len(arts))
	}
	for id, art := range arts {
		full, err := s.Store.Article(ctx, art.ID)
		if err != nil {
			t.Fatal(err)
		}
		// The briefing as shown: a generated summary is worked out then.
		b, ok := ingest.Briefing(full)
		if !ok || len(b.Summary) == 0 || len(b.Tickers) == 0 {
			t.Errorf("entry %d: briefing %s (%v); want a summary and tickers", id, full.Briefing, ok)
		}
		if art.Read || art.Starred || len(art.Tickers) == 0 {
			t.Errorf("entry %d: read %v starred %v tickers %v", id, art.Read, art.Starred, art.Tickers)
		}
	}
	if n, _ := s.Store.Count(ctx, store.Query{Ticker: "BABA", Copies: true}); n == 0 {
		t.Error("no synced article names BABA")
	}
	feeds, _ := s.Store.Feeds(ctx)
	if len(feeds) != 2 || !slices.Contains(feeds[0].Tags, "Markets") || !strings.HasPrefix(feeds[0].Title, "Wire") {
		t.Errorf("synced feeds: %+v; want the two feeds, tagged with their category", feeds)
	}
	return arts, slices.Sorted(maps.Keys(arts))
}

// checkBriefToServer reads three and stars one in brief: after a sync the
// server has them.
func checkBriefToServer(t *testing.T, a *account, s *Syncer, arts map[int64]store.Article, ids []int64) {
	t.Helper()
	ctx := context.Background()
	if err := s.Store.SetRead(ctx, true, arts[ids[0]].ID, arts[ids[1]].ID, arts[ids[2]].ID); err != nil {
		t.Fatal(err)
	}
	if err := s.Store.SetStarred(ctx, arts[ids[3]].ID, true); err != nil {
		t.Fatal(err)
	}
	if rep := mustSync(t, s); rep.Sent != 4 {
		t.Errorf("second sync sent %d changes, want 4", rep.Sent)
	}
	on := serverState(t, a)
	for i, id := range ids {
		if want := [2]bool{i < 3, i == 3}; on[id] != want {
			t.Errorf("server: entry %d read,starred = %v, want %v", id, on[id], want)
		}
	}
}

// checkServerToBrief reads one on the server: brief has it read after a
// sync.
func checkServerToBrief(t *testing.T, a *account, s *Syncer, ids []int64) {
	t.Helper()
	if err := a.user.SetStatus(context.Background(), "read", ids[5]); err != nil {
		t.Fatal(err)
	}
	if rep := mustSync(t, s); rep.Applied != 1 {
		t.Errorf("third sync applied %d server changes, want 1", rep.Applied)
	}
	if !byRemote(t, s.Store)[ids[5]].Read {
		t.Error("the read made on the server did not reach brief")
	}
}

// checkReplayAfterOutage stops Miniflux: brief still reads, changes made
// meanwhile wait, the sync fails in one line; once Miniflux is back the
// next sync sends them.
func checkReplayAfterOutage(t *testing.T, a *account, s *Syncer, arts map[int64]store.Article, ids []int64) {
	t.Helper()
	ctx := context.Background()
	st := s.Store
	a.srv.StopMiniflux()
	restarted := false
	defer func() {
		if !restarted {
			a.srv.StartMiniflux(ctx)
		}
	}()
	if err := st.SetRead(ctx, false, arts[ids[0]].ID); err != nil {
		t.Fatal(err)
	}
	if err := st.SetStarred(ctx, arts[ids[6]].ID, true); err != nil {
		t.Fatal(err)
	}
	rep, err := s.Run(ctx)
	if !errors.Is(err, ErrUnreachable) || strings.Contains(err.Error(), "\n") || rep.Queued != 2 {
		t.Fatalf("sync with the server down: %v (queued %d); want one line saying it cannot be reached, 2 queued", err, rep.Queued)
	}
	if status, _ := st.SyncStatus(ctx); status.Unread != 1 || status.Star != 1 || status.LastError == "" {
		t.Errorf("status while down: %+v", status)
	}
	if n, err := st.Count(ctx, store.Query{Copies: true}); n != 12 || err != nil {
		t.Errorf("while the server is down brief lists %d articles (%v), want 12", n, err)
	}
	if err := a.srv.StartMiniflux(ctx); err != nil {
		t.Fatal(err)
	}
	restarted = true
	if rep := mustSync(t, s); rep.Sent != 2 || rep.Queued != 0 {
		t.Errorf("sync once the server is back: %+v; want the 2 changes sent", rep)
	}
	on := serverState(t, a)
	if on[ids[0]][0] || !on[ids[6]][1] {
		t.Errorf("server after the replay: entry %d %v (want unread), entry %d %v (want starred)", ids[0], on[ids[0]], ids[6], on[ids[6]])
	}
	if status, _ := st.SyncStatus(ctx); status.Queued() != 0 || status.LastError != "" {
		t.Errorf("status after the replay: %+v", status)
	}
}

// TestConflictLaterChangeWins: brief reads an entry while offline; then
// the server reads and unreads it again (a later change). Miniflux's API
// says when it changed the entry, so the server's later change wins; the
// Google Reader API does not, so its change counts as made at the last
// sync, and brief's read wins.
func TestConflictLaterChangeWins(t *testing.T) {
	for _, kind := range kinds {
		t.Run(kind, func(t *testing.T) {
			ctx := context.Background()
			a := newAccount(t, 2)
			s := a.syncer(t, kind, a.options(kind))
			mustSync(t, s)
			arts := byRemote(t, s.Store)
			var id int64
			for k := range arts {
				id = max(id, k)
			}
			if err := s.Store.SetRead(ctx, true, arts[id].ID); err != nil {
				t.Fatal(err)
			}
			time.Sleep(20 * time.Millisecond)
			if err := a.user.SetStatus(ctx, "read", id); err != nil {
				t.Fatal(err)
			}
			if err := a.user.SetStatus(ctx, "unread", id); err != nil {
				t.Fatal(err)
			}
			rep := mustSync(t, s)
			read := serverState(t, a)[id][0]
			local := byRemote(t, s.Store)[id].Read
			if kind == config.SyncMiniflux {
				if read || local || rep.Overruled != 1 {
					t.Errorf("server read %v, brief read %v, overruled %d; want the server's later unread to win", read, local, rep.Overruled)
				}
			} else if !read || !local {
				t.Errorf("server read %v, brief read %v; want brief's read to win", read, local)
			}
		})
	}
}

// TestNothingNewCostsAFewRequests: a sync with nothing new is a few small
// requests, not a download: three for Miniflux's REST API (feeds, new
// entries, changed entries), four for the Google Reader API (login, new,
// unread and starred ids).
func TestNothingNewCostsAFewRequests(t *testing.T) {
	for _, kind := range kinds {
		t.Run(kind, func(t *testing.T) {
			a := newAccount(t, 5)
			count := &countingTransport{}
			o := a.options(kind)
			o.HTTPClient = &http.Client{Transport: count}
			s := a.syncer(t, kind, o)
			if rep := mustSync(t, s); rep.New != 10 {
				t.Fatalf("first sync: %+v", rep)
			}
			first := count.n.Load()
			// A new Backend, as a new `brief sync` makes.
			b, err := New(o)
			if err != nil {
				t.Fatal(err)
			}
			s.Backend = b
			count.n.Store(0)
			count.paths.Clear()
			if rep := mustSync(t, s); rep.New != 0 || rep.Applied != 0 || rep.Sent != 0 {
				t.Errorf("second sync: %+v, want nothing", rep)
			}
			want := int64(3)
			if kind == config.SyncGReader {
				want = 4
			}
			if n := count.n.Load(); n != want || n > 4 {
				t.Errorf("a sync with nothing new made %d requests (%s), want %d; the first made %d", n, count, want, first)
			}
		})
	}
}
