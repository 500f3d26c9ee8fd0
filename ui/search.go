package ui

import (
	"strings"
	"unicode"

	tea "charm.land/bubbletea/v2"

	"brief/store"
)

// searchBox is the full-text search bar. While it has focus it owns the
// keyboard: single-letter bindings would otherwise eat the query.
type searchBox struct {
	input   lineInput
	active  bool // the bar is shown (results may be listed)
	focused bool // keys go to the input
	seq     uint64
	running bool
	err     error

	// saved is the list query to go back to when the search closes.
	saved store.Query
}

func newSearchBox() searchBox {
	return searchBox{input: lineInput{prompt: "/ ", placeholder: "search titles and bodies", limit: 200}}
}

func (s *searchBox) SetWidth(w int) { s.input.width = max(w-30, 10) }

func (s *searchBox) open(saved store.Query) {
	if !s.active {
		s.saved = saved
		s.input.setValue("")
	}
	s.active, s.focused = true, true
}

func (s *searchBox) close() {
	s.active, s.focused, s.running, s.err = false, false, false, nil
	s.input.setValue("")
}

func (s *searchBox) blur() { s.focused = false }

func (s *searchBox) view(st *styles, w int) string {
	line := s.input.view(st, s.focused)
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

// lineInput is a one-line text field. It is small enough to keep here
// rather than pull in bubbles' textinput, whose clipboard support drags in
// another module for a feature the search box does not need.
type lineInput struct {
	prompt, placeholder string
	limit, width        int
	value               []rune
	pos                 int
}

func (in *lineInput) Value() string { return string(in.value) }

func (in *lineInput) setValue(s string) {
	in.value = []rune(s)
	in.pos = len(in.value)
}

func (in *lineInput) insert(s string) {
	var rs []rune
	for _, r := range s {
		if unicode.IsPrint(r) || r == ' ' {
			rs = append(rs, r)
		} else if r == '\n' || r == '\t' {
			rs = append(rs, ' ')
		}
	}
	if in.limit > 0 && len(in.value)+len(rs) > in.limit {
		rs = rs[:max(in.limit-len(in.value), 0)]
	}
	v := make([]rune, 0, len(in.value)+len(rs))
	v = append(v, in.value[:in.pos]...)
	v = append(v, rs...)
	v = append(v, in.value[in.pos:]...)
	in.value = v
	in.pos += len(rs)
}

// update edits the field; it reports whether the value changed.
func (in *lineInput) update(msg tea.Msg) bool {
	before := string(in.value)
	switch msg := msg.(type) {
	case tea.PasteMsg:
		in.insert(msg.Content)
	case tea.KeyPressMsg:
		switch msg.String() {
		case "backspace", "ctrl+h":
			if in.pos > 0 {
				in.value = append(in.value[:in.pos-1], in.value[in.pos:]...)
				in.pos--
			}
		case "delete", "ctrl+d":
			if in.pos < len(in.value) {
				in.value = append(in.value[:in.pos], in.value[in.pos+1:]...)
			}
		case "left", "ctrl+b":
			in.pos = max(in.pos-1, 0)
		case "right", "ctrl+f":
			in.pos = min(in.pos+1, len(in.value))
		case "home", "ctrl+a":
			in.pos = 0
		case "end", "ctrl+e":
			in.pos = len(in.value)
		case "ctrl+u":
			in.value = in.value[in.pos:]
			in.pos = 0
		case "ctrl+k":
			in.value = in.value[:in.pos]
		case "ctrl+w", "alt+backspace":
			i := in.pos
			for i > 0 && in.value[i-1] == ' ' {
				i--
			}
			for i > 0 && in.value[i-1] != ' ' {
				i--
			}
			in.value = append(in.value[:i], in.value[in.pos:]...)
			in.pos = i
		case "space":
			in.insert(" ")
		default:
			if msg.Text != "" && msg.Mod&^tea.ModShift == 0 {
				in.insert(msg.Text)
			}
		}
	}
	return string(in.value) != before
}

// view draws the prompt and the text with a block cursor, scrolled so the
// cursor stays in view.
func (in *lineInput) view(st *styles, focused bool) string {
	if len(in.value) == 0 && !focused {
		return in.prompt + st.faint.Render(in.placeholder)
	}
	if len(in.value) == 0 {
		return in.prompt + st.selected.Render(" ") + st.faint.Render(in.placeholder)
	}
	start := 0
	if in.width > 0 && in.pos >= in.width {
		start = in.pos - in.width + 1
	}
	vis := in.value[start:]
	if in.width > 0 && len(vis) > in.width {
		vis = vis[:in.width]
	}
	p := in.pos - start
	var b strings.Builder
	b.WriteString(in.prompt)
	b.WriteString(string(vis[:min(p, len(vis))]))
	if focused {
		c := " "
		if p < len(vis) {
			c = string(vis[p])
		}
		b.WriteString(st.selected.Render(c))
		if p < len(vis) {
			b.WriteString(string(vis[p+1:]))
		}
	} else if p < len(vis) {
		b.WriteString(string(vis[p:]))
	}
	return b.String()
}
