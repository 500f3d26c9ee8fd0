package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"brief/ingest"
	"brief/internal/sanitize"
	"brief/store"
)

// This file holds what keys do beyond moving a cursor: opening, going
// back, marking, starring, links, the watchlist, refreshing. Each action
// changes the model at once and leaves the I/O to a command.

func (m *model) bodyKey() bodyKey {
	return bodyKey{id: m.reader.id(), width: m.reader.bodyWidth(), style: m.st.md, tight: m.reader.tight(), raw: m.reader.raw}
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
		m.reader.body, m.reader.links, m.reader.bodyErr, m.reader.bodyFor = b.text, b.links, nil, k
		m.rebuildReader()
		return nil
	}
	m.reader.body, m.reader.bodyErr = "", nil
	m.rebuildReader()
	if len(m.rendering) > 0 {
		// One render at a time: a body that takes long to lay out must not
		// be joined by one more for every cursor move or resize. When it
		// lands (and is cached), Update asks again for what is wanted then.
		return nil
	}
	m.rendering[k] = true
	a := m.reader.art
	if k.raw {
		return renderRawBody(m.render, k, a.HTML, a.Link, a.Markdown)
	}
	return renderBody(m.render, k, a.Markdown)
}

// toggleRaw switches the open article between its clean body and the
// original one.
func (m *model) toggleRaw() tea.Cmd {
	r := &m.reader
	if r.art == nil {
		return nil
	}
	r.raw = !r.raw
	key := m.keys.Raw.Help().Key
	r.rawNote = "Original body, as the feed sent it · " + key + " shows the clean one"
	r.body, r.bodyErr = "", nil
	cmd := m.ensureBody()
	m.rebuildReader()
	if r.raw {
		return tea.Batch(cmd, m.setFlash("Original body · "+key+" for the clean one", false))
	}
	return tea.Batch(cmd, m.setFlash("Clean body · "+key+" for the original", false))
}

// reloadList asks for the page around the cursor (and the count).
func (m *model) reloadList(count bool) tea.Cmd {
	m.pageSeq = m.nextSeq()
	m.list.loading = true
	off, limit := m.list.pageOffset(), m.list.pageLimit()
	if !m.list.loaded && off == 0 {
		// A new list's first read is one screenful: cold, each row costs
		// a page read, and 300 of them held the first frame back by a
		// tenth of a second on 100,000 articles. The full page follows
		// once this one is on screen.
		limit = min(limit, m.list.rowsVisible()+1)
	}
	m.list.pendingOff, m.list.pendingLim = off, limit
	return loadPage(m.ctx, m.o.Store, m.pageSeq, m.listSource(), off, limit, count)
}

// listSource is what the list shows: the query, or the search.
func (m *model) listSource() listSource {
	if m.list.search {
		return listSource{search: true, text: m.list.searchQuery, byDate: m.list.searchByDate}
	}
	return listSource{query: m.list.query}
}

// ensurePage loads a new page when the cursor nears the loaded one's edge.
func (m *model) ensurePage() tea.Cmd {
	if !m.list.wantPage() {
		return nil
	}
	c := m.list.cursor()
	if m.list.loading && c >= m.list.pendingOff && c+m.list.rowsVisible() <= m.list.pendingOff+m.list.pendingLim {
		// The page on its way shows the cursor's screenful; once it
		// lands, the next one is judged from there. Another read now
		// would only supersede it (the first frame waited on two).
		return nil
	}
	return m.reloadList(m.list.total < 0)
}

// reloadKeepingSelection reloads the list after a refresh without moving
// the cursor off the selected article: new articles above it push it down,
// so the page is read around where it may have gone and the cursor follows
// its id.
func (m *model) reloadKeepingSelection(added int) tea.Cmd {
	if a, ok := m.list.selected(); ok {
		m.list.keepID = a.ID
	}
	m.pageSeq = m.nextSeq()
	m.list.loading = true
	off, limit := m.list.pageOffset(), m.list.pageLimit()+added
	m.list.pendingOff, m.list.pendingLim = off, limit
	return loadPage(m.ctx, m.o.Store, m.pageSeq, m.listSource(), off, limit, true)
}

func (m *model) reloadTickers() tea.Cmd {
	m.tickerSeq = m.nextSeq()
	return loadTickers(m.ctx, m.o.Store, m.tickerSeq, m.now(), m.watch)
}

// startSearch lists the matches of the search box's text, or goes back to
// the list it was opened over when the text is empty.
func (m *model) startSearch() tea.Cmd {
	q := strings.TrimSpace(m.search.input.Value())
	if q == "" {
		m.search.running = false
		if m.list.search {
			m.list.setQuery(m.search.saved)
			return m.reloadList(true)
		}
		return nil
	}
	m.list.setSearch(q, m.list.searchByDate && m.list.search)
	return m.reloadList(true)
}

// setQuery switches the list to q, remembering the old one for esc. The
// article view gives way to the list it now reads from.
func (m *model) setQuery(q store.Query, remember bool) tea.Cmd {
	if remember {
		m.back = append(m.back, m.list.query)
	}
	if m.search.active {
		m.search.close()
	}
	if m.view == viewReader {
		m.view = viewBrowse
		m.clearFind()
	}
	m.relayout()
	m.list.setQuery(q)
	return m.reloadList(true)
}

// openSelected loads the article under the list cursor and marks it read
// at once, in the store and on screen. full opens the article view.
func (m *model) openSelected(full bool) tea.Cmd {
	a, ok := m.list.selected()
	if !ok {
		return nil
	}
	m.articleSeq = m.nextSeq()
	m.previewSeq = m.nextSeq() // a preview on its way would only load it again
	m.previewWant = a.ID
	if full && m.view != viewReader {
		m.view = viewReader
		m.relayout()
	}
	cmds := []tea.Cmd{loadArticle(m.ctx, m.o.Store, m.articleSeq, a.ID, false)}
	if !a.Read {
		m.markRead(a, true)
		cmds = append(cmds, setRead(m.ctx, m.o.Store, true, a.ID))
	}
	if m.reader.id() != a.ID {
		m.clearFind()
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
	m.sideRev++
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
	m.relayout()
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

// currentArticle is the article the keys act on: the one open in the
// article view, else the one under the list cursor.
func (m *model) currentArticle() (*store.Article, bool) {
	if m.view == viewReader && m.reader.art != nil {
		if a, _ := m.list.byID(m.reader.art.ID); a != nil {
			return a, true
		}
		return m.reader.art, true
	}
	return m.list.selected()
}

func (m *model) toggleRead() tea.Cmd {
	a, ok := m.currentArticle()
	if !ok {
		return nil
	}
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

func (m *model) toggleStar() tea.Cmd {
	a, ok := m.currentArticle()
	if !ok {
		return nil
	}
	a.Starred = !a.Starred
	delete(m.list.rows, a.ID)
	if m.reader.art != nil && m.reader.art.ID == a.ID {
		m.reader.art.Starred = a.Starred
		m.rebuildReader()
	}
	word := "Unstarred"
	if a.Starred {
		word = "Starred"
	}
	return tea.Batch(setStarred(m.ctx, m.o.Store, a.ID, a.Starred), m.setFlash(word, false))
}

// askMarkAll asks before marking every article of the view read.
func (m *model) askMarkAll() tea.Cmd {
	n := m.list.count()
	if n == 0 {
		return m.setFlash("Nothing to mark.", false)
	}
	what := "the article of this view"
	if n > 1 {
		what = fmt.Sprintf("all %d articles of this view", n)
	}
	return m.openOverlay(&confirmOverlay{
		question: "Mark " + what + " read?",
		yes:      (*model).markAllRead,
		no:       "Nothing marked.",
	})
}

// markAllRead marks every article of the list's view read: the search
// results, or everything the list's query selects (not only the page on
// screen).
func (m *model) markAllRead() tea.Cmd {
	if m.list.search {
		text := m.list.searchQuery
		for i := range m.list.page {
			m.markRead(&m.list.page[i], true)
		}
		if m.reader.art != nil {
			m.reader.art.Read = true
		}
		return markSearchRead(m.ctx, m.o.Store, text)
	}
	q := m.list.query
	q.Limit, q.Offset = 0, 0
	return markQueryRead(m.ctx, m.o.Store, q)
}

// followCursor keeps the preview on the article under the list cursor,
// whatever moved the cursor (keys, a jump, a reload, a search), and
// empties it when the list is empty. The article loads previewDelay after
// the cursor stops, so running down the list loads only where it stops.
func (m *model) followCursor() tea.Cmd {
	if m.view != viewBrowse || m.lay.readerW == 0 {
		return nil
	}
	a, ok := m.list.selected()
	switch {
	case !ok && m.list.empty():
		if m.reader.art != nil {
			m.reader.clear()
			m.previewWant = 0
			m.articleSeq = m.nextSeq() // an article on its way is stale
			m.rebuildReader()
		}
		return nil
	case !ok, m.reader.id() == a.ID, m.previewWant == a.ID:
		return nil
	}
	m.previewWant = a.ID
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
	return loadArticle(m.ctx, m.o.Store, m.articleSeq, a.ID, false)
}

// back1 undoes the last narrowing of the list: search results, then
// ticker or feed jumps.
func (m *model) back1() tea.Cmd {
	if m.search.active {
		wasSearch := m.list.search
		m.search.close()
		m.relayout()
		if wasSearch {
			m.list.setQuery(m.search.saved)
			return m.reloadList(true)
		}
		return nil
	}
	if n := len(m.back); n > 0 {
		q := m.back[n-1]
		m.back = m.back[:n-1]
		m.list.setQuery(q)
		return m.reloadList(true)
	}
	return nil
}

// showTicker lists the articles naming sym.
func (m *model) showTicker(sym string) tea.Cmd {
	m.view = viewBrowse
	m.focus = paneList
	m.clearFind()
	q := store.Query{Ticker: sym, Unread: m.list.query.Unread, Starred: m.list.query.Starred}
	return tea.Batch(m.setQuery(q, true), m.setFlash("Articles naming "+sym+" (q or esc goes back)", false))
}

// findUnread moves to the next (or previous) unread article of the list
// and opens it, as newsboat's n and p do.
func (m *model) findUnread(next bool) tea.Cmd {
	dir := 1
	if !next {
		dir = -1
	}
	// Look in the loaded page first: the common case needs no query.
	for i := m.list.cursor() + dir; ; i += dir {
		a, ok := m.list.row(i)
		if !ok {
			break
		}
		if !a.Read {
			m.list.setCursor(i)
			return tea.Batch(m.openSelected(true), m.ensurePage())
		}
	}
	from := m.list.pageStart + len(m.list.page)
	if !next {
		from = m.list.pageStart - 1
		if from < 0 {
			return m.setFlash("No more unread articles.", false)
		}
	}
	if from >= m.list.count() && next {
		return m.setFlash("No more unread articles.", false)
	}
	m.unreadSeq = m.nextSeq()
	return findUnread(m.ctx, m.o.Store, m.unreadSeq, m.listSource(), from, dir)
}

// openLink opens the article's link in the browser; markRead marks the
// article read too (newsboat's O).
func (m *model) openLink(markRead bool) tea.Cmd {
	a, ok := m.currentArticle()
	if !ok || a.Link == "" {
		return m.setFlash("No link to open.", true)
	}
	cmds := []tea.Cmd{m.openURLCmd(a.Link)}
	if markRead && !a.Read {
		m.markRead(a, true)
		if m.reader.art != nil && m.reader.art.ID == a.ID {
			m.reader.art.Read = true
		}
		cmds = append(cmds, setRead(m.ctx, m.o.Store, true, a.ID))
	}
	return tea.Batch(cmds...)
}

// openURLCmd opens one web link in the browser, off the UI goroutine.
func (m *model) openURLCmd(raw string) tea.Cmd {
	link, err := linkURL(raw)
	if err != nil {
		return m.setFlash(sanitize.Line(err.Error()), true)
	}
	open := m.openURL
	return func() tea.Msg { return openedMsg{url: link, err: open(link)} }
}

func (m *model) copyLink() tea.Cmd {
	a, ok := m.currentArticle()
	if !ok || a.Link == "" {
		return m.setFlash("No link to copy.", true)
	}
	link := sanitize.Line(a.Link)
	return tea.Batch(tea.SetClipboard(link), m.setFlash("Copied link: "+cut(link, 50), false))
}

// saveArticle writes the article as Markdown into the save directory,
// as newsboat's s does.
func (m *model) saveArticle() tea.Cmd {
	var a store.Article
	switch {
	case m.view == viewReader && m.reader.art != nil:
		a = *m.reader.art
	case m.reader.art != nil:
		sel, ok := m.list.selected()
		if !ok || sel.ID != m.reader.art.ID {
			return m.setFlash("Open the article first (enter), then s saves it.", true)
		}
		a = *m.reader.art
	default:
		return m.setFlash("Open the article first (enter), then s saves it.", true)
	}
	return saveArticleFile(m.o.Config.Reader.SaveDir, a, m.reader.brief)
}

func (m *model) toggleMouse() tea.Cmd {
	m.mouse = !m.mouse
	if m.mouse {
		return m.setFlash("Mouse on: wheel scrolls, click selects; hold shift to select text.", false)
	}
	return m.setFlash("Mouse off: select text with the mouse; M turns it back on.", false)
}

func (m *model) toggleSidebar() tea.Cmd {
	on := !m.sidebarOn()
	m.showSidebar = &on
	if on {
		m.focus = paneSidebar
	} else {
		m.focus = paneList
	}
	m.relayout()
	m.rebuildReader()
	return m.ensureBody()
}

func (m *model) togglePreview() tea.Cmd {
	if m.width < minSplit {
		return m.setFlash("Too narrow for a preview beside the list; enter opens the article.", false)
	}
	on := !m.preview()
	m.showPreview = &on
	m.relayout()
	m.rebuildReader()
	return m.ensureBody()
}

func (m *model) refreshAll() tea.Cmd {
	if m.o.Refresh == nil {
		return m.setFlash("Refreshing is off in this session.", true)
	}
	if m.refreshing {
		return m.setFlash("Already refreshing.", false)
	}
	m.refreshing = true
	return startRefresh(m.ctx, m.o.Refresh, "all")
}

func (m *model) refreshSelected() tea.Cmd {
	if m.o.Refresh == nil {
		return m.setFlash("Refreshing is off in this session.", true)
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

// nextSource shows the next article of the story's sources and then the
// related filings or news, round again after the last.
func (m *model) nextSource() tea.Cmd {
	r := &m.reader
	ring := append(slices.Clone(r.sources), r.related...)
	if r.art == nil || len(ring) < 2 && len(r.related) == 0 {
		return m.setFlash("This story has one source and nothing related.", false)
	}
	next := ring[0].ID
	for i, a := range ring {
		if a.ID == r.art.ID {
			next = ring[(i+1)%len(ring)].ID
			break
		}
	}
	m.articleSeq = m.nextSeq()
	m.clearFind()
	return loadArticle(m.ctx, m.o.Store, m.articleSeq, next, true)
}
