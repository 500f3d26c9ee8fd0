package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"brief/store"
)

// storyStore holds one story told by three feeds and one other article.
// Feed B's copy has the article's own summary block; feed C's the longest
// body; feed A's came first and heads the story.
func storyStore(t *testing.T) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "brief.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	copyOf := func(guid, body, briefing string) store.NewArticle {
		return store.NewArticle{
			GUIDKey: guid, Link: "https://wire.example/acme-contract", Title: "Acme wins a $2 billion defence contract",
			Published: testNow.Add(-2 * 60 * 60e9), Markdown: body, Briefing: []byte(briefing),
			Tickers: []store.Ticker{{Symbol: "ACME", Mentions: 2, Primary: true}},
		}
	}
	generated := `{"summary":["Acme won a contract."],"summary_generated":true}`
	for i, c := range []store.NewArticle{
		copyOf("a", "Acme won the contract, its largest.", generated),
		copyOf("b", "Acme won the contract.", `{"summary":["Acme wins its largest order.","Deliveries start in 2027."],"summary_generated":false}`),
		copyOf("c", "Acme won the contract, its largest, with deliveries from 2027 and options worth more.", generated),
	} {
		f, err := st.EnsureFeed(ctx, fmt.Sprintf("https://feed%d.example/rss", i), fmt.Sprintf("Feed %c", 'A'+i), nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.SaveFetch(ctx, f.ID, store.FetchOK{At: testNow}, []store.NewArticle{c}); err != nil {
			t.Fatal(err)
		}
	}
	f, _ := st.EnsureFeed(ctx, "https://other.example/rss", "Other", nil)
	other := store.NewArticle{GUIDKey: "o", Link: "https://other.example/o", Title: "Beta cuts prices", Published: testNow.Add(-3 * 60 * 60e9), Markdown: "Beta cut prices."}
	if _, err := st.SaveFetch(ctx, f.ID, store.FetchOK{At: testNow}, []store.NewArticle{other}); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestStoryIsOneRowAndOpensItsBestCopy(t *testing.T) {
	st := storyStore(t)
	d := newDriver(t, testOptions(st), 120, 40)
	d.wantScreen("Acme wins a $2 billion defence contract ×3", "Beta cuts prices", "2 unread")
	if !strings.Contains(d.screen(), "1/2 ") {
		t.Fatalf("the list does not hold two rows (the story once, the other article):\n%s", d.screen())
	}
	d.key("enter")
	// Feed B's copy has the article's own summary: it is the one shown.
	d.wantScreen("3 sources: Feed A · ▸Feed B · Feed C", "Acme wins its largest order.", "(c next)")
	ctx := context.Background()
	if n, _ := st.Count(ctx, store.Query{Unread: true, Copies: true}); n != 1 {
		t.Errorf("after opening the story %d copies are unread, want 1 (the other article)", n)
	}
	d.key("c")
	d.wantScreen("▸Feed C", "options worth more")
	d.key("c")
	d.wantScreen("▸Feed A")
	d.key("*")
	if n, _ := st.Count(ctx, store.Query{Starred: true, Copies: true}); n != 3 {
		t.Errorf("starring the story starred %d copies, want 3", n)
	}
}

func TestStoryMarkNarrowAndWide(t *testing.T) {
	st := storyStore(t)
	d := newDriver(t, testOptions(st), 80, 24)
	d.wantScreen("×3")
	d = newDriver(t, testOptions(st), 200, 50)
	d.wantScreen("· 3 sources")
}

// TestArticlesShowAsFeedsLand: a refresh in progress reloads the list as
// its feeds are saved, before the whole refresh is done.
func TestArticlesShowAsFeedsLand(t *testing.T) {
	st := storyStore(t)
	d := newDriver(t, testOptions(st), 120, 40)
	d.noScreen("Gamma lands an order")
	ctx := context.Background()
	f, err := st.EnsureFeed(ctx, "https://gamma.example/rss", "Gamma", nil)
	if err != nil {
		t.Fatal(err)
	}
	a := store.NewArticle{GUIDKey: "g", Link: "https://gamma.example/g", Title: "Gamma lands an order", Published: testNow.Add(-60e9), Markdown: "Gamma."}
	if _, err := st.SaveFetch(ctx, f.ID, store.FetchOK{At: testNow}, []store.NewArticle{a}); err != nil {
		t.Fatal(err)
	}
	events := make(chan tea.Msg)
	close(events) // the refresh goes on elsewhere; nothing more arrives here
	d.send(refreshProgressMsg{events: events, done: 1, total: 5})
	d.wantScreen("Gamma lands an order", "3 unread")
}
