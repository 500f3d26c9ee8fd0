// Package feed fetches subscriptions (over HTTP, from local files, or from the
// sample embedded in the binary), makes their bytes safe for the parser, parses
// them with gofeed and hands on normalised items.
package feed

import "time"

// Validators are the HTTP cache validators a server sent with a feed; they are
// sent back on the next fetch so that an unchanged feed costs a 304.
type Validators struct {
	ETag         string
	LastModified string
}

// Request asks for one feed.
type Request struct {
	URL        string // http(s)://, file://, a local path, or builtin:sample
	Validators Validators
	// BodyDigest is the digest (BodyDigest) of the document last stored
	// for this feed: a 200 with the same bytes counts as not modified and
	// is not parsed, for servers that ignore validators.
	BodyDigest []byte
}

// Result is the outcome of fetching and parsing one feed. Err is set when the
// feed could not be fetched or parsed; the other feeds are unaffected.
type Result struct {
	URL         string
	Title       string // the feed's own title
	SiteLink    string
	Items       []Item
	Validators  Validators // to store for the next fetch
	NotModified bool       // a 304, or the same bytes as BodyDigest: success, nothing new
	// BodyDigest is the digest of the document received (nil for a 304),
	// to send back in the next Request.
	BodyDigest []byte
	Gone       bool // a 410: the server says the feed is gone for good
	Status     int  // HTTP status, 0 for non-HTTP sources
	Err        error
	Duration   time.Duration
}

// Item is one normalised article of a feed.
type Item struct {
	// GUIDKey identifies the item within its feed: the guid when the feed
	// has one, else the canonical link, else a hash of title and date.
	GUIDKey   string
	Link      string // canonical: tracking parameters removed
	Title     string
	Author    string
	Published time.Time // published, else updated, else fetch time
	Updated   time.Time // zero when the feed gave none
	// HTML is the richest body the feed carried (content, else description),
	// as raw HTML or text; the ingest step converts it to markdown.
	HTML string
	// Tickers are the symbols the feed itself tagged the item with
	// (sa:symbol, nasdaq:tickers, categories that look like symbols),
	// upper-cased and deduplicated, in feed order.
	Tickers []string
	// Categories are the item's other categories, as given.
	Categories []string
}
