package ui

// scroller is the cursor and window of every list on screen: the article
// list, the sidebar, the tickers view and each overlay. It knows how many
// rows there are and how many fit, and keeps the cursor inside both, so
// that enter never acts on a row the user cannot see.
type scroller struct {
	cursor, top int
	n           int // rows in all
	height      int // rows that fit
}

// setN changes the number of rows, keeping the cursor on a row.
func (s *scroller) setN(n int) {
	s.n = max(n, 0)
	s.clamp()
}

// setHeight changes how many rows fit.
func (s *scroller) setHeight(h int) {
	s.height = max(h, 1)
	s.clamp()
}

// set moves the cursor to i, clamped, and scrolls to keep it seen.
func (s *scroller) set(i int) {
	s.cursor = i
	s.clamp()
}

func (s *scroller) move(d int) { s.set(s.cursor + d) }

// page is a screenful of rows, for page up and down.
func (s *scroller) page() int { return max(s.height, 1) }

func (s *scroller) clamp() {
	s.cursor = min(max(s.cursor, 0), max(s.n-1, 0))
	h := max(s.height, 1)
	if s.cursor < s.top {
		s.top = s.cursor
	}
	if s.cursor >= s.top+h {
		s.top = s.cursor - h + 1
	}
	s.top = max(min(s.top, s.n-h), 0)
}

// window is the range of rows [from, to) on screen.
func (s *scroller) window() (from, to int) {
	return s.top, min(s.top+max(s.height, 1), s.n)
}

// reset puts the cursor back on the first row.
func (s *scroller) reset() { s.cursor, s.top = 0, 0 }
