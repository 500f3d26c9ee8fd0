package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// EnsureFeeds subscribes a whole list in order: new feeds are created,
// changed titles and tags updated, removed feeds revived with their
// validators cleared, and unchanged ones left as they are.
func TestEnsureFeeds(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	kept := mustFeed(t, s, "https://a.example/rss", "A", "x")
	if _, err := s.SaveFetch(ctx, kept.ID, FetchOK{ETag: `"a1"`, At: base}, nil); err != nil {
		t.Fatal(err)
	}
	gone := mustFeed(t, s, "https://b.example/rss", "B")
	if _, err := s.SaveFetch(ctx, gone.ID, FetchOK{ETag: `"b1"`, At: base}, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveFeed(ctx, gone.URL); err != nil {
		t.Fatal(err)
	}
	got, err := s.EnsureFeeds(ctx, []FeedSpec{
		{URL: "https://c.example/rss", Title: "C", Tags: []string{"new"}},
		{URL: kept.URL, Tags: []string{"x"}},
		{URL: gone.URL, Title: "B again"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].URL != "https://c.example/rss" || got[0].Title != "C" || strings.Join(got[0].Tags, ",") != "new" {
		t.Fatalf("new feed: %+v", got)
	}
	if got[1].ID != kept.ID || got[1].Title != "A" || got[1].ETag != `"a1"` {
		t.Errorf("unchanged feed changed: %+v", got[1])
	}
	if got[2].Title != "B again" || got[2].ETag != "" {
		t.Errorf("revived feed: %+v; want the new title and no validators", got[2])
	}
	feeds, err := s.Feeds(ctx)
	if err != nil || len(feeds) != 3 {
		t.Errorf("Feeds = %d, %v; want 3", len(feeds), err)
	}
	if _, err := s.EnsureFeeds(ctx, []FeedSpec{{URL: ""}}); err == nil {
		t.Error("an empty URL was accepted")
	}
}

// GUID keys short enough that their JSON array could pass for SQLite's
// binary JSONB are still found again on the next save.
func TestShortGUIDKeysFoundAgain(t *testing.T) {
	s := openTest(t)
	f := mustFeed(t, s, "https://example.com/feed", "")
	for _, key := range []string{"ab", "a", "", "x\"", "12"} {
		a := art(key, "Copper "+key, 1)
		a.Link = "https://example.com/" + key
		mustSave(t, s, f.ID, a)
		a.Title += " again"
		if st := mustSave(t, s, f.ID, a); st.Updated != 1 || st.New != 0 {
			t.Errorf("key %q: second save %+v; want one update", key, st)
		}
	}
}

// EnsureFeeds reads its feeds back in the order given, past one
// statement's worth, and finds an address whose bytes are not UTF-8 as it
// was stored.
func TestEnsureFeedsReadsBackEveryAddress(t *testing.T) {
	s := openTest(t)
	specs := make([]FeedSpec, feedsPerRead+3)
	for i := range specs {
		specs[i] = FeedSpec{URL: fmt.Sprintf("https://h.example/%d.xml", i)}
	}
	specs[7].URL = "https://h.example/odd\xff\xfe?\x1b[2J.xml"
	for round := range 2 { // registering, then reading back the known list
		feeds, err := s.EnsureFeeds(context.Background(), specs)
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		for i, f := range feeds {
			if f.URL != specs[i].URL || f.ID == 0 {
				t.Fatalf("round %d: feed %d is %q (id %d), want %q", round, i, f.URL, f.ID, specs[i].URL)
			}
		}
	}
}
