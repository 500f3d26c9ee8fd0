package feed

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/mmcdole/gofeed"

	"brief/internal/xmlprep"
)

var testNow = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

func mustParse(t testing.TB, doc, contentType string, now time.Time) Parsed {
	t.Helper()
	p, err := Parse([]byte(doc), contentType, now)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return p
}

func only(t *testing.T, p Parsed) Item {
	t.Helper()
	if len(p.Items) != 1 {
		t.Fatalf("got %d items, want 1: %+v", len(p.Items), p.Items)
	}
	return p.Items[0]
}

func TestParseRSS(t *testing.T) {
	const doc = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Markets  &amp; Money</title>
  <link>https://Example.com:443/markets/</link>
  <item>
    <title>Fed holds rates
      steady</title>
    <link>https://example.com/a/fed-holds?utm_source=rss&amp;id=7#top</link>
    <guid isPermaLink="false">fed-2024-05-01</guid>
    <pubDate>Wed, 01 May 2024 08:30:00 -0400</pubDate>
    <dc:creator>Jane Doe</dc:creator>
    <description>Short summary.</description>
    <content:encoded><![CDATA[<p>The <b>full</b> story.</p>]]></content:encoded>
    <category>Economy</category>
  </item>
  <item>
    <title>Second</title>
    <link>/a/second</link>
    <description><![CDATA[<p>Only a description.</p>]]></description>
  </item>
</channel>
</rss>`
	p := mustParse(t, doc, "application/rss+xml", testNow)
	if p.Title != "Markets & Money" {
		t.Errorf("feed title = %q", p.Title)
	}
	if p.SiteLink != "https://example.com/markets/" {
		t.Errorf("site link = %q", p.SiteLink)
	}
	if len(p.Items) != 2 {
		t.Fatalf("got %d items, want 2", len(p.Items))
	}
	it := p.Items[0]
	want := Item{
		GUIDKey:    "fed-2024-05-01",
		Link:       "https://example.com/a/fed-holds?id=7",
		Title:      "Fed holds rates steady",
		Author:     "Jane Doe",
		Published:  time.Date(2024, 5, 1, 12, 30, 0, 0, time.UTC),
		HTML:       "<p>The <b>full</b> story.</p>",
		Categories: []string{"Economy"},
	}
	if !it.Published.Equal(want.Published) {
		t.Errorf("published = %v, want %v", it.Published, want.Published)
	}
	it.Published = want.Published
	if !reflect.DeepEqual(it, want) {
		t.Errorf("item =\n%+v\nwant\n%+v", it, want)
	}

	second := p.Items[1]
	if second.Link != "https://example.com/a/second" {
		t.Errorf("relative link resolved to %q", second.Link)
	}
	if second.GUIDKey != second.Link {
		t.Errorf("guid key = %q, want the canonical link", second.GUIDKey)
	}
	if second.HTML != "<p>Only a description.</p>" {
		t.Errorf("HTML = %q, want the description", second.HTML)
	}
	if !second.Published.Equal(testNow) {
		t.Errorf("dateless item published %v, want fetch time", second.Published)
	}
	if !second.Updated.IsZero() {
		t.Errorf("updated = %v, want zero", second.Updated)
	}
}

func TestParseAtom(t *testing.T) {
	const doc = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">Filings &lt;i&gt;daily&lt;/i&gt;</title>
  <link href="https://filings.example.org/" rel="alternate"/>
  <link href="https://filings.example.org/atom" rel="self"/>
  <entry>
    <title type="html">8-K - Apple Inc. (0000320193) (Filer)</title>
    <id>urn:tag:sec.gov,2008:accession-number=0000320193-24-000069</id>
    <link href="/Archives/edgar/data/320193/index.htm" rel="alternate"/>
    <updated>2024-05-02T16:30:24-04:00</updated>
    <published>2024-05-02T16:30:00-04:00</published>
    <author><name>EDGAR</name></author>
    <category label="form type" scheme="https://www.sec.gov/" term="8-K"/>
    <summary type="html">&lt;b&gt;Filed:&lt;/b&gt; 2024-05-02</summary>
    <content type="html">&lt;p&gt;Results of operations&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>No published date</title>
    <id>tag:example.org,2024:2</id>
    <updated>2024-04-30T10:00:00Z</updated>
  </entry>
</feed>`
	p := mustParse(t, doc, "application/atom+xml", time.Date(2024, 5, 3, 0, 0, 0, 0, time.UTC))
	if p.Title != "Filings daily" {
		t.Errorf("feed title = %q", p.Title)
	}
	if p.SiteLink != "https://filings.example.org/" {
		t.Errorf("site link = %q", p.SiteLink)
	}
	if len(p.Items) != 2 {
		t.Fatalf("got %d items", len(p.Items))
	}
	it := p.Items[0]
	if it.Title != "8-K - Apple Inc. (0000320193) (Filer)" {
		t.Errorf("title = %q", it.Title)
	}
	if it.Link != "https://filings.example.org/Archives/edgar/data/320193/index.htm" {
		t.Errorf("link = %q", it.Link)
	}
	if it.GUIDKey != "urn:tag:sec.gov,2008:accession-number=0000320193-24-000069" {
		t.Errorf("guid key = %q", it.GUIDKey)
	}
	if !reflect.DeepEqual(it.Categories, []string{"8-K"}) {
		t.Errorf("categories = %q, want the form type term", it.Categories)
	}
	if it.Author != "EDGAR" {
		t.Errorf("author = %q", it.Author)
	}
	if want := time.Date(2024, 5, 2, 20, 30, 0, 0, time.UTC); !it.Published.Equal(want) {
		t.Errorf("published = %v, want %v", it.Published, want)
	}
	if want := time.Date(2024, 5, 2, 20, 30, 24, 0, time.UTC); !it.Updated.Equal(want) {
		t.Errorf("updated = %v, want %v", it.Updated, want)
	}
	if it.HTML != "<p>Results of operations</p>" {
		t.Errorf("HTML = %q, want the content", it.HTML)
	}
	if len(it.Tickers) != 0 {
		t.Errorf("tickers = %q", it.Tickers)
	}
	if want := time.Date(2024, 4, 30, 10, 0, 0, 0, time.UTC); !p.Items[1].Published.Equal(want) {
		t.Errorf("published falls back to updated: got %v", p.Items[1].Published)
	}
}

func TestParseJSONFeed(t *testing.T) {
	const doc = `{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "Tape \u001b[31mreader",
  "home_page_url": "https://tape.example.net/",
  "items": [
    {"id": "1", "url": "https://tape.example.net/1?fbclid=abc", "title": "\u001b[31mRed alert\u001b[0m \u202eevil",
     "content_html": "<p>Body</p>", "date_published": "2024-04-30T09:00:00Z",
     "authors": [{"name": "Ann"}, {"name": "Bob"}], "tags": ["$tsla", "Autos", "EV"]},
    {"id": "2", "title": "Text only", "content_text": "line one\n\nline <two>"}
  ]
}`
	p := mustParse(t, doc, "application/feed+json", testNow)
	if p.Title != "Tape [31mreader" {
		t.Errorf("feed title = %q", p.Title)
	}
	if len(p.Items) != 2 {
		t.Fatalf("got %d items", len(p.Items))
	}
	it := p.Items[0]
	if it.Title != "[31mRed alert[0m evil" {
		t.Errorf("title = %q, want no ESC and no bidi override", it.Title)
	}
	if it.Link != "https://tape.example.net/1" || it.GUIDKey != "1" {
		t.Errorf("link = %q, guid key = %q", it.Link, it.GUIDKey)
	}
	if it.Author != "Ann, Bob" {
		t.Errorf("author = %q", it.Author)
	}
	if !reflect.DeepEqual(it.Tickers, []string{"TSLA"}) || !reflect.DeepEqual(it.Categories, []string{"Autos", "EV"}) {
		t.Errorf("tickers = %q, categories = %q", it.Tickers, it.Categories)
	}
	if p.Items[1].HTML != "line one\n\nline <two>" {
		t.Errorf("content_text = %q, want it kept as text", p.Items[1].HTML)
	}
}

func TestParseSeekingAlphaSymbols(t *testing.T) {
	const doc = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:sa="https://seekingalpha.com/api/1.0">
<channel><title>Seeking Alpha</title><link>https://seekingalpha.com</link>
  <item>
    <title>Berkshire and Apple: a tale of two buybacks</title>
    <link>https://seekingalpha.com/article/4567-berkshire-apple?source=feed_all_articles</link>
    <guid isPermaLink="false">https://seekingalpha.com/article/4567</guid>
    <pubDate>Tue, 30 Apr 2024 14:05:00 -0400</pubDate>
    <category type="symbol" domain="https://seekingalpha.com/symbol/AI">AI</category>
    <category>Long Ideas</category>
    <sa:author_name>Value Investor</sa:author_name>
    <sa:stock><sa:symbol>BRK-B</sa:symbol><sa:company_name>Berkshire Hathaway</sa:company_name></sa:stock>
    <sa:stock><sa:symbol>aapl</sa:symbol><sa:company_name>Apple Inc.</sa:company_name></sa:stock>
    <sa:stock><sa:symbol>BRK.B</sa:symbol></sa:stock>
    <sa:symbol>PNG:CA</sa:symbol>
  </item>
</channel></rss>`
	it := only(t, mustParse(t, doc, "", testNow))
	if want := []string{"BRK.B", "AAPL", "PNG:CA", "AI"}; !reflect.DeepEqual(it.Tickers, want) {
		t.Errorf("tickers = %q, want %q", it.Tickers, want)
	}
	if want := []string{"Long Ideas"}; !reflect.DeepEqual(it.Categories, want) {
		t.Errorf("categories = %q, want %q", it.Categories, want)
	}
	if it.Author != "Value Investor" {
		t.Errorf("author = %q", it.Author)
	}
	if it.Link != "https://seekingalpha.com/article/4567-berkshire-apple" {
		t.Errorf("link = %q", it.Link)
	}
}

func TestParseNasdaqTickers(t *testing.T) {
	const doc = `<rss version="2.0" xmlns:nasdaq="http://nasdaq.com/reference/feeds/1.0"><channel><title>Nasdaq</title>
  <item><title>Big tech rallies</title><link>https://www.nasdaq.com/articles/big-tech</link>
    <nasdaq:tickers>AAPL,AAPL, msft ,MSFT,NVDA,</nasdaq:tickers><category>Markets</category><category>AAPL</category></item>
</channel></rss>`
	it := only(t, mustParse(t, doc, "", testNow))
	if want := []string{"AAPL", "MSFT", "NVDA"}; !reflect.DeepEqual(it.Tickers, want) {
		t.Errorf("tickers = %q, want %q", it.Tickers, want)
	}
	if want := []string{"Markets"}; !reflect.DeepEqual(it.Categories, want) {
		t.Errorf("categories = %q, want %q", it.Categories, want)
	}
}

func TestParseCategoryTickers(t *testing.T) {
	cats := []string{
		"AAPL", "ETF", "CEO", "NASDAQ:MSFT", "NYSE:BRK-B", "$tsla", "BRK/B",
		"Markets", "Apple Inc", "AI", "FOMC", "M&amp;A", "Q1", "IPO", "Aapl",
		"TOOLONG", "F", "Markets", "NYSE",
	}
	var b strings.Builder
	b.WriteString(`<rss version="2.0"><channel><title>t</title><item><title>x</title><guid>1</guid>`)
	for _, c := range cats {
		fmt.Fprintf(&b, "<category>%s</category>", c)
	}
	b.WriteString(`</item></channel></rss>`)
	it := only(t, mustParse(t, b.String(), "", testNow))
	if want := []string{"AAPL", "MSFT", "BRK.B", "TSLA", "F"}; !reflect.DeepEqual(it.Tickers, want) {
		t.Errorf("tickers = %q, want %q", it.Tickers, want)
	}
	want := []string{"ETF", "CEO", "Markets", "Apple Inc", "AI", "FOMC", "M&A", "Q1", "IPO", "Aapl", "TOOLONG", "NYSE"}
	if !reflect.DeepEqual(it.Categories, want) {
		t.Errorf("categories = %q, want %q", it.Categories, want)
	}
}

func TestParseGUIDFallback(t *testing.T) {
	const doc = `<rss version="2.0"><channel><title>t</title><link>https://news.example.com/</link>
  <item><title>Has guid</title><guid> abc-123 </guid><link>https://news.example.com/1</link></item>
  <item><title>Link only</title><link>https://News.Example.com/2?utm_medium=rss#comments</link></item>
  <item><title>Nothing but a title</title></item>
  <item><title>Title and date</title><pubDate>Mon, 29 Apr 2024 10:00:00 GMT</pubDate></item>
</channel></rss>`
	p1 := mustParse(t, doc, "", testNow)
	p2 := mustParse(t, doc, "", testNow.Add(36*time.Hour))
	if len(p1.Items) != 4 {
		t.Fatalf("got %d items", len(p1.Items))
	}
	keys := []string{p1.Items[0].GUIDKey, p1.Items[1].GUIDKey, p1.Items[2].GUIDKey, p1.Items[3].GUIDKey}
	if keys[0] != "abc-123" {
		t.Errorf("guid key = %q, want the trimmed guid", keys[0])
	}
	if keys[1] != "https://news.example.com/2" {
		t.Errorf("guid key = %q, want the canonical link", keys[1])
	}
	for _, k := range keys[2:] {
		if !strings.HasPrefix(k, "h:") || len(k) != 34 {
			t.Errorf("guid key = %q, want h: and 32 hex digits", k)
		}
	}
	if keys[2] == keys[3] {
		t.Errorf("different title and date share a key")
	}
	for i := range p1.Items {
		if p1.Items[i].GUIDKey != p2.Items[i].GUIDKey {
			t.Errorf("item %d: key changed between fetches: %q then %q", i, p1.Items[i].GUIDKey, p2.Items[i].GUIDKey)
		}
	}
	if p1.Items[2].Published.Equal(p2.Items[2].Published) {
		t.Errorf("a dateless item should show its fetch time")
	}
}

func TestParseDuplicateGUIDs(t *testing.T) {
	const doc = `<rss version="2.0"><channel><title>t</title>
  <item><title>First</title><guid>same</guid></item>
  <item><title>Other</title><guid>other</guid></item>
  <item><title>Second copy</title><guid>same</guid></item>
  <item><title>Via link</title><link>https://x.example/a?utm_source=1</link></item>
  <item><title>Via link again</title><link>https://x.example/a#frag</link></item>
</channel></rss>`
	p := mustParse(t, doc, "", testNow)
	var titles []string
	for _, it := range p.Items {
		titles = append(titles, it.Title)
	}
	if want := []string{"First", "Other", "Via link"}; !reflect.DeepEqual(titles, want) {
		t.Errorf("titles = %q, want %q", titles, want)
	}
}

func TestParseTrackingParams(t *testing.T) {
	const doc = `<rss version="2.0"><channel><title>t</title>
  <item><title>a</title><link>https://e.example/a?utm_source=x&amp;id=5#frag</link></item>
  <item><title>b</title><link>https://finance.yahoo.com/news/b.html?.tsrc=rss</link></item>
  <item><title>c</title><guid>https://www.nasdaq.com/articles/c?time=1603476180</guid><link>https://www.nasdaq.com/articles/c?time=1603476180</link></item>
</channel></rss>`
	p := mustParse(t, doc, "", testNow)
	want := []string{
		"https://e.example/a?id=5",
		"https://finance.yahoo.com/news/b.html",
		"https://www.nasdaq.com/articles/c",
	}
	for i, it := range p.Items {
		if it.Link != want[i] {
			t.Errorf("link %d = %q, want %q", i, it.Link, want[i])
		}
		if it.GUIDKey != want[i] {
			t.Errorf("guid key %d = %q, want %q", i, it.GUIDKey, want[i])
		}
	}
}

func TestParseDates(t *testing.T) {
	const doc = `<rss version="2.0"><channel><title>t</title>
  <item><title>a</title><guid>a</guid><pubDate>Wed, 01 May 2024 10:00:00 GMT</pubDate></item>
  <item><title>b</title><guid>b</guid><pubDate>Thu, 02 May 2024 23:00:00 GMT</pubDate></item>
  <item><title>c</title><guid>c</guid><pubDate>Fri, 01 May 2099 10:00:00 GMT</pubDate></item>
  <item><title>d</title><guid>d</guid><pubDate>not a date</pubDate></item>
  <item><title>e</title><guid>e</guid><pubDate>2024-04-29</pubDate></item>
</channel></rss>`
	p := mustParse(t, doc, "", testNow)
	want := []time.Time{
		time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC),
		time.Date(2024, 5, 2, 23, 0, 0, 0, time.UTC), // 35h ahead: clock skew, kept
		testNow, // 75 years ahead: clamped
		testNow, // unparsable: fetch time
		time.Date(2024, 4, 29, 0, 0, 0, 0, time.UTC),
	}
	for i, it := range p.Items {
		if !it.Published.Equal(want[i]) {
			t.Errorf("item %s published %v, want %v", it.Title, it.Published, want[i])
		}
	}
}

func TestParseNotAFeed(t *testing.T) {
	for name, doc := range map[string]string{
		"doctype":       "\n<!DOCTYPE html>\n<html><head><title>Login</title></head><body>x</body></html>",
		"html":          `<HTML lang="en"><body>Moved</body></HTML>`,
		"xhtml":         `<?xml version="1.0"?><!-- generated --><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>`,
		"html with bom": "\xef\xbb\xbf<!doctype html><p>hi",
		"doctype only":  "<!DOCTYPE html>",
	} {
		_, err := Parse([]byte(doc), "text/html", testNow)
		if !errors.Is(err, ErrNotFeed) || !strings.Contains(err.Error(), "not a feed: looks like an HTML page") {
			t.Errorf("%s: err = %v, want the HTML page error", name, err)
		}
	}
	for name, doc := range map[string]string{
		"text":     "Service Unavailable",
		"xml":      `<?xml version="1.0"?><error><code>500</code></error>`,
		"htmlfeed": `<htmlfeed><item/></htmlfeed>`,
	} {
		_, err := Parse([]byte(doc), "", testNow)
		if !errors.Is(err, ErrNotFeed) || strings.Contains(err.Error(), "HTML") {
			t.Errorf("%s: err = %v, want a not-a-feed error", name, err)
		}
	}
}

func TestParseFeedWithHTMLDoctype(t *testing.T) {
	// Some feed templates carry an XHTML doctype; the root decides.
	const doc = `<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "x">
<!-- c --><rss><channel><title>found</title></channel></rss>`
	if p := mustParse(t, doc, "", testNow); p.Title != "found" {
		t.Errorf("title = %q", p.Title)
	}
}

func TestParseEmpty(t *testing.T) {
	for _, doc := range []string{"", " \r\n\t", "\xef\xbb\xbf"} {
		_, err := Parse([]byte(doc), "", testNow)
		if !errors.Is(err, ErrEmptyBody) || err.Error() != "empty response" {
			t.Errorf("Parse(%q) err = %v, want empty response", doc, err)
		}
	}
}

func TestParseBrokenFeed(t *testing.T) {
	_, err := Parse([]byte(`{"version": "https://jsonfeed.org/version/1", "items": [`), "", testNow)
	if err == nil || !strings.HasPrefix(err.Error(), "parse feed: ") {
		t.Errorf("err = %v, want a wrapped parse error", err)
	}
}

func TestParseJunkBeforeDeclaration(t *testing.T) {
	doc := "<br />\n<b>Warning</b>: Undefined variable $x in /var/www/feed.php on line 3<br />\n" +
		`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>ok</title><guid>1</guid></item></channel></rss>`
	it := only(t, mustParse(t, doc, "", testNow))
	if it.Title != "ok" {
		t.Errorf("title = %q", it.Title)
	}
}

func TestParseForbiddenCharacterReference(t *testing.T) {
	const doc = `<?xml version="1.0"?><rss version="2.0"><channel><title>t&#27;x</title>
<item><title>Stocks &#27;[31mtumble</title><guid>1</guid></item>
<item><title>Double &amp;#27;[31mescaped</title><guid>2</guid></item>
<item><title><![CDATA[In CDATA &#x1b;[2J]]></title><guid>3</guid></item>
</channel></rss>`
	p := mustParse(t, doc, "", testNow)
	if len(p.Items) != 3 {
		t.Fatalf("got %d items", len(p.Items))
	}
	for _, s := range []string{p.Title, p.Items[0].Title, p.Items[1].Title, p.Items[2].Title} {
		if strings.ContainsRune(s, '\x1b') {
			t.Errorf("title %q keeps an ESC", s)
		}
	}
	if p.Items[0].Title != "Stocks [31mtumble" {
		t.Errorf("title = %q", p.Items[0].Title)
	}
}

func TestParseTitleFallback(t *testing.T) {
	long := strings.Repeat("Shares of the chipmaker climbed after guidance beat estimates. ", 5)
	doc := `<rss version="2.0"><channel><title>t</title>
  <item><guid>1</guid><description><![CDATA[<script>var x = 1;</script><p><b>Breaking:</b> ` + long + `</p>]]></description></item>
  <item><guid>2</guid><title>  </title></item>
  <item><guid>3</guid><title><![CDATA[AT&T <b>beats</b> &amp; S&P <T> rises]]></title></item>
</channel></rss>`
	p := mustParse(t, doc, "", testNow)
	got := p.Items[0].Title
	if !strings.HasPrefix(got, "Breaking: Shares of the chipmaker") || !strings.HasSuffix(got, "…") {
		t.Errorf("derived title = %q", got)
	}
	if n := len([]rune(got)); n > titleExcerptLen+1 || n < titleExcerptLen/2 {
		t.Errorf("derived title has %d characters", n)
	}
	if p.Items[1].Title != untitled {
		t.Errorf("empty item title = %q, want %q", p.Items[1].Title, untitled)
	}
	if p.Items[2].Title != "AT&T beats & S&P <T> rises" {
		t.Errorf("HTML title = %q", p.Items[2].Title)
	}
}

func TestParseLinks(t *testing.T) {
	const doc = `<rss version="2.0"><channel><title>t</title><link>https://site.example/news/</link>
  <item><title>a</title><guid>a</guid><link>javascript:alert(1)</link></item>
  <item><title>b</title><guid>b</guid><link>story/2</link></item>
  <item><title>c</title><guid>c</guid><link>HTTP://Site.Example:80/x?q=%E2%80%AE</link></item>
</channel></rss>`
	p := mustParse(t, doc, "", testNow)
	want := []string{"", "https://site.example/news/story/2", "http://site.example/x?q=%E2%80%AE"}
	for i, it := range p.Items {
		if it.Link != want[i] {
			t.Errorf("link %d = %q, want %q", i, it.Link, want[i])
		}
	}
}

func TestParseDeepNesting(t *testing.T) {
	const depth = 2_000_000
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><item><title>`)
	b.Write(bytes.Repeat([]byte("<a>"), depth))
	b.Write(bytes.Repeat([]byte("</a>"), depth))
	b.WriteString(`</title></item></channel></rss>`)
	start := time.Now()
	_, err := Parse(b.Bytes(), "application/rss+xml", testNow)
	took := time.Since(start)
	if !errors.Is(err, xmlprep.ErrTooDeep) {
		t.Fatalf("err = %v, want one wrapping xmlprep.ErrTooDeep", err)
	}
	t.Logf("rejected %d levels in %v: %v", depth, took, err)
	if took > 10*time.Second {
		t.Errorf("took %v to reject", took)
	}
}

// corpusDir finds the shared corpus beside the repository; tests that need it
// skip when it is absent.
func corpusDir(t testing.TB, sub string) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "corpus", sub)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("corpus not found at %s: %v", dir, err)
	}
	return dir
}

func TestParseNasdaqCapture(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(corpusDir(t, "captures"), "nasdaq_aapl_2020_reconstructed.xml"))
	if err != nil {
		t.Skipf("capture missing: %v", err)
	}
	p, err := Parse(b, "application/rss+xml", testNow)
	if err != nil {
		t.Fatal(err)
	}
	it := only(t, p)
	if want := []string{"AAPL", "FB"}; !reflect.DeepEqual(it.Tickers, want) {
		t.Errorf("tickers = %q, want %q", it.Tickers, want)
	}
	const link = "https://www.nasdaq.com/articles/facebook-claims-an-apple-iphone-update-will-damage-ad-sales-2020-08-26"
	if it.GUIDKey != link || it.Link != link {
		t.Errorf("guid key = %q, link = %q, want both %q", it.GUIDKey, it.Link, link)
	}
	if it.Author != "The Motley Fool" || !reflect.DeepEqual(it.Categories, []string{"Markets"}) {
		t.Errorf("author = %q, categories = %q", it.Author, it.Categories)
	}
	if want := time.Date(2020, 8, 26, 19, 57, 0, 0, time.UTC); !it.Published.Equal(want) {
		t.Errorf("published = %v", it.Published)
	}
}

func TestParseEDGARCapture(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(corpusDir(t, "captures"), "edgar_aapl_10k_atom_2020.xml"))
	if err != nil {
		t.Skipf("capture missing: %v", err)
	}
	// The capture is a cache file: a request line precedes the XML.
	p, err := Parse(b, "application/atom+xml", testNow)
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "Apple Inc. (0000320193)" {
		t.Errorf("feed title = %q", p.Title)
	}
	if len(p.Items) < 20 {
		t.Fatalf("got %d filings", len(p.Items))
	}
	for _, it := range p.Items {
		// The form type (10-K, 10-K/A, 10-K405) is the category term
		// and opens the title.
		if len(it.Categories) != 1 || !strings.HasPrefix(it.Categories[0], "10-K") ||
			!strings.HasPrefix(it.Title, it.Categories[0]+" ") {
			t.Errorf("%s: categories = %q for title %q, want the form type", it.GUIDKey, it.Categories, it.Title)
		}
		if !strings.HasPrefix(it.GUIDKey, "urn:tag:sec.gov,2008:accession-number=") {
			t.Errorf("guid key = %q", it.GUIDKey)
		}
		if !strings.HasPrefix(it.Link, "https://www.sec.gov/Archives/edgar/data/320193/") {
			t.Errorf("link = %q", it.Link)
		}
		// The content is filing metadata as XML; the summary reads better.
		if !strings.Contains(it.HTML, "<b>Filed:</b>") {
			t.Errorf("HTML = %q, want the summary", it.HTML)
		}
		if it.Published.Equal(testNow) || it.Published.Year() > 2017 {
			t.Errorf("published = %v, want the filing date", it.Published)
		}
	}
}

// TestParseConformance runs every file of feedparser's test suite through
// Parse. Most are ill-formed or oddly encoded on purpose; what matters is
// that none crashes the parser, and that Parse gives up on few documents
// that gofeed alone would read.
func TestParseConformance(t *testing.T) {
	dir := corpusDir(t, "feedparser")
	var files, raw, baseline, kept, parsed, crashed int
	var lost []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if ext := filepath.Ext(path); ext != ".xml" && ext != ".json" {
			return nil
		}
		body, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files++
		if gofeedReads(body) {
			raw++
		}
		gofeedOK := gofeedAlone(body)
		if gofeedOK {
			baseline++
		}
		_, perr := Parse(body, "", testNow)
		var ce *crashError
		if errors.As(perr, &ce) {
			crashed++
			t.Errorf("%s: %v\n%s", path, perr, ce.stack)
			return nil
		}
		if perr == nil {
			parsed++
		}
		switch {
		case gofeedOK && perr == nil:
			kept++
		case gofeedOK:
			rel, _ := filepath.Rel(dir, path)
			lost = append(lost, fmt.Sprintf("%s: %v", rel, perr))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files == 0 {
		t.Skip("corpus is empty")
	}
	t.Logf("%d files: gofeed on raw bytes read %d; gofeed after Prepare read %d, of which Parse kept %d (%.1f%%); Parse read %d in all; %d crashed",
		files, raw, baseline, kept, 100*float64(kept)/float64(max(baseline, 1)), parsed, crashed)
	for _, l := range lost {
		t.Logf("  lost: %s", l)
	}
	if float64(kept) < 0.9*float64(baseline) {
		t.Errorf("Parse kept only %d of the %d documents gofeed reads", kept, baseline)
	}
}

// gofeedAlone reports whether gofeed reads body once xmlprep has prepared it.
func gofeedAlone(body []byte) bool {
	prepared, err := xmlprep.Prepare(body, "")
	return err == nil && gofeedReads(prepared)
}

// gofeedReads reports whether gofeed by itself reads body, treating a panic
// as a failure.
func gofeedReads(body []byte) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	_, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	return err == nil
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://e.example/</link>
<item><title>a &amp; b</title><link>/x?utm_source=y</link><guid>1</guid><pubDate>Wed, 01 May 2024 10:00:00 GMT</pubDate>
<category>AAPL</category><description>&lt;p&gt;hi&lt;/p&gt;</description></item><item><description>no title</description></item></channel></rss>`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><title>f</title><entry><title type="html">&lt;b&gt;x&lt;/b&gt;</title>
<id>urn:1</id><updated>2024-05-01T00:00:00Z</updated><category term="8-K" label="form type"/><link href="https://e.example/1"/></entry><entry/></feed>`))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","title":"j","items":[{"id":"1","title":"\u001b[31m","content_text":"x"},{"url":"https://e.example/2"},{}]}`))
	f.Add([]byte(`<rss xmlns:sa="https://seekingalpha.com/api/1.0" xmlns:nasdaq="http://nasdaq.com/reference/feeds/1.0"><channel><item><sa:stock><sa:symbol>BRK/B</sa:symbol></sa:stock><nasdaq:tickers>A,A,B</nasdaq:tickers></item></channel></rss>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := Parse(body, "", testNow)
		var ce *crashError
		if errors.As(err, &ce) {
			t.Fatalf("crash: %v\n%s", err, ce.stack)
		}
		if err != nil {
			return
		}
		for _, s := range []string{p.Title} {
			if hasControl(s) {
				t.Errorf("feed title %q holds a control character", s)
			}
		}
		seen := map[string]bool{}
		for _, it := range p.Items {
			if it.GUIDKey == "" || it.Title == "" {
				t.Errorf("item with empty key or title: %+v", it)
			}
			if seen[it.GUIDKey] {
				t.Errorf("duplicate key %q", it.GUIDKey)
			}
			seen[it.GUIDKey] = true
			if hasControl(it.Title) || hasControl(it.Author) {
				t.Errorf("title %q or author %q holds a control character", it.Title, it.Author)
			}
		}
	})
}

func hasControl(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool {
		return unicode.IsControl(r) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
	})
}

func BenchmarkParse(b *testing.B) {
	doc := syntheticRSS(50, 5<<10)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		p, err := Parse(doc, "application/rss+xml", testNow)
		if err != nil || len(p.Items) != 50 {
			b.Fatalf("items %d, err %v", len(p.Items), err)
		}
	}
}

// syntheticRSS builds a feed of n items whose bodies are about bodySize bytes
// of HTML, shaped like a finance news feed.
func syntheticRSS(n, bodySize int) []byte {
	para := `<p>Shares of <a href="https://e.example/q/ACME?utm_source=rss">Acme Corp</a> rose <b>4.2%</b> to $123.45 after revenue of $1.2 billion beat estimates; guidance for Q3 was raised.</p>`
	body := strings.Repeat(para, (bodySize+len(para)-1)/len(para))
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:nasdaq="http://nasdaq.com/reference/feeds/1.0">
<channel><title>Synthetic markets</title><link>https://e.example/</link>`)
	for i := range n {
		fmt.Fprintf(&b, `<item><title>Acme &amp; Co. item %d beats estimates</title>
<link>https://e.example/news/%d?utm_source=rss&amp;utm_medium=feed&amp;id=%d</link>
<guid isPermaLink="false">item-%d</guid><pubDate>Wed, 01 May 2024 %02d:%02d:00 GMT</pubDate>
<dc:creator>Staff</dc:creator><category>Markets</category><category>ACME</category><nasdaq:tickers>ACME,ACME,XYZ</nasdaq:tickers>
<description>Acme beat estimates.</description><content:encoded><![CDATA[%s]]></content:encoded></item>
`, i, i, i, i, i%24, i%60, body)
	}
	b.WriteString(`</channel></rss>`)
	return b.Bytes()
}
