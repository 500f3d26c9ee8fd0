// Package sample holds builtin:sample, the feed built into brief so that a new
// user can try it without a network connection.
//
// The sample is several feed documents, one per format brief reads: an RSS 2.0
// channel of market briefings and company news (with content:encoded bodies and
// Seeking Alpha and Nasdaq ticker extensions), an Atom feed of 8-K filing
// notices shaped like EDGAR's current-filings feed, and a JSON Feed 1.1 of
// further briefings. The app parses each document and merges the items into
// one feed titled Title.
//
// The companies and tickers are real, but the stories, figures and quotes are
// illustrative and are not real market news.
package sample

import (
	"embed"
	"fmt"
)

// Title is the title of the merged builtin:sample feed.
const Title = "Brief sample briefings"

// Doc is one embedded feed document.
type Doc struct {
	Name        string // file name, e.g. "briefings.rss"
	ContentType string // media type, as an HTTP server would send it
	Body        []byte
}

//go:embed briefings.rss filings.atom markets.json
var files embed.FS

// docs lists the documents in the order Docs returns them.
var docs = []struct{ name, contentType string }{
	{"briefings.rss", "application/rss+xml"},
	{"filings.atom", "application/atom+xml"},
	{"markets.json", "application/feed+json"},
}

// Docs returns the documents of builtin:sample in a fixed order. Each call
// returns fresh copies of the bodies, so callers may modify them.
func Docs() []Doc {
	out := make([]Doc, 0, len(docs))
	for _, d := range docs {
		body, err := files.ReadFile(d.name)
		if err != nil {
			// The files are embedded at build time; a miss is a build bug.
			panic(fmt.Sprintf("sample: embedded document %s: %v", d.name, err))
		}
		out = append(out, Doc{Name: d.name, ContentType: d.contentType, Body: body})
	}
	return out
}
