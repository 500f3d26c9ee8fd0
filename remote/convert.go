package remote

import (
	"html"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"time"

	"brief/extract"
	"brief/feed"
	"brief/ingest"
	"brief/internal/sanitize"
	"brief/store"
)

// convert turns entries into articles with their briefings, on every
// core: the briefing is most of a sync's work.
func convert(entries []Entry, feeds map[string]int64, st *store.Store, ex *extract.Extractor) []store.RemoteEntry {
	if ex == nil {
		ex = extract.New(nil)
	}
	out := make([]store.RemoteEntry, len(entries))
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(entries)) {
		wg.Go(func() {
			for i := range work {
				out[i] = convertOne(&entries[i], feeds[entries[i].Feed.ID], ex)
				st.PrepareStory(&out[i].Article, time.Now()) // here, not on the writer
			}
		})
	}
	for i := range entries {
		work <- i
	}
	close(work)
	wg.Wait()
	return out
}

func convertOne(e *Entry, feedID int64, ex *extract.Extractor) store.RemoteEntry {
	title := cleanLine(e.Title)
	if title == "" {
		title = "(untitled)"
	}
	it := feed.Item{
		GUIDKey:    store.RemoteGUIDPrefix + e.ID,
		Link:       httpLink(feed.CanonicalLink(e.URL)),
		Title:      title,
		Author:     cleanLine(e.Author),
		Published:  e.Published,
		HTML:       e.HTML,
		Categories: e.Tags,
	}
	return store.RemoteEntry{
		RemoteID: e.ID,
		FeedID:   feedID,
		Article:  ingest.Article(it, httpLink(e.Feed.SiteURL), ex),
		Read:     e.Read,
		Starred:  e.Starred,
		Changed:  e.Changed,
	}
}

// cleanLine makes a title or name from the server one safe line: servers
// send some escaped (FreshRSS) and some not.
func cleanLine(s string) string {
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	return sanitize.Line(s)
}

// httpLink keeps an http(s) address and drops anything else: links open
// in a browser, and only web addresses may.
func httpLink(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}
