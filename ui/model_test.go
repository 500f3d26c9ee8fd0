package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"brief/render"
	"brief/store"
)

const (
	firstTitle  = "Thanksgiving Week"
	secondTitle = "Alibaba Cloud"
)

func TestListShowsNewestFirstWithCounts(t *testing.T) {
	d := newDriver(t, testOptions(sampleStore(t)), 160, 40)
	d.wantScreen("Articles", "1/17", firstTitle, "17 unread", "○ offline", "Feeds", "Tickers")
	s := d.screen()
	if strings.Index(s, firstTitle) > strings.Index(s, secondTitle) {
		t.Fatalf("newest article is not first:\n%s", s)
	}
	// Watchlist chips are in the rows; every row has an age.
	d.wantScreen("AMZN", "3h", "1d", "Nov 19")
}

func TestMovementKeys(t *testing.T) {
	d := newDriver(t, testOptions(sampleStore(t)), 120, 12)
	steps := []struct {
		key  string
		want string
	}{
		{"j", "2/17"}, {"down", "3/17"}, {"k", "2/17"}, {"up", "1/17"},
		{"G", "17/17"}, {"g", "1/17"}, {"end", "17/17"}, {"home", "1/17"},
	}
	for _, s := range steps {
		d.key(s.key)
		d.wantScreen(s.want)
	}
	vis := d.m.list.rowsVisible()
	d.key("space")
	d.wantScreen(fmt.Sprintf("%d/17", 1+vis))
	d.key("pgup")
	d.wantScreen("1/17")
	d.key("pgdown")
	d.wantScreen(fmt.Sprintf("%d/17", 1+vis))
	d.key("g", "ctrl+d")
	d.wantScreen(fmt.Sprintf("%d/17", 1+vis/2))
	d.key("ctrl+u")
	d.wantScreen("1/17")
}

func TestEnterOpensBriefingAndMarksRead(t *testing.T) {
	st := sampleStore(t)
	d := newDriver(t, testOptions(st), 120, 50)
	d.key("enter")
	d.wantScreen("Summary", "Key takeaways", "(generated)", "Tickers (←/→", "[AMZN ×2]", "Key figures", "16 unread")
	// The body follows the card, rendered by glamour.
	d.wantScreen("Retail analysts expect deeper promotions")
	n, err := st.Count(context.Background(), store.Query{Unread: true})
	if err != nil || n != 16 {
		t.Fatalf("unread in store = %d, %v; want 16", n, err)
	}
}

func TestNarrowOnePaneEnterAndEsc(t *testing.T) {
	d := newDriver(t, testOptions(sampleStore(t)), 70, 24)
	d.wantScreen("Articles")
	d.key("enter")
	d.wantScreen("Summary", "1/17 · 0%")
	d.noScreen("Articles ")
	d.key("esc")
	d.wantScreen("Articles", "1/17")
	d.key("enter", "backspace")
	d.wantScreen("Articles")
	// Below 100 columns the list is alone unless v asks for the preview.
	d.noScreen("Summary")
	d.key("v")
	d.wantScreen("Articles", "Summary")
	d.key("v")
	d.noScreen("Summary")
}

func TestReaderScrolls(t *testing.T) {
	d := newDriver(t, testOptions(sampleStore(t)), 100, 20)
	d.key("enter")
	d.wantScreen("Brief sample briefings · Lena Marchetti")
	d.key("j", "j", "j", "j", "j")
	d.noScreen("Lena Marchetti")
	d.key("g")
	d.wantScreen("Lena Marchetti")
	d.key("G")
	d.noScreen("Lena Marchetti")
	d.key("g", "space")
	d.noScreen("Lena Marchetti")
	d.key("pgup")
	d.wantScreen("Lena Marchetti")
	d.key("ctrl+d")
	d.noScreen("Lena Marchetti")
	d.key("ctrl+u")
	d.wantScreen("Lena Marchetti")
	d.key("ctrl+f")
	d.noScreen("Lena Marchetti")
	d.key("b")
	d.wantScreen("Lena Marchetti")
	d.key("pgdown", "g")
	d.wantScreen("Lena Marchetti")
	// q goes back to the list, j then moves its cursor.
	d.key("q", "j")
	d.wantScreen("2/17")
}

func TestPrevNextArticle(t *testing.T) {
	d := newDriver(t, testOptions(sampleStore(t)), 120, 40)
	d.key("enter", "J")
	d.wantScreen("2/17", "Theo Carrow", "Summary")
	d.key("]")
	d.wantScreen("3/17", "PDD")
	d.key("[")
	d.wantScreen("2/17")
	d.key("K")
	d.wantScreen("1/17", "Lena Marchetti")
	if got := d.m.unread; got != 14 {
		t.Fatalf("unread = %d after opening three articles, want 14", got)
	}
}

func TestNextPrevUnread(t *testing.T) {
	d := newDriver(t, testOptions(sampleStore(t)), 120, 40)
	d.key("enter", "q")      // the first is read
	d.key("j", "j", "enter") // open the third: the second stays unread
	d.key("q", "g", "n")     // n opens the next unread, as in newsboat
	d.wantScreen("2/17", "Theo Carrow")
	d.key("n")
	d.wantScreen("4/17")
	d.key("p", "p")
	d.wantScreen("No more unread articles.")
}

func TestToggleReadAndStar(t *testing.T) {
	st := sampleStore(t)
	d := newDriver(t, testOptions(st), 120, 40)
	d.key("m")
	d.wantScreen("Marked read", "16 unread")
	d.key("m")
	d.wantScreen("Marked unread", "17 unread")
	d.key("*")
	d.wantScreen("Starred", "★")
	arts, err := st.List(context.Background(), store.Query{Starred: true})
	if err != nil || len(arts) != 1 || !strings.Contains(arts[0].Title, firstTitle) {
		t.Fatalf("starred in store: %v %v", arts, err)
	}
	d.key("N")
	d.wantScreen("Marked read")
	d.key("*")
	d.wantScreen("Unstarred")
	d.noScreen("★")
}

func TestTickersViewAndJump(t *testing.T) {
	st := sampleStore(t)
	d := newDriver(t, testOptions(st), 120, 40)
	d.key("t")
	d.wantScreen("Tickers · sorted by mentions", "SYMBOL", "TODAY", "7D", "14 DAYS", "*BABA", "Alibaba Group Holdi")
	if !strings.ContainsAny(d.screen(), "▁▂▃▄▅▆▇█") {
		t.Fatal("no sparkline")
	}
	for i := 0; i < 40 && !strings.Contains(d.screen(), "▸ *BABA"); i++ {
		d.key("j")
	}
	d.wantScreen("▸ *BABA")
	d.key("enter")
	d.wantScreen("Articles · $BABA", secondTitle)
	want, _ := st.Count(context.Background(), store.Query{Ticker: "BABA"})
	d.wantScreen(fmt.Sprintf("1/%d", want))
	d.noScreen(firstTitle)
	d.key("esc")
	d.wantScreen("1/17", firstTitle)
}

func TestTickersSort(t *testing.T) {
	d := newDriver(t, testOptions(sampleStore(t)), 120, 40)
	d.key("t", "S")
	d.wantScreen("sorted by recency")
	d.key("S")
	d.wantScreen("sorted by symbol")
	// Watchlist first whatever the order.
	lines := strings.Split(d.screen(), "\n")
	if !strings.Contains(lines[2], "*AAPL") {
		t.Fatalf("first row is not the first watchlist symbol: %q", lines[2])
	}
	d.key("S", "esc")
	d.wantScreen("Articles")
}

func TestChipSelectionJumpsToTicker(t *testing.T) {
	d := newDriver(t, testOptions(sampleStore(t)), 120, 50)
	d.key("j", "enter")
	d.wantScreen("[BABA")
	d.key("right")
	d.wantScreen(">BABA")
	d.key("right", "left")
	d.wantScreen(">BABA")
	d.key("enter")
	d.wantScreen("Articles · $BABA")
}

func TestCycleWatchlist(t *testing.T) {
	d := newDriver(t, testOptions(sampleStore(t)), 120, 40)
	d.key("T")
	d.wantScreen("$AAPL", "Watchlist 1/8")
	d.key("T")
	d.wantScreen("$MSFT")
	d.key("esc")
	d.wantScreen("1/17")
}

func TestWatchToggle(t *testing.T) {
	d := newDriver(t, testOptions(sampleStore(t)), 120, 40)
	d.key("t")
	for i := 0; i < 40 && !strings.Contains(d.screen(), "▸ WMT"); i++ {
		d.key("j")
	}
	d.key("w")
	d.wantScreen("WMT added to the watchlist (this session)", "▸ *WMT")
	d.key("w")
	d.wantScreen("WMT removed from the watchlist")
	d.noScreen("*WMT")
	// In the list, w acts on the selected article's first ticker.
	d.key("esc", "w")
	d.wantScreen("AMZN removed from the watchlist")
}

func TestSearch(t *testing.T) {
	d := newDriver(t, testOptions(sampleStore(t)), 120, 40)
	d.key("/")
	d.wantScreen("/ ", "search titles, bodies and tickers")
	// "t", "s" and "q" type into the box instead of acting.
	d.typeText("Larchmont")
	d.wantScreen(`Search "Larchmont"`, firstTitle, "1/1")
	d.noScreen("Tickers · sorted")
	d.key("backspace")
	d.typeText("t quits")
	d.wantScreen("/ Larchmont quits", "Nothing matches")
	d.key("ctrl+u")
	d.typeText("qwen")
	d.wantScreen(secondTitle)
	d.key("enter") // results keep, keys go back to the list
	d.key("enter")
	d.wantScreen("Summary")
	d.key("esc", "esc")
	d.noScreen("Search")
	d.wantScreen("1/17")
}

func TestSearchDropsStaleResults(t *testing.T) {
	d := newDriver(t, testOptions(sampleStore(t)), 120, 40)
	d.key("/")
	d.typeText("qwen")
	d.wantScreen(secondTitle)
	old := d.m.search.seq - 1
	d.send(pageMsg{seq: d.m.pageSeq - 1, total: 1, arts: []store.Article{{ID: 999, Title: "Stale result"}}})
	d.noScreen("Stale result")
	d.send(searchTickMsg{seq: old})
	d.wantScreen(secondTitle)
}

func TestFilterMenu(t *testing.T) {
	d := newDriver(t, testOptions(sampleStore(t)), 120, 40)
	d.key("enter")
	d.m.focus = paneList
	d.key("f")
	d.wantScreen("Filter", "Unread only", "Starred only", "Feed: Brief sample briefings")
	d.key("j", "enter")
	d.wantScreen("Articles · unread", "1/16", "[x] Unread only")
	d.key("esc")
	d.noScreen("Starred only")
	d.key("f", "j", "j", "space")
	d.wantScreen("No articles match the filter")
	d.key("k", "k", "enter", "f")
	d.wantScreen("1/17")
}

func TestHelpShowsEveryBinding(t *testing.T) {
	d := newDriver(t, testOptions(sampleStore(t)), 200, 50)
	d.wantScreen("? all keys", "q back")
	d.key("?")
	for _, col := range d.m.keys.FullHelp() {
		for _, b := range col {
			d.wantScreen(b.Help().Desc)
		}
	}
	d.key("?")
	d.noScreen("next unread")
}

func TestQuitClosesOverlaysFirst(t *testing.T) {
	d := newDriver(t, testOptions(sampleStore(t)), 120, 40)
	d.key("?")
	_, cmd := d.m.Update(keyPress("q"))
	if cmd != nil {
		if _, ok := cmd().(tea.QuitMsg); ok {
			t.Fatal("q quit with the help open")
		}
	}
	d.key("/")
	_, cmd = d.m.Update(keyPress("q"))
	if cmd != nil {
		if _, ok := cmd().(tea.QuitMsg); ok {
			t.Fatal("q quit while typing a search")
		}
	}
	d.key("esc")
	_, cmd = d.m.Update(keyPress("q"))
	if cmd == nil {
		t.Fatal("q did nothing")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("q did not quit")
	}
	_, cmd = d.m.Update(keyPress("ctrl+c"))
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("ctrl+c did not quit")
	}
}

func TestMouseWheelAndClick(t *testing.T) {
	d := newDriver(t, testOptions(sampleStore(t)), 120, 40)
	l := d.m.lay
	d.send(tea.MouseWheelMsg{X: l.listX + 2, Y: 5, Button: tea.MouseWheelDown})
	d.wantScreen("4/17")
	d.send(tea.MouseWheelMsg{X: l.listX + 2, Y: 5, Button: tea.MouseWheelUp})
	d.wantScreen("1/17")
	d.send(tea.MouseClickMsg{X: l.listX + 5, Y: 1 + 4, Button: tea.MouseLeft})
	d.wantScreen("5/17")
	d.send(tea.MouseClickMsg{X: l.listX + 5, Y: 1 + 4, Button: tea.MouseLeft})
	d.wantScreen("Summary")
	d.send(tea.MouseWheelMsg{X: l.readerX + 2, Y: 5, Button: tea.MouseWheelDown})
	if d.m.reader.vp.YOffset() != 3 {
		t.Fatalf("reader offset %d after a wheel turn", d.m.reader.vp.YOffset())
	}
}

func TestSidebarFeedsAndTickers(t *testing.T) {
	d := newDriver(t, testOptions(sampleStore(t)), 140, 40)
	d.key("tab") // list -> sidebar
	d.wantScreen("▸  All articles")
	d.key("j", "enter")
	d.wantScreen("Articles · Brief sample briefings")
	d.key("esc")
	d.m.focus = paneSidebar
	d.key("right")
	d.wantScreen("▸* AMZN")
	d.key("enter")
	d.wantScreen("$AMZN")
	// F hides and shows the sidebar.
	d.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	d.noScreen("Feeds | Tickers")
	d.key("F")
	d.wantScreen("Feeds | [Tickers]")
	d.key("F")
	d.noScreen("Feeds | Tickers")
}

func TestThemeFollowsBackground(t *testing.T) {
	o := testOptions(sampleStore(t))
	o.Theme, o.NoColor = "auto", false
	d := newDriver(t, o, 120, 40)
	d.key("enter")
	if d.m.st.md != render.StyleDark {
		t.Fatalf("style %q before the terminal answers", d.m.st.md)
	}
	d.send(tea.BackgroundColorMsg{Color: lightColor{}})
	if d.m.st.md != render.StyleLight || d.m.bodyKey().style != render.StyleLight {
		t.Fatalf("style %q on a light background", d.m.st.md)
	}
	d.wantScreen("Retail analysts expect deeper promotions")
	// An explicit theme ignores the terminal.
	o.Theme = "dark"
	d2 := newDriver(t, o, 120, 40)
	d2.send(tea.BackgroundColorMsg{Color: lightColor{}})
	if d2.m.st.md != render.StyleDark {
		t.Fatal("--theme dark overridden by the terminal")
	}
	// NO_COLOR: no colour escape at all.
	o.NoColor = true
	d3 := newDriver(t, o, 120, 40)
	d3.key("enter")
	if c := d3.m.View().Content; strings.Contains(c, "38;") || strings.Contains(c, "48;") {
		t.Fatal("colour escapes with NoColor")
	}
}

type lightColor struct{}

func (lightColor) RGBA() (r, g, b, a uint32) { return 0xffff, 0xffff, 0xffff, 0xffff }

func TestHostileTextIsSanitised(t *testing.T) {
	st := sampleStore(t)
	ctx := context.Background()
	f, _ := st.EnsureFeed(ctx, "https://evil.example/rss", "Evil\x1b]0;pwned\x07 Feed", nil)
	_, err := st.SaveFetch(ctx, f.ID, store.FetchOK{At: testNow}, []store.NewArticle{{
		GUIDKey: "e1", Link: "https://evil.example/1", Title: "Bad \x1b[31mred\x1b[0m \u202eevil\u009b title 株式会社トヨタ自動車の決算",
		Author: "x\x07y", Published: testNow, Markdown: "body \x1b[2J cleared",
	}})
	if err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, testOptions(st), 120, 40)
	d.key("enter")
	raw := d.m.View().Content
	for _, bad := range []string{"\x1b]0;", "\x07", "\x1b[31m", "\x1b[2J", "\u202e", "\u009b"} {
		if strings.Contains(raw, bad) {
			t.Errorf("screen contains %q", bad)
		}
	}
	d.wantScreen("Bad [31mred[0m evil title")
}

func TestResizeKeepsEveryLineInside(t *testing.T) {
	st := sampleStore(t)
	ctx := context.Background()
	f, _ := st.EnsureFeed(ctx, "https://jp.example/rss", "日本経済ニュース", nil)
	st.SaveFetch(ctx, f.ID, store.FetchOK{At: testNow}, []store.NewArticle{{
		GUIDKey: "jp", Link: "https://jp.example/1", Title: "トヨタ自動車、通期見通しを上方修正 🚗📈 円安が追い風",
		Published: testNow, Markdown: "本文です。" + strings.Repeat("円安が追い風。", 40),
	}})
	d := newDriver(t, testOptions(st), 120, 40)
	d.key("enter")
	for _, sz := range [][2]int{{200, 50}, {119, 30}, {80, 24}, {79, 24}, {57, 20}, {33, 12}, {120, 40}} {
		d.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		for _, screen := range []string{"articles", "tickers"} {
			if screen == "tickers" {
				d.key("t")
			}
			lines := strings.Split(d.m.View().Content, "\n")
			if len(lines) != sz[1] {
				t.Errorf("%dx%d %s: %d lines", sz[0], sz[1], screen, len(lines))
			}
			for i, l := range lines {
				if w := ansi.StringWidth(l); w != sz[0] {
					t.Errorf("%dx%d %s: line %d is %d wide: %q", sz[0], sz[1], screen, i, w, ansi.Strip(l))
				}
			}
			if screen == "tickers" {
				d.key("esc")
			}
		}
	}
	d.wantScreen("トヨタ自動車")
}

func TestKeyOverridesFromConfig(t *testing.T) {
	o := testOptions(sampleStore(t))
	o.Config.Keys = map[string][]string{"down": {"ctrl+n"}, "tickers": {"x"}}
	d := newDriver(t, o, 120, 40)
	d.key("ctrl+n")
	d.wantScreen("2/17")
	d.key("j")
	d.wantScreen("2/17")
	d.key("x")
	d.wantScreen("Tickers · sorted")
	o.Config.Keys = map[string][]string{"dwon": {"x"}}
	d = newDriver(t, o, 120, 40)
	d.wantScreen("unknown key action dwon")
}
