package main

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// screen is as much of a terminal as a first frame needs: a grid of cells
// that text, cursor moves and erasures act on. Colours, modes and queries
// are read and dropped. A wide character takes its cell and leaves the next
// one blank, which is enough to find a line's text.
type screen struct {
	cells    [][]rune
	row, col int
	last     rune // the last character printed, for REP
	p        *ansi.Parser
}

func newScreen(cols, rows int) *screen {
	s := &screen{cells: make([][]rune, rows)}
	for i := range s.cells {
		s.cells[i] = []rune(strings.Repeat(" ", cols))
	}
	s.p = ansi.NewParser()
	s.p.SetHandler(ansi.Handler{Print: s.print, Execute: s.execute, HandleCsi: s.csi})
	return s
}

func (s *screen) write(b []byte) { s.p.Parse(b) }

// shows reports whether some row holds text.
func (s *screen) shows(text string) bool {
	for _, r := range s.cells {
		if strings.Contains(string(r), text) {
			return true
		}
	}
	return false
}

func (s *screen) clamp() {
	s.row = min(max(s.row, 0), len(s.cells)-1)
	s.col = min(max(s.col, 0), len(s.cells[0])-1)
}

func (s *screen) print(r rune) {
	w := ansi.StringWidth(string(r))
	if s.col >= len(s.cells[0]) {
		s.col = 0
		s.row++
		if s.row >= len(s.cells) {
			s.scroll()
		}
	}
	s.cells[s.row][s.col] = r
	s.last = r
	s.col++
	for ; w > 1 && s.col < len(s.cells[0]); w-- {
		s.cells[s.row][s.col] = ' '
		s.col++
	}
}

func (s *screen) scroll() {
	copy(s.cells, s.cells[1:])
	s.cells[len(s.cells)-1] = []rune(strings.Repeat(" ", len(s.cells[0])))
	s.row = len(s.cells) - 1
}

func (s *screen) execute(b byte) {
	switch b {
	case '\r':
		s.col = 0
	case '\n':
		s.row++
		if s.row >= len(s.cells) {
			s.scroll()
		}
	case '\b':
		s.col = max(s.col-1, 0)
	}
}

func (s *screen) erase(row, from, to int) {
	line := s.cells[row]
	for c := max(from, 0); c < min(to, len(line)); c++ {
		line[c] = ' '
	}
}

func (s *screen) csi(cmd ansi.Cmd, params ansi.Params) {
	if cmd.Prefix() != 0 || cmd.Intermediate() != 0 {
		return // private modes and queries
	}
	n := func(i, def int) int {
		v, _, _ := params.Param(i, def)
		if v == 0 {
			v = def
		}
		return v
	}
	cols := len(s.cells[0])
	switch cmd.Final() {
	case 'H', 'f':
		s.row, s.col = n(0, 1)-1, n(1, 1)-1
	case 'G', '`':
		s.col = n(0, 1) - 1
	case 'd':
		s.row = n(0, 1) - 1
	case 'A':
		s.row -= n(0, 1)
	case 'B', 'e':
		s.row += n(0, 1)
	case 'C', 'a':
		s.col += n(0, 1)
	case 'D':
		s.col -= n(0, 1)
	case 'E':
		s.row, s.col = s.row+n(0, 1), 0
	case 'F':
		s.row, s.col = s.row-n(0, 1), 0
	case 'X':
		s.erase(s.row, s.col, s.col+n(0, 1))
	case 'K':
		switch v, _, _ := params.Param(0, 0); v {
		case 0:
			s.erase(s.row, s.col, cols)
		case 1:
			s.erase(s.row, 0, s.col+1)
		case 2:
			s.erase(s.row, 0, cols)
		}
	case 'J':
		v, _, _ := params.Param(0, 0)
		for r := range s.cells {
			switch {
			case v == 2 || v == 3, v == 0 && r > s.row, v == 1 && r < s.row:
				s.erase(r, 0, cols)
			}
		}
		if v == 0 {
			s.erase(s.row, s.col, cols)
		} else if v == 1 {
			s.erase(s.row, 0, s.col+1)
		}
	case 'b':
		for range n(0, 1) {
			s.print(s.last)
		}
	}
	s.clamp()
}
