package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// overlay is a box drawn over the screen as a layer: the keymap, the
// filter menu, feed errors, an article's links, a question. Each kind
// lives in a file of its own; the box, its scrolling and its placing are
// shared here, so that every overlay scrolls the same way and keeps its
// cursor on screen at every size.
type overlay interface {
	title() string
	hint() string
	// lines is the body at inner width w. cursor is the line of the
	// selected item, or -1 when the body is text that scrolls.
	lines(m *model, w int) (lines []string, cursor int)
	// key handles a key press. handled false lets the box scroll text
	// with the movement keys; close removes the overlay.
	key(m *model, msg tea.KeyPressMsg) (cmd tea.Cmd, handled, close bool)
}

// openOverlay shows o, scrolled to its top.
func (m *model) openOverlay(o overlay) tea.Cmd {
	m.ov = o
	m.ovScroll = scroller{}
	return nil
}

func (m *model) closeOverlay() { m.ov = nil }

// overlayKey gives the key to the open overlay. esc and q close any of
// them; movement keys scroll text that does not fit.
func (m *model) overlayKey(msg tea.KeyPressMsg) tea.Cmd {
	o := m.ov
	cmd, handled, closeIt := o.key(m, msg)
	if closeIt {
		if m.ov == o {
			m.closeOverlay()
		}
		return cmd
	}
	if handled {
		return cmd
	}
	k := &m.keys
	sc := &m.ovScroll
	switch {
	case key.Matches(msg, k.Back, k.Quit):
		m.closeOverlay()
	case key.Matches(msg, k.Down):
		sc.scroll(1)
	case key.Matches(msg, k.Up):
		sc.scroll(-1)
	case key.Matches(msg, k.PageDown, k.HalfDown):
		sc.scroll(sc.page())
	case key.Matches(msg, k.PageUp, k.HalfUp):
		sc.scroll(-sc.page())
	case key.Matches(msg, k.Top):
		sc.scroll(-sc.n)
	case key.Matches(msg, k.Bottom):
		sc.scroll(sc.n)
	}
	return cmd
}

// overlayBox draws the open overlay for a screen w×h: a bordered box no
// wider than the screen and no taller, its body scrolled so that the
// cursor (or the scrolled-to text) shows.
func (m *model) overlayBox(w, h int) string {
	st := &m.st
	// On roomy screens the box leaves the panes' edges in view, so it
	// reads as a layer over them.
	boxW, boxH := min(w, 100), h
	if w >= 70 {
		boxW = min(w-4, 100)
	}
	if h >= 20 {
		boxH = h - 2
	}
	if s, ok := m.ov.(interface{ boxWidth() int }); ok {
		boxW = min(boxW, s.boxWidth())
	}
	inner := max(boxW-4, 10) // border and padding, both sides
	lines, cursor := m.ov.lines(m, inner)
	// Border (2), title and blank (2), blank and hint (2).
	vis := max(boxH-6, 1)
	sc := &m.ovScroll
	sc.setN(len(lines))
	sc.setHeight(vis)
	if cursor >= 0 {
		sc.set(cursor)
	}
	from, to := sc.top, min(sc.top+vis, len(lines))
	var b strings.Builder
	b.WriteString(st.heading.Render(cut(m.ov.title(), inner)))
	b.WriteString("\n\n")
	for i := from; i < to; i++ {
		b.WriteString(fit(lines[i], inner))
		b.WriteByte('\n')
	}
	hint := m.ov.hint()
	if len(lines) > vis {
		more := ""
		if from > 0 {
			more += "↑"
		}
		if to < len(lines) {
			more += "↓"
		}
		hint = fmt.Sprintf("%s %d–%d of %d · ", more, from+1, to, len(lines)) + hint
	}
	b.WriteString("\n")
	b.WriteString(st.muted.Render(cut(hint, inner)))
	return st.overlay.Width(inner + 4).Render(b.String())
}

// layerOver draws box centred over the screen base (w×h) as a layer, so
// the panes beside and around it stay in view.
func layerOver(base, box string, w, h int) string {
	bw, bh := lipgloss.Width(box), lipgloss.Height(box)
	x, y := max((w-bw)/2, 0), max((h-bh)/2, 0)
	c := lipgloss.NewCanvas(w, h)
	c.Compose(lipgloss.NewCompositor(
		lipgloss.NewLayer(base),
		lipgloss.NewLayer(box).X(x).Y(y).Z(1),
	))
	return c.Render()
}

// scroll moves a text body: the window, with the cursor at its top.
func (s *scroller) scroll(d int) {
	top := min(max(s.top+d, 0), max(s.n-max(s.height, 1), 0))
	s.top, s.cursor = top, top
}
