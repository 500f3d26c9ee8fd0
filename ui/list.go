package ui

import (
	"fmt"
	"strings"
	"time"

	"brief/internal/sanitize"
	"brief/store"
)

// List paging: the list holds one page of rows around the cursor, never
// the whole selection, so that it stays instant with 100,000 articles.
const (
	pageSize   = 300
	pageMargin = 60 // reload once the cursor comes this close to a page edge
)

// articleList is the article list pane: a window onto a store query (or a
// fixed set of search results), with a cursor.
type articleList struct {
	query store.Query // Limit and Offset unused: the list pages itself
	total int         // rows the query selects; -1 until counted

	cursor, top   int
	width, height int

	page       []store.Article
	pageStart  int
	loaded     bool // a page (maybe empty) has arrived for this query
	loading    bool
	pendingOff int // offset of the page on its way

	// search results replace the query while set; they are few (a
	// bounded search), so they are held whole.
	search      bool
	searchQuery string

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
	l.clampTop()
}

func (l *articleList) invalidate() { clear(l.rows) }

// rowsVisible is the number of article rows below the header line.
func (l *articleList) rowsVisible() int { return max(l.height-1, 1) }

// setQuery switches the list to a new selection and forgets the old page.
func (l *articleList) setQuery(q store.Query) {
	l.query = q
	l.search, l.searchQuery = false, ""
	l.reset()
}

func (l *articleList) reset() {
	l.total = -1
	l.cursor, l.top = 0, 0
	l.page, l.pageStart = nil, 0
	l.loaded = false
	l.keepID = 0
	l.invalidate()
}

// setSearch shows search results instead of the query.
func (l *articleList) setSearch(q string, arts []store.Article) {
	l.search, l.searchQuery = true, q
	l.total = len(arts)
	l.page, l.pageStart = arts, 0
	l.cursor, l.top = 0, 0
	l.keepID = 0
	l.loading, l.loaded = false, true
	l.invalidate()
}

func (l *articleList) count() int {
	if l.total < 0 {
		return len(l.page)
	}
	return l.total
}

// row returns the article at index i if its page is loaded.
func (l *articleList) row(i int) (*store.Article, bool) {
	j := i - l.pageStart
	if j < 0 || j >= len(l.page) {
		return nil, false
	}
	return &l.page[j], true
}

func (l *articleList) selected() (*store.Article, bool) { return l.row(l.cursor) }

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
	n := l.count()
	if i >= n {
		i = n - 1
	}
	if i < 0 {
		i = 0
	}
	l.cursor = i
	l.clampTop()
}

func (l *articleList) move(d int) { l.setCursor(l.cursor + d) }

func (l *articleList) clampTop() {
	vis := l.rowsVisible()
	if l.cursor < l.top {
		l.top = l.cursor
	}
	if l.cursor >= l.top+vis {
		l.top = l.cursor - vis + 1
	}
	if l.top > max(l.count()-vis, 0) {
		l.top = max(l.count()-vis, 0)
	}
	if l.top < 0 {
		l.top = 0
	}
}

// pageLimit is how many rows a page load reads: enough that, centred on
// the cursor, it reaches a screenful past the reload margin both ways.
func (l *articleList) pageLimit() int { return max(pageSize, 4*l.rowsVisible()) }

// pageOffset is where a page centred on the cursor starts.
func (l *articleList) pageOffset() int { return max(l.cursor-l.pageLimit()/2, 0) }

// wantPage reports whether the cursor has come near the edge of the loaded
// page (or nothing is loaded yet), so that a new page should be read.
func (l *articleList) wantPage() bool {
	if l.search {
		return false
	}
	if !l.loaded || l.total < 0 {
		return true
	}
	end := l.pageStart + len(l.page)
	nearTop := l.pageStart > 0 && l.cursor-l.pageStart < pageMargin
	nearEnd := end < l.total && end-l.cursor < pageMargin+l.rowsVisible()
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
	if l.keepID != 0 {
		if _, i := l.byID(l.keepID); i >= 0 {
			l.cursor = i
		}
		l.keepID = 0
	}
	l.setCursor(l.cursor)
	l.invalidate()
}

// title is the header line: what is listed and where the cursor is.
func (l *articleList) title() string {
	var parts []string
	switch {
	case l.search:
		parts = append(parts, fmt.Sprintf("Search %q", l.searchQuery))
	default:
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
			parts = append(parts, "feed: "+l.query.Feed)
		}
		if l.query.Unread {
			parts = append(parts, "unread")
		}
		if l.query.Starred {
			parts = append(parts, "starred")
		}
	}
	return strings.Join(parts, " · ")
}

// view draws the pane: a header line and the visible rows.
func (l *articleList) view(st *styles, now time.Time, watch map[string]bool, focused bool) []string {
	w := l.width
	out := make([]string, 0, l.height)
	pos := "0/0"
	if n := l.count(); n > 0 {
		pos = fmt.Sprintf("%d/%d", l.cursor+1, n)
	}
	head := cut(l.title(), max(w-len(pos)-1, 1))
	out = append(out, st.heading.Render(head)+strings.Repeat(" ", max(w-lineWidth(head)-len(pos), 1))+st.muted.Render(pos))
	if l.count() == 0 {
		msg := "No articles."
		switch {
		case l.loading || l.total < 0:
			msg = "Loading…"
		case l.search:
			msg = "Nothing matches."
		case l.query.Unread || l.query.Starred || l.query.Feed != "" || l.query.Ticker != "":
			msg = "No articles match the filter (f changes it)."
		}
		out = append(out, st.muted.Render(cut(msg, w)))
		return padLines(out, w, l.height)
	}
	for i := l.top; i < l.top+l.rowsVisible() && i < l.count(); i++ {
		a, ok := l.row(i)
		if !ok {
			out = append(out, st.faint.Render(fit("  …", w)))
			continue
		}
		if i == l.cursor {
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

// renderRow draws one article: cursor, unread mark, age, source, title,
// ticker chips (watchlist ones highlighted) and star.
func (l *articleList) renderRow(st *styles, a *store.Article, now time.Time, watch map[string]bool, sel, focused bool) string {
	w := l.width
	cursor := " "
	if sel {
		cursor = "▸"
	}
	mark := " "
	if !a.Read {
		mark = "●"
	}
	star := " "
	if a.Starred {
		star = "★"
	}
	ageCol := fmt.Sprintf("%6s", age(a.Published, now))
	fixed := 1 + 1 + 1 + 6 + 1 + 1 + 1 // cursor mark sp age sp ... sp star
	src := ""
	srcW := 0
	if w >= 60 {
		srcW = min(18, w/6)
		src = fit(sanitize.Line(a.FeedTitle), srcW) + " "
		srcW++
	}
	rest := w - fixed - srcW
	var chips []string
	chipW := 0
	for _, t := range a.Tickers {
		if len(chips) == 3 || chipW+len(t)+1 > rest/4 {
			break
		}
		chips = append(chips, sanitize.Line(t))
		chipW += len(t) + 1
	}
	title := sanitize.Line(a.Title)
	titleW := rest - chipW
	title = cut(title, max(titleW, 0))
	gap := max(titleW-lineWidth(title), 0)

	if sel {
		// One style over the whole row, so the selection bar is unbroken.
		line := cursor + mark + " " + ageCol + " " + src + title + strings.Repeat(" ", gap) + strings.Join(prefixAll(chips, " "), "") + " " + star
		line = fit(line, w)
		if focused {
			return st.selected.Render(line)
		}
		return st.selectedDim.Render(line)
	}
	var b strings.Builder
	b.WriteString(cursor)
	b.WriteString(st.unreadMark.Render(mark))
	b.WriteString(" ")
	b.WriteString(st.muted.Render(ageCol))
	b.WriteString(" ")
	b.WriteString(st.muted.Render(src))
	if a.Read {
		b.WriteString(st.muted.Render(title))
	} else {
		b.WriteString(st.title.Render(title))
	}
	b.WriteString(strings.Repeat(" ", gap))
	for _, c := range chips {
		b.WriteString(" ")
		if watch[c] {
			b.WriteString(st.chipWatch.Render(c))
		} else {
			b.WriteString(st.chip.Render(c))
		}
	}
	b.WriteString(" ")
	b.WriteString(st.star.Render(star))
	return fit(b.String(), w)
}

func prefixAll(ss []string, p string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = p + s
	}
	return out
}
