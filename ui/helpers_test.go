package ui

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"brief/config"
	"brief/feed"
	"brief/ingest"
	"brief/store"
)

// testNow is the fixed clock of the tests: the day after the newest
// article of the builtin sample.
var testNow = time.Date(2026, 11, 26, 18, 0, 0, 0, time.UTC)

// sampleStore is a temporary database filled from the builtin sample.
func sampleStore(tb testing.TB) *store.Store {
	tb.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(tb.TempDir(), "brief.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	fetcher := feed.NewFetcher(feed.Options{Offline: true})
	in := &ingest.Ingester{Store: st, Fetcher: fetcher, Now: func() time.Time { return testNow }}
	if _, err := in.Run(ctx, []config.Feed{{URL: "builtin:sample"}}, nil); err != nil {
		tb.Fatal(err)
	}
	return st
}

func testOptions(st *store.Store) Options {
	cfg := config.Defaults()
	cfg.Fetch.RefreshOnStart = false
	return Options{Store: st, Config: cfg, Offline: true, Theme: "dark", NoColor: true, Now: func() time.Time { return testNow }}
}

// driver runs a model the way Bubble Tea would, synchronously: every
// command runs and its message goes back into Update, so a test sees the
// screen after all the loading a key press sets off. Commands that wait
// longer than a moment (the minute clock, message expiry) are dropped.
type driver struct {
	tb  testing.TB
	m   Model
	out []tea.Msg // messages meant for the terminal (clipboard, quit)
}

func newDriver(tb testing.TB, o Options, w, h int) *driver {
	tb.Helper()
	d := &driver{tb: tb, m: New(o)}
	d.m.noTimers = true
	d.run(d.m.Init())
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	return d
}

func (d *driver) send(msg tea.Msg) {
	d.tb.Helper()
	_, cmd := d.m.Update(msg)
	d.run(cmd)
}

// commandWait is how long a command may take before the driver treats it
// as a timer that never fires within the test.
const commandWait = 5 * time.Second

func (d *driver) run(cmd tea.Cmd) {
	d.tb.Helper()
	if cmd == nil {
		return
	}
	type result struct{ msg tea.Msg }
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		// Run the batch's commands at once, the way the runtime does, so
		// that a debounce timer and a search run side by side.
		ch := make(chan result, 1)
		go func() { ch <- result{c()} }()
		var msg tea.Msg
		select {
		case r := <-ch:
			msg = r.msg
		case <-time.After(d.wait(c)):
			continue
		}
		switch msg := msg.(type) {
		case nil:
		case tea.BatchMsg:
			msgs := runAll(msg, d.wait(nil))
			for _, mm := range msgs {
				queue = append(queue, func() tea.Msg { return mm })
			}
		case flashExpiredMsg, clockMsg:
		default:
			if isTerminalMsg(msg) {
				d.out = append(d.out, msg)
				if _, ok := msg.(tea.QuitMsg); ok {
					continue
				}
			}
			_, next := d.m.Update(msg)
			queue = append(queue, next)
		}
	}
}

func (d *driver) wait(tea.Cmd) time.Duration { return commandWait }

// runAll runs a batch's commands concurrently and returns their messages
// in batch order, leaving out those still running after wait.
func runAll(cmds []tea.Cmd, wait time.Duration) []tea.Msg {
	msgs := make([]tea.Msg, len(cmds))
	done := make([]bool, len(cmds))
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i, c := range cmds {
		if c == nil {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			m := c()
			mu.Lock()
			msgs[i], done[i] = m, true
			mu.Unlock()
		}()
	}
	ch := make(chan struct{})
	go func() { wg.Wait(); close(ch) }()
	select {
	case <-ch:
	case <-time.After(wait):
	}
	mu.Lock()
	defer mu.Unlock()
	var out []tea.Msg
	for i := range msgs {
		if done[i] && msgs[i] != nil {
			out = append(out, msgs[i])
		}
	}
	return out
}

// The messages the model sends to the terminal are Bubble Tea's own:
// tea.Quit's, tea.SetClipboard's and tea.RequestBackgroundColor's. The
// last two are of unexported types, so they are known by messages those
// commands make.
var (
	clipboardMsgType  = reflect.TypeOf(tea.SetClipboard("")())
	backgroundRequest = tea.RequestBackgroundColor()
)

func isTerminalMsg(msg tea.Msg) bool {
	if _, ok := msg.(tea.QuitMsg); ok {
		return true
	}
	_, clip := clipboardText(msg)
	return clip || msg == backgroundRequest
}

// clipboardText is the text msg puts on the clipboard (OSC 52), when it
// is tea.SetClipboard's message.
func clipboardText(msg tea.Msg) (string, bool) {
	if reflect.TypeOf(msg) != clipboardMsgType {
		return "", false
	}
	return reflect.ValueOf(msg).String(), true
}

// key sends key presses by name: "j", "enter", "ctrl+d", "space".
func (d *driver) key(names ...string) {
	d.tb.Helper()
	for _, n := range names {
		d.send(keyPress(n))
	}
}

// typeText types s into whatever has focus.
func (d *driver) typeText(s string) {
	d.tb.Helper()
	for _, r := range s {
		d.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func keyPress(name string) tea.KeyPressMsg {
	special := map[string]rune{
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "backspace": tea.KeyBackspace,
		"tab": tea.KeyTab, "space": tea.KeySpace, "up": tea.KeyUp, "down": tea.KeyDown,
		"left": tea.KeyLeft, "right": tea.KeyRight, "pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp,
		"home": tea.KeyHome, "end": tea.KeyEnd,
	}
	if strings.HasPrefix(name, "ctrl+") {
		return tea.KeyPressMsg{Code: rune(name[len(name)-1]), Mod: tea.ModCtrl}
	}
	if c, ok := special[name]; ok {
		k := tea.KeyPressMsg{Code: c}
		if c == tea.KeySpace {
			k.Text = " "
		}
		return k
	}
	r := []rune(name)[0]
	return tea.KeyPressMsg{Code: r, Text: name}
}

// screen is what the user sees, without styling.
func (d *driver) screen() string {
	return ansi.Strip(d.m.View().Content)
}

func (d *driver) wantScreen(subs ...string) {
	d.tb.Helper()
	s := d.screen()
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			d.tb.Fatalf("screen lacks %q:\n%s", sub, s)
		}
	}
}

func (d *driver) noScreen(subs ...string) {
	d.tb.Helper()
	s := d.screen()
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			d.tb.Fatalf("screen shows %q but should not:\n%s", sub, s)
		}
	}
}
