package ui

import (
	"fmt"
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"brief/internal/sanitize"
	"brief/render"
)

// linksOverlay lists the links of the open article, numbered as the text
// shows them ([1], [2] …). enter or o opens the selected one in the
// browser; typing its number selects it.
type linksOverlay struct {
	links  []render.Link
	cur    int
	digits string
}

func newLinksOverlay(links []render.Link) *linksOverlay { return &linksOverlay{links: links} }

func (o *linksOverlay) title() string {
	return fmt.Sprintf("Links (%d)", len(o.links))
}

func (o *linksOverlay) hint() string {
	if o.digits != "" {
		return "[" + o.digits + "] · enter opens · esc closes"
	}
	return "j/k or its number selects · enter or o opens · y copies · esc closes"
}

func (o *linksOverlay) lines(m *model, w int) ([]string, int) {
	st := &m.st
	if len(o.links) == 0 {
		return []string{st.muted.Render("This article has no links.")}, -1
	}
	numW := len(fmt.Sprint(len(o.links))) + 2
	out := make([]string, len(o.links))
	for i, l := range o.links {
		num := fit(fmt.Sprintf("[%d]", l.N), numW)
		text := sanitize.Line(l.Text)
		url := sanitize.Line(l.URL)
		rest := max(w-numW-1, 1)
		line := num + " " + cut(text, rest/2) + "  "
		line += cut(url, max(w-lineWidth(line), 1))
		if i == o.cur {
			out[i] = st.selected.Render(fit(line, w))
		} else {
			out[i] = st.accent.Render(num) + " " + fit(line[len(num)+1:], w-numW-1)
		}
	}
	return out, o.cur
}

func (o *linksOverlay) key(m *model, msg tea.KeyPressMsg) (tea.Cmd, bool, bool) {
	k := &m.keys
	n := len(o.links)
	if s := msg.String(); len(s) == 1 && s[0] >= '0' && s[0] <= '9' && n > 0 {
		o.digits += s
		v, _ := strconv.Atoi(o.digits)
		if v < 1 || v > n {
			// Start again from this digit: "12" in a list of 9 is 2.
			o.digits = s
			v, _ = strconv.Atoi(s)
		}
		if v >= 1 && v <= n {
			o.cur = v - 1
		}
		return nil, true, false
	}
	o.digits = ""
	switch {
	case key.Matches(msg, k.Down):
		o.cur = min(o.cur+1, max(n-1, 0))
	case key.Matches(msg, k.Up):
		o.cur = max(o.cur-1, 0)
	case key.Matches(msg, k.Top):
		o.cur = 0
	case key.Matches(msg, k.Bottom):
		o.cur = max(n-1, 0)
	case key.Matches(msg, k.PageDown):
		o.cur = min(o.cur+m.ovScroll.page(), max(n-1, 0))
	case key.Matches(msg, k.PageUp):
		o.cur = max(o.cur-m.ovScroll.page(), 0)
	case key.Matches(msg, k.Open, k.OpenLink):
		if n == 0 {
			return nil, true, true
		}
		return m.openURLCmd(o.links[o.cur].URL), true, true
	case key.Matches(msg, k.CopyLink):
		if n == 0 {
			return nil, true, false
		}
		link := sanitize.Line(o.links[o.cur].URL)
		return tea.Batch(tea.SetClipboard(link), m.setFlash("Copied link: "+cut(link, 50), false)), true, true
	case key.Matches(msg, k.Links, k.Back, k.Quit):
		return nil, true, true
	default:
		return nil, false, false
	}
	return nil, true, false
}
