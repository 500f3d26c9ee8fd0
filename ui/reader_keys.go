package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// readerKey handles the keys of the article view: moving through the
// text, finding in it, the ticker chips, and the next or previous
// article. q, esc and backspace go back to the list, one step at a time.
func (m *model) readerKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &m.keys
	r := &m.reader
	vp := &r.vp
	if r.find != "" {
		switch {
		case key.Matches(msg, k.FindNext):
			return m.jumpMatch(1)
		case key.Matches(msg, k.FindPrev):
			return m.jumpMatch(-1)
		}
	}
	switch {
	case key.Matches(msg, k.Up):
		vp.ScrollUp(1)
	case key.Matches(msg, k.Down):
		vp.ScrollDown(1)
	case key.Matches(msg, k.Top):
		vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		vp.GotoBottom()
	case key.Matches(msg, k.PageDown):
		vp.PageDown()
	case key.Matches(msg, k.PageUp):
		vp.PageUp()
	case key.Matches(msg, k.HalfDown):
		vp.HalfPageDown()
	case key.Matches(msg, k.HalfUp):
		vp.HalfPageUp()
	case key.Matches(msg, k.PrevArticle, k.NextArticle):
		d := 1
		if key.Matches(msg, k.PrevArticle) {
			d = -1
		}
		if _, ok := m.list.row(m.list.cursor() + d); !ok {
			return m.setFlash("No more articles in this list.", false)
		}
		m.list.move(d)
		return tea.Batch(m.openSelected(true), m.ensurePage())
	case key.Matches(msg, k.NextUnread, k.PrevUnread):
		return m.findUnread(key.Matches(msg, k.NextUnread))
	case key.Matches(msg, k.ChipLeft, k.ChipRight):
		d := 1
		if key.Matches(msg, k.ChipLeft) {
			d = -1
		}
		if r.moveChip(d) {
			m.rebuildReader()
		}
	case key.Matches(msg, k.Open):
		if sym, ok := r.selectedChip(); ok {
			return m.showTicker(sym)
		}
	case key.Matches(msg, k.Search):
		m.openFind()
	case key.Matches(msg, k.Links):
		return m.openOverlay(newLinksOverlay(r.links))
	case key.Matches(msg, k.Raw):
		return m.toggleRaw()
	case key.Matches(msg, k.Source):
		return m.nextSource()
	case key.Matches(msg, k.Back, k.Quit):
		if r.chip >= 0 {
			r.chip = -1
			m.rebuildReader()
			return nil
		}
		m.closeReader()
	}
	return nil
}

// closeReader goes back from the article view to the list, whose cursor
// is on the article just read.
func (m *model) closeReader() {
	m.view = viewBrowse
	m.clearFind()
	m.relayout()
	m.rebuildReader()
}

// openFind starts a search in the open article's text.
func (m *model) openFind() {
	if m.findInput == nil {
		in := newTextInput("/ ", "find in this article", 200, m.dark, m.o.NoColor)
		m.findInput = &in
	}
	m.findInput.SetStyles(inputStyles(m.dark, m.o.NoColor))
	m.findInput.SetWidth(max(m.width-30, 10))
	m.findInput.SetValue(m.reader.find)
	m.findInput.CursorEnd()
	m.findInput.Focus()
	m.finding = true
}

func (m *model) clearFind() {
	m.finding = false
	if m.findInput != nil {
		m.findInput.Blur()
	}
	if m.reader.find != "" {
		m.reader.find = ""
		m.rebuildReader()
	}
}

// findKey edits the find text; matches are marked as it is typed, enter
// keeps them (n/N then move between them), esc drops them.
func (m *model) findKey(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "esc":
		m.clearFind()
		return nil
	case "enter":
		m.finding = false
		m.findInput.Blur()
		n := len(m.reader.matches)
		switch {
		case m.reader.find == "":
			return nil
		case n == 0:
			return m.setFlash(fmt.Sprintf("%q is not in this article.", m.reader.find), true)
		}
		return m.setFlash(fmt.Sprintf("%s of %q · n/N next/previous · esc clears", plural(n, "line", "lines"), m.reader.find), false)
	}
	clean, ok := cleanInput(msg)
	if !ok {
		return nil
	}
	before := m.findInput.Value()
	var in textinput.Model
	in, _ = m.findInput.Update(clean)
	*m.findInput = in
	if v := m.findInput.Value(); v != before {
		m.reader.setFind(&m.st, m.now(), m.watchSet, v, m.readerEmpty())
	}
	return nil
}

// jumpMatch moves to the next or previous line holding the find text.
func (m *model) jumpMatch(d int) tea.Cmd {
	r := &m.reader
	if !r.nextMatch(d, false) {
		return m.setFlash(fmt.Sprintf("%q is not in this article.", r.find), true)
	}
	return m.setFlash(fmt.Sprintf("Match %d/%d of %q", r.match+1, len(r.matches), r.find), false)
}
