package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"brief/store"
)

// TestMarkAllReadAsksThenMarksTheView: A asks first (any key but y keeps
// everything), then marks every article of the view read, not only the
// page on screen, and nothing outside it.
func TestMarkAllReadAsksThenMarksTheView(t *testing.T) {
	st := sampleStore(t)
	ctx := context.Background()
	d := newDriver(t, testOptions(st), 120, 40)
	inView := store.Query{Ticker: "NVDA"}
	n, err := st.Count(ctx, inView)
	if err != nil || n < 2 {
		t.Fatalf("sample: %d NVDA articles (%v)", n, err)
	}
	d.m.setQuery(inView, true)
	d.run(d.m.reloadList(true))
	d.wantScreen(fmt.Sprintf("1/%d", n))

	d.key("A")
	d.wantScreen(fmt.Sprintf("Mark all %d articles of this view read?", n), "y yes")
	d.key("n")
	d.wantScreen("Nothing marked.", "17 unread")

	d.key("A", "y")
	d.wantScreen(fmt.Sprintf("Marked %d read", n), fmt.Sprintf("%d unread", 17-n))
	left, err := st.Count(ctx, store.Query{Ticker: "NVDA", Unread: true})
	if err != nil || left != 0 {
		t.Errorf("%d NVDA articles still unread (%v)", left, err)
	}
	all, err := st.Count(ctx, store.Query{Unread: true})
	if err != nil || all != 17-n {
		t.Errorf("%d unread in all, want %d (%v)", all, 17-n, err)
	}
}

func TestMarkAllReadSearchResults(t *testing.T) {
	st := sampleStore(t)
	d := newDriver(t, testOptions(st), 120, 40)
	d.key("/")
	d.typeText("Tencent")
	d.key("enter", "A")
	d.wantScreen("Mark the article of this view read?")
	d.key("y")
	d.wantScreen("Marked 1 read", "16 unread")
	if n, err := st.Count(context.Background(), store.Query{Unread: true}); err != nil || n != 16 {
		t.Errorf("unread in the store: %d, %v", n, err)
	}
}

// TestHelpFitsNarrowTerminals: the key overlay shows every key, inside its
// box, down to 70 columns.
func TestHelpFitsNarrowTerminals(t *testing.T) {
	for _, w := range []int{70, 80, 100} {
		d := newDriver(t, testOptions(sampleStore(t)), w, 30)
		d.key("?")
		// What does not fit scrolls: every key shows on the way down.
		var screens []string
		for i := 0; i < 60; i++ {
			screens = append(screens, d.screen())
			d.key("j")
		}
		s := strings.Join(screens, "\n")
		for _, group := range d.m.keys.FullHelp() {
			for _, b := range group {
				if desc := b.Help().Desc; !strings.Contains(s, desc) {
					t.Errorf("%d columns: the help lacks %q:\n%s", w, desc, s)
				}
			}
		}
		if !strings.Contains(s, "esc or ? closes") {
			t.Errorf("%d columns: the help box is cut:\n%s", w, s)
		}
	}
}

// TestTagFilter: the filter menu offers each tag of the feeds, and a tag
// lists the articles of the feeds carrying it.
func TestTagFilter(t *testing.T) {
	st := sampleStore(t)
	ctx := context.Background()
	f, err := st.EnsureFeed(ctx, "https://asia.example/rss", "Asia Desk", []string{"asia"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveFetch(ctx, f.ID, store.FetchOK{At: testNow}, []store.NewArticle{
		{GUIDKey: "x", Title: "Hang Seng edges up", Published: testNow, Markdown: "Hang Seng."},
	}); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, testOptions(st), 120, 40)
	d.wantScreen("1/18")
	d.key("f")
	d.wantScreen("Tag: asia")
	for i := 0; i < 10 && !strings.Contains(d.screen(), "▸    Tag: asia") && !strings.Contains(d.screen(), "▸ [ ] Tag: asia"); i++ {
		d.key("j")
	}
	d.key("enter")
	d.wantScreen("Articles · tag: asia", "1/1", "[x] Tag: asia")
	d.key("esc")
	d.wantScreen("Hang Seng edges up")
}

// TestMarkAllQuestionStaysUntilAnswered: the question is a box over the
// screen; a message arriving meanwhile does not answer it, and esc
// withdraws it with nothing marked.
func TestMarkAllQuestionStaysUntilAnswered(t *testing.T) {
	st := sampleStore(t)
	d := newDriver(t, testOptions(st), 120, 40)
	d.key("A")
	d.wantScreen("read?")
	d.send(writeMsg{err: errors.New("disk on fire")}) // any message that says something
	d.wantScreen("read?", "disk on fire")
	d.key("esc")
	d.noScreen("read?")
	d.key("y")
	if n, err := st.Count(context.Background(), store.Query{Unread: true}); err != nil || n != 17 {
		t.Errorf("y after the question was withdrawn marked articles: %d unread, %v", n, err)
	}
}
