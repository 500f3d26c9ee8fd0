package ui

import (
	"fmt"
	"net/url"
	"strings"

	"brief/internal/sanitize"
	"brief/store"
)

// feedLabels names every feed the way the screen shows it: its title,
// and where two feeds share a title, the host (then the ID) after it, so
// that three "Market News" feeds are three different lines.
func feedLabels(feeds []store.Feed) map[int64]string {
	byTitle := map[string][]int{}
	for i, f := range feeds {
		t := strings.ToLower(strings.TrimSpace(sanitize.Line(f.Title)))
		byTitle[t] = append(byTitle[t], i)
	}
	out := make(map[int64]string, len(feeds))
	for _, idx := range byTitle {
		hosts := map[string]int{}
		for _, i := range idx {
			hosts[feedHost(feeds[i].URL)]++
		}
		for _, i := range idx {
			f := feeds[i]
			title := sanitize.Line(f.Title)
			if title == "" {
				title = sanitize.Line(f.URL)
			}
			if len(idx) > 1 {
				h := feedHost(f.URL)
				switch {
				case h != "" && hosts[h] == 1:
					title += " (" + h + ")"
				case h != "":
					title += fmt.Sprintf(" (%s #%d)", h, f.ID)
				default:
					title += fmt.Sprintf(" (#%d)", f.ID)
				}
			}
			out[f.ID] = title
		}
	}
	return out
}

// feedHost is the host of a feed's URL without "www.", or "local" for
// files and the embedded sample.
func feedHost(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "local"
	}
	return sanitize.Line(strings.TrimPrefix(strings.ToLower(u.Hostname()), "www."))
}

// feedLabel is one feed's name on screen.
func (m *model) feedLabel(f store.Feed) string {
	if l, ok := m.labels[f.ID]; ok {
		return l
	}
	return sanitize.Line(f.Title)
}

// feedName turns the list query's feed (an ID in decimal) into its name.
func (m *model) feedName(id string) string {
	for _, f := range m.feeds {
		if fmt.Sprint(f.ID) == id {
			return m.feedLabel(f)
		}
	}
	return "feed " + id
}

func (m *model) feedByID(id string) (store.Feed, bool) {
	for _, f := range m.feeds {
		if fmt.Sprint(f.ID) == id {
			return f, true
		}
	}
	return store.Feed{}, false
}

// listEmpty says why the list is empty, in words that tell what to do.
func (m *model) listEmpty() string {
	q := m.list.query
	switch {
	case m.list.search:
		return fmt.Sprintf("Nothing matches %q. Words must all appear; a ticker symbol finds the articles naming it; esc goes back.", m.list.searchQuery)
	case m.feedsLoaded && len(m.feeds) == 0:
		return "No feeds yet. Subscribe with `brief feeds add URL`, or import a list with `brief import FILE` (OPML, or newsboat's urls file)."
	case q.Feed != "":
		f, ok := m.feedByID(q.Feed)
		switch {
		case !ok:
			return "This feed is no longer subscribed."
		case f.LastFetch.IsZero():
			return "This feed has never been fetched; r fetches it."
		case f.LastError != "":
			return "This feed has no articles: its last fetch failed (" + cut(sanitize.Line(f.LastError), 80) + "). e lists feed errors."
		case q.Unread || q.Starred:
			return "No articles of this feed match the filter (f changes it)."
		}
		return "This feed has no articles."
	case q.Ticker != "" && !q.Unread && !q.Starred:
		return "No articles name " + q.Ticker + " yet."
	case len(q.AnyTicker) > 0 && !q.Unread && !q.Starred && q.Ticker == "" && q.Tag == "":
		return "No articles name a watchlist ticker yet (w adds the ticker under the cursor)."
	case q.Filtered():
		return "No articles match the filter (f changes it, esc goes back)."
	}
	return "No articles yet. R fetches the feeds."
}

// readerEmpty is what the preview says when there is no article to show.
func (m *model) readerEmpty() string {
	if m.list.empty() {
		return "Nothing to show."
	}
	return "Select an article and press enter to read it."
}
