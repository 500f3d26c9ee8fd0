package ui

import (
	tea "charm.land/bubbletea/v2"
)

// handleWheel scrolls what is under the pointer.
func (m *model) handleWheel(mo tea.Mouse) tea.Cmd {
	d := 3
	if mo.Button == tea.MouseWheelUp {
		d = -3
	} else if mo.Button != tea.MouseWheelDown {
		return nil
	}
	if m.ov != nil {
		m.ovScroll.scroll(d)
		return nil
	}
	switch m.view {
	case viewTickers:
		m.tickers.move(d)
		return nil
	case viewReader:
		m.scrollReader(d)
		return nil
	}
	p, ok := m.lay.paneAt(mo.X)
	if !ok {
		return nil
	}
	switch p {
	case paneReader:
		m.scrollReader(d)
	case paneList:
		m.list.move(d)
		return m.ensurePage()
	case paneSidebar:
		m.side.sc.setN(len(m.sidebarItems()))
		m.side.sc.move(d)
	}
	return nil
}

func (m *model) scrollReader(d int) {
	if d > 0 {
		m.reader.vp.ScrollDown(d)
	} else {
		m.reader.vp.ScrollUp(-d)
	}
}

// handleClick selects what was clicked; a click on the selected article
// opens it.
func (m *model) handleClick(mo tea.Mouse) tea.Cmd {
	if mo.Button != tea.MouseLeft || m.ov != nil || m.view == viewReader {
		return nil
	}
	y := mo.Y - m.lay.top
	if y < 0 || y >= m.lay.paneH {
		return nil
	}
	if m.view == viewTickers {
		if i := m.tickers.sc.top + y - 2; y >= 2 && i < len(m.tickers.rows) {
			if i == m.tickers.sc.cursor {
				return m.showTicker(m.tickers.rows[i].Symbol)
			}
			m.tickers.sc.set(i)
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
		i := m.list.sc.top + y - 1
		if i >= m.list.count() {
			return nil
		}
		if i == m.list.cursor() {
			return m.openSelected(true)
		}
		m.list.setCursor(i)
		return m.ensurePage()
	case paneReader:
		if a, ok := m.list.selected(); ok && a.ID == m.reader.id() {
			return m.openSelected(true)
		}
	case paneSidebar:
		m.focus = paneSidebar
		if y >= 2 {
			m.side.sc.setN(len(m.sidebarItems()))
			m.side.sc.set(m.side.sc.top + y - 2)
		}
	}
	return nil
}
