package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"brief/internal/sanitize"
	"brief/internal/termtext"
	"brief/store"
)

// List paging: the list holds one page of rows around the cursor, never
// the whole selection, so that it stays instant with 100,000 articles.
const (
	pageSize   = 300
	pageMargin = 60 // reload once the cursor comes this close to a page edge

)

// articleList is the article list pane: a window onto a store query or a
// full-text search, with a cursor.
type articleList struct {
	query store.Query // Limit and Offset unused: the list pages itself
	total int         // rows the selection holds; -1 until counted

	sc            scroller
	width, height int

	page       []store.Article
	pageStart  int
	loaded     bool // a page (maybe empty) has arrived for this selection
	loading    bool
	pendingOff int // offset of the page on its way
	pendingLim int // and how many rows it asked for

	// search, when set, replaces the query: the list pages through the
	// full-text matches of searchQuery, by relevance or by date.
	search       bool
	searchQuery  string
	searchByDate bool
	terms        []string // the search's words, highlighted in titles

	// keepID is the article to keep under the cursor when the next page
	// arrives (after a refresh or a filter change), 0 for none.
	keepID int64

	// rows caches the rendered line of each unselected row at the current
	// width, theme and clock minute: moving the cursor then redraws only
	// the two rows that changed state.
	rows map[int64]string
}

func newArticleList() articleList {
	return articleList{total: -1, rows: map[int64]string{}}
}

func (l *articleList) SetSize(w, h int) {
	if w != l.width {
		l.invalidate()
	}
	l.width, l.height = w, h
	l.sc.setHeight(l.rowsVisible())
}

func (l *articleList) invalidate() { clear(l.rows) }

// rowsVisible is the number of article rows below the header line.
func (l *articleList) rowsVisible() int { return max(l.height-1, 1) }

func (l *articleList) cursor() int { return l.sc.cursor }

// setQuery switches the list to a new selection and forgets the old page.
func (l *articleList) setQuery(q store.Query) {
	l.query = q
	l.search, l.searchQuery, l.terms = false, "", nil
	l.reset()
}

// setSearch switches the list to the matches of a full-text search.
func (l *articleList) setSearch(text string, byDate bool) {
	l.search, l.searchQuery, l.searchByDate = true, text, byDate
	l.terms = searchTerms(text)
	l.reset()
}

func (l *articleList) reset() {
	l.total = -1
	l.sc.reset()
	l.sc.setN(0)
	l.page, l.pageStart = nil, 0
	l.loaded = false
	l.keepID = 0
	l.invalidate()
}

func (l *articleList) count() int {
	if l.total < 0 {
		return l.pageStart + len(l.page)
	}
	return l.total
}

// empty reports whether the selection has been read and holds nothing.
func (l *articleList) empty() bool { return l.loaded && l.count() == 0 }

// row returns the article at index i if its page is loaded.
func (l *articleList) row(i int) (*store.Article, bool) {
	j := i - l.pageStart
	if j < 0 || j >= len(l.page) {
		return nil, false
	}
	return &l.page[j], true
}

func (l *articleList) selected() (*store.Article, bool) { return l.row(l.sc.cursor) }

// byID finds a loaded row by article id.
func (l *articleList) byID(id int64) (*store.Article, int) {
	for j := range l.page {
		if l.page[j].ID == id {
			return &l.page[j], l.pageStart + j
		}
	}
	return nil, -1
}

// setCursor moves the cursor to i (clamped) and scrolls to keep it seen.
func (l *articleList) setCursor(i int) {
	l.sc.setN(l.count())
	l.sc.set(i)
}

func (l *articleList) move(d int) { l.setCursor(l.sc.cursor + d) }

// pageLimit is how many rows a page load reads: enough that, centred on
// the cursor, it reaches a screenful past the reload margin both ways.
func (l *articleList) pageLimit() int { return max(pageSize, 4*l.rowsVisible()) }

// pageOffset is where a page centred on the cursor starts.
func (l *articleList) pageOffset() int { return max(l.sc.cursor-l.pageLimit()/2, 0) }

// wantPage reports whether the cursor has come near the edge of the loaded
// page (or nothing is loaded yet), so that a new page should be read.
func (l *articleList) wantPage() bool {
	if !l.loaded || l.total < 0 {
		return true
	}
	end := l.pageStart + len(l.page)
	nearTop := l.pageStart > 0 && l.sc.cursor-l.pageStart < pageMargin
	nearEnd := end < l.total && end-l.sc.cursor < pageMargin+l.rowsVisible()
	return nearTop || nearEnd
}

// applyPage takes a loaded page. Answers to older requests are dropped by
// the caller through seq.
func (l *articleList) applyPage(offset, total int, arts []store.Article) {
	l.loading, l.loaded = false, true
	l.page, l.pageStart = arts, offset
	if total >= 0 {
		l.total = total
	}
	cur := l.sc.cursor
	if l.keepID != 0 {
		if _, i := l.byID(l.keepID); i >= 0 {
			cur = i
		}
		l.keepID = 0
	}
	l.setCursor(cur)
	l.invalidate()
}

// listHeader is what the list's header line says about the selection:
// the model fills in feed titles, since the list knows feeds by ID only.
type listHeader struct {
	feedName func(id string) string
	sortKey  string // the key that toggles the search's order
}

// title is the header line: what is listed.
func (l *articleList) title(h listHeader) string {
	var parts []string
	if l.search {
		parts = append(parts, fmt.Sprintf("Search %q", l.searchQuery))
		if l.total >= 0 {
			parts = append(parts, plural(l.total, "match", "matches"))
		}
		order := "by relevance"
		if l.searchByDate {
			order = "newest first"
		}
		if h.sortKey != "" {
			order += " (" + h.sortKey + ")"
		}
		parts = append(parts, order)
		return strings.Join(parts, " · ")
	}
	parts = append(parts, "Articles")
	if l.query.Ticker != "" {
		parts = append(parts, "$"+l.query.Ticker)
	}
	if len(l.query.AnyTicker) > 0 {
		parts = append(parts, "watchlist")
	}
	if l.query.Tag != "" {
		parts = append(parts, "tag: "+l.query.Tag)
	}
	if l.query.Feed != "" {
		name := l.query.Feed
		if h.feedName != nil {
			name = h.feedName(l.query.Feed)
		}
		parts = append(parts, name)
	}
	if l.query.Unread {
		parts = append(parts, "unread")
	}
	if l.query.Starred {
		parts = append(parts, "starred")
	}
	return strings.Join(parts, " · ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// view draws the pane: a header line and the visible rows. empty is what
// to say when the selection holds nothing.
func (l *articleList) view(st *styles, now time.Time, watch map[string]bool, focused bool, h listHeader, empty string) []string {
	w := l.width
	out := make([]string, 0, l.height)
	pos := "0/0"
	if n := l.count(); n > 0 {
		pos = fmt.Sprintf("%d/%d", l.sc.cursor+1, n)
	}
	out = append(out, paneHeader(st, l.title(h), pos, w, focused))
	if l.count() == 0 {
		msg := empty
		if !l.loaded {
			msg = "Loading…"
		}
		for _, line := range wrapHanging(msg, "", w) {
			out = append(out, st.muted.Render(line))
		}
		return padLines(out, w, l.height)
	}
	from, to := l.sc.window()
	for i := from; i < to; i++ {
		a, ok := l.row(i)
		if !ok {
			out = append(out, st.faint.Render(fit("  …", w)))
			continue
		}
		if i == l.sc.cursor {
			out = append(out, l.renderRow(st, a, now, watch, true, focused))
			continue
		}
		s, ok := l.rows[a.ID]
		if !ok {
			s = l.renderRow(st, a, now, watch, false, false)
			l.rows[a.ID] = s
		}
		out = append(out, s)
	}
	return padLines(out, w, l.height)
}

// paneHeader is a pane's first line: its title on the left, pos on the
// right. The focused pane's header is drawn as a bar, so which pane the
// keys go to shows at a glance, in colour or without.
func paneHeader(st *styles, title, pos string, w int, focused bool) string {
	pw := lineWidth(pos)
	head := cut(title, max(w-pw-2, 1))
	line := " " + head + strings.Repeat(" ", max(w-lineWidth(head)-pw-2, 1)) + pos + " "
	line = fit(line, w)
	if focused {
		return st.headerFocused.Render(line)
	}
	return st.header.Render(line)
}

// Fixed list columns, in cells: whatever the row, the title starts and
// the tickers end at the same column.
const (
	ageW  = 6 // "now", "59m", "23h", "6d", "Nov 19", "Sep'25"
	starW = 1
)

// tickerColumn is the width of the tickers column at a list width.
func tickerColumn(w int) int {
	switch {
	case w >= 140:
		return 24
	case w >= 90:
		return 16
	case w >= 50:
		return 8
	}
	return 0
}

// sourceColumn is the width of the feed-title column, 0 when it does not
// fit.
func sourceColumn(w int) int {
	if w < 110 {
		return 0 // a source cut to a few letters says nothing; the title needs the room
	}
	return min(22, w/6)
}

// tickerCell fills the tickers column: whole symbols that fit, in the
// article's order (the primary one first), and a +N for the rest; a lone
// symbol longer than the column is cut rather than dropped.
func tickerCell(tickers []string, w int) (shown []string, more int) {
	used := 0
	for i, t := range tickers {
		t = sanitize.Line(t)
		tw := lineWidth(t)
		extra := 0
		if rest := len(tickers) - i - 1; rest > 0 {
			extra = len(fmt.Sprint(rest)) + 2 // " +N"
		}
		sep := 0
		if len(shown) > 0 {
			sep = 1
		}
		if used+sep+tw+extra > w {
			if len(shown) == 0 {
				shown = append(shown, cut(t, w))
				return shown, 0
			}
			return shown, len(tickers) - i
		}
		shown = append(shown, t)
		used += sep + tw
	}
	return shown, 0
}

// renderRow draws one article: cursor, unread mark, age, source, title,
// ticker chips (watchlist ones highlighted) and star.
func (l *articleList) renderRow(st *styles, a *store.Article, now time.Time, watch map[string]bool, sel, focused bool) string {
	w := l.width
	cursor, unread, star := rowMarks(a, sel)
	ageCol := leftPad(termtext.Age(a.Published, now), ageW)
	srcW, tickW, titleW := rowColumns(w)
	src := ""
	if srcW > 0 {
		src = fit(sanitize.Line(a.FeedTitle), srcW-1) + " "
	}
	// A story several feeds carry says so after its title.
	mark := ""
	if a.Sources > 1 {
		mark = fmt.Sprintf(" ×%d", a.Sources)
		if titleW >= 60 {
			mark = fmt.Sprintf(" · %d sources", a.Sources)
		}
	}
	title := fit(sanitize.Line(a.Title), titleW-lineWidth(mark))
	// The mark follows the title's last word; the padding goes after it.
	pad := strings.Repeat(" ", max(lineWidth(title)-lineWidth(trimRight(title)), 0))
	var tickText string
	var chips []string
	more := 0
	if tickW > 0 {
		chips, more = tickerCell(a.Tickers, tickW)
		tickText = strings.Join(chips, " ")
		if more > 0 {
			tickText += fmt.Sprintf(" +%d", more)
		}
		tickText = " " + leftPad(tickText, tickW)
	}

	if sel {
		// One style over the whole row, so the selection bar is unbroken.
		line := fit(cursor+unread+" "+ageCol+" "+src+trimRight(title)+mark+pad+tickText+" "+star, w)
		if focused {
			return st.selected.Render(line)
		}
		return st.selectedDim.Render(line)
	}
	var b strings.Builder
	b.WriteString(cursor)
	b.WriteString(st.unreadMark.Render(unread))
	b.WriteString(" ")
	b.WriteString(st.muted.Render(ageCol))
	b.WriteString(" ")
	b.WriteString(st.muted.Render(src))
	titleStyle := st.title
	if a.Read {
		titleStyle = st.muted
	}
	b.WriteString(highlightTerms(trimRight(title), l.terms, titleStyle, st.match))
	b.WriteString(st.faint.Render(mark))
	b.WriteString(pad)
	if tickW > 0 {
		b.WriteString(" ")
		plain := strings.Join(chips, " ")
		if more > 0 {
			plain += fmt.Sprintf(" +%d", more)
		}
		b.WriteString(strings.Repeat(" ", max(tickW-lineWidth(plain), 0)))
		for i, c := range chips {
			if i > 0 {
				b.WriteString(" ")
			}
			if watch[c] {
				b.WriteString(st.chipWatch.Render(c))
			} else {
				b.WriteString(st.chip.Render(c))
			}
		}
		if more > 0 {
			b.WriteString(st.faint.Render(fmt.Sprintf(" +%d", more)))
		}
	}
	b.WriteString(" ")
	b.WriteString(st.star.Render(star))
	return fit(b.String(), w)
}

// rowMarks are the one-cell marks of a row: the cursor, unread and
// starred.
func rowMarks(a *store.Article, sel bool) (cursor, unread, star string) {
	cursor = " "
	if sel {
		cursor = "▸"
	}
	unread = " "
	if !a.Read {
		unread = "●"
	}
	star = " "
	if a.Starred {
		star = "★"
	}
	return cursor, unread, star
}

// rowColumns divides a row w wide between the source, the title and the
// tickers.
func rowColumns(w int) (srcW, tickW, titleW int) {
	srcW = sourceColumn(w)
	tickW = tickerColumn(w)
	titleW = w - (1 + 1 + 1 + ageW + 1) - srcW - 1 - tickW - 1 - starW
	if titleW < 10 {
		// Too narrow for the tickers: the title matters more.
		titleW += tickW + 1
		tickW = 0
	}
	return srcW, tickW, titleW
}

// listKey handles the keys of the article list.
func (m *model) listKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &m.keys
	vis := m.list.rowsVisible()
	switch {
	case key.Matches(msg, k.Up):
		m.list.move(-1)
	case key.Matches(msg, k.Down):
		m.list.move(1)
	case key.Matches(msg, k.Top):
		m.list.setCursor(0)
	case key.Matches(msg, k.Bottom):
		m.list.setCursor(m.list.count() - 1)
	case key.Matches(msg, k.PageDown):
		m.list.move(vis)
	case key.Matches(msg, k.PageUp):
		m.list.move(-vis)
	case key.Matches(msg, k.HalfDown):
		m.list.move(vis / 2)
	case key.Matches(msg, k.HalfUp):
		m.list.move(-vis / 2)
	case key.Matches(msg, k.Open):
		return m.openSelected(true)
	case key.Matches(msg, k.Sort) && m.list.search:
		return m.toggleSearchOrder()
	case key.Matches(msg, k.Back):
		return m.back1()
	default:
		return nil
	}
	return m.ensurePage()
}

func trimRight(s string) string { return strings.TrimRight(s, " ") }
