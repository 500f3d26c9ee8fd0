package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"brief/internal/sanitize"
	"brief/store"
)

// filterOverlay is the filter menu: unread, starred, the watchlist, a
// tag, a feed. enter or space toggles the item under the cursor.
type filterOverlay struct{ cur int }

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
		items = append(items, filterItem{label: "Feed: " + m.feedLabel(f), kind: filterFeed, feed: fmt.Sprint(f.ID)})
	}
	return items
}

func (o *filterOverlay) title() string { return "Filter" }
func (o *filterOverlay) hint() string  { return "enter/space toggles · esc closes" }

func (o *filterOverlay) lines(m *model, w int) ([]string, int) {
	st := &m.st
	q := m.list.query
	items := m.filterItems()
	o.cur = min(max(o.cur, 0), max(len(items)-1, 0))
	out := make([]string, len(items))
	for i, it := range items {
		cur := "  "
		if i == o.cur {
			cur = "▸ "
		}
		check := "    "
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
		line := fit(cur+check+it.label, w)
		if i == o.cur {
			line = st.selected.Render(line)
		}
		out[i] = line
	}
	return out, o.cur
}

func (o *filterOverlay) key(m *model, msg tea.KeyPressMsg) (tea.Cmd, bool, bool) {
	k := &m.keys
	items := m.filterItems()
	last := max(len(items)-1, 0)
	switch {
	case key.Matches(msg, k.Up):
		o.cur = max(o.cur-1, 0)
	case key.Matches(msg, k.Down):
		o.cur = min(o.cur+1, last)
	case key.Matches(msg, k.Top):
		o.cur = 0
	case key.Matches(msg, k.Bottom):
		o.cur = last
	case key.Matches(msg, k.PageDown, k.HalfDown) && msg.String() != "space":
		o.cur = min(o.cur+m.ovScroll.page(), last)
	case key.Matches(msg, k.PageUp, k.HalfUp):
		o.cur = max(o.cur-m.ovScroll.page(), 0)
	case key.Matches(msg, k.Open) || msg.String() == "space":
		if o.cur >= len(items) {
			return nil, true, false
		}
		return m.applyFilter(items[o.cur]), true, false
	case key.Matches(msg, k.Back, k.Quit, k.Filter):
		return nil, true, true
	default:
		return nil, false, false
	}
	return nil, true, false
}

// applyFilter toggles one filter item on the list's query.
func (m *model) applyFilter(it filterItem) tea.Cmd {
	q := m.list.query
	switch it.kind {
	case filterAll:
		q = store.Query{}
	case filterUnread:
		q.Unread = !q.Unread
	case filterStarred:
		q.Starred = !q.Starred
	case filterWatchlist:
		if len(q.AnyTicker) > 0 {
			q.AnyTicker = nil
		} else {
			q.AnyTicker = slices.Clone(m.watch)
		}
	case filterTag:
		if strings.EqualFold(q.Tag, it.feed) {
			q.Tag = ""
		} else {
			q.Tag = it.feed
		}
	case filterFeed:
		if q.Feed == it.feed {
			q.Feed = ""
		} else {
			q.Feed = it.feed
		}
	}
	return m.setQuery(q, false)
}

func box(on bool) string {
	if on {
		return "[x] "
	}
	return "[ ] "
}
