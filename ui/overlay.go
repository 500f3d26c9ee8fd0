package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"

	"brief/internal/sanitize"
)

// overlay is a box drawn over the panes: the keymap, the filter menu or
// the list of feed errors.
type overlay int

const (
	overlayNone overlay = iota
	overlayHelp
	overlayFilter
	overlayErrors
)

// filterItem is one line of the filter menu.
type filterItem struct {
	label string
	kind  int    // filterAll, filterUnread, filterStarred, filterWatchlist, filterTag, filterFeed
	feed  string // a feed's ID, or a tag
}

const (
	filterAll = iota
	filterUnread
	filterStarred
	filterWatchlist
	filterTag
	filterFeed
)

func (m *model) filterItems() []filterItem {
	items := []filterItem{
		{label: "All articles (clear filters)", kind: filterAll},
		{label: "Unread only", kind: filterUnread},
		{label: "Starred only", kind: filterStarred},
	}
	if len(m.watch) > 0 {
		items = append(items, filterItem{label: fmt.Sprintf("Watchlist: %s", strings.Join(m.watch, " ")), kind: filterWatchlist})
	}
	var tags []string
	for _, f := range m.feeds {
		if f.Articles == 0 {
			continue
		}
		for _, t := range f.Tags {
			if t = sanitize.Line(t); t != "" && !slices.ContainsFunc(tags, func(o string) bool { return strings.EqualFold(o, t) }) {
				tags = append(tags, t)
			}
		}
	}
	slices.SortFunc(tags, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	for _, t := range tags {
		items = append(items, filterItem{label: "Tag: " + t, kind: filterTag, feed: t})
	}
	for _, f := range m.feeds {
		if f.Articles == 0 {
			continue
		}
		items = append(items, filterItem{label: "Feed: " + sanitize.Line(f.Title), kind: filterFeed, feed: fmt.Sprint(f.ID)})
	}
	return items
}

func (m *model) overlayView(w, h int) string {
	st := &m.st
	var body string
	switch m.overlay {
	case overlayHelp:
		hm := m.help
		hm.ShowAll = true
		hm.SetWidth(0) // fitHelp decides the columns; none may be dropped
		body = st.heading.Render("Keys") + "\n\n" + fitHelp(hm, m.keys.FullHelp(), max(w-4, 20)) +
			"\n\n" + st.muted.Render("esc or ? closes")
	case overlayFilter:
		q := m.list.query
		var b strings.Builder
		b.WriteString(st.heading.Render("Filter") + "\n\n")
		for i, it := range m.filterItems() {
			cur := "  "
			if i == m.filterCursor {
				cur = "▸ "
			}
			check := "   "
			switch it.kind {
			case filterUnread:
				check = box(q.Unread)
			case filterStarred:
				check = box(q.Starred)
			case filterWatchlist:
				check = box(len(q.AnyTicker) > 0)
			case filterTag:
				check = box(strings.EqualFold(q.Tag, it.feed))
			case filterFeed:
				check = box(q.Feed == it.feed)
			}
			line := cut(cur+check+it.label, max(w-8, 10))
			if i == m.filterCursor {
				line = st.selected.Render(line)
			}
			b.WriteString(line + "\n")
		}
		b.WriteString("\n" + st.muted.Render("enter/space toggles · esc closes"))
		body = b.String()
	case overlayErrors:
		var b strings.Builder
		b.WriteString(st.heading.Render("Feed errors") + "\n\n")
		n := 0
		for _, f := range m.feeds {
			if f.LastError == "" {
				continue
			}
			n++
			b.WriteString(st.title.Render(cut(sanitize.Line(f.Title), w-8)) + "\n")
			b.WriteString(st.faint.Render(cut(sanitize.Line(f.URL), w-8)) + "\n")
			for _, l := range wrapHanging(sanitize.Line(f.LastError), "  ", max(w-8, 20)) {
				b.WriteString(st.statusBad.Render(l) + "\n")
			}
			if f.Failures > 1 {
				b.WriteString(st.muted.Render(fmt.Sprintf("  failed %d times in a row", f.Failures)) + "\n")
			}
			b.WriteString("\n")
		}
		if n == 0 {
			b.WriteString(st.muted.Render("Every feed fetched fine.") + "\n\n")
		}
		b.WriteString(st.muted.Render("esc closes"))
		body = b.String()
	}
	lines := strings.Split(body, "\n")
	if len(lines) > h-2 {
		lines = append(lines[:max(h-3, 1)], "…")
	}
	return st.overlay.MaxWidth(w).Render(strings.Join(lines, "\n"))
}

func box(on bool) string {
	if on {
		return "[x] "
	}
	return "[ ] "
}

// placeOverlay centres box over the lines of the screen beneath it.
func placeOverlay(base []string, box string, w int) []string {
	bl := strings.Split(box, "\n")
	bw := lipgloss.Width(box)
	x := max((w-bw)/2, 0)
	y := max((len(base)-len(bl))/2, 0)
	out := make([]string, len(base))
	copy(out, base)
	for i, l := range bl {
		if y+i >= len(out) {
			break
		}
		out[y+i] = fit(strings.Repeat(" ", x)+l, w)
	}
	return out
}

// fitHelp lays the key groups out as columns no wider than width. When the
// groups side by side are too wide (an 80-column terminal), the keys are
// dealt into fewer, longer columns, in order, so that every key is still
// shown and the box keeps its border.
func fitHelp(hm help.Model, groups [][]key.Binding, width int) string {
	view := hm.FullHelpView(groups)
	if lipgloss.Width(view) <= width {
		return view
	}
	var all []key.Binding
	for _, g := range groups {
		all = append(all, g...)
	}
	for rows := (len(all) + len(groups) - 1) / len(groups); rows < len(all); rows++ {
		if v := hm.FullHelpView(slices.Collect(slices.Chunk(all, rows))); lipgloss.Width(v) <= width {
			return v
		}
	}
	return hm.FullHelpView([][]key.Binding{all})
}
