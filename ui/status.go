package ui

import (
	"fmt"
	"strings"

	"brief/internal/termtext"
)

// statusView is the bottom bar: the network as the last refresh found it,
// refresh progress, unread count, failing feeds, the article view's place
// and scroll position, and the latest message.
func (m *model) statusView() string {
	st := &m.st
	if m.finding && m.findInput != nil {
		return fit(m.findInput.View(), m.width)
	}
	now := m.now()
	var parts []string
	parts = append(parts, m.netStatus())
	switch {
	case m.refreshing && m.progTotal > 0:
		parts = append(parts, st.accent.Render(fmt.Sprintf("refreshing %d/%d", m.progDone, m.progTotal)))
	case m.refreshing:
		parts = append(parts, st.accent.Render("refreshing…"))
	case !m.lastRefresh.IsZero():
		parts = append(parts, st.status.Render("refreshed "+termtext.Ago(m.lastRefresh, now)))
	}
	parts = append(parts, st.status.Render(fmt.Sprintf("%d unread", m.unread)))
	if n := m.failingFeeds(); n > 0 {
		parts = append(parts, st.statusBad.Render(fmt.Sprintf("%s failing (e)", plural(n, "feed", "feeds"))))
	}
	if m.view == viewReader && m.reader.art != nil {
		pos := fmt.Sprintf("%d%%", m.reader.scrollPercent())
		if n := m.list.count(); n > 0 {
			pos = fmt.Sprintf("%d/%d · %s", m.list.cursor()+1, n, pos)
		}
		parts = append(parts, st.accent.Render(pos))
	}
	left := strings.Join(parts, st.faint.Render(" · "))
	right := ""
	if m.flash != "" {
		right = m.flash
		if m.flashBad {
			right = st.statusBad.Render(right)
		}
	}
	lw, rw := lineWidth(left), lineWidth(right)
	if lw+rw+1 > m.width {
		right = cut(right, max(m.width-lw-1, 0))
		rw = lineWidth(right)
	}
	return fit(left+strings.Repeat(" ", max(m.width-lw-rw, 1))+right, m.width)
}

// netStatus says what the network did in the last refresh: online only
// when a network feed answered, and in words when every one failed.
func (m *model) netStatus() string {
	st := &m.st
	r := m.net
	switch {
	case m.o.Offline || m.o.Refresh == nil:
		return st.statusWarn.Render("○ offline")
	case !m.netKnown:
		return st.status.Render("○ not refreshed yet")
	case r.NetworkOK > 0:
		return st.statusGood.Render("● online")
	case r.NetworkFailed > 0:
		return st.statusBad.Render(fmt.Sprintf("✕ no network: all %s failed", plural(r.NetworkFailed, "network feed", "network feeds")))
	}
	return st.status.Render("○ no network feeds")
}

func (m *model) failingFeeds() int {
	n := 0
	for _, f := range m.feeds {
		if f.LastError != "" {
			n++
		}
	}
	return n
}

func (m *model) helpLine() string {
	keys := m.keys.ShortHelp()
	if m.view == viewReader {
		keys = m.keys.readerHelp()
	}
	return fit(m.help.ShortHelpView(keys), m.width)
}
