package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"brief/ingest"
	"brief/store"
)

// fakeRefresh adds one article to the store, newer than all the others.
func fakeRefresh(st *store.Store) func(ctx context.Context, progress func(done, total int)) (ingest.Report, error) {
	return func(ctx context.Context, progress func(done, total int)) (ingest.Report, error) {
		f, err := st.EnsureFeed(ctx, "https://news.example/feed", "Example News", nil)
		if err != nil {
			return ingest.Report{}, err
		}
		progress(1, 2)
		_, err = st.SaveFetch(ctx, f.ID, store.FetchOK{At: testNow}, []store.NewArticle{{
			GUIDKey: "fresh", Link: "https://news.example/fresh", Title: "Fresh headline from the refresh",
			Published: testNow.Add(-time.Minute), Markdown: "Fresh body.",
		}})
		progress(2, 2)
		return ingest.Report{New: 1, NetworkOK: 1}, err
	}
}

func TestRefreshKeepsSelection(t *testing.T) {
	st := sampleStore(t)
	o := testOptions(st)
	o.Offline = false
	o.Refresh = fakeRefresh(st)
	d := newDriver(t, o, 120, 40)
	d.wantScreen("not refreshed yet")
	d.noScreen("● online")
	d.key("j", "j")
	d.wantScreen("3/17")
	d.key("R")
	d.wantScreen("Fresh headline", "4/18", "Refreshed: 1 new", "refreshed just now", "18 unread", "● online")
	if a, _ := d.m.list.selected(); !strings.HasPrefix(a.Title, "PDD and JD") {
		t.Fatalf("selection moved to %q", a.Title)
	}
}

func TestRefreshOneFeedAndProgress(t *testing.T) {
	st := sampleStore(t)
	o := testOptions(st)
	o.Offline = false
	block := make(chan struct{})
	var gotURL string
	o.Refresh = fakeRefresh(st)
	o.RefreshFeed = func(ctx context.Context, url string, progress func(done, total int)) (ingest.Report, error) {
		gotURL = url
		progress(1, 3)
		<-block
		return ingest.Report{}, nil
	}
	d := newDriver(t, o, 120, 40)
	m := d.m
	_, cmd := m.Update(keyPress("r"))
	started := cmd().(refreshStartedMsg)
	_, next := m.Update(started)
	prog := next().(refreshProgressMsg)
	m.Update(prog)
	if s := ansi.Strip(m.View().Content); !strings.Contains(s, "refreshing 1/3") {
		t.Fatalf("no progress on screen:\n%s", s)
	}
	close(block)
	if gotURL != "builtin:sample" {
		t.Fatalf("refreshed %q, want the selected article's feed", gotURL)
	}
}

func TestNoRefreshSaysSo(t *testing.T) {
	d := newDriver(t, testOptions(sampleStore(t)), 120, 40)
	d.key("R")
	d.wantScreen("Refreshing is off")
	d.key("r")
	d.wantScreen("Refreshing is off")
}

// Offline, a refresh still runs: the sample and local files need no network.
func TestOfflineStillRefreshesLocalFeeds(t *testing.T) {
	o := testOptions(sampleStore(t))
	o.Offline = true
	called := make(chan struct{}, 1)
	o.Refresh = func(ctx context.Context, p func(int, int)) (ingest.Report, error) {
		called <- struct{}{}
		return ingest.Report{}, nil
	}
	m := New(o)
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	_, cmd := m.Update(keyPress("R"))
	if cmd == nil {
		t.Fatal("R offline started nothing")
	}
	if _, ok := cmd().(refreshStartedMsg); !ok {
		t.Fatal("R offline did not start a refresh")
	}
}

func TestFeedErrorsInStatusAndList(t *testing.T) {
	st := sampleStore(t)
	ctx := context.Background()
	f, err := st.EnsureFeed(ctx, "https://down.example/rss", "Down Feed", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.RecordFailure(ctx, f.ID, "HTTP 503 Service Unavailable", false, testNow); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, testOptions(st), 120, 40)
	d.wantScreen("1 feed failing (e)")
	d.key("e")
	d.wantScreen("Feed errors", "Down Feed", "https://down.example/rss", "HTTP 503 Service Unavailable")
	d.key("esc")
	d.noScreen("Feed errors")
}
