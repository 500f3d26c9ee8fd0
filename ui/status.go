package ui

import (
	"fmt"
	"strings"
	"time"
)

// statusView is the bottom bar: network mode, last refresh, unread count,
// refresh progress, failing feeds, and the latest message.
func (m *model) statusView() string {
	st := &m.st
	now := m.now()
	var parts []string
	switch {
	case m.o.Offline || m.o.Refresh == nil:
		parts = append(parts, st.statusWarn.Render("○ offline"))
	default:
		parts = append(parts, st.statusGood.Render("● online"))
	}
	switch {
	case m.refreshing && m.progTotal > 0:
		parts = append(parts, st.accent.Render(fmt.Sprintf("refreshing %d/%d", m.progDone, m.progTotal)))
	case m.refreshing:
		parts = append(parts, st.accent.Render("refreshing…"))
	case !m.lastRefresh.IsZero():
		parts = append(parts, st.status.Render("refreshed "+ago(m.lastRefresh, now)))
	}
	parts = append(parts, st.status.Render(fmt.Sprintf("%d unread", m.unread)))
	if n := m.failingFeeds(); n > 0 {
		word := "feeds"
		if n == 1 {
			word = "feed"
		}
		parts = append(parts, st.statusBad.Render(fmt.Sprintf("%d %s failing (e)", n, word)))
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

// ago says how long ago t was in a few characters: "just now", "5m ago".
func ago(t, now time.Time) string {
	if now.Sub(t) < time.Minute {
		return "just now"
	}
	return age(t, now) + " ago"
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
	return fit(m.help.ShortHelpView(m.keys.ShortHelp()), m.width)
}
