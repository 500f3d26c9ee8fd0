package ui

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"brief/ingest"
	"brief/internal/sanitize"
)

// handleResult takes the answers of the commands: store reads, renders,
// searches, refreshes and writes. Answers to requests that a newer one
// has overtaken (their seq is old) are dropped.
func (m *model) handleResult(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case pageMsg:
		return m.onPage(msg)

	case firstFrameMsg:
		return tea.Batch(m.ensurePage(), loadFeeds(m.ctx, m.o.Store), m.reloadTickers())

	case articleMsg:
		return m.onArticle(msg)

	case bodyMsg:
		return m.onBody(msg)

	case feedsMsg:
		return m.onFeeds(msg)

	case tickersMsg:
		return m.onTickers(msg)

	case searchTickMsg:
		if msg.seq != m.search.seq || !m.search.active {
			return nil
		}
		return m.startSearch()

	case unreadMsg:
		return m.onUnread(msg)

	case refreshStartedMsg:
		m.refreshing, m.progDone, m.progTotal = true, 0, 0
		return waitRefresh(msg.events)

	case refreshProgressMsg:
		return m.onRefreshProgress(msg)

	case refreshDoneMsg:
		return m.onRefreshDone(msg)

	case writeMsg:
		if msg.err != nil {
			return m.setFlash("Could not save: "+sanitize.Line(msg.err.Error()), true)
		}
		return nil

	case savedMsg:
		if msg.err != nil {
			return m.setFlash("Could not save the article: "+sanitize.Line(msg.err.Error()), true)
		}
		return m.setFlash("Saved to "+cut(sanitize.Line(homeRelative(msg.path)), 60), false)

	case watchSavedMsg:
		return m.watchSaved(msg)

	case previewTickMsg:
		return m.loadPreview(msg.seq)

	case markedMsg:
		return m.onMarked(msg)

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

// onPage shows a page of the list, and after the first one starts the reads
// that wait for the first frame.
func (m *model) onPage(msg pageMsg) tea.Cmd {
	if msg.seq != m.pageSeq {
		return nil
	}
	if msg.err != nil {
		m.list.loading = false
		return m.setFlash("Could not read the articles: "+sanitize.Line(msg.err.Error()), true)
	}
	m.list.applyPage(msg.offset, msg.total, msg.arts)
	var cmds []tea.Cmd
	if m.tickerSeq == 0 {
		// The first page is about to be drawn: the rest of the list,
		// the feeds and the tickers follow it. Started at once, those
		// reads (the ticker statistics take a second of CPU on
		// 100,000 articles) held the frame itself back on two cores.
		m.tickerSeq = m.nextSeq()
		cmds = append(cmds, m.afterFirstFrame())
	} else {
		cmds = append(cmds, m.ensurePage())
	}
	if id := m.pendingOpen; id != 0 {
		m.pendingOpen = 0
		if a, ok := m.list.selected(); ok && a.ID == id {
			cmds = append(cmds, m.openSelected(true))
		}
	}
	return tea.Batch(cmds...)
}

// onArticle opens the article read for the reader.
func (m *model) onArticle(msg articleMsg) tea.Cmd {
	if msg.seq != m.articleSeq {
		return nil
	}
	if msg.err != nil {
		return m.setFlash("Could not open the article: "+sanitize.Line(msg.err.Error()), true)
	}
	m.reader.open(msg.art, msg.brief, msg.hasBrief, msg.tickers)
	m.reader.sources, m.reader.related = msg.sources, msg.related
	if terms := m.list.terms; len(terms) > 0 && m.reader.find == "" && m.view == viewReader {
		// An article opened from search results shows what matched.
		m.reader.find = m.list.searchQuery
	}
	m.rebuildReader()
	return m.ensureBody()
}

// onBody keeps a rendered body, and shows it when the reader still waits
// for it.
func (m *model) onBody(msg bodyMsg) tea.Cmd {
	delete(m.rendering, msg.key)
	if msg.err == nil {
		if len(m.bodies) >= maxBodies {
			clear(m.bodies)
		}
		m.bodies[msg.key] = renderedBody{text: msg.body, links: msg.links}
	}
	if msg.key == m.bodyKey() {
		m.reader.body, m.reader.links, m.reader.bodyErr, m.reader.bodyFor = msg.body, msg.links, msg.err, msg.key
		m.rebuildReader()
	}
	return nil
}

// onFeeds takes the feeds and their unread counts for the sidebar.
func (m *model) onFeeds(msg feedsMsg) tea.Cmd {
	if msg.err != nil {
		return m.setFlash("Could not read the feeds: "+sanitize.Line(msg.err.Error()), true)
	}
	m.feeds, m.feedsLoaded = msg.feeds, true
	m.sideRev++
	m.labels = feedLabels(msg.feeds)
	m.unread = msg.unread
	return nil
}

// onTickers takes the ticker statistics for the sidebar.
func (m *model) onTickers(msg tickersMsg) tea.Cmd {
	if msg.seq != m.tickerSeq {
		return nil
	}
	if msg.err != nil {
		m.tickers.err, m.tickers.loaded = msg.err, true
		return nil
	}
	m.tickers.setRows(msg.rows, m.watch)
	m.sideRev++
	return nil
}

// onUnread moves to the next unread article and opens it, or loads the
// page that holds it first.
func (m *model) onUnread(msg unreadMsg) tea.Cmd {
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
		return tea.Batch(m.openSelected(true), m.ensurePage())
	}
	m.pendingOpen = msg.id
	return m.reloadList(false)
}

// onRefreshProgress follows a refresh in progress.
func (m *model) onRefreshProgress(msg refreshProgressMsg) tea.Cmd {
	m.progDone, m.progTotal = msg.done, msg.total
	cmds := []tea.Cmd{waitRefresh(msg.events)}
	// Articles show as their feeds land (the watchlist's first), not
	// only when the whole refresh is done; a page at most twice a
	// second, and none while the search results are up.
	if now := m.now(); now.Sub(m.progReload) >= progressReload && !m.list.search {
		m.progReload = now
		cmds = append(cmds, m.reloadKeepingSelection(0), loadFeeds(m.ctx, m.o.Store))
	}
	return tea.Batch(cmds...)
}

// onRefreshDone reloads what a finished refresh changed and says how it
// went.
func (m *model) onRefreshDone(msg refreshDoneMsg) tea.Cmd {
	m.refreshing = false
	m.lastRefresh = m.now()
	if msg.err == nil {
		m.net, m.netKnown = msg.report, true
	}
	cmds := []tea.Cmd{loadFeeds(m.ctx, m.o.Store), m.reloadTickers(), m.reloadKeepingSelection(msg.report.New)}
	cmds = append(cmds, m.setFlash(refreshSummary(msg.report, msg.err), msg.err != nil))
	return tea.Batch(cmds...)
}

// onMarked reloads after articles were marked read.
func (m *model) onMarked(msg markedMsg) tea.Cmd {
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
}

// maxBodies bounds the rendered-body cache; a reader rarely revisits more
// than a few dozen articles at one width.
const maxBodies = 64

// refreshSummary is the status line's word on a finished refresh: how
// many new, how many failed, and, offline, how many network feeds were
// not asked.
func refreshSummary(r ingest.Report, err error) string {
	if err != nil {
		return "Refresh failed: " + sanitize.Line(err.Error())
	}
	s := fmt.Sprintf("Refreshed: %d new", r.New)
	if r.Failed > 0 {
		s += fmt.Sprintf(", %d failed (e lists them)", r.Failed)
	}
	if r.NetworkSkipped > 0 {
		s += fmt.Sprintf(", %s skipped (offline)", plural(r.NetworkSkipped, "network feed", "network feeds"))
	}
	return s
}

// progressReload is how often a refresh in progress reloads the list.
const progressReload = 500 * time.Millisecond
