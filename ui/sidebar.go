package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"brief/store"
)

type sidebarTab int

const (
	tabFeeds sidebarTab = iota
	tabTickers
)

// sidebar is the Feeds | Tickers pane of wide terminals.
type sidebar struct {
	tab           sidebarTab
	sc            scroller
	width, height int
}

func (s *sidebar) SetSize(w, h int) {
	s.width, s.height = w, h
	s.sc.setHeight(max(h-2, 1))
}

// sidebarItem is what enter on the sidebar selects: a feed (id as text,
// "" for all) or a ticker symbol.
type sidebarItem struct {
	label, right string
	feed         string
	ticker       string
	bad          bool
	watch        bool
	all          bool
}

// sidebarItems are the sidebar's lines, rebuilt only when the feeds, the
// tickers, the counts or the tab changed (sideRev): with thousands of feeds
// building them on every key would cost more than the rest of the frame.
func (m *model) sidebarItems() []sidebarItem {
	if m.sideFor == m.sideRev+1 {
		return m.sideItems
	}
	m.sideItems = m.buildSidebarItems()
	m.sideFor = m.sideRev + 1
	return m.sideItems
}

func (m *model) buildSidebarItems() []sidebarItem {
	if m.side.tab == tabTickers {
		out := make([]sidebarItem, 0, len(m.tickers.rows))
		for _, t := range m.tickers.rows {
			out = append(out, sidebarItem{label: t.Symbol, right: fmt.Sprint(t.Week), ticker: t.Symbol, watch: t.Watch})
		}
		return out
	}
	out := []sidebarItem{{label: "All articles", right: fmt.Sprint(m.unread), all: true}}
	for _, f := range m.feeds {
		out = append(out, sidebarItem{
			label: m.feedLabel(f), right: feedCount(f),
			feed: fmt.Sprint(f.ID), bad: f.LastError != "",
		})
	}
	return out
}

// feedCount is the number beside a feed: its unread articles, or a word
// when there is nothing to count yet.
func feedCount(f store.Feed) string {
	switch {
	case f.LastFetch.IsZero() && f.Articles == 0:
		return "new"
	case f.LastError != "" && f.Articles == 0:
		return "!"
	}
	return fmt.Sprint(f.Unread)
}

func (s *sidebar) switchTab() {
	s.tab = 1 - s.tab
	s.sc.reset()
}

func (s *sidebar) view(st *styles, items []sidebarItem, focused bool) []string {
	w := s.width
	s.sc.setN(len(items))
	tabs := []string{"Feeds", "Tickers"}
	var hb strings.Builder
	hb.WriteString(" ")
	for i, t := range tabs {
		if i > 0 {
			hb.WriteString(" | ")
		}
		if sidebarTab(i) == s.tab {
			hb.WriteString("[" + t + "]")
		} else {
			hb.WriteString(t)
		}
	}
	out := []string{paneHeader(st, hb.String(), "", w, focused), st.border.Render(strings.Repeat("─", w))}
	if len(items) == 0 {
		msg := "No feeds yet: brief feeds add URL, or brief import FILE."
		if s.tab == tabTickers {
			msg = "No tickers named yet."
		}
		for _, l := range wrapHanging(msg, "", w) {
			out = append(out, st.muted.Render(l))
		}
	}
	from, to := s.sc.window()
	for i := from; i < to; i++ {
		it := items[i]
		cur := " "
		if i == s.sc.cursor {
			cur = "▸"
		}
		mark := " "
		if it.bad {
			mark = "!"
		}
		if it.watch {
			mark = "*"
		}
		rw := lineWidth(it.right)
		label := fitLabel(it.label, max(w-3-rw-1, 1))
		line := fit(cur+mark+" "+label+" "+it.right, w)
		switch {
		case i == s.sc.cursor && focused:
			line = st.selected.Render(line)
		case it.bad:
			line = st.statusWarn.Render(line)
		case it.watch:
			line = st.chipWatch.Render(line)
		}
		out = append(out, line)
	}
	return padLines(out, w, s.height)
}

// sidebarKey handles the keys of the sidebar: move, switch tab, and
// enter to list a feed's or a ticker's articles.
func (m *model) sidebarKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &m.keys
	items := m.sidebarItems()
	sc := &m.side.sc
	sc.setN(len(items))
	switch {
	case key.Matches(msg, k.Up):
		sc.move(-1)
	case key.Matches(msg, k.Down):
		sc.move(1)
	case key.Matches(msg, k.Top):
		sc.set(0)
	case key.Matches(msg, k.Bottom):
		sc.set(len(items) - 1)
	case key.Matches(msg, k.PageDown):
		sc.move(sc.page())
	case key.Matches(msg, k.PageUp):
		sc.move(-sc.page())
	case key.Matches(msg, k.ChipLeft, k.ChipRight):
		m.side.switchTab()
		m.sideRev++
	case key.Matches(msg, k.Open):
		if sc.cursor >= len(items) {
			return nil
		}
		it := items[sc.cursor]
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

// fitLabel fits a feed's label to w cells, cutting the title rather than
// the "(host)" that tells two feeds of one title apart.
func fitLabel(label string, w int) string {
	if lineWidth(label) <= w {
		return fit(label, w)
	}
	i := strings.LastIndex(label, " (")
	if i <= 0 || !strings.HasSuffix(label, ")") {
		return fit(label, w)
	}
	suffix := label[i:]
	if sw := lineWidth(suffix); sw+4 <= w {
		return fit(cut(label[:i], w-sw)+suffix, w)
	}
	return fit(label, w)
}
