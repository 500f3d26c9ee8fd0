package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// corpusOptions say what to generate.
type corpusOptions struct {
	Feeds  int
	Items  int
	Seed   uint64
	Format string // rss, atom or mixed
	// Epoch is the clock of the corpus: every item is dated before it and
	// every feed claims it as Last-Modified, so the bytes depend only on
	// the options. The zero value means testEpoch.
	Epoch time.Time
	// Wire writes items as a news wire does: the body alone, without the
	// Summary block and the takeaways list a briefing site adds. The rest
	// of each item (title, tickers, dates, links) is as without Wire.
	Wire bool
	// Extra adds this many newer items on top of each feed's Items, all
	// dated before the epoch; the Items others keep their bytes, GUIDs and
	// dates, so the corpus is the one without Extra after each feed has
	// published Extra more items. Last-Modified is then a minute after the
	// epoch, later than the corpus without them.
	Extra int
}

// testEpoch is the epoch when none is given.
var testEpoch = time.Date(2025, time.March, 14, 21, 0, 0, 0, time.UTC)

// document is one feed, rendered and compressed once so that serving it is
// a copy of bytes.
type document struct {
	body        []byte
	gzipped     []byte
	etag        string // strong validator of body
	gzipETag    string // strong validator of gzipped
	contentType string
}

// corpus holds every feed the server can serve.
type corpus struct {
	docs         []document
	lastModified time.Time
}

type publisher struct{ name, host string }

var publishers = []publisher{
	{"Harbor Street Wire", "harborstreet.example.com"},
	{"Lantern Markets", "lanternmarkets.example.com"},
	{"The Closing Bell Journal", "closingbell.example.net"},
	{"Pacific Rim Equities", "pacificrim.example.org"},
	{"Ledger & Tape", "ledgerandtape.example.com"},
	{"Quarterly Call Notes", "callnotes.example.net"},
	{"Basis Point Daily", "basispoint.example.com"},
	{"Dragon Gate Research", "dragongate.example.org"},
}

var desks = []string{"US Stocks", "Semiconductors", "China & Hong Kong", "Earnings", "Macro & Rates", "Options Flow", "Banks", "Energy", "Consumer", "Autos & EVs", "Healthcare", "Crypto Equities"}

// buildCorpus renders all feeds, spread over the available cores because a
// 2,000-feed corpus is close to a gigabyte of XML.
func buildCorpus(o corpusOptions) (*corpus, error) {
	switch o.Format {
	case "rss", "atom", "mixed":
	default:
		return nil, fmt.Errorf("unknown format %q (want rss, atom or mixed)", o.Format)
	}
	if o.Feeds < 0 || o.Items < 0 || o.Extra < 0 {
		return nil, fmt.Errorf("feeds, items and extra items must not be negative")
	}
	if o.Epoch.IsZero() {
		o.Epoch = testEpoch
	}
	o.Epoch = o.Epoch.UTC().Truncate(time.Second)
	c := &corpus{docs: make([]document, o.Feeds), lastModified: o.Epoch}
	if o.Extra > 0 {
		c.lastModified = o.Epoch.Add(time.Minute)
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var zbuf bytes.Buffer
			// Level 1 is nginx's default and keeps a 2,000-feed start-up
			// short; the client's decompression cost hardly depends on it.
			zw, _ := gzip.NewWriterLevel(&zbuf, gzip.BestSpeed)
			for i := range next {
				c.docs[i] = renderDocument(i, o, zw, &zbuf)
			}
		})
	}
	for i := range o.Feeds {
		next <- i
	}
	close(next)
	wg.Wait()
	return c, nil
}

func renderDocument(i int, o corpusOptions, zw *gzip.Writer, zbuf *bytes.Buffer) document {
	atom := o.Format == "atom" || (o.Format == "mixed" && i%2 == 1)
	var d document
	if atom {
		d.body = renderAtom(i, o)
		d.contentType = "application/atom+xml; charset=utf-8"
	} else {
		d.body = renderRSS(i, o)
		d.contentType = "application/rss+xml; charset=utf-8"
	}
	zbuf.Reset()
	zw.Reset(zbuf)
	zw.Write(d.body)
	zw.Close()
	d.gzipped = bytes.Clone(zbuf.Bytes())
	sum := sha256.Sum256(d.body)
	tag := hex.EncodeToString(sum[:16])
	d.etag = `"` + tag + `"`
	// The gzip representation has different bytes, so a strong validator
	// must differ too; the server accepts either tag in If-None-Match.
	d.gzipETag = `"` + tag + `-gz"`
	return d
}

// feedMeta is what both formats say about feed i.
type feedMeta struct {
	title, host, desk string
	items             []item
}

type item struct {
	briefing
	guid      string
	permaLink bool
	atomID    string // the Atom entry's id: the guid when it is a permalink
	link      string
	published time.Time
	author    string
	// categories carry ticker symbols on some items, and a few RSS items
	// also carry nasdaq:tickers (with the duplicates the real feed has).
	categories    []string
	nasdaqTickers string
	// fullContent puts the body in content:encoded (RSS) and leaves the
	// description a teaser, as WordPress-style feeds do.
	fullContent bool
}

var authors = []string{"Dana Whitfield", "Marcus Lee", "Priya Raman", "Tom Okafor", "Wei Zhang", "Elena Brooks", "Staff Reporter", "The Markets Desk"}

// newFeedMeta generates feed i. Each feed has its own random stream keyed
// by (seed, i), so feed i is the same whatever -feeds says. The o.Extra
// newer items come from a second stream and are dated between the newest
// of the others and the epoch, so adding them leaves every other item as
// it was.
func newFeedMeta(i int, o corpusOptions) feedMeta {
	r := rand.New(rand.NewPCG(o.Seed, uint64(i)))
	w := &writer{r: r, wire: o.Wire}
	p := publishers[i%len(publishers)]
	f := feedMeta{
		title: fmt.Sprintf("%s: %s (feed %d)", p.name, desks[(i/len(publishers))%len(desks)], i),
		host:  p.host,
		desk:  desks[(i/len(publishers))%len(desks)],
	}
	t := o.Epoch.Add(-time.Duration(r.IntN(120)) * time.Minute)
	newest := t
	for j := range o.Items {
		b := w.newBriefing()
		t = t.Add(-time.Duration(5+r.IntN(180)) * time.Minute)
		if j == 0 {
			newest = t
		}
		f.items = append(f.items, newItem(w, b, p, i, j, false, t))
	}
	if o.Extra > 0 {
		// The top bit of the stream's key keeps it apart from every
		// feed's own stream.
		xw := &writer{r: rand.New(rand.NewPCG(o.Seed, uint64(i)|1<<63)), wire: o.Wire}
		gap := o.Epoch.Sub(newest)
		extra := make([]item, o.Extra)
		for k := range o.Extra {
			b := xw.newBriefing()
			at := newest.Add(gap * time.Duration(k+1) / time.Duration(o.Extra+1)).Truncate(time.Second)
			// Newest first, like the rest of the feed.
			extra[o.Extra-1-k] = newItem(xw, b, p, i, k, true, at)
		}
		f.items = append(extra, f.items...)
	}
	return f
}

// newItem dresses briefing b as item j of feed i, published at t. Extra
// items get GUIDs and links of their own ("x" before the number).
func newItem(w *writer, b briefing, p publisher, i, j int, extra bool, t time.Time) item {
	r := w.r
	slug := slugify(b.title)
	num := strconv.Itoa(j)
	if extra {
		num = "x" + num
	}
	canonical := fmt.Sprintf("https://%s/%s/%s-%d-%s", p.host, t.Format("2006/01/02"), slug, i, num)
	it := item{
		briefing:    b,
		guid:        canonical,
		permaLink:   true,
		link:        canonical,
		atomID:      canonical,
		published:   t,
		author:      authors[r.IntN(len(authors))],
		fullContent: r.IntN(2) == 0,
	}
	if r.IntN(4) == 0 {
		it.link += "?utm_source=rss&utm_medium=feed&utm_campaign=markets"
	}
	if r.IntN(5) == 0 {
		if extra {
			it.guid = fmt.Sprintf("%s-%d-x%05d", strings.SplitN(p.host, ".", 2)[0], i, j)
		} else {
			it.guid = fmt.Sprintf("%s-%d-%06d", strings.SplitN(p.host, ".", 2)[0], i, j)
		}
		it.permaLink = false
		it.atomID = fmt.Sprintf("tag:%s,2025:feed/%d/item/%s", p.host, i, num)
	}
	it.categories = []string{b.section}
	if r.IntN(5) < 2 {
		it.categories = append(it.categories, b.lead.symbol)
		for _, c := range b.others {
			it.categories = append(it.categories, c.symbol)
		}
	}
	if r.IntN(12) == 0 {
		syms := []string{b.lead.symbol, b.others[0].symbol, b.lead.symbol}
		it.nasdaqTickers = strings.Join(syms, ",")
	}
	return it
}

func slugify(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// xmlEscaper escapes for both character data and double-quoted
// attributes. Unlike xml.EscapeText it leaves newlines alone, as real feeds
// do, instead of turning each into "&#xA;".
var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// esc writes s as XML character data or attribute text.
func esc(b *bytes.Buffer, s string) {
	xmlEscaper.WriteString(b, s)
}

// elem writes <name>escaped text</name>.
func elem(b *bytes.Buffer, name, text string) {
	b.WriteString("<" + name + ">")
	esc(b, text)
	b.WriteString("</" + name + ">")
}

func renderRSS(i int, o corpusOptions) []byte {
	f := newFeedMeta(i, o)
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:nasdaq="http://nasdaq.com/reference/feeds/1.0">` + "\n<channel>\n")
	elem(&b, "title", f.title)
	elem(&b, "link", "https://"+f.host+"/")
	elem(&b, "description", "Market briefings from the "+f.desk+" desk")
	elem(&b, "language", "en-us")
	elem(&b, "lastBuildDate", o.Epoch.Format(time.RFC1123Z))
	elem(&b, "ttl", "15")
	b.WriteString("\n")
	for _, it := range f.items {
		b.WriteString("<item>")
		elem(&b, "title", it.title)
		elem(&b, "link", it.link)
		if it.permaLink {
			elem(&b, "guid", it.guid)
		} else {
			b.WriteString(`<guid isPermaLink="false">`)
			esc(&b, it.guid)
			b.WriteString("</guid>")
		}
		elem(&b, "pubDate", it.published.Format(time.RFC1123Z))
		elem(&b, "dc:creator", it.author)
		for _, c := range it.categories {
			elem(&b, "category", c)
		}
		if it.nasdaqTickers != "" {
			elem(&b, "nasdaq:tickers", it.nasdaqTickers)
		}
		if it.fullContent {
			elem(&b, "description", it.teaser)
			// The generated HTML never contains "]]>", so CDATA is safe.
			b.WriteString("<content:encoded><![CDATA[" + it.html + "]]></content:encoded>")
		} else {
			elem(&b, "description", it.html)
		}
		b.WriteString("</item>\n")
	}
	b.WriteString("</channel>\n</rss>\n")
	return b.Bytes()
}

func renderAtom(i int, o corpusOptions) []byte {
	f := newFeedMeta(i, o)
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n")
	b.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">` + "\n")
	elem(&b, "title", f.title)
	elem(&b, "subtitle", "Market briefings from the "+f.desk+" desk")
	fmt.Fprintf(&b, `<link rel="alternate" type="text/html" href="https://%s/"/>`, f.host)
	elem(&b, "id", fmt.Sprintf("tag:%s,2025:feed/%d", f.host, i))
	elem(&b, "updated", o.Epoch.Format(time.RFC3339))
	b.WriteString("\n")
	for _, it := range f.items {
		b.WriteString("<entry>")
		elem(&b, "title", it.title)
		b.WriteString(`<link rel="alternate" type="text/html" href="`)
		esc(&b, it.link)
		b.WriteString(`"/>`)
		elem(&b, "id", it.atomID)
		elem(&b, "published", it.published.Format(time.RFC3339))
		elem(&b, "updated", it.published.Format(time.RFC3339))
		b.WriteString("<author>")
		elem(&b, "name", it.author)
		b.WriteString("</author>")
		for _, c := range it.categories {
			b.WriteString(`<category term="`)
			esc(&b, c)
			b.WriteString(`"/>`)
		}
		b.WriteString(`<summary type="text">`)
		esc(&b, it.teaser)
		b.WriteString(`</summary><content type="html">`)
		esc(&b, it.html)
		b.WriteString("</content></entry>\n")
	}
	b.WriteString("</feed>\n")
	return b.Bytes()
}
