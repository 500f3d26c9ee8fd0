package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"

	"brief/store"
)

// watchSaver records the lists it is asked to save.
type watchSaver struct {
	mu    sync.Mutex
	lists [][]string
	err   error
}

func (s *watchSaver) save(symbols []string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lists = append(s.lists, symbols)
	return "/cfg/brief/config.toml", s.err
}

func (s *watchSaver) saved() [][]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.lists)
}

// messages runs cmd and what it batches, without feeding anything back.
func messages(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, messages(c)...)
		}
		return out
	default:
		return []tea.Msg{msg}
	}
}

func TestWatchToggleSaves(t *testing.T) {
	s := &watchSaver{}
	o := testOptions(sampleStore(t))
	o.SaveWatchlist = s.save
	d := newDriver(t, o, 140, 40)
	d.key("w") // the first article's first ticker, AMZN, is watched
	d.wantScreen("AMZN removed from the watchlist · saved in /cfg/brief/config.toml")
	got := s.saved()
	if len(got) != 1 || slices.Contains(got[0], "AMZN") || !slices.Contains(got[0], "AAPL") {
		t.Fatalf("saved %q, want the default watchlist without AMZN", got)
	}
	d.key("w")
	d.wantScreen("AMZN added to the watchlist · saved")
	if got := s.saved(); len(got) != 2 || got[1][len(got[1])-1] != "AMZN" {
		t.Fatalf("saved %q, want AMZN back, last", got)
	}
}

func TestWatchSaveFailureIsSaid(t *testing.T) {
	s := &watchSaver{err: errors.New("config.toml: permission denied")}
	o := testOptions(sampleStore(t))
	o.SaveWatchlist = s.save
	d := newDriver(t, o, 160, 40)
	d.key("w")
	d.wantScreen("session only; saving it failed: config.toml: permission denied")
	// The change holds for the session all the same.
	if d.m.watchSet["AMZN"] {
		t.Error("AMZN still watched after w")
	}
}

// TestWatchSavesInOrderAndQuitWaits presses w twice and quits while the
// first save is still out: one save at a time, the last state saved, and
// quitting only once it is.
func TestWatchSavesInOrderAndQuitWaits(t *testing.T) {
	s := &watchSaver{}
	o := testOptions(sampleStore(t))
	o.SaveWatchlist = s.save
	d := newDriver(t, o, 140, 40)

	_, first := d.m.Update(keyPress("w"))  // AMZN out; its save is first
	_, second := d.m.Update(keyPress("w")) // AMZN back in, while the first is out
	_, quit := d.m.Update(keyPress("q"))
	for _, msg := range append(messages(second), messages(quit)...) {
		if _, ok := msg.(tea.QuitMsg); ok {
			t.Fatal("quit while a watchlist save was in flight")
		}
		if _, ok := msg.(watchSavedMsg); ok {
			t.Fatal("a second save started while the first was in flight")
		}
	}
	if n := len(s.saved()); n != 0 {
		t.Fatalf("%d saves ran before the first command did", n)
	}

	// The first save comes back; the second starts, with AMZN back in.
	var next tea.Cmd
	for _, msg := range messages(first) {
		if m, ok := msg.(watchSavedMsg); ok {
			_, next = d.m.Update(m)
		}
	}
	msgs := messages(next)
	if len(msgs) != 1 {
		t.Fatalf("after the first save: %#v, want one more save", msgs)
	}
	got := s.saved()
	if len(got) != 2 || slices.Contains(got[0], "AMZN") || !slices.Contains(got[1], "AMZN") {
		t.Fatalf("saved %q, want without AMZN, then with it", got)
	}
	// When that one is back, the quit that waited goes through.
	_, end := d.m.Update(msgs[0])
	quits := 0
	for _, msg := range messages(end) {
		if _, ok := msg.(tea.QuitMsg); ok {
			quits++
		}
	}
	if quits != 1 {
		t.Fatalf("no quit after the last save")
	}
}

// TestWatchlistFilter: the filter menu's watchlist item lists the articles
// naming a watched ticker, and follows the watchlist as w changes it.
func TestWatchlistFilter(t *testing.T) {
	st := sampleStore(t)
	o := testOptions(st)
	o.Config.Watchlist = []string{"NVDA", "AAPL"}
	d := newDriver(t, o, 140, 40)
	want, err := st.Count(context.Background(), store.Query{AnyTicker: []string{"NVDA", "AAPL"}})
	if err != nil || want == 0 || want >= 17 {
		t.Fatalf("sample: %d articles name NVDA or AAPL (%v)", want, err)
	}
	d.key("f")
	d.wantScreen("Watchlist: NVDA AAPL")
	d.key("j", "j", "j", "enter")
	d.wantScreen("Articles · watchlist", fmt.Sprintf("1/%d", want), "[x] Watchlist")
	d.key("esc")
	// Every row names a watched ticker.
	for _, a := range d.m.list.page {
		if !slices.Contains(a.Tickers, "NVDA") && !slices.Contains(a.Tickers, "AAPL") {
			t.Errorf("%q in the watchlist view, tickers %v", a.Title, a.Tickers)
		}
	}
	// Watching one more ticker widens the view.
	withBABA, err := st.Count(context.Background(), store.Query{AnyTicker: []string{"NVDA", "AAPL", "BABA"}})
	if err != nil || withBABA <= want {
		t.Fatalf("BABA adds no article (%d, %v)", withBABA, err)
	}
	d.run(d.m.toggleWatch("BABA"))
	d.wantScreen(fmt.Sprintf("1/%d", withBABA))
}
