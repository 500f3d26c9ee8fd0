package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"brief/ingest"
	"brief/internal/termtext"
	"brief/store"
)

// bodyLines are the screen lines below the card's closing rule: the
// rendered body as the user sees it.
func bodyLines(t *testing.T, screen string) []string {
	t.Helper()
	lines := strings.Split(screen, "\n")
	lines = lines[:len(lines)-2] // less status and help lines
	last := -1
	for i, l := range lines {
		if strings.Contains(l, "──────────") {
			last = i
		}
	}
	return lines[last+1:]
}

// textSpan is the columns a line's text occupies: first to last non-space.
func textSpan(line string) (from, to int) {
	w := ansi.StringWidth(line)
	trimmed := strings.TrimLeft(line, " ")
	from = w - ansi.StringWidth(trimmed)
	to = ansi.StringWidth(strings.TrimRight(line, " "))
	return from, to
}

func TestArticleOpensFullWidth(t *testing.T) {
	st := sampleStore(t)
	for _, tc := range []struct {
		w, h       int
		minW, maxW int
	}{
		{80, 24, 76, 80},
		{200, 50, 90, 100},
	} {
		t.Run(fmt.Sprintf("%dx%d", tc.w, tc.h), func(t *testing.T) {
			d := newDriver(t, testOptions(st), tc.w, tc.h)
			d.key("enter")
			s := d.screen()
			if strings.Contains(s, "1/17 ") && strings.Contains(s, "Articles ") {
				t.Fatalf("the list is still on screen beside the article:\n%s", s)
			}
			d.key("space") // into the body
			lo, hi := tc.w, 0
			for _, l := range bodyLines(t, d.screen()) {
				if strings.TrimSpace(l) == "" {
					continue
				}
				f, e := textSpan(l)
				lo, hi = min(lo, f), max(hi, e)
			}
			if used := hi - lo; used < tc.minW || used > tc.maxW {
				t.Fatalf("body text spans columns %d–%d (%d wide), want %d–%d wide:\n%s", lo, hi, used, tc.minW, tc.maxW, d.screen())
			}
			d.key("m") // leave the store as it was
		})
	}
}

func TestQGoesBackOneLevel(t *testing.T) {
	d := newDriver(t, testOptions(sampleStore(t)), 80, 24)
	d.key("enter")
	d.wantScreen("Summary")
	d.key("q")
	if len(d.out) > 0 {
		t.Fatalf("q in an article quit the program")
	}
	d.wantScreen("Articles", "1/17")
	d.noScreen("Summary")
	// A jump is a level too.
	d.key("t")
	d.wantScreen("Tickers · sorted")
	d.key("q")
	d.wantScreen("Articles", "1/17")
	d.key("q")
	if len(d.out) == 0 || fmt.Sprintf("%T", d.out[len(d.out)-1]) != "tea.QuitMsg" {
		t.Fatalf("q at the top did not quit; out=%v", d.out)
	}
}

func TestShiftQQuitsFromAnArticle(t *testing.T) {
	d := newDriver(t, testOptions(sampleStore(t)), 80, 24)
	d.key("enter", "Q")
	if len(d.out) == 0 {
		t.Fatal("Q in an article did not quit")
	}
}

// manyFeedsStore has n feeds, one article each, titled "Feed 001" …
func manyFeedsStore(t *testing.T, n int, title func(i int) string) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "brief.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	specs := make([]store.FeedSpec, n)
	for i := range specs {
		specs[i] = store.FeedSpec{URL: fmt.Sprintf("https://h%d.example/feed%03d.xml", i%7, i+1), Title: title(i)}
	}
	feeds, err := st.EnsureFeeds(ctx, specs)
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range feeds {
		art := store.NewArticle{
			GUIDKey: fmt.Sprintf("g%d", i), Link: fmt.Sprintf("https://h.example/a/%d", i),
			Title: fmt.Sprintf("Article of feed %03d", i+1), Published: testNow.Add(-time.Duration(i) * time.Minute),
			Markdown: "Body.",
		}
		if _, err := st.SaveFetch(ctx, f.ID, store.FetchOK{At: testNow}, []store.NewArticle{art}); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

func TestFilterMenuScrollsToTheFeedItToggles(t *testing.T) {
	st := manyFeedsStore(t, 220, func(i int) string { return fmt.Sprintf("Feed %03d", i+1) })
	for _, sz := range [][2]int{{60, 15}, {80, 24}, {200, 50}} {
		d := newDriver(t, testOptions(st), sz[0], sz[1])
		d.key("f")
		// The menu: all, unread, starred, watchlist, then the feeds.
		for i := 0; i < 4+40; i++ {
			d.key("j")
		}
		d.wantScreen("▸ [ ] Feed: Feed 041")
		d.key("enter")
		d.wantScreen("▸ [x] Feed: Feed 041")
		d.key("esc")
		d.wantScreen("Feed 041", "Article of feed 041", "1/1")
	}
}

func TestErrorsOverlayScrollsToTheLast(t *testing.T) {
	st := manyFeedsStore(t, 30, func(i int) string { return fmt.Sprintf("Broken %02d", i+1) })
	ctx := context.Background()
	feeds, _ := st.Feeds(ctx)
	for _, f := range feeds {
		if err := st.RecordFailure(ctx, f.ID, "connection refused by "+f.Title, false, testNow); err != nil {
			t.Fatal(err)
		}
	}
	d := newDriver(t, testOptions(st), 80, 24)
	d.key("e")
	d.wantScreen("Feed errors", "Broken 01")
	d.noScreen("Broken 30")
	d.key("G")
	d.wantScreen("Broken 30", "connection refused by Broken 30")
}

func TestHelpScrollsAtSixtyByFifteen(t *testing.T) {
	d := newDriver(t, testOptions(sampleStore(t)), 60, 15)
	d.key("?")
	seen := map[string]bool{}
	for i := 0; i < 80; i++ {
		for _, l := range strings.Split(d.screen(), "\n") {
			seen[l] = true
		}
		d.key("j")
	}
	all := strings.Join(keysOf(seen), "\n")
	for _, g := range d.m.keys.FullHelp() {
		for _, b := range g {
			if !strings.Contains(all, b.Help().Desc) {
				t.Errorf("help never shows %q (%s) at 60x15", b.Help().Desc, b.Help().Key)
			}
		}
	}
}

func keysOf(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// previewTitle is the headline the preview pane shows (its first line).
func previewShows(t *testing.T, d *driver, want string) {
	t.Helper()
	a, ok := d.m.list.selected()
	if !ok {
		t.Fatalf("no article under the cursor:\n%s", d.screen())
	}
	if d.m.reader.id() != a.ID {
		t.Fatalf("preview shows %d, cursor is on %d (%s):\n%s", d.m.reader.id(), a.ID, a.Title, d.screen())
	}
	if want != "" && !strings.Contains(a.Title, want) {
		t.Fatalf("cursor on %q, want %q", a.Title, want)
	}
}

func TestPreviewFollowsEveryCursorMove(t *testing.T) {
	d := newDriver(t, testOptions(sampleStore(t)), 200, 50)
	previewShows(t, d, firstTitle)
	// A jump through a ticker chip.
	d.key("j", "enter", "right", "enter")
	d.wantScreen("$")
	previewShows(t, d, "")
	// esc back to the full list.
	d.key("esc")
	previewShows(t, d, firstTitle)
	// T through the watchlist.
	d.key("T")
	previewShows(t, d, "")
	d.key("esc")
	// enter in the tickers view.
	d.key("t", "j", "j", "enter")
	previewShows(t, d, "")
}

func TestEmptyListShowsNoStaleArticle(t *testing.T) {
	d := newDriver(t, testOptions(sampleStore(t)), 200, 50)
	d.wantScreen("Thanksgiving Week Retail Check")
	d.key("/")
	d.typeText("zzzqqqnotaword")
	d.wantScreen("Nothing matches")
	if d.m.reader.art != nil {
		t.Fatalf("preview still holds %q", d.m.reader.art.Title)
	}
	s := d.screen()
	if strings.Count(s, "Thanksgiving Week Retail Check") > 0 {
		t.Fatalf("the old article stays on screen:\n%s", s)
	}
}

func TestHeaderNamesTheFeedAndRepeatsAreTold(t *testing.T) {
	st := manyFeedsStore(t, 3, func(int) string { return "Market News" })
	d := newDriver(t, testOptions(st), 200, 50)
	s := d.screen()
	for _, host := range []string{"Market News (h0.example)", "Market News (h1.example)", "Market News (h2.example)"} {
		if !strings.Contains(s, host) {
			t.Fatalf("sidebar does not tell the feeds apart (%q):\n%s", host, s)
		}
	}
	d.key("tab", "j", "enter")
	d.wantScreen("Articles · Market News (h0.example)")
	d.noScreen("feed: ")
}

func TestFixedColumns(t *testing.T) {
	st := sampleStore(t)
	for _, w := range []int{60, 80, 120, 200} {
		d := newDriver(t, testOptions(st), 80, 24)
		l := &d.m.list
		l.SetSize(w, 30)
		titleAt, tickEnd := -1, -1
		for i := range l.page {
			a := &l.page[i]
			line := ansi.Strip(l.renderRow(&d.m.st, a, testNow, nil, false, false))
			if got := ansi.StringWidth(line); got != w {
				t.Fatalf("width %d: row is %d wide: %q", w, got, line)
			}
			at := strings.Index(line, a.Title[:8])
			if at < 0 {
				t.Fatalf("width %d: no title in %q", w, line)
			}
			at = ansi.StringWidth(line[:at])
			if titleAt < 0 {
				titleAt = at
			}
			if at != titleAt {
				t.Errorf("width %d: title at column %d, the first row's at %d: %q", w, at, titleAt, line)
			}
			if len(a.Tickers) == 0 || tickerColumn(w) == 0 {
				continue
			}
			if !strings.Contains(line, a.Tickers[0][:min(len(a.Tickers[0]), 3)]) {
				t.Errorf("width %d: the first ticker %s is dropped: %q", w, a.Tickers[0], line)
			}
			end := ansi.StringWidth(strings.TrimRight(line[:len(line)-1], " "))
			if tickEnd < 0 {
				tickEnd = end
			}
			if end != tickEnd {
				t.Errorf("width %d: tickers end at column %d, the first row's at %d: %q", w, end, tickEnd, line)
			}
		}
	}
	if got := termtext.Age(testNow.AddDate(-1, -2, 0), testNow); ansi.StringWidth(got) > ageW {
		t.Fatalf("age %q is wider than its column", got)
	}
	shown, more := tickerCell([]string{"BRK.B", "0700.HK", "9988.HK"}, 8)
	if len(shown) == 0 || shown[0] != "BRK.B" || more != 2 {
		t.Fatalf("tickerCell = %v +%d", shown, more)
	}
	if shown, _ := tickerCell([]string{"VERYLONGSYM.XX"}, 8); len(shown) != 1 || ansi.StringWidth(shown[0]) > 8 {
		t.Fatalf("a long lone symbol is dropped or spills: %v", shown)
	}
}

func TestSearchCountsPagesSortsAndFindsTickers(t *testing.T) {
	st := sampleStore(t)
	d := newDriver(t, testOptions(st), 200, 50)
	d.key("/")
	d.typeText("BABA")
	d.wantScreen(`Search "BABA"`, "matches")
	// The sample names BABA in articles whose text says "Alibaba" only.
	want, _ := st.Count(context.Background(), store.Query{Ticker: "BABA"})
	if got := d.m.list.count(); got < want {
		t.Fatalf("search for the symbol found %d, %d articles name it:\n%s", got, want, d.screen())
	}
	d.key("enter", "S")
	d.wantScreen("newest first")
	prev := time.Time{}
	for i := 0; i < d.m.list.count(); i++ {
		a, ok := d.m.list.row(i)
		if !ok {
			t.Fatalf("row %d not loaded", i)
		}
		if i > 0 && a.Published.After(prev) {
			t.Fatalf("by date, row %d (%s) is newer than the one before", i, a.Published)
		}
		prev = a.Published
	}
}

func TestSearchPagesThroughEveryMatch(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "brief.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f, err := st.EnsureFeed(ctx, "https://wire.example/rss", "Wire", nil)
	if err != nil {
		t.Fatal(err)
	}
	var arts []store.NewArticle
	for i := 0; i < 934; i++ {
		arts = append(arts, store.NewArticle{
			GUIDKey: fmt.Sprint(i), Title: fmt.Sprintf("Copper note %d", i),
			Published: testNow.Add(-time.Duration(i) * time.Minute), Markdown: "Copper rose.",
		})
	}
	if _, err := st.SaveFetch(ctx, f.ID, store.FetchOK{At: testNow}, arts); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, testOptions(st), 120, 30)
	d.key("/")
	d.typeText("copper")
	d.wantScreen("934 matches", "1/934")
	d.key("enter", "G")
	d.wantScreen("934/934")
	if a, ok := d.m.list.selected(); !ok || !strings.HasPrefix(a.Title, "Copper note") {
		t.Fatalf("the last match is not loaded: %v %v", a, ok)
	}
}

func TestSearchHighlightsMatches(t *testing.T) {
	o := testOptions(sampleStore(t))
	o.NoColor = false
	d := newDriver(t, o, 120, 40)
	d.key("/")
	d.typeText("Larchmont")
	d.wantScreen(`Search "Larchmont"`)
	// The title row has no "Larchmont"; the body does: open it.
	d.key("enter", "enter")
	raw := d.m.reader.content
	if !strings.Contains(raw, d.m.st.match.Render("Larchmont")) && !strings.Contains(raw, strings.TrimSuffix(d.m.st.match.Render("Larchmont"), "\x1b[m")) {
		t.Fatalf("the article does not mark the search's word")
	}
	d.key("q", "esc", "/")
	d.typeText("Alibaba")
	d.wantScreen(`Search "Alibaba"`)
	row := d.m.list.renderRow(&d.m.st, &d.m.list.page[0], testNow, nil, false, false)
	if !strings.Contains(row, d.m.st.match.Render("Alibaba")) {
		t.Fatalf("the list row does not mark the match: %q", row)
	}
}

func TestListGivesTitlesTheRoom(t *testing.T) {
	st := sampleStore(t)
	for _, tc := range []struct{ w, min int }{{80, 55}, {120, 40}, {200, 65}} {
		d := newDriver(t, testOptions(st), tc.w, 30)
		a := &d.m.list.page[0]
		line := ansi.Strip(d.m.list.renderRow(&d.m.st, a, testNow, nil, false, false))
		at := strings.Index(line, a.Title[:10])
		shown := 0
		for i := len(a.Title); i > 10; i-- {
			if strings.Contains(line, a.Title[:i]) {
				shown = i
				break
			}
		}
		if at < 0 || shown < tc.min {
			t.Errorf("at %d columns the title shows %d characters, want %d: %q", tc.w, shown, tc.min, line)
		}
	}
}

func TestStatusIsHonestAboutTheNetwork(t *testing.T) {
	st := sampleStore(t)
	o := testOptions(st)
	o.Offline = false
	report := ingest.Report{NetworkFailed: 5, Failed: 5}
	o.Refresh = func(ctx context.Context, progress func(done, total int)) (ingest.Report, error) {
		return report, nil
	}
	d := newDriver(t, o, 120, 30)
	d.noScreen("● online")
	d.key("R")
	d.wantScreen("no network", "5 network feeds failed")
	d.noScreen("● online")
	report = ingest.Report{NetworkOK: 1, NetworkFailed: 4, Failed: 4}
	d.key("R")
	d.wantScreen("● online")

	o = testOptions(st)
	o.Refresh = func(ctx context.Context, progress func(done, total int)) (ingest.Report, error) {
		return ingest.Report{NetworkSkipped: 5}, nil
	}
	d = newDriver(t, o, 120, 30)
	d.key("R")
	d.wantScreen("5 network feeds skipped (offline)")
}

func TestFocusedPaneHeader(t *testing.T) {
	o := testOptions(sampleStore(t))
	o.NoColor = false
	d := newDriver(t, o, 200, 50)
	raw := d.m.View().Content
	focusBar := d.m.st.headerFocused.Render(" Articles")
	if !strings.Contains(raw, strings.TrimSuffix(focusBar, "\x1b[m")) {
		t.Fatalf("the list's header is not drawn as the focused pane's")
	}
	d.key("tab")
	if d.m.focus != paneSidebar {
		t.Fatal("tab did not move to the sidebar")
	}
}

func TestMouseSettingAndKey(t *testing.T) {
	o := testOptions(sampleStore(t))
	o.Config.Reader.Mouse = false
	d := newDriver(t, o, 80, 24)
	if d.m.View().MouseMode != 0 {
		t.Fatal("mouse = false still captures the mouse")
	}
	d.key("M")
	if d.m.View().MouseMode == 0 {
		t.Fatal("M did not turn the mouse on")
	}
	d.wantScreen("shift")
	d.key("?", "G")
	d.wantScreen("select text")
}

func TestSearchInputMeasuresCells(t *testing.T) {
	d := newDriver(t, testOptions(sampleStore(t)), 80, 24)
	d.key("/")
	q := strings.Repeat("阿里巴巴云收入增长", 8) + "尾"
	d.send(tea.PasteMsg{Content: q})
	first := strings.Split(d.screen(), "\n")[0]
	if w := ansi.StringWidth(first); w > 80 {
		t.Fatalf("search line is %d cells wide at 80 columns: %q", w, first)
	}
	if !strings.Contains(first, "尾") {
		t.Fatalf("the end of a CJK query (where the cursor is) scrolled out of view: %q", first)
	}
}

func TestCardWrapsCJKWithoutSplittingNumbers(t *testing.T) {
	text := "阿里巴巴集团第三季度营收达到人民币2,471.8亿元，同比增长5%，其中云智能集团收入增长34%至人民币398.2亿元，国际数字商业收入1,879亿元。"
	for w := 12; w <= 60; w++ {
		lines := wrapHanging(text, "• ", w)
		for i := 1; i < len(lines); i++ {
			prev := strings.TrimRight(lines[i-1], " ")
			next := strings.TrimLeft(lines[i], " ")
			if prev == "" || next == "" {
				continue
			}
			a, b := []rune(prev), []rune(next)
			end, start := a[len(a)-1], b[0]
			isNum := func(r rune) bool { return r >= '0' && r <= '9' || r == ',' || r == '.' || r == '%' }
			if isNum(end) && isNum(start) {
				t.Fatalf("width %d: a number is split across lines %q / %q", w, prev, next)
			}
		}
		for _, l := range lines {
			if ansi.StringWidth(l) > w {
				t.Fatalf("width %d: line %q is %d wide", w, l, ansi.StringWidth(l))
			}
		}
	}
}
