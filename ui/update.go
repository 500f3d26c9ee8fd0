package ui

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// update hands each message to its handler: keys to whatever has the
// keyboard, answers of the store and the fetcher to messages.go.
func (m *model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.relayout()
		m.rebuildReader()
		return tea.Batch(m.ensureBody(), m.ensurePage())

	case tea.BackgroundColorMsg:
		if m.theme() != "auto" {
			return nil
		}
		if dark := msg.IsDark(); dark != m.dark {
			m.dark = dark
			m.applyStyles()
			m.rebuildReader()
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
	}
	return m.handleResult(msg)
}

// handleKey gives a key press to what has the keyboard, in order: a text
// input (search, find), an overlay, then the view. q goes back one level
// wherever it is pressed and quits only from the top of the browse view;
// Q quits from anywhere outside a text input, ctrl+c from anywhere.
func (m *model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &m.keys
	if key.Matches(msg, k.ForceQuit) {
		return m.quit()
	}
	switch {
	case m.search.focused:
		return m.handleSearchKey(msg)
	case m.finding:
		return m.findKey(msg)
	case m.ov != nil:
		return m.overlayKey(msg)
	case key.Matches(msg, k.QuitAll):
		return m.quit()
	}
	if cmd, ok := m.globalKey(msg); ok {
		return cmd
	}
	switch m.view {
	case viewReader:
		return m.readerKey(msg)
	case viewTickers:
		return m.tickersKey(msg)
	}
	return m.browseKey(msg)
}

// globalKey handles the keys that mean the same in every view. ok is
// false for keys it leaves to the view.
func (m *model) globalKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := &m.keys
	switch {
	case key.Matches(msg, k.Help):
		return m.openOverlay(helpOverlay{}), true
	case key.Matches(msg, k.Filter):
		return m.openOverlay(&filterOverlay{}), true
	case key.Matches(msg, k.Errors):
		return tea.Batch(m.openOverlay(errorsOverlay{}), loadFeeds(m.ctx, m.o.Store)), true
	case key.Matches(msg, k.Tickers):
		if m.view == viewTickers {
			return nil, false // the tickers view closes itself
		}
		m.view = viewTickers
		m.relayout()
		return m.reloadTickers(), true
	case key.Matches(msg, k.CycleWatchlist):
		return m.cycleWatchlist(), true
	case key.Matches(msg, k.RefreshAll):
		return m.refreshAll(), true
	case key.Matches(msg, k.Refresh):
		return m.refreshSelected(), true
	case key.Matches(msg, k.Mouse):
		return m.toggleMouse(), true
	case key.Matches(msg, k.Watch) && m.view != viewTickers:
		sym := m.tickerUnderCursor()
		if sym == "" {
			return m.setFlash("No ticker here to watch.", true), true
		}
		return m.toggleWatch(sym), true
	case m.view == viewTickers:
		return nil, false
	case key.Matches(msg, k.ToggleRead) && !(m.view == viewReader && m.reader.find != "" && key.Matches(msg, k.FindPrev)):
		return m.toggleRead(), true
	case key.Matches(msg, k.MarkAllRead):
		return m.askMarkAll(), true
	case key.Matches(msg, k.Star):
		return m.toggleStar(), true
	case key.Matches(msg, k.Save):
		return m.saveArticle(), true
	case key.Matches(msg, k.OpenLink):
		return m.openLink(false), true
	case key.Matches(msg, k.OpenLinkRead):
		return m.openLink(true), true
	case key.Matches(msg, k.CopyLink):
		return m.copyLink(), true
	}
	return nil, false
}

// browseKey handles the browse view's own keys, then the focused pane's.
func (m *model) browseKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &m.keys
	switch {
	case key.Matches(msg, k.Quit):
		switch {
		case m.focus == paneSidebar:
			m.setFocus(paneList)
			return nil
		case m.atTop():
			return m.quit()
		}
		return m.back1()
	case key.Matches(msg, k.Search):
		m.search.open(m.list.query)
		m.relayout()
		return nil
	case key.Matches(msg, k.Sidebar):
		return m.toggleSidebar()
	case key.Matches(msg, k.Preview):
		return m.togglePreview()
	case key.Matches(msg, k.NextPane):
		ps := m.lay.visible()
		if len(ps) == 1 && m.sidebarOn() {
			ps = []pane{paneSidebar, paneList} // one at a time: tab swaps them
		}
		i := slices.Index(ps, m.focus)
		m.setFocus(ps[(i+1)%len(ps)])
		return nil
	case key.Matches(msg, k.PrevArticle, k.NextArticle):
		d := 1
		if key.Matches(msg, k.PrevArticle) {
			d = -1
		}
		m.list.move(d)
		return m.ensurePage()
	case key.Matches(msg, k.NextUnread, k.PrevUnread):
		return m.findUnread(key.Matches(msg, k.NextUnread))
	}
	if m.focus == paneSidebar {
		return m.sidebarKey(msg)
	}
	return m.listKey(msg)
}

// atTop reports whether the browse view is at its top level: no search,
// no jump to go back from. q quits only there.
func (m *model) atTop() bool {
	return !m.search.active && len(m.back) == 0
}
