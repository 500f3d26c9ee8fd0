package ui

import (
	"fmt"
	"strings"

	"brief/internal/sanitize"
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
	cursor, top   int
	width, height int
}

func (s *sidebar) SetSize(w, h int) {
	s.width, s.height = w, h
}

// item is what enter on the sidebar selects: a feed (id as text, "" for
// all) or a ticker symbol.
type sidebarItem struct {
	label, right string
	feed         string
	ticker       string
	bad          bool
	watch        bool
	all          bool
}

func (s *sidebar) items(feeds []store.Feed, unread int, tickers []tickerRow) []sidebarItem {
	if s.tab == tabTickers {
		out := make([]sidebarItem, 0, len(tickers))
		for _, t := range tickers {
			out = append(out, sidebarItem{label: t.Symbol, right: fmt.Sprint(t.Week), ticker: t.Symbol, watch: t.Watch})
		}
		return out
	}
	out := []sidebarItem{{label: "All articles", right: fmt.Sprint(unread), all: true}}
	for _, f := range feeds {
		if f.Articles == 0 && f.LastError == "" && f.LastFetch.IsZero() {
			continue
		}
		out = append(out, sidebarItem{
			label: sanitize.Line(f.Title), right: fmt.Sprint(f.Unread),
			feed: fmt.Sprint(f.ID), bad: f.LastError != "",
		})
	}
	return out
}

func (s *sidebar) move(d, n int) {
	s.cursor = min(max(s.cursor+d, 0), max(n-1, 0))
	vis := max(s.height-2, 1)
	if s.cursor < s.top {
		s.top = s.cursor
	}
	if s.cursor >= s.top+vis {
		s.top = s.cursor - vis + 1
	}
}

func (s *sidebar) switchTab() {
	s.tab = 1 - s.tab
	s.cursor, s.top = 0, 0
}

func (s *sidebar) view(st *styles, items []sidebarItem, focused bool) []string {
	w := s.width
	tabs := []string{"Feeds", "Tickers"}
	var hb strings.Builder
	for i, t := range tabs {
		if i > 0 {
			hb.WriteString(st.faint.Render(" | "))
		}
		if sidebarTab(i) == s.tab {
			hb.WriteString(st.tabActive.Render(t))
		} else {
			hb.WriteString(st.tabInactive.Render(t))
		}
	}
	out := []string{fit(hb.String(), w), st.border.Render(strings.Repeat("─", w))}
	if len(items) == 0 {
		out = append(out, st.muted.Render(cut("Nothing yet.", w)))
	}
	vis := max(s.height-2, 1)
	for i := s.top; i < len(items) && i < s.top+vis; i++ {
		it := items[i]
		cur := " "
		if i == s.cursor {
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
		label := fit(it.label, max(w-3-rw-1, 1))
		line := cur + mark + " " + label + " " + it.right
		line = fit(line, w)
		switch {
		case i == s.cursor && focused:
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
