package config

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
)

func parseOPMLString(t *testing.T, s string) ImportResult {
	t.Helper()
	res, err := ParseOPML(strings.NewReader(s))
	if err != nil {
		t.Fatalf("ParseOPML: %v", err)
	}
	return res
}

func TestParseOPML1(t *testing.T) {
	res := parseOPMLString(t, `<?xml version="1.0" encoding="ISO-8859-1"?>
<opml version="1.0">
  <head><title>My feeds</title></head>
  <body>
    <outline text="B&#246;rse Frankfurt" type="rss" xmlurl="https://example.de/boerse.rss"/>
    <outline text="https://example.com/untitled.xml" type="rss" xmlUrl="https://example.com/untitled.xml"/>
    <outline text="Just a link" type="link" url="https://example.com/"/>
  </body>
</opml>`)
	want := []Feed{
		{URL: "https://example.de/boerse.rss", Title: "Börse Frankfurt"},
		{URL: "https://example.com/untitled.xml"},
	}
	if !reflect.DeepEqual(res.Feeds, want) {
		t.Errorf("feeds =\n%+v\nwant\n%+v", res.Feeds, want)
	}
	if len(res.Skipped) != 0 {
		t.Errorf("skipped = %q", res.Skipped)
	}
}

func TestParseOPMLLegacyCharset(t *testing.T) {
	doc := "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<opml version=\"1.0\"><body>" +
		"<outline text=\"B\xf6rse\" xmlUrl=\"https://example.de/b.rss\"/></body></opml>"
	res := parseOPMLString(t, doc)
	if len(res.Feeds) != 1 || res.Feeds[0].Title != "Börse" {
		t.Errorf("feeds = %+v", res.Feeds)
	}
}

func TestParseOPML2NestedFoldersAndCategories(t *testing.T) {
	res := parseOPMLString(t, `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Markets</title></head>
  <body>
    <outline text="Markets">
      <outline text="Asia" title="Asia">
        <outline type="rss" text="Nikkei text" title="Nikkei Asia" xmlUrl="https://example.jp/nikkei.xml" category="/Markets/Japan,Morning read"/>
        <outline text="Deeper">
          <outline type="rss" text="SCMP" xmlUrl="https://example.hk/scmp.xml?a=1&amp;b=2"/>
        </outline>
      </outline>
      <outline type="rss" text="Bonds" xmlUrl="https://example.com/bonds.xml"/>
    </outline>
    <outline text="Tech">
      <outline type="rss" text="Nikkei again" xmlUrl="https://EXAMPLE.jp/nikkei.xml"/>
    </outline>
    <outline type="rss" text="Top level&nbsp;feed" XMLURL="https://example.com/top.xml" category="Filings, "/>
  </body>
</opml>`)
	want := []Feed{
		{URL: "https://example.jp/nikkei.xml", Title: "Nikkei Asia", Tags: []string{"Markets", "Asia", "Japan", "Morning read", "Tech"}},
		{URL: "https://example.hk/scmp.xml?a=1&b=2", Title: "SCMP", Tags: []string{"Markets", "Asia", "Deeper"}},
		{URL: "https://example.com/bonds.xml", Title: "Bonds", Tags: []string{"Markets"}},
		{URL: "https://example.com/top.xml", Title: "Top level feed", Tags: []string{"Filings"}},
	}
	if !reflect.DeepEqual(res.Feeds, want) {
		t.Errorf("feeds =\n%+v\nwant\n%+v", res.Feeds, want)
	}
}

func TestParseOPMLSkipsHostileEntries(t *testing.T) {
	res := parseOPMLString(t, `<opml version="2.0"><body>
  <outline text="ok" xmlUrl="https://example.com/ok.xml"/>
  <outline text="cmd" xmlUrl="|rm -rf ~"/>
  <outline text="exec" xmlUrl="exec:~/bin/fetch.sh"/>
  <outline text="filter" xmlUrl="filter:~/bin/f.sh:https://example.com/x"/>
  <outline text="query" xmlUrl="query:Unread:unread = &quot;yes&quot;"/>
  <outline text="js" xmlUrl="javascript:alert(document.cookie)"/>
  <outline text="data" xmlUrl="data:text/xml,&lt;rss/&gt;"/>
  <outline text="empty" xmlUrl=""/>
  <outline text="path" xmlUrl="/etc/passwd"/>
  <outline text="relative" xmlUrl="../feeds/x.xml"/>
  <outline text="escape" xmlUrl="https://example.com/&#x9b;2J"/>
  <outline text="bidi" xmlUrl="https://example.com/&#x202e;lmx.sser"/>
  <outline text="noxmlurl" type="rss"/>
  <outline text="local file" xmlUrl="file:///home/me/feed.xml"/>
  <outline text="sample" xmlUrl="builtin:sample"/>
</body></opml>`)
	var urls []string
	for _, f := range res.Feeds {
		urls = append(urls, f.URL)
	}
	wantURLs := []string{"https://example.com/ok.xml", "file:///home/me/feed.xml", BuiltinSample}
	if !reflect.DeepEqual(urls, wantURLs) {
		t.Errorf("imported %q, want %q", urls, wantURLs)
	}
	if len(res.Skipped) != 12 {
		t.Errorf("%d skipped, want 12:\n%s", len(res.Skipped), strings.Join(res.Skipped, "\n"))
	}
	all := strings.Join(res.Skipped, "\n")
	wantContains(t, all, "line 3:", "never runs commands", "runs a program", "newsboat query", "javascript:", "data:", "no URL", "local path", "control or invisible", "no xmlUrl")
	if strings.ContainsAny(all, "\u009b\u202e") {
		t.Errorf("skip reasons carry raw control characters: %q", all)
	}
}

func TestParseOPMLErrors(t *testing.T) {
	cases := []struct {
		name, doc string
		want      []string
	}{
		{"broken", "<opml version=\"2.0\">\n<body>\n<outline text=\"a\" xmlUrl=\"https://example.com/a\">\n</body>\n</opml>", []string{"line 4", "not a well-formed OPML"}},
		{"bare ampersand", "<opml><body>\n<outline xmlUrl=\"https://example.com/?a=1&b=2\"/></body></opml>", []string{"line 2"}},
		{"entity declaration", `<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY boom "https://evil.example/">]>
<opml><body><outline xmlUrl="&boom;"/></body></opml>`, []string{"line 2", "ENTITY"}},
		{"undeclared entity", `<opml><body><outline xmlUrl="&boom;"/></body></opml>`, []string{"line 1"}},
		{"a feed, not OPML", `<rss version="2.0"><channel/></rss>`, []string{"<rss>", "subscribe to its URL"}},
		{"empty", ``, []string{"no <opml> element"}},
		{"text", "just text", []string{"no <opml> element"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseOPML(strings.NewReader(tc.doc))
			if err == nil {
				t.Fatal("no error")
			}
			wantContains(t, err.Error(), tc.want...)
		})
	}
}

func TestParseOPMLDeepNesting(t *testing.T) {
	doc := "<opml><body>" + strings.Repeat("<outline text=\"f\">", 5000) + strings.Repeat("</outline>", 5000) + "</body></opml>"
	_, err := ParseOPML(strings.NewReader(doc))
	if err == nil || !strings.Contains(err.Error(), "nested") {
		t.Errorf("deep nesting: %v", err)
	}
}

func TestParseOPMLUTF16(t *testing.T) {
	doc := `<?xml version="1.0" encoding="UTF-16"?><opml><body><outline text="Ünï" xmlUrl="https://example.com/u.xml"/></body></opml>`
	var b bytes.Buffer
	b.Write([]byte{0xFF, 0xFE})
	for _, r := range doc {
		b.WriteByte(byte(r))
		b.WriteByte(byte(r >> 8))
	}
	res, err := Import(&b, "export.opml")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Feeds) != 1 || res.Feeds[0].Title != "Ünï" {
		t.Errorf("feeds = %+v", res.Feeds)
	}
}

// endless is an unbounded source of bytes.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

func TestImportSizeCap(t *testing.T) {
	for name, parse := range map[string]func(io.Reader) (ImportResult, error){
		"opml":     ParseOPML,
		"newsboat": ParseNewsboatURLs,
		"import":   func(r io.Reader) (ImportResult, error) { return Import(r, "big") },
	} {
		_, err := parse(endless{})
		if err == nil || !strings.Contains(err.Error(), "larger than 10 MiB") {
			t.Errorf("%s: %v", name, err)
		}
	}
	// Exactly at the limit is fine.
	res, err := ParseNewsboatURLs(io.LimitReader(endless{}, MaxImportSize))
	if err != nil || len(res.Feeds) != 0 {
		t.Errorf("10 MiB of blanks: %v %+v", err, res)
	}
}

func TestWriteOPMLRoundTrip(t *testing.T) {
	feeds := []Feed{
		{URL: BuiltinSample, Title: "Brief sample briefings", Tags: []string{"sample"}},
		{URL: "https://example.com/feed?a=1&b=2", Title: `Quotes "and" <angles> & ampersands`, Tags: []string{"Asia markets", "tech"}},
		{URL: "https://example.com/untitled.xml"},
		{URL: "file:///srv/feeds/local.xml", Title: "Tab\tand ünïcödé 株式"},
	}
	var b bytes.Buffer
	if err := WriteOPML(&b, feeds, ""); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	wantContains(t, out, `<?xml version="1.0" encoding="UTF-8"?>`, `<opml version="2.0" xmlns:brief="urn:brief:opml">`, `<title>brief subscriptions</title>`, `type="rss"`, `category="Asia markets,tech"`)

	res, err := Import(strings.NewReader(out), "exported.opml")
	if err != nil {
		t.Fatal(err)
	}
	want := append([]Feed(nil), feeds...)
	want[3].Title = "Tab and ünïcödé 株式" // imported titles are single-line
	if !reflect.DeepEqual(res.Feeds, want) {
		t.Errorf("round trip:\n%+v\nwant\n%+v\n%s", res.Feeds, want, out)
	}
	if len(res.Skipped) != 0 {
		t.Errorf("skipped: %q", res.Skipped)
	}
}

func TestWriteOPMLLocalPathsAndCommas(t *testing.T) {
	var b bytes.Buffer
	feeds := []Feed{{URL: "/srv/feeds/local.xml", Tags: []string{"a,b"}}}
	if err := WriteOPML(&b, feeds, "Mine"); err != nil {
		t.Fatal(err)
	}
	res, err := ParseOPML(&b)
	if err != nil {
		t.Fatal(err)
	}
	// The tag comes back whole: other readers see "a;b" in the category.
	want := []Feed{{URL: "file:///srv/feeds/local.xml", Tags: []string{"a,b"}}}
	if !reflect.DeepEqual(res.Feeds, want) {
		t.Errorf("got %+v, want %+v", res.Feeds, want)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteOPMLError(t *testing.T) {
	if err := WriteOPML(failWriter{}, DefaultFeeds(), "x"); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("write error: %v", err)
	}
}

// An OPML file in another charset than UTF-8 imports with its titles and
// folder names as they read, whether the charset is declared, marked or
// neither: the charset is chosen as a feed's is.
func TestImportOPMLCharsets(t *testing.T) {
	doc := func(decl string) string {
		return decl + `<opml version="1.0"><body><outline text="Märkte €"><outline text="“Börse” Frankfurt" xmlUrl="https://example.de/b.rss"/></outline></body></opml>`
	}
	latin := doc(`<?xml version="1.0" encoding="ISO-8859-1"?>`)
	latin = strings.NewReplacer("“", "", "”", "", " €", "").Replace(latin)
	utf16le := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	utf16be := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	cases := []struct {
		name       string
		body       []byte
		title, tag string
	}{
		{"windows-1252 declared", encodeAs(t, charmap.Windows1252, doc(`<?xml version="1.0" encoding="windows-1252"?>`)), "“Börse” Frankfurt", "Märkte €"},
		{"ISO-8859-1 declared", encodeAs(t, charmap.ISO8859_1, latin), "Börse Frankfurt", "Märkte"},
		{"windows-1252 undeclared", encodeAs(t, charmap.Windows1252, doc("")), "“Börse” Frankfurt", "Märkte €"},
		{"windows-1252 declared as UTF-8", encodeAs(t, charmap.Windows1252, doc(`<?xml version="1.0" encoding="UTF-8"?>`)), "“Börse” Frankfurt", "Märkte €"},
		{"UTF-16 BE with a mark", append([]byte{0xfe, 0xff}, encodeAs(t, utf16be, doc(`<?xml version="1.0" encoding="UTF-16"?>`))...), "“Börse” Frankfurt", "Märkte €"},
		{"UTF-16 LE without a mark", encodeAs(t, utf16le, doc(`<?xml version="1.0" encoding="UTF-16"?>`)), "“Börse” Frankfurt", "Märkte €"},
		{"UTF-32 LE with a mark", append([]byte{0xff, 0xfe, 0, 0}, encodeAs(t, utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM), doc(""))...), "“Börse” Frankfurt", "Märkte €"},
		{"Shift_JIS declared", encodeAs(t, japanese.ShiftJIS, strings.NewReplacer("Märkte €", "市場", "“Börse” Frankfurt", "日経平均株価").Replace(doc(`<?xml version="1.0" encoding="Shift_JIS"?>`))), "日経平均株価", "市場"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := Import(bytes.NewReader(c.body), "export.opml")
			if err != nil {
				t.Fatal(err)
			}
			want := []Feed{{URL: "https://example.de/b.rss", Title: c.title, Tags: []string{c.tag}}}
			if !reflect.DeepEqual(res.Feeds, want) {
				t.Errorf("feeds = %+v, want %+v", res.Feeds, want)
			}
		})
	}
}

func encodeAs(t *testing.T, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encoding the fixture: %v", err)
	}
	return b
}
