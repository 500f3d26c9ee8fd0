package ui

import (
	"fmt"
	"slices"

	tea "charm.land/bubbletea/v2"

	"brief/internal/sanitize"
	"brief/store"
)

// The watchlist from the reader: T walks it, w adds or removes the ticker
// under the cursor and saves the list.

func (m *model) cycleWatchlist() tea.Cmd {
	if len(m.watch) == 0 {
		return m.setFlash("The watchlist is empty (w adds the ticker under the cursor).", true)
	}
	m.watchPos = (m.watchPos + 1) % len(m.watch)
	sym := m.watch[m.watchPos]
	m.view = viewBrowse
	m.focus = paneList
	q := store.Query{Ticker: sym}
	remember := m.list.query.Ticker == "" || !m.watchSet[m.list.query.Ticker]
	return tea.Batch(m.setQuery(q, remember), m.setFlash(fmt.Sprintf("Watchlist %d/%d: %s", m.watchPos+1, len(m.watch), sym), false))
}

// tickerUnderCursor is the symbol w acts on: the tickers view's row, the
// reader's selected chip, or the selected article's first ticker.
func (m *model) tickerUnderCursor() string {
	if m.view == viewTickers {
		if r, ok := m.tickers.selected(); ok {
			return r.Symbol
		}
		return ""
	}
	if m.view == viewReader {
		if sym, ok := m.reader.selectedChip(); ok {
			return sym
		}
		if len(m.reader.chips) > 0 {
			return m.reader.chips[0].Symbol
		}
	}
	if m.focus == paneSidebar && m.side.tab == tabTickers {
		items := m.sidebarItems()
		if c := m.side.sc.cursor; c < len(items) {
			return items[c].ticker
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
	m.sideRev++
	m.rebuildReader()
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
