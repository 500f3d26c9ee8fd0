package ui

// pane names a part of the articles screen that can have focus.
type pane int

const (
	paneList pane = iota
	paneReader
	paneSidebar
)

// Layout breakpoints, in columns.
const (
	wideWidth   = 120 // sidebar · list · reader
	mediumWidth = 80  // list · reader, sidebar on a key; below: one pane
	sidebarW    = 24
)

// layout is where each pane sits on screen. Panes are separated by one
// column holding a vertical rule.
type layout struct {
	width, height int
	top           int // first row of the panes (below the search bar)
	paneH         int

	single                   bool // one pane at a time
	sidebarX, listX, readerX int
	sidebarW, listW, readerW int
}

// computeLayout splits the terminal. focus matters only on narrow
// terminals, where the focused pane takes the whole width.
func computeLayout(w, h int, searchBar, sidebar bool, focus pane) layout {
	l := layout{width: w, height: h}
	if searchBar {
		l.top = 1
	}
	// Two lines at the bottom: status bar and help line.
	l.paneH = max(h-l.top-2, 1)
	switch {
	case w >= wideWidth || (w >= mediumWidth && sidebar):
		l.sidebarW = sidebarW
		if w < wideWidth {
			l.sidebarW = 20
		}
		rest := w - l.sidebarW - 2
		l.listW = rest / 2
		l.readerW = rest - l.listW
		l.listX = l.sidebarW + 1
		l.readerX = l.listX + l.listW + 1
	case w >= mediumWidth:
		rest := w - 1
		l.listW = rest * 45 / 100
		l.readerW = rest - l.listW
		l.readerX = l.listW + 1
	default:
		l.single = true
		switch focus {
		case paneReader:
			l.readerW = w
		case paneSidebar:
			l.sidebarW = w
		default:
			l.listW = w
		}
	}
	return l
}

// visible lists the panes on screen in tab order.
func (l layout) visible() []pane {
	var ps []pane
	if l.sidebarW > 0 {
		ps = append(ps, paneSidebar)
	}
	if l.listW > 0 {
		ps = append(ps, paneList)
	}
	if l.readerW > 0 {
		ps = append(ps, paneReader)
	}
	return ps
}

// paneAt tells which pane column x falls in.
func (l layout) paneAt(x int) (pane, bool) {
	switch {
	case l.sidebarW > 0 && x >= l.sidebarX && x < l.sidebarX+l.sidebarW:
		return paneSidebar, true
	case l.listW > 0 && x >= l.listX && x < l.listX+l.listW:
		return paneList, true
	case l.readerW > 0 && x >= l.readerX && x < l.readerX+l.readerW:
		return paneReader, true
	}
	return 0, false
}
