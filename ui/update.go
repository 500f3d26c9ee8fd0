package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"brief/ingest"
	"brief/internal/sanitize"
	"brief/store"
)

func (m *model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.relayout()
		m.reader.rebuild(&m.st, m.now(), m.watchSet)
		return tea.Batch(m.ensureBody(), m.ensurePage())

	case tea.BackgroundColorMsg:
		if m.theme() != "auto" {
			return nil
		}
		if dark := msg.IsDark(); dark != m.dark {
			m.dark = dark
			m.applyStyles()
			m.reader.rebuild(&m.st, m.now(), m.watchSet)
			return m.ensureBody()
		}
		return nil

	case tea.KeyPressMsg:
		return m.handleKey(msg)

	case tea.MouseWheelMsg:
		return m.handleWheel(msg.Mouse())

	case tea.MouseClickMsg:
		return m.handleClick(msg.Mouse())

	case tea.PasteMsg:
		if m.search.focused {
			return m.updateSearchInput(msg)
		}
		return nil

	case pageMsg:
		if msg.seq != m.pageSeq {
			return nil
		}
		if msg.err != nil {
			m.list.loading = false
			return m.setFlash("Could not read the articles: "+sanitize.Line(msg.err.Error()), true)
		}
		m.list.applyPage(msg.offset, msg.total, msg.arts)
		cmds := []tea.Cmd{m.ensurePage()}
		if m.reader.art == nil || m.previewing {
			// The reader pane follows the cursor from the start, and to
			// a new list, until an article is opened.
			cmds = append(cmds, m.previewSelected())
		}
		if id := m.pendingOpen; id != 0 {
			m.pendingOpen = 0
			if a, ok := m.list.selected(); ok && a.ID == id {
				cmds = append(cmds, m.openSelected(false))
			}
		}
		return tea.Batch(cmds...)

	case articleMsg:
		if msg.seq != m.articleSeq {
			return nil
		}
		if msg.err != nil {
			return m.setFlash("Could not open the article: "+sanitize.Line(msg.err.Error()), true)
		}
		m.reader.open(msg.art, msg.tickers)
		m.reader.rebuild(&m.st, m.now(), m.watchSet)
		return m.ensureBody()

	case bodyMsg:
		if msg.err == nil {
			if len(m.bodies) >= maxBodies {
				clear(m.bodies)
			}
			m.bodies[msg.key] = msg.body
		}
		if msg.key == m.bodyKey() {
			m.reader.body, m.reader.bodyErr, m.reader.bodyFor = msg.body, msg.err, msg.key
			m.reader.rebuild(&m.st, m.now(), m.watchSet)
		}
		return nil

	case feedsMsg:
		if msg.err != nil {
			return m.setFlash("Could not read the feeds: "+sanitize.Line(msg.err.Error()), true)
		}
		m.feeds = msg.feeds
		m.unread = 0
		for _, f := range msg.feeds {
			m.unread += f.Unread
		}
		return nil

	case tickersMsg:
		if msg.seq != m.tickerSeq {
			return nil
		}
		if msg.err != nil {
			m.tickers.err, m.tickers.loaded = msg.err, true
			return nil
		}
		m.tickers.setRows(msg.rows, m.watch)
		return nil

	case searchTickMsg:
		if msg.seq != m.search.seq || !m.search.active {
			return nil
		}
		q := strings.TrimSpace(m.search.input.Value())
		if q == "" {
			m.search.running = false
			m.restoreAfterSearch()
			return m.reloadList(true)
		}
		m.search.running = true
		return runSearch(m.ctx, m.o.Store, msg.seq, q)

	case searchMsg:
		if msg.seq != m.search.seq || !m.search.active {
			return nil // typing went on; a newer search is coming
		}
		m.search.running = false
		m.search.err = msg.err
		if msg.err != nil {
			return m.setFlash("Search failed: "+sanitize.Line(msg.err.Error()), true)
		}
		m.pageSeq = m.nextSeq() // a page still loading must not replace the results
		m.list.setSearch(msg.query, msg.arts)
		if m.reader.art == nil || m.previewing {
			return m.previewSelected()
		}
		return nil

	case unreadMsg:
		if msg.seq != m.unreadSeq {
			return nil
		}
		if msg.err != nil {
			return m.setFlash("Could not look for unread articles: "+sanitize.Line(msg.err.Error()), true)
		}
		if msg.index < 0 {
			return m.setFlash("No more unread articles.", false)
		}
		m.list.keepID = msg.id
		m.list.setCursor(msg.index)
		if a, ok := m.list.selected(); ok && a.ID == msg.id {
			m.list.keepID = 0
			return tea.Batch(m.openSelected(false), m.ensurePage())
		}
		m.pendingOpen = msg.id
		return m.reloadList(false)

	case refreshStartedMsg:
		m.refreshing, m.progDone, m.progTotal = true, 0, 0
		return waitRefresh(msg.events)

	case refreshProgressMsg:
		m.progDone, m.progTotal = msg.done, msg.total
		return waitRefresh(msg.events)

	case refreshDoneMsg:
		m.refreshing = false
		m.lastRefresh = m.now()
		cmds := []tea.Cmd{loadFeeds(m.ctx, m.o.Store), m.reloadTickers(), m.reloadKeepingSelection(msg.report.New)}
		cmds = append(cmds, m.setFlash(refreshSummary(msg.report, msg.err), msg.err != nil))
		return tea.Batch(cmds...)

	case writeMsg:
		if msg.err != nil {
			return m.setFlash("Could not save: "+sanitize.Line(msg.err.Error()), true)
		}
		return nil

	case watchSavedMsg:
		return m.watchSaved(msg)

	case previewTickMsg:
		return m.loadPreview(msg.seq)

	case markedMsg:
		if msg.err != nil {
			return m.setFlash("Could not mark them read: "+sanitize.Line(msg.err.Error()), true)
		}
		if m.reader.art != nil {
			// The reader's article, when the loaded page shows it, was
			// marked with the rest.
			if a, _ := m.list.byID(m.reader.art.ID); a != nil {
				m.reader.art.Read = true
			}
		}
		return tea.Batch(loadFeeds(m.ctx, m.o.Store), m.reloadKeepingSelection(0),
			m.setFlash(fmt.Sprintf("Marked %d read", msg.n), false))

	case openedMsg:
		if msg.err != nil {
			return m.setFlash(sanitize.Line(msg.err.Error()), true)
		}
		return m.setFlash("Opened "+cut(sanitize.Line(msg.url), 60), false)

	case flashExpiredMsg:
		if msg.seq == m.flashSeq {
			m.flash = ""
		}
		return nil

	case clockMsg:
		m.list.invalidate() // ages moved on
		return nil
	}
	return nil
}

// maxBodies bounds the rendered-body cache; a reader rarely revisits more
// than a few dozen articles at one width.
const maxBodies = 64

func refreshSummary(r ingest.Report, err error) string {
	if err != nil {
		return "Refresh failed: " + sanitize.Line(err.Error())
	}
	s := fmt.Sprintf("Refreshed: %d new", r.New)
	if r.Failed > 0 {
		s += fmt.Sprintf(", %d failed (e lists them)", r.Failed)
	}
	return s
}

func (m *model) bodyKey() bodyKey {
	return bodyKey{id: m.reader.id(), width: m.reader.bodyWidth(), style: m.st.md}
}

// ensureBody shows the open article's body at the current width and
// theme, from the cache or by rendering it in the background.
func (m *model) ensureBody() tea.Cmd {
	if m.reader.art == nil {
		return nil
	}
	k := m.bodyKey()
	if m.reader.bodyFor == k && (m.reader.body != "" || m.reader.bodyErr != nil) {
		return nil
	}
	if b, ok := m.bodies[k]; ok {
		m.reader.body, m.reader.bodyErr, m.reader.bodyFor = b, nil, k
		m.reader.rebuild(&m.st, m.now(), m.watchSet)
		return nil
	}
	m.reader.body, m.reader.bodyErr = "", nil
	m.reader.rebuild(&m.st, m.now(), m.watchSet)
	return renderBody(m.render, k, m.reader.art.Markdown)
}

// reloadList asks for the page around the cursor (and the count).
func (m *model) reloadList(count bool) tea.Cmd {
	if m.list.search {
		return nil
	}
	m.pageSeq = m.nextSeq()
	m.list.loading = true
	off, limit := m.list.pageOffset(), m.list.pageLimit()
	m.list.pendingOff = off
	return loadPage(m.ctx, m.o.Store, m.pageSeq, m.list.query, off, limit, count)
}

// ensurePage loads a new page when the cursor nears the loaded one's edge.
func (m *model) ensurePage() tea.Cmd {
	if !m.list.wantPage() {
		return nil
	}
	if m.list.loading && m.list.cursor >= m.list.pendingOff+pageMargin &&
		m.list.cursor < m.list.pendingOff+m.list.pageLimit()-pageMargin-m.list.rowsVisible() {
		return nil // the page on its way covers the cursor
	}
	return m.reloadList(m.list.total < 0)
}

// reloadKeepingSelection reloads the list after a refresh without moving
// the cursor off the selected article: new articles above it push it down,
// so the page is read around where it may have gone and the cursor follows
// its id.
func (m *model) reloadKeepingSelection(added int) tea.Cmd {
	if m.list.search {
		return nil
	}
	if a, ok := m.list.selected(); ok {
		m.list.keepID = a.ID
	}
	m.pageSeq = m.nextSeq()
	m.list.loading = true
	off := m.list.pageOffset()
	m.list.pendingOff = off
	return loadPage(m.ctx, m.o.Store, m.pageSeq, m.list.query, off, m.list.pageLimit()+added, true)
}

func (m *model) reloadTickers() tea.Cmd {
	m.tickerSeq = m.nextSeq()
	return loadTickers(m.ctx, m.o.Store, m.tickerSeq, m.now(), m.watch)
}

// setQuery switches the list to q, remembering the old one for esc.
func (m *model) setQuery(q store.Query, remember bool) tea.Cmd {
	if remember {
		m.back = append(m.back, m.list.query)
	}
	if m.search.active {
		m.search.close()
		m.relayout()
	}
	m.list.setQuery(q)
	return m.reloadList(true)
}

func (m *model) restoreAfterSearch() {
	m.list.setQuery(m.search.saved)
}

// openSelected loads the article under the list cursor into the reader
// and marks it read at once, in the store and on screen.
func (m *model) openSelected(focusReader bool) tea.Cmd {
	a, ok := m.list.selected()
	if !ok {
		return nil
	}
	m.articleSeq = m.nextSeq()
	m.previewSeq = m.nextSeq() // a preview on its way would only load it again
	m.previewing = false
	cmds := []tea.Cmd{loadArticle(m.ctx, m.o.Store, m.articleSeq, a.ID)}
	if !a.Read {
		m.markRead(a, true)
		cmds = append(cmds, setRead(m.ctx, m.o.Store, true, a.ID))
	}
	if focusReader {
		m.setFocus(paneReader)
	}
	return tea.Batch(cmds...)
}

// markRead changes the read state on screen and in the unread counts; the
// caller writes it to the store.
func (m *model) markRead(a *store.Article, read bool) {
	if a.Read == read {
		return
	}
	a.Read = read
	delete(m.list.rows, a.ID)
	d := 1
	if read {
		d = -1
	}
	m.unread = max(m.unread+d, 0)
	for i := range m.feeds {
		if m.feeds[i].ID == a.FeedID {
			m.feeds[i].Unread = max(m.feeds[i].Unread+d, 0)
		}
	}
}

func (m *model) setFocus(p pane) {
	m.focus = p
	if m.lay.single {
		m.relayout()
		m.reader.rebuild(&m.st, m.now(), m.watchSet)
	}
}

// quit ends the program, after a watchlist save in flight (pressing quit
// again does not wait).
func (m *model) quit() tea.Cmd {
	if m.watchSaving && !m.quitting {
		m.quitting = true
		return m.setFlash("Saving the watchlist…", false)
	}
	m.cancel()
	return tea.Quit
}

func (m *model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &m.keys
	if key.Matches(msg, k.ForceQuit) {
		return m.quit()
	}
	if m.confirmMarkAll {
		m.confirmMarkAll = false
		if msg.String() == "y" || msg.String() == "Y" {
			return m.markAllRead()
		}
		return m.setFlash("Nothing marked.", false)
	}
	if m.search.focused {
		return m.handleSearchKey(msg)
	}
	if m.overlay != overlayNone {
		return m.handleOverlayKey(msg)
	}
	switch {
	case key.Matches(msg, k.Quit):
		return m.quit()
	case key.Matches(msg, k.Help):
		m.overlay = overlayHelp
		return nil
	case key.Matches(msg, k.Filter):
		m.overlay, m.filterCursor = overlayFilter, 0
		return nil
	case key.Matches(msg, k.Errors):
		m.overlay = overlayErrors
		return loadFeeds(m.ctx, m.o.Store)
	case key.Matches(msg, k.Search):
		m.screen = screenArticles
		m.search.open(m.list.query)
		m.relayout()
		return nil
	case key.Matches(msg, k.Tickers):
		if m.screen == screenTickers {
			m.screen = screenArticles
		} else {
			m.screen = screenTickers
		}
		m.relayout()
		if m.screen == screenTickers {
			return m.reloadTickers()
		}
		return nil
	case key.Matches(msg, k.CycleWatchlist):
		return m.cycleWatchlist()
	case key.Matches(msg, k.RefreshAll):
		return m.refreshAll()
	case key.Matches(msg, k.Refresh):
		return m.refreshSelected()
	case key.Matches(msg, k.Sidebar):
		if m.screen == screenArticles {
			if m.lay.single {
				if m.focus == paneSidebar {
					m.setFocus(paneList)
				} else {
					m.setFocus(paneSidebar)
				}
				return nil
			}
			m.showSidebar = !m.showSidebar
			m.relayout()
			if m.lay.sidebarW > 0 {
				m.focus = paneSidebar
			}
			m.reader.rebuild(&m.st, m.now(), m.watchSet)
			return m.ensureBody()
		}
		return nil
	}
	if m.screen == screenTickers {
		return m.handleTickersKey(msg)
	}
	switch {
	case key.Matches(msg, k.NextPane):
		ps := m.lay.visible()
		if m.lay.single {
			ps = []pane{paneList, paneReader}
		}
		for i, p := range ps {
			if p == m.focus {
				m.setFocus(ps[(i+1)%len(ps)])
				return nil
			}
		}
		m.setFocus(paneList)
		return nil
	case key.Matches(msg, k.PrevArticle, k.NextArticle):
		d := 1
		if key.Matches(msg, k.PrevArticle) {
			d = -1
		}
		m.list.move(d)
		return tea.Batch(m.openSelected(false), m.ensurePage())
	case key.Matches(msg, k.NextUnread, k.PrevUnread):
		return m.findUnread(key.Matches(msg, k.NextUnread))
	case key.Matches(msg, k.ToggleRead):
		if a, ok := m.currentArticle(); ok {
			read := !a.Read
			m.markRead(a, read)
			if m.reader.art != nil && m.reader.art.ID == a.ID {
				m.reader.art.Read = read
			}
			word := "unread"
			if read {
				word = "read"
			}
			return tea.Batch(setRead(m.ctx, m.o.Store, read, a.ID), m.setFlash("Marked "+word, false))
		}
		return nil
	case key.Matches(msg, k.MarkAllRead):
		n := m.list.count()
		if n == 0 {
			return m.setFlash("Nothing to mark.", false)
		}
		// Asked, not done: the question stays up until a key answers it.
		m.confirmMarkAll = true
		what := "the article of this view"
		if n > 1 {
			what = fmt.Sprintf("all %d articles of this view", n)
		}
		m.flash, m.flashBad, m.flashSeq = "Mark "+what+" read? y/n", false, m.nextSeq()
		return nil
	case key.Matches(msg, k.Star):
		if a, ok := m.currentArticle(); ok {
			a.Starred = !a.Starred
			delete(m.list.rows, a.ID)
			if m.reader.art != nil && m.reader.art.ID == a.ID {
				m.reader.art.Starred = a.Starred
				m.reader.rebuild(&m.st, m.now(), m.watchSet)
			}
			word := "Unstarred"
			if a.Starred {
				word = "Starred"
			}
			return tea.Batch(setStarred(m.ctx, m.o.Store, a.ID, a.Starred), m.setFlash(word, false))
		}
		return nil
	case key.Matches(msg, k.OpenLink):
		return m.openLink()
	case key.Matches(msg, k.CopyLink):
		a, ok := m.currentArticle()
		if !ok || a.Link == "" {
			return m.setFlash("No link to copy.", true)
		}
		link := sanitize.Line(a.Link)
		return tea.Batch(tea.SetClipboard(link), m.setFlash("Copied link: "+cut(link, 50), false))
	case key.Matches(msg, k.Watch):
		sym := m.tickerUnderCursor()
		if sym == "" {
			return m.setFlash("No ticker here to watch.", true)
		}
		return m.toggleWatch(sym)
	}
	switch m.focus {
	case paneSidebar:
		return m.handleSidebarKey(msg)
	case paneReader:
		return m.handleReaderKey(msg)
	default:
		return m.handleListKey(msg)
	}
}

// currentArticle is the article the keys act on: the one in the reader
// when it has focus, else the one under the list cursor.
func (m *model) currentArticle() (*store.Article, bool) {
	if m.focus == paneReader && m.reader.art != nil {
		if a, _ := m.list.byID(m.reader.art.ID); a != nil {
			return a, true
		}
		return m.reader.art, true
	}
	return m.list.selected()
}

func (m *model) handleListKey(msg tea.KeyPressMsg) tea.Cmd {
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
	case key.Matches(msg, k.Back):
		return m.back1()
	default:
		return nil
	}
	return tea.Batch(m.ensurePage(), m.previewSelected())
}

// markAllRead marks every article of the list's view read: the search
// results as they stand, or everything the list's query selects (not only
// the page on screen).
func (m *model) markAllRead() tea.Cmd {
	if m.list.search {
		var ids []int64
		for i := range m.list.page {
			if a := &m.list.page[i]; !a.Read {
				m.markRead(a, true)
				ids = append(ids, a.ID)
				if m.reader.art != nil && m.reader.art.ID == a.ID {
					m.reader.art.Read = true
				}
			}
		}
		return tea.Batch(setRead(m.ctx, m.o.Store, true, ids...), m.setFlash(fmt.Sprintf("Marked %d read", len(ids)), false))
	}
	q := m.list.query
	q.Limit, q.Offset = 0, 0
	return markQueryRead(m.ctx, m.o.Store, q)
}

// previewSelected shows the article under the list cursor in the reader
// pane when that pane is on screen beside the list, without marking it
// read: enter does that. The article loads previewDelay after the cursor
// stops, so running down the list loads only where it stops.
func (m *model) previewSelected() tea.Cmd {
	if m.lay.single || m.lay.readerW == 0 {
		return nil
	}
	a, ok := m.list.selected()
	if !ok || m.reader.id() == a.ID {
		return nil
	}
	m.previewSeq = m.nextSeq()
	if m.noTimers {
		return m.loadPreview(m.previewSeq)
	}
	seq := m.previewSeq
	return tea.Tick(previewDelay, func(time.Time) tea.Msg { return previewTickMsg{seq} })
}

// loadPreview loads the article under the cursor, if the cursor has not
// moved since the preview seq was asked for.
func (m *model) loadPreview(seq uint64) tea.Cmd {
	if seq != m.previewSeq {
		return nil
	}
	a, ok := m.list.selected()
	if !ok || m.reader.id() == a.ID {
		return nil
	}
	m.articleSeq = m.nextSeq()
	m.previewing = true
	return loadArticle(m.ctx, m.o.Store, m.articleSeq, a.ID)
}

// back1 undoes the last narrowing of the list: search results, then
// ticker or feed jumps.
func (m *model) back1() tea.Cmd {
	if m.search.active {
		m.search.close()
		m.restoreAfterSearch()
		m.relayout()
		return m.reloadList(true)
	}
	if n := len(m.back); n > 0 {
		q := m.back[n-1]
		m.back = m.back[:n-1]
		m.list.setQuery(q)
		return m.reloadList(true)
	}
	return nil
}

func (m *model) handleReaderKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &m.keys
	vp := &m.reader.vp
	switch {
	case key.Matches(msg, k.Up):
		vp.ScrollUp(1)
	case key.Matches(msg, k.Down):
		vp.ScrollDown(1)
	case key.Matches(msg, k.Top):
		vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		vp.GotoBottom()
	case key.Matches(msg, k.PageDown):
		vp.PageDown()
	case key.Matches(msg, k.PageUp):
		vp.PageUp()
	case key.Matches(msg, k.HalfDown):
		vp.HalfPageDown()
	case key.Matches(msg, k.HalfUp):
		vp.HalfPageUp()
	case key.Matches(msg, k.ChipLeft, k.ChipRight):
		d := 1
		if key.Matches(msg, k.ChipLeft) {
			d = -1
		}
		if m.reader.moveChip(d) {
			m.reader.rebuild(&m.st, m.now(), m.watchSet)
		}
	case key.Matches(msg, k.Open):
		if sym, ok := m.reader.selectedChip(); ok {
			return m.showTicker(sym)
		}
	case key.Matches(msg, k.Back):
		if m.reader.chip >= 0 {
			m.reader.chip = -1
			m.reader.rebuild(&m.st, m.now(), m.watchSet)
			return nil
		}
		m.setFocus(paneList)
	}
	return nil
}

func (m *model) handleSidebarKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &m.keys
	items := m.side.items(m.feeds, m.unread, m.tickers.rows)
	switch {
	case key.Matches(msg, k.Up):
		m.side.move(-1, len(items))
	case key.Matches(msg, k.Down):
		m.side.move(1, len(items))
	case key.Matches(msg, k.Top):
		m.side.move(-len(items), len(items))
	case key.Matches(msg, k.Bottom):
		m.side.move(len(items), len(items))
	case key.Matches(msg, k.ChipLeft, k.ChipRight):
		m.side.switchTab()
	case key.Matches(msg, k.Open):
		if m.side.cursor >= len(items) {
			return nil
		}
		it := items[m.side.cursor]
		q := m.list.query
		q.Feed, q.Ticker = it.feed, it.ticker
		if it.all {
			q = store.Query{}
		}
		m.setFocus(paneList)
		return m.setQuery(q, true)
	case key.Matches(msg, k.Back):
		m.setFocus(paneList)
	}
	return nil
}

func (m *model) handleTickersKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &m.keys
	vis := m.tickers.rowsVisible()
	switch {
	case key.Matches(msg, k.Up):
		m.tickers.move(-1)
	case key.Matches(msg, k.Down):
		m.tickers.move(1)
	case key.Matches(msg, k.Top):
		m.tickers.move(-len(m.tickers.rows))
	case key.Matches(msg, k.Bottom):
		m.tickers.move(len(m.tickers.rows))
	case key.Matches(msg, k.PageDown):
		m.tickers.move(vis)
	case key.Matches(msg, k.PageUp):
		m.tickers.move(-vis)
	case key.Matches(msg, k.HalfDown):
		m.tickers.move(vis / 2)
	case key.Matches(msg, k.HalfUp):
		m.tickers.move(-vis / 2)
	case key.Matches(msg, k.Sort):
		m.tickers.cycleSort(m.watch)
		return m.setFlash("Tickers sorted by "+m.tickers.sort.String(), false)
	case key.Matches(msg, k.Watch):
		if r, ok := m.tickers.selected(); ok {
			return m.toggleWatch(r.Symbol)
		}
	case key.Matches(msg, k.Open):
		if r, ok := m.tickers.selected(); ok {
			return m.showTicker(r.Symbol)
		}
	case key.Matches(msg, k.Back):
		m.screen = screenArticles
		m.relayout()
	}
	return nil
}

// showTicker lists the articles naming sym.
func (m *model) showTicker(sym string) tea.Cmd {
	m.screen = screenArticles
	m.setFocus(paneList)
	m.relayout()
	q := store.Query{Ticker: sym, Unread: m.list.query.Unread, Starred: m.list.query.Starred}
	return tea.Batch(m.setQuery(q, true), m.setFlash("Articles naming "+sym+" (esc goes back)", false))
}

func (m *model) cycleWatchlist() tea.Cmd {
	if len(m.watch) == 0 {
		return m.setFlash("The watchlist is empty (w adds the ticker under the cursor).", true)
	}
	m.watchPos = (m.watchPos + 1) % len(m.watch)
	sym := m.watch[m.watchPos]
	m.screen = screenArticles
	m.relayout()
	q := store.Query{Ticker: sym}
	remember := m.list.query.Ticker == "" || !m.watchSet[m.list.query.Ticker]
	m.setFocus(paneList)
	return tea.Batch(m.setQuery(q, remember), m.setFlash(fmt.Sprintf("Watchlist %d/%d: %s", m.watchPos+1, len(m.watch), sym), false))
}

// tickerUnderCursor is the symbol w acts on: the tickers view's row, the
// reader's selected chip, or the selected article's first ticker.
func (m *model) tickerUnderCursor() string {
	if m.screen == screenTickers {
		if r, ok := m.tickers.selected(); ok {
			return r.Symbol
		}
		return ""
	}
	if m.focus == paneReader {
		if sym, ok := m.reader.selectedChip(); ok {
			return sym
		}
		if len(m.reader.chips) > 0 {
			return m.reader.chips[0].Symbol
		}
	}
	if m.focus == paneSidebar && m.side.tab == tabTickers {
		items := m.side.items(m.feeds, m.unread, m.tickers.rows)
		if m.side.cursor < len(items) {
			return items[m.side.cursor].ticker
		}
	}
	if a, ok := m.list.selected(); ok && len(a.Tickers) > 0 {
		return a.Tickers[0]
	}
	return ""
}

// toggleWatch adds sym to the watchlist or removes it, and saves the new
// list when the reader was given a way to (Options.SaveWatchlist).
func (m *model) toggleWatch(sym string) tea.Cmd {
	var msg string
	if m.watchSet[sym] {
		w := make([]string, 0, len(m.watch))
		for _, s := range m.watch {
			if s != sym {
				w = append(w, s)
			}
		}
		m.setWatch(w)
		msg = sym + " removed from the watchlist"
	} else {
		m.setWatch(append(m.watch, sym))
		msg = sym + " added to the watchlist"
	}
	m.tickers.order(m.watch)
	m.tickers.selectSymbol(sym)
	m.reader.rebuild(&m.st, m.now(), m.watchSet)
	var reload tea.Cmd
	if q := m.list.query; len(q.AnyTicker) > 0 && !m.list.search {
		// The watchlist view follows the watchlist.
		q.AnyTicker = slices.Clone(m.watch)
		reload = m.setQuery(q, false)
	}
	if m.o.SaveWatchlist == nil {
		return tea.Batch(reload, m.setFlash(msg+" (this session)", false))
	}
	flash := tea.Batch(reload, m.setFlash(msg, false))
	m.watchFlash = m.flashSeq
	if m.watchSaving {
		m.watchDirty = true // saved when the save in flight is back
		return flash
	}
	m.watchSaving = true
	return tea.Batch(flash, saveWatchlist(m.o.SaveWatchlist, m.watch))
}

// watchSaved takes the answer of a watchlist save: another save if the
// list changed meanwhile, a word on the status line, and the quit that
// waited for it.
func (m *model) watchSaved(msg watchSavedMsg) tea.Cmd {
	m.watchSaving = false
	if m.watchDirty && msg.err == nil {
		m.watchDirty = false
		m.watchSaving = true
		return saveWatchlist(m.o.SaveWatchlist, m.watch)
	}
	m.watchDirty = false
	var cmd tea.Cmd
	switch {
	case msg.err != nil:
		cmd = m.setFlash("The watchlist changed for this session only; saving it failed: "+sanitize.Line(msg.err.Error()), true)
	case m.flashSeq == m.watchFlash:
		// Nothing else was said since the change: say it stuck.
		cmd = m.setFlash(m.flash+" · saved in "+cut(sanitize.Line(homeRelative(msg.where)), 50), false)
	}
	if m.quitting {
		return m.quit()
	}
	return cmd
}

func (m *model) findUnread(next bool) tea.Cmd {
	dir := 1
	if !next {
		dir = -1
	}
	// Look in the loaded page first: the common case needs no query.
	for i := m.list.cursor + dir; ; i += dir {
		a, ok := m.list.row(i)
		if !ok {
			break
		}
		if !a.Read {
			m.list.setCursor(i)
			return tea.Batch(m.openSelected(false), m.ensurePage())
		}
	}
	if m.list.search {
		return m.setFlash("No more unread articles.", false)
	}
	from := m.list.pageStart + len(m.list.page)
	if !next {
		from = m.list.pageStart - 1
		if from < 0 {
			return m.setFlash("No more unread articles.", false)
		}
	}
	m.unreadSeq = m.nextSeq()
	return findUnread(m.ctx, m.o.Store, m.unreadSeq, m.list.query, from, dir)
}

func (m *model) openLink() tea.Cmd {
	a, ok := m.currentArticle()
	if !ok || a.Link == "" {
		return m.setFlash("No link to open.", true)
	}
	link, err := linkURL(a.Link)
	if err != nil {
		return m.setFlash(sanitize.Line(err.Error()), true)
	}
	open := m.openURL
	return func() tea.Msg { return openedMsg{url: link, err: open(link)} }
}

func (m *model) refreshAll() tea.Cmd {
	// Offline, a refresh still reads the sample and local files; the
	// fetcher itself skips the network.
	if m.o.Refresh == nil {
		return m.setFlash("Refreshing is off (run without --offline to fetch).", true)
	}
	if m.refreshing {
		return m.setFlash("Already refreshing.", false)
	}
	m.refreshing = true
	return startRefresh(m.ctx, m.o.Refresh, "all")
}

func (m *model) refreshSelected() tea.Cmd {
	// Offline, a refresh still reads the sample and local files; the
	// fetcher itself skips the network.
	if m.o.Refresh == nil {
		return m.setFlash("Refreshing is off (run without --offline to fetch).", true)
	}
	a, ok := m.currentArticle()
	if !ok || m.o.RefreshFeed == nil {
		return m.refreshAll()
	}
	if m.refreshing {
		return m.setFlash("Already refreshing.", false)
	}
	m.refreshing = true
	url, fn := a.FeedURL, m.o.RefreshFeed
	return startRefresh(m.ctx, func(ctx context.Context, p func(int, int)) (ingest.Report, error) { return fn(ctx, url, p) }, a.FeedTitle)
}

func (m *model) handleOverlayKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &m.keys
	if m.overlay == overlayFilter {
		items := m.filterItems()
		switch {
		case key.Matches(msg, k.Up):
			m.filterCursor = max(m.filterCursor-1, 0)
		case key.Matches(msg, k.Down):
			m.filterCursor = min(m.filterCursor+1, len(items)-1)
		case key.Matches(msg, k.Open) || msg.String() == "space":
			if m.filterCursor >= len(items) {
				return nil
			}
			it := items[m.filterCursor]
			q := m.list.query
			switch it.kind {
			case filterAll:
				q = store.Query{}
			case filterUnread:
				q.Unread = !q.Unread
			case filterStarred:
				q.Starred = !q.Starred
			case filterWatchlist:
				if len(q.AnyTicker) > 0 {
					q.AnyTicker = nil
				} else {
					q.AnyTicker = slices.Clone(m.watch)
				}
			case filterTag:
				if strings.EqualFold(q.Tag, it.feed) {
					q.Tag = ""
				} else {
					q.Tag = it.feed
				}
			case filterFeed:
				if q.Feed == it.feed {
					q.Feed = ""
				} else {
					q.Feed = it.feed
				}
			}
			return m.setQuery(q, false)
		case key.Matches(msg, k.Back, k.Quit, k.Filter):
			m.overlay = overlayNone
		}
		return nil
	}
	if key.Matches(msg, k.Back, k.Quit, k.Help, k.Errors) {
		m.overlay = overlayNone
	}
	return nil
}

func (m *model) handleSearchKey(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "esc":
		return m.back1()
	case "enter":
		m.search.blur()
		m.setFocus(paneList)
		return nil
	case "up", "ctrl+p":
		m.list.move(-1)
		return nil
	case "down", "ctrl+n":
		m.list.move(1)
		return nil
	}
	return m.updateSearchInput(msg)
}

func (m *model) updateSearchInput(msg tea.Msg) tea.Cmd {
	if !m.search.input.update(msg) {
		return nil
	}
	// Every edit starts a new debounce; the search runs only if no key
	// follows within searchDelay, and older answers are dropped.
	m.search.seq = m.nextSeq()
	return searchAfter(m.search.seq)
}

func (m *model) handleWheel(mo tea.Mouse) tea.Cmd {
	d := 3
	if mo.Button == tea.MouseWheelUp {
		d = -3
	} else if mo.Button != tea.MouseWheelDown {
		return nil
	}
	if m.screen == screenTickers {
		m.tickers.move(d)
		return nil
	}
	p, ok := m.lay.paneAt(mo.X)
	if !ok {
		return nil
	}
	switch p {
	case paneReader:
		if d > 0 {
			m.reader.vp.ScrollDown(d)
		} else {
			m.reader.vp.ScrollUp(-d)
		}
	case paneList:
		m.list.move(d)
		return tea.Batch(m.ensurePage(), m.previewSelected())
	case paneSidebar:
		items := m.side.items(m.feeds, m.unread, m.tickers.rows)
		m.side.move(d, len(items))
	}
	return nil
}

func (m *model) handleClick(mo tea.Mouse) tea.Cmd {
	if mo.Button != tea.MouseLeft || m.overlay != overlayNone {
		return nil
	}
	y := mo.Y - m.lay.top
	if y < 0 || y >= m.lay.paneH {
		return nil
	}
	if m.screen == screenTickers {
		if i := m.tickers.top + y - 2; y >= 2 && i < len(m.tickers.rows) {
			if i == m.tickers.cursor {
				return m.showTicker(m.tickers.rows[i].Symbol)
			}
			m.tickers.cursor = i
			m.tickers.clamp()
		}
		return nil
	}
	p, ok := m.lay.paneAt(mo.X)
	if !ok {
		return nil
	}
	switch p {
	case paneList:
		m.focus = paneList
		if y == 0 {
			return nil
		}
		i := m.list.top + y - 1
		if i >= m.list.count() {
			return nil
		}
		if i == m.list.cursor {
			return m.openSelected(m.lay.single)
		}
		m.list.setCursor(i)
		return tea.Batch(m.ensurePage(), m.previewSelected())
	case paneReader:
		m.focus = paneReader
	case paneSidebar:
		m.focus = paneSidebar
		if y >= 2 {
			items := m.side.items(m.feeds, m.unread, m.tickers.rows)
			m.side.move(m.side.top+y-2-m.side.cursor, len(items))
		}
	}
	return nil
}
