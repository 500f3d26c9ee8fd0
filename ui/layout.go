package ui

// pane names a part of the browse view: the sidebar and the list take
// keys; the preview only shows the article under the list cursor.
type pane int

const (
	paneList pane = iota
	paneReader
	paneSidebar
)

// Layout breakpoints, in columns.
const (
	previewWidth = 100 // the preview pane is on by default from here
	sidebarWidth = 140 // the sidebar is on by default from here
	minSplit     = 60  // below this, one pane at a time whatever is asked
	sidebarW     = 24
	sidebarWideW = 32 // from sidebarWidth+20 on, room for "Title (host)"
)

// layout is where each pane of the browse view sits. Panes are separated
// by one column holding a vertical rule.
type layout struct {
	width, height int
	top           int // first row of the panes (below the search bar)
	paneH         int

	sidebarX, listX, readerX int
	sidebarW, listW, readerW int
}

// computeLayout splits the browse view. sidebar and preview say which
// optional panes are wanted; focus matters only where one pane at a time
// fits, when the sidebar, if focused, takes the whole width.
func computeLayout(w, h int, topBar, sidebar, preview bool, focus pane) layout {
	l := layout{width: w, height: h}
	if topBar {
		l.top = 1
	}
	// Two lines at the bottom: status bar and help line.
	l.paneH = max(h-l.top-2, 1)
	if w < minSplit {
		if sidebar && focus == paneSidebar {
			l.sidebarW = w
		} else {
			l.listW = w
		}
		return l
	}
	rest := w
	if sidebar {
		switch {
		case w >= sidebarWidth+20:
			l.sidebarW = sidebarWideW
		case w < 100:
			l.sidebarW = 20
		default:
			l.sidebarW = sidebarW
		}
		rest -= l.sidebarW + 1
		l.listX = l.sidebarW + 1
	}
	if preview {
		// The list keeps the larger share: titles are what a reader
		// scans, and the preview is a glimpse, enter reads in full.
		share := 55
		if w >= sidebarWidth+20 {
			share = 60
		}
		l.listW = (rest - 1) * share / 100
		l.readerW = rest - 1 - l.listW
		l.readerX = l.listX + l.listW + 1
	} else {
		l.listW = rest
	}
	return l
}

// visible lists the panes that take keys, in tab order.
func (l layout) visible() []pane {
	var ps []pane
	if l.sidebarW > 0 {
		ps = append(ps, paneSidebar)
	}
	if l.listW > 0 {
		ps = append(ps, paneList)
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
