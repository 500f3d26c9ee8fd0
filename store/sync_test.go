package store

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// syncFixture is a store with one synced feed holding entries "e1".."eN",
// all unread and unstarred on the server.
func syncFixture(t *testing.T, n int) (*Store, int64, map[string]int64) {
	t.Helper()
	ctx := context.Background()
	s := openTest(t)
	if _, err := s.UseSyncAccount(ctx, "miniflux https://rss.example u"); err != nil {
		t.Fatal(err)
	}
	feeds, err := s.SaveRemoteFeeds(ctx, []RemoteFeed{{RemoteID: "7", URL: "https://rss.example#feed/7", Title: "Remote", Folders: []string{"Markets"}}}, true)
	if err != nil {
		t.Fatal(err)
	}
	var entries []RemoteEntry
	for i := 1; i <= n; i++ {
		a := art(fmt.Sprintf("sync:e%d", i), fmt.Sprintf("Entry %d about its own thing", i), i)
		a.Link = fmt.Sprintf("https://news.example/e%d", i)
		entries = append(entries, RemoteEntry{RemoteID: fmt.Sprintf("e%d", i), FeedID: feeds["7"], Article: a})
	}
	if _, _, err := s.SaveRemoteEntries(ctx, entries, time.Time{}, map[string]string{"cursor": "1"}); err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for _, a := range mustList(t, s, Query{Copies: true}) {
		ids[a.GUIDKey[len("sync:"):]] = a.ID
	}
	return s, feeds["7"], ids
}

func queueOf(t *testing.T, s *Store) string {
	t.Helper()
	cs, err := s.QueuedChanges(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := ""
	for _, c := range cs {
		out += fmt.Sprintf("%s.%s=%v ", c.RemoteID, c.Field, c.Value)
	}
	return out
}

func TestSyncQueueFollowsReadAndStar(t *testing.T) {
	ctx := context.Background()
	s, _, ids := syncFixture(t, 3)
	if v, _ := s.SyncValue(ctx, "cursor"); v != "1" {
		t.Errorf("cursor saved with the entries: %q", v)
	}
	if err := s.SetRead(ctx, true, ids["e1"], ids["e2"]); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStarred(ctx, ids["e3"], true); err != nil {
		t.Fatal(err)
	}
	if got := queueOf(t, s); got != "e1.read=true e2.read=true e3.starred=true " {
		t.Fatalf("queue after reading two and starring one: %q", got)
	}
	// Back to what the server has: nothing to send for it.
	if err := s.SetRead(ctx, false, ids["e2"]); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MarkRead(ctx, Query{Feed: "Remote"}, true); err != nil {
		t.Fatal(err)
	}
	st, err := s.SyncStatus(ctx)
	if err != nil || st.Read != 3 || st.Star != 1 || st.Queued() != 4 || st.Entries != 3 || st.Feeds != 1 {
		t.Fatalf("status %+v, %v; want 3 reads and a star queued", st, err)
	}
	cs, _ := s.QueuedChanges(ctx)
	if err := s.AckChanges(ctx, cs); err != nil {
		t.Fatal(err)
	}
	if got := queueOf(t, s); got != "" {
		t.Errorf("queue after the server took it all: %q", got)
	}
	states, _ := s.RemoteStates(ctx)
	for _, r := range states {
		if !r.Read || r.Starred != (r.RemoteID == "e3") {
			t.Errorf("recorded server state after the ack: %+v", r)
		}
	}
	// A change made after the queue was read stays queued.
	if err := s.SetStarred(ctx, ids["e1"], true); err != nil {
		t.Fatal(err)
	}
	cs, _ = s.QueuedChanges(ctx)
	if err := s.SetStarred(ctx, ids["e1"], false); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStarred(ctx, ids["e1"], true); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Millisecond)
	_, _ = s.w.Exec(`UPDATE sync_queue SET at = at + 1`)
	if err := s.AckChanges(ctx, cs); err != nil {
		t.Fatal(err)
	}
	if got := queueOf(t, s); got != "e1.starred=true " {
		t.Errorf("a change made while sending was dropped: %q", got)
	}
}

// setQueuedAt moves the time a queued change was made.
func setQueuedAt(t *testing.T, s *Store, remoteID, field string, at time.Time) {
	t.Helper()
	if _, err := s.w.Exec(`UPDATE sync_queue SET at = ? WHERE remote_id = ? AND field = ?`, at.UnixMilli(), remoteID, field); err != nil {
		t.Fatal(err)
	}
}

func TestApplyRemoteStatesLaterChangeWins(t *testing.T) {
	ctx := context.Background()
	s, _, ids := syncFixture(t, 5)
	now := time.Now()
	if err := s.SetRead(ctx, true, ids["e1"], ids["e2"], ids["e5"]); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStarred(ctx, ids["e3"], true); err != nil {
		t.Fatal(err)
	}
	setQueuedAt(t, s, "e1", "read", now.Add(-time.Hour))
	setQueuedAt(t, s, "e2", "read", now.Add(-time.Hour))
	stats, err := s.ApplyRemoteStates(ctx, []RemoteState{
		// Brief read e1 an hour ago; the server, which still has it
		// unread, changed it half an hour ago: the server's is later.
		{RemoteID: "e1", Changed: now.Add(-30 * time.Minute)},
		// Brief read e2 an hour ago; the server last changed it two
		// hours ago: brief's is later and stays queued.
		{RemoteID: "e2", Changed: now.Add(-2 * time.Hour)},
		// The server starred e3 too: the queued star is done.
		{RemoteID: "e3", Starred: true, Changed: now.Add(-time.Minute)},
		// The server read e4; brief had not touched it.
		{RemoteID: "e4", Read: true, Changed: now.Add(-time.Minute)},
		// No time from the server (Google Reader API): it counts as at
		// the last sync, two hours ago, before brief's read of e5.
		{RemoteID: "e5"},
	}, now.Add(-2*time.Hour), map[string]string{"cursor": "2"})
	if err != nil {
		t.Fatal(err)
	}
	if stats != (ApplyStats{Applied: 1, Overruled: 1, Kept: 2}) {
		t.Errorf("stats %+v, want 1 applied, 1 overruled, 2 kept", stats)
	}
	if got := queueOf(t, s); got != "e2.read=true e5.read=true " {
		t.Errorf("queue: %q, want brief's reads of e2 and e5", got)
	}
	if v, _ := s.SyncValue(ctx, "cursor"); v != "2" {
		t.Errorf("cursor saved with the states: %q", v)
	}
	arts := map[int64]Article{}
	for _, a := range mustList(t, s, Query{Copies: true}) {
		arts[a.ID] = a
	}
	for name, want := range map[string][2]bool{"e1": {false, false}, "e2": {true, false}, "e3": {false, true}, "e4": {true, false}, "e5": {true, false}} {
		if a := arts[ids[name]]; a.Read != want[0] || a.Starred != want[1] {
			t.Errorf("%s: read %v starred %v, want %v", name, a.Read, a.Starred, want)
		}
	}
	st, _ := s.RemoteStates(ctx)
	for _, r := range st {
		if r.RemoteID == "e4" && !r.Read {
			t.Errorf("the server's state of e4 is not recorded: %+v", r)
		}
	}
}

func TestSyncedStoryCopiesShareState(t *testing.T) {
	ctx := context.Background()
	s, feedID, ids := syncFixture(t, 1)
	// brief's own copy of a story, read; the server sends another copy,
	// unread, and a copy of e1 from a second entry.
	local := mustFeed(t, s, "https://local.example/rss", "Local")
	own := art("own-1", "Chipmaker lifts its guidance", 3)
	own.Link = "https://news.example/chipmaker"
	mustSave(t, s, local.ID, own)
	if _, err := s.MarkRead(ctx, Query{Feed: "Local"}, true); err != nil {
		t.Fatal(err)
	}
	copy1 := copyOf(own, "sync:c1")
	e1 := art("sync:c2", "Entry 1 about its own thing", 1)
	e1.Link = "https://news.example/e1"
	_, _, err := s.SaveRemoteEntries(ctx, []RemoteEntry{
		{RemoteID: "c1", FeedID: feedID, Article: copy1},
		{RemoteID: "c2", FeedID: feedID, Article: e1},
	}, time.Time{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// c1 joins the read story: the story's read goes to the server.
	if got := queueOf(t, s); got != "c1.read=true " {
		t.Fatalf("queue after a copy joined a read story: %q", got)
	}
	// The server stars c2, a copy of e1: e1 is starred with it, and that
	// goes to the server for e1.
	if _, err := s.ApplyRemoteStates(ctx, []RemoteState{{RemoteID: "c2", Starred: true, Changed: time.Now()}}, time.Time{}, nil); err != nil {
		t.Fatal(err)
	}
	if got := queueOf(t, s); got != "c1.read=true e1.starred=true " {
		t.Errorf("queue after the server starred one copy: %q", got)
	}
	if a, _ := s.Article(ctx, ids["e1"]); !a.Starred {
		t.Error("the server's star did not reach the story's other copy")
	}
}

func TestSyncAccountSwitchAndPrunedEntries(t *testing.T) {
	ctx := context.Background()
	s, _, ids := syncFixture(t, 2)
	if err := s.SetStarred(ctx, ids["e1"], true); err != nil {
		t.Fatal(err)
	}
	if err := s.SetRead(ctx, true, ids["e2"]); err != nil {
		t.Fatal(err)
	}
	// Retention drops e2: it stays known, so it is not downloaded again.
	if _, err := s.w.Exec(`DELETE FROM articles WHERE id = ?`, ids["e2"]); err != nil {
		t.Fatal(err)
	}
	if unknown, err := s.UnknownRemoteIDs(ctx, []string{"e1", "e2", "e9"}); err != nil || fmt.Sprint(unknown) != "[e9]" {
		t.Errorf("UnknownRemoteIDs = %v, %v; want [e9]", unknown, err)
	}
	if switched, err := s.UseSyncAccount(ctx, "miniflux https://rss.example u"); switched || err != nil {
		t.Errorf("same account: switched %v, %v", switched, err)
	}
	switched, err := s.UseSyncAccount(ctx, "greader https://other.example v")
	if !switched || err != nil {
		t.Fatalf("another account: switched %v, %v", switched, err)
	}
	st, _ := s.SyncStatus(ctx)
	if st.Queued() != 0 || st.Entries != 0 || st.Feeds != 0 || st.Account != "greader https://other.example v" {
		t.Errorf("after switching: %+v", st)
	}
	left := mustList(t, s, Query{Copies: true})
	if len(left) != 1 || left[0].ID != ids["e1"] || !left[0].Starred {
		t.Errorf("after switching, want only the starred article kept: %+v", left)
	}
}
