package ui

import (
	"strings"
	"unicode"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"brief/internal/sanitize"
	"brief/store"
)

// searchBox is the full-text search bar. While it has focus it owns the
// keyboard: single-letter bindings would otherwise eat the query.
type searchBox struct {
	input   textinput.Model
	active  bool // the bar is shown (results may be listed)
	focused bool // keys go to the input
	seq     uint64
	running bool
	err     error

	// saved is the list query to go back to when the search closes.
	saved store.Query
}

// newTextInput is a one-line input measured in terminal cells, with a
// steady cursor: a blinking one would keep a timer running for nothing.
func newTextInput(prompt, placeholder string, limit int, dark, plain bool) textinput.Model {
	in := textinput.New()
	in.Prompt = prompt
	in.Placeholder = placeholder
	in.CharLimit = limit
	in.SetStyles(inputStyles(dark, plain))
	return in
}

func inputStyles(dark, plain bool) textinput.Styles {
	s := textinput.DefaultStyles(dark)
	if plain {
		n := lipgloss.NewStyle()
		s.Focused = textinput.StyleState{Text: n, Placeholder: n, Prompt: n, Suggestion: n}
		s.Blurred = s.Focused
	}
	s.Cursor.Blink = false
	return s
}

func newSearchBox() searchBox {
	return searchBox{input: newTextInput("/ ", "search titles, bodies and tickers", 200, true, false)}
}

func (s *searchBox) SetWidth(w int) { s.input.SetWidth(max(w-34, 10)) }

func (s *searchBox) open(saved store.Query) {
	if !s.active {
		s.saved = saved
		s.input.SetValue("")
	}
	s.active, s.focused = true, true
	s.input.Focus()
}

func (s *searchBox) close() {
	s.active, s.focused, s.running, s.err = false, false, false, nil
	s.input.SetValue("")
	s.input.Blur()
}

func (s *searchBox) blur() {
	s.focused = false
	s.input.Blur()
}

func (s *searchBox) view(st *styles, w int) string {
	line := s.input.View()
	switch {
	case s.err != nil:
		line += "  " + st.statusBad.Render("search failed")
	case s.running:
		line += "  " + st.muted.Render("searching…")
	case !s.focused:
		line += "  " + st.faint.Render("(/ edits, esc closes)")
	}
	return fit(line, w)
}

// update edits the query; it reports whether the text changed.
func (s *searchBox) update(msg tea.Msg) bool {
	msg, ok := cleanInput(msg)
	if !ok {
		return false
	}
	before := s.input.Value()
	s.input, _ = s.input.Update(msg)
	return s.input.Value() != before
}

// cleanInput makes typed or pasted text safe for a one-line input: a
// newline or tab is a space, and controls, C1 and bidi characters are
// dropped (they would reach the screen as typed). ok is false when
// nothing is left to type.
func cleanInput(msg tea.Msg) (tea.Msg, bool) {
	switch k := msg.(type) {
	case tea.KeyPressMsg:
		if k.String() == "space" && k.Text == "" {
			return tea.KeyPressMsg{Code: ' ', Text: " "}, true
		}
		if k.Text != "" {
			t := oneLine(k.Text)
			if t == "" {
				return nil, false
			}
			k.Text = t
			return k, true
		}
	case tea.PasteMsg:
		k.Content = oneLine(k.Content)
		return k, k.Content != ""
	}
	return msg, true
}

// oneLine is text cleaned for the screen with line breaks and tabs as
// spaces, not trimmed: a typed space is a space.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, sanitize.Text(s))
}

// handleSearchKey handles keys while the search box has focus.
func (m *model) handleSearchKey(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "esc":
		return m.back1()
	case "enter":
		m.search.blur()
		m.setFocus(paneList)
		return nil
	case "up", "ctrl+p":
		m.list.move(-1)
		return m.ensurePage()
	case "down", "ctrl+n":
		m.list.move(1)
		return m.ensurePage()
	}
	return m.updateSearchInput(msg)
}

func (m *model) updateSearchInput(msg tea.Msg) tea.Cmd {
	if !m.search.update(msg) {
		return nil
	}
	// Every edit starts a new debounce; the search runs only if no key
	// follows within searchDelay, and older answers are dropped.
	m.search.seq = m.nextSeq()
	return searchAfter(m.search.seq)
}

// toggleSearchOrder switches the results between best match first and
// newest first, keeping the query.
func (m *model) toggleSearchOrder() tea.Cmd {
	m.list.setSearch(m.list.searchQuery, !m.list.searchByDate)
	order := "best match first"
	if m.list.searchByDate {
		order = "newest first"
	}
	return tea.Batch(m.reloadList(true), m.setFlash("Search results "+order, false))
}

// searchTerms are the words of a query as they are highlighted: the
// words the index matched, without the prefix star.
func searchTerms(q string) []string {
	var out []string
	for _, w := range strings.Fields(q) {
		w = strings.Trim(w, "*\"'()")
		if strings.ContainsFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) {
			out = append(out, w)
		}
	}
	return out
}

// highlightTerms renders plain text in base with every case-insensitive
// occurrence of a term in hl. It works on runes of the text as shown, so
// CJK and accents are marked whole.
func highlightTerms(text string, terms []string, base, hl lipgloss.Style) string {
	if len(terms) == 0 || text == "" {
		return base.Render(text)
	}
	marks := matchRanges(text, terms)
	if len(marks) == 0 {
		return base.Render(text)
	}
	var b strings.Builder
	rs := []rune(text)
	at := 0
	for _, r := range marks {
		if r[0] > at {
			b.WriteString(base.Render(string(rs[at:r[0]])))
		}
		b.WriteString(hl.Render(string(rs[r[0]:r[1]])))
		at = r[1]
	}
	if at < len(rs) {
		b.WriteString(base.Render(string(rs[at:])))
	}
	return b.String()
}

// matchRanges finds the rune ranges of text that match a term, ignoring
// case, merged and in order.
func matchRanges(text string, terms []string) [][2]int {
	lower := []rune(strings.ToLower(text))
	if len(lower) != len([]rune(text)) {
		return nil // a case mapping changed the length; better no marks than wrong ones
	}
	hit := make([]bool, len(lower))
	for _, t := range terms {
		tr := []rune(strings.ToLower(t))
		if len(tr) == 0 {
			continue
		}
		for i := 0; i+len(tr) <= len(lower); i++ {
			if string(lower[i:i+len(tr)]) == string(tr) {
				for j := i; j < i+len(tr); j++ {
					hit[j] = true
				}
			}
		}
	}
	var out [][2]int
	for i := 0; i < len(hit); {
		if !hit[i] {
			i++
			continue
		}
		j := i
		for j < len(hit) && hit[j] {
			j++
		}
		out = append(out, [2]int{i, j})
		i = j
	}
	return out
}
