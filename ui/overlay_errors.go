package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"brief/internal/sanitize"
)

// errorsOverlay lists the feeds whose last fetch failed, and why.
type errorsOverlay struct{}

func (errorsOverlay) title() string { return "Feed errors" }
func (errorsOverlay) hint() string {
	return "j/k scroll · esc closes · r on an article refreshes its feed"
}

func (errorsOverlay) lines(m *model, w int) ([]string, int) {
	st := &m.st
	var out []string
	for _, f := range m.feeds {
		if f.LastError == "" {
			continue
		}
		if len(out) > 0 {
			out = append(out, "")
		}
		out = append(out, st.title.Render(cut(m.feedLabel(f), w)))
		out = append(out, st.faint.Render(cut(sanitize.Line(f.URL), w)))
		for _, l := range wrapHanging(sanitize.Line(f.LastError), "  ", w) {
			out = append(out, st.statusBad.Render(l))
		}
		if f.Failures > 1 {
			out = append(out, st.muted.Render(fmt.Sprintf("  failed %d times in a row", f.Failures)))
		}
	}
	if len(out) == 0 {
		out = append(out, st.muted.Render("Every feed fetched fine."))
	}
	return out, -1
}

func (errorsOverlay) key(m *model, msg tea.KeyPressMsg) (tea.Cmd, bool, bool) {
	if key.Matches(msg, m.keys.Errors) {
		return nil, true, true
	}
	return nil, false, false
}
