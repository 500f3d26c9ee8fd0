package minifluxtest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// Feeds serves RSS feeds of market briefings on loopback, for Miniflux to
// subscribe to; a test adds items and asks Miniflux to refresh.
type Feeds struct {
	*httptest.Server
	mu    sync.Mutex
	items map[string][]string // path -> <item> elements
}

// NewFeeds starts serving; Close stops.
func NewFeeds() *Feeds {
	f := &Feeds{items: map[string][]string{}}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	return f
}

func (f *Feeds) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	items := strings.Join(f.items[r.URL.Path], "\n")
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/rss+xml")
	// Every address in the feed is on loopback: Miniflux fetches the site
	// for an icon, and tests never leave the machine.
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Wire %s</title><link>%s/</link>
%s
</channel></rss>`, strings.Trim(r.URL.Path, "/"), f.URL, items)
}

// Companies are named in the briefings, item i naming Companies[i%5].
var Companies = []struct{ Name, Exchange, Symbol string }{
	{"Alibaba Group", "NYSE", "BABA"}, {"NVIDIA", "NASDAQ", "NVDA"}, {"Tesla", "NASDAQ", "TSLA"},
	{"JD.com", "NASDAQ", "JD"}, {"Apple", "NASDAQ", "AAPL"},
}

// Add appends n briefings to the feed at path, numbered from from.
func (f *Feeds) Add(path string, from, n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	base := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	for i := from; i < from+n; i++ {
		c := Companies[i%len(Companies)]
		link := fmt.Sprintf("%s%s/%d", f.URL, path, i)
		body := fmt.Sprintf(`<p>%s (%s: %s) said quarterly revenue rose %d%% to $%d.%d billion in update %d, `+
			`ahead of the $%d billion analysts expected.</p><p>Key takeaways:</p><ul><li>Margins widened by %d basis points.</li>`+
			`<li>The company raised its full-year outlook.</li></ul>`, c.Name, c.Exchange, c.Symbol, 5+i%30, 10+i%90, i%10, i,
			9+i%90, 20+i%50)
		f.items[path] = append(f.items[path], fmt.Sprintf(`<item><guid>%s</guid><title>%s posts update %d as revenue rises</title>`+
			`<link>%s</link><pubDate>%s</pubDate><description><![CDATA[%s]]></description></item>`,
			link, c.Name, i, link, base.Add(time.Duration(i)*time.Minute).Format(time.RFC1123Z), body))
	}
}
