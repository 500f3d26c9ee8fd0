package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// helpOverlay lists every key, grouped, in as many columns as fit; what
// does not fit scrolls.
type helpOverlay struct{}

func (helpOverlay) title() string { return "Keys" }
func (helpOverlay) hint() string {
	return "j/k scroll · esc or ? closes · keys can be changed in config.toml [keys]"
}

func (helpOverlay) lines(m *model, w int) ([]string, int) {
	st := &m.st
	groups := m.keys.FullHelp()
	keyW := 0
	for _, g := range groups {
		for _, b := range g {
			if b.Enabled() {
				keyW = max(keyW, lineWidth(b.Help().Key))
			}
		}
	}
	var items []string // one per line, blank between groups
	descW := 0
	for gi, g := range groups {
		if gi > 0 {
			items = append(items, "")
		}
		for _, b := range g {
			if !b.Enabled() {
				continue
			}
			items = append(items, b.Help().Key+"\x00"+b.Help().Desc)
			descW = max(descW, lineWidth(b.Help().Desc))
		}
	}
	colW := keyW + 2 + descW
	const gap = 3
	cols := max(1, (w+gap)/(colW+gap))
	if cols == 1 {
		colW = w
	}
	rows := (len(items) + cols - 1) / cols
	out := make([]string, rows)
	for i, it := range items {
		r, c := i%rows, i/rows
		cell := ""
		if k, d, ok := strings.Cut(it, "\x00"); ok {
			cell = st.help.FullKey.Render(fit(k, keyW)) + "  " + st.help.FullDesc.Render(cut(d, max(colW-keyW-2, 1)))
		}
		if c > 0 {
			out[r] = fit(out[r], c*(colW+gap)-gap) + strings.Repeat(" ", gap)
		}
		out[r] += cell
	}
	return out, -1
}

func (helpOverlay) key(m *model, msg tea.KeyPressMsg) (tea.Cmd, bool, bool) {
	if key.Matches(msg, m.keys.Help) {
		return nil, true, true
	}
	return nil, false, false
}
