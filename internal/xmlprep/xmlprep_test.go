package xmlprep

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// Finance headlines in each script the guesser has to recognise.
const (
	zhHansTitle = "上证指数收盘上涨"
	zhHansDesc  = "银行股领涨，市场成交额明显放大，投资者对经济前景的信心有所恢复。"
	zhHantTitle = "台灣股市今日收盤上漲"
	zhHantDesc  = "電子類股表現強勁，外資持續買超，市場成交量明顯放大。"
	jaTitle     = "日経平均株価は続伸"
	jaDesc      = "東京株式市場では円安を背景に輸出関連株が買われ、日経平均株価は続伸した。"
	koTitle     = "코스피 상승 마감"
	koDesc      = "코스피 지수가 외국인 매수에 힘입어 상승 마감했다. 원달러 환율은 하락했다."
	westTitle   = "The Fed’s “higher for longer” stance"
	westDesc    = "Analysts say — once again — that café owners face €1.2bn in costs… ½ of them."
	ruTitle     = "Рынок акций вырос"
)

// rssDoc is a minimal RSS 2.0 document; decl is the XML declaration or "".
func rssDoc(decl, title, desc string) string {
	return decl + `<rss version="2.0"><channel><title>` + title +
		`</title><link>https://example.com/</link><description>d</description>` +
		`<item><title>` + title + `</title><description>` + desc +
		`</description></item></channel></rss>`
}

func encode(t testing.TB, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encoding fixture: %v", err)
	}
	return b
}

func parse(t testing.TB, doc []byte) *gofeed.Feed {
	t.Helper()
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(doc))
	if err != nil {
		t.Fatalf("gofeed cannot parse prepared feed: %v\n%.300q", err, doc)
	}
	return feed
}

func mustPrepare(t testing.TB, body []byte, contentType string) []byte {
	t.Helper()
	out, err := Prepare(body, contentType)
	if err != nil {
		t.Fatalf("Prepare: %v", err)
	}
	return out
}

// checkFeed asserts that out is exactly want and that gofeed reads the
// expected title and item description from it.
func checkFeed(t *testing.T, out []byte, want, title, desc string) {
	t.Helper()
	if string(out) != want {
		t.Fatalf("output\n got %.400q\nwant %.400q", out, want)
	}
	feed := parse(t, out)
	if feed.Title != title {
		t.Errorf("feed title = %q, want %q", feed.Title, title)
	}
	if len(feed.Items) != 1 || feed.Items[0].Description != desc {
		t.Errorf("items = %d, description = %q, want %q", len(feed.Items), firstDesc(feed), desc)
	}
}

func firstDesc(f *gofeed.Feed) string {
	if len(f.Items) == 0 {
		return ""
	}
	return f.Items[0].Description
}

func sameSlice(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

func TestUTF8Repairs(t *testing.T) {
	t.Run("valid utf-8 is returned as is", func(t *testing.T) {
		body := []byte(rssDoc(`<?xml version="1.0" encoding="utf-8"?>`, "Börse 股市", "x"))
		if out := mustPrepare(t, body, "text/xml; charset=iso-8859-1"); !sameSlice(out, body) {
			t.Error("clean UTF-8 input was copied or changed")
		}
	})
	t.Run("invalid bytes after a bom become U+FFFD", func(t *testing.T) {
		body := "\xef\xbb\xbf" + rssDoc("", "Espa\xf1a \xff", "x")
		want := rssDoc("", "Espa\uFFFDa \uFFFD", "x")
		checkFeed(t, mustPrepare(t, []byte(body), ""), want, "Espa\uFFFDa \uFFFD", "x")
	})
	t.Run("stray bytes in mostly utf-8 become U+FFFD", func(t *testing.T) {
		title := "Zürich, Genève, Köln, Malmö, São Paulo"
		body := rssDoc("", title+" \x92", "x")
		want := rssDoc("", title+" \uFFFD", "x")
		checkFeed(t, mustPrepare(t, []byte(body), ""), want, title+" \uFFFD", "x")
	})
}

func TestDeclarationRewrite(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"double quotes", `<?xml version="1.0" encoding="gbk"?><a/>`, `<?xml version="1.0" encoding="UTF-8"?><a/>`},
		{"single quotes", `<?xml version='1.0' encoding='us-ascii' standalone='yes'?><a/>`, `<?xml version='1.0' encoding='UTF-8' standalone='yes'?><a/>`},
		{"xml 1.1", `<?xml version="1.1" encoding="utf-8"?><a/>`, `<?xml version="1.0" encoding="utf-8"?><a/>`},
		{"both, encoding first", `<?xml encoding="latin1" version="1.1"?><a/>`, `<?xml encoding="UTF-8" version="1.0"?><a/>`},
		// encoding/xml acts on a declaration anywhere in the document.
		{"second declaration", `<a><?xml version="1.0" encoding="utf-16"?></a>`, `<a><?xml version="1.0" encoding="UTF-8"?></a>`},
		{"other processing instruction", `<?xml-stylesheet encoding="x" href="a.xsl"?><a/>`, `<?xml-stylesheet encoding="x" href="a.xsl"?><a/>`},
		{"unterminated", `<?xml version="1.0" encoding="gbk"`, `<?xml version="1.0" encoding="UTF-8"`},
		// encoding/xml finds a pseudo-attribute inside another's value.
		{"nested values", `<?xml version="encoding='gbk' 1.1"?><a/>`, `<a/>`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if out := mustPrepare(t, []byte(c.in), ""); string(out) != c.want {
				t.Errorf("got  %s\nwant %s", out, c.want)
			}
		})
	}
	body := []byte(`<?xml version="1.0" encoding="UTF-8"?><a/>`)
	if out := mustPrepare(t, body, ""); !sameSlice(out, body) {
		t.Error("a UTF-8 declaration was rewritten")
	}
	// Without the rewrite gofeed decodes the UTF-8 output a second time.
	raw := encode(t, simplifiedchinese.GBK, rssDoc(`<?xml version="1.0" encoding="gb2312"?>`, zhHansTitle, "x"))
	if feed := parse(t, mustPrepare(t, raw, "")); feed.Title != zhHansTitle {
		t.Errorf("title = %q, want %q", feed.Title, zhHansTitle)
	}
}

func TestForbiddenCharacterReferences(t *testing.T) {
	cases := []struct{ in, want string }{
		{"a&#27;b", "ab"},
		{"a&#x1B;b&#x1b;c", "abc"},
		{"&#0;&#x0;&#1;&#31;&#x1F;", ""},
		{"&#xFFFE;&#xFFFF;&#65534;", ""},
		{"&#xD800;&#xDBFF;&#xDC00;&#xDFFF;&#55296;", ""},
		{"&#x110000;&#1114112;&#99999999999999999999999;", ""},
		{"&#;&#x;", ""},
		// Allowed code points, including the edges of every range.
		{"&#9;&#xA;&#13;&#x20;&#65;&#x41;&#xD7FF;&#xE000;&#xFFFD;&#x10000;&#x10FFFF;", "&#9;&#xA;&#13;&#x20;&#65;&#x41;&#xD7FF;&#xE000;&#xFFFD;&#x10000;&#x10FFFF;"},
		{"&#0000065;", "&#0000065;"},
		// Not references at all: an escaped ampersand, no semicolon, an
		// uppercase X, which encoding/xml does not accept.
		{"&amp;#27; &#27 &#X1B; &amp;#x0;", "&amp;#27; &#27 &#X1B; &amp;#x0;"},
		// References are text inside CDATA and comments.
		{"<![CDATA[&#27;]]><!-- &#0; -->", "<![CDATA[&#27;]]><!-- &#0; -->"},
		{`<b t="x&#27;y" u='&#x0;'/>`, `<b t="xy" u=''/>`},
		// Removing a reference must not splice a new one together.
		{"&#&#27;27;", "&# 27;"},
		{"&#x&#0;1B;", "&#x 1B;"},
		{"&#1&#0;2;", "&#1 2;"},
		{"&&#0;#27;", "& #27;"},
		{"<&#27;b/>", "< b/>"},
	}
	for _, c := range cases {
		in, want := "<a>"+c.in+"</a>", "<a>"+c.want+"</a>"
		if out := mustPrepare(t, []byte(in), ""); string(out) != want {
			t.Errorf("Prepare(%q)\n got %q\nwant %q", in, out, want)
		}
	}

	doc := rssDoc("", "Dow &#27;up&#x0;", `A &#xFFFE;<![CDATA[<p>&#27;</p>]]>`)
	if _, err := gofeed.NewParser().Parse(strings.NewReader(doc)); err == nil {
		t.Fatal("fixture parses without Prepare; the test proves nothing")
	}
	feed := parse(t, mustPrepare(t, []byte(doc), ""))
	if feed.Title != "Dow up" || firstDesc(feed) != "A <p>&#27;</p>" {
		t.Errorf("title %q, description %q", feed.Title, firstDesc(feed))
	}
}

func TestForbiddenRawCharacters(t *testing.T) {
	cases := []struct{ in, want string }{
		{"a\x00b\x01c\x08d\x0be\x0cf\x1bg\x1fh", "abcdefgh"},
		{"tab\tlf\ncr\r", "tab\tlf\ncr\r"},
		{"x\uFFFEy\uFFFFz", "xyz"},
		// Other characters encoded with a leading 0xEF byte stay.
		{"\uFFFD\uFF02\uFEFF\uE000", "\uFFFD\uFF02\uFEFF\uE000"},
		{"<![CDATA[\x1b[31m]]><!--\x07-->", "<![CDATA[[31m]]><!---->"},
		{"<b t='\x1b'\x01/>", "<b t=''/>"},
		{"<?pi \x02?>", "<?pi ?>"},
		// Raw characters go before the structure is read, so what their
		// removal splices together is read as encoding/xml will read it:
		// here the comment now ends early and the reference is text.
		{"<!-- -\x01-> &#0; -->", "<!-- -->  -->"},
	}
	for _, c := range cases {
		in, want := "<a>"+c.in+"</a>", "<a>"+c.want+"</a>"
		if out := mustPrepare(t, []byte(in), ""); string(out) != want {
			t.Errorf("Prepare(%q)\n got %q\nwant %q", in, out, want)
		}
	}

	doc := rssDoc("", "Nasdaq\x1b[2J closes\x00 higher\uFFFF", "ok\x0b\uFFFE")
	if _, err := gofeed.NewParser().Parse(strings.NewReader(doc)); err == nil {
		t.Fatal("fixture parses without Prepare; the test proves nothing")
	}
	feed := parse(t, mustPrepare(t, []byte(doc), ""))
	if feed.Title != "Nasdaq[2J closes higher" || firstDesc(feed) != "ok" {
		t.Errorf("title %q, description %q", feed.Title, firstDesc(feed))
	}
}

func nested(n int, open, close string) []byte {
	var b bytes.Buffer
	b.Grow(n * (len(open) + len(close)))
	for i := 0; i < n; i++ {
		b.WriteString(open)
	}
	for i := 0; i < n; i++ {
		b.WriteString(close)
	}
	return b.Bytes()
}

func TestDepth(t *testing.T) {
	if _, err := Prepare(nested(MaxDepth, "<a>", "</a>"), ""); err != nil {
		t.Errorf("MaxDepth levels: %v", err)
	}
	_, err := Prepare(nested(MaxDepth+1, "<a>", "</a>"), "")
	if !errors.Is(err, ErrTooDeep) {
		t.Fatalf("MaxDepth+1 levels: err = %v, want ErrTooDeep", err)
	}
	if !strings.Contains(err.Error(), "feed nests elements deeper than 512 levels") {
		t.Errorf("error %q does not say what is wrong", err)
	}
	_, err = Prepare([]byte("<a>\n<b>\n"+strings.Repeat("<c>", MaxDepth)), "")
	if err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("error %v does not point at line 3", err)
	}

	tooDeep := []struct{ name, open, close string }{
		// "/>" inside a quoted value does not close the element.
		{"quoted slash", `<a t="/>">`, `</a>`},
		{"attributes and spaces", "<x:a\n  b='1' c=\"2\" >", "</x:a >"},
		// Markup encoding/xml reads as elements even though XML does not.
		{"odd names", "<1a>", "</1a>"},
		{"non-ascii names", "<наз>", "</наз>"},
		// An unterminated attribute value cannot hide the elements after
		// it: encoding/xml rejects '<' in values, so they are counted.
		{"runaway quote", `<a t="`, ``},
		// Removing a control character must not reveal uncounted tags.
		{"control in tag", "<\x01a>", "</\x01a>"},
	}
	for _, c := range tooDeep {
		t.Run(c.name, func(t *testing.T) {
			if _, err := Prepare(nested(MaxDepth+1, c.open, c.close), ""); !errors.Is(err, ErrTooDeep) {
				t.Errorf("err = %v, want ErrTooDeep", err)
			}
		})
	}

	// None of these open elements, however many there are.
	n := 4 * MaxDepth
	notElements := map[string]string{
		"self-closing":    strings.Repeat("<a/><b x='1' />", n),
		"quoted >":        strings.Repeat(`<a t='>' />`, n),
		"siblings":        strings.Repeat("<a></a>", n),
		"comments":        strings.Repeat("<!-- <a> -- <b> -->", n),
		"cdata":           "<![CDATA[" + strings.Repeat("<a>", n) + "]]>",
		"processing":      strings.Repeat("<?pi <a> ?>", n),
		"doctype":         `<!DOCTYPE rss SYSTEM "` + strings.Repeat("<a>", n) + `">`,
		"doctype comment": "<!DOCTYPE rss <!-- " + strings.Repeat("<a>", n) + " -->>",
		"lone less-than":  strings.Repeat("1 < 2 ", n),
		// The removed reference leaves "< a>", which encoding/xml rejects.
		"reference after <":  strings.Repeat("<&#27;a>", n),
		"unterminated cdata": "<![CDATA[" + strings.Repeat("<a>", n),
	}
	for name, body := range notElements {
		t.Run(name, func(t *testing.T) {
			if _, err := Prepare([]byte("<r>"+body+"</r>"), ""); err != nil {
				t.Error(err)
			}
		})
	}
}

// Two million nested elements (about 6 MB) must be refused quickly, and flat
// documents of that size must pass quickly: the scan is linear, whatever the
// shape.
func TestDepthLargeInputs(t *testing.T) {
	const n = 2_000_000
	cases := []struct {
		name    string
		body    []byte
		tooDeep bool
	}{
		{"nested", bytes.Repeat([]byte("<a>"), n), true},
		{"nested and closed", nested(n, "<a>", "</a>"), true},
		{"self-closing", bytes.Repeat([]byte("<a/>"), n), false},
		{"siblings", append(append([]byte("<r>"), bytes.Repeat([]byte("<a></a>"), n)...), "</r>"...), false},
		{"in cdata", append([]byte("<r><![CDATA["), bytes.Repeat([]byte("<a>"), n)...), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			_, err := Prepare(c.body, "")
			elapsed := time.Since(start)
			if got := errors.Is(err, ErrTooDeep); got != c.tooDeep {
				t.Errorf("err = %v, want too deep = %v", err, c.tooDeep)
			}
			if elapsed > raceSlowdown*time.Second {
				t.Errorf("took %v for %d bytes", elapsed, len(c.body))
			}
			t.Logf("%d bytes in %v", len(c.body), elapsed)
		})
	}
}

func TestDoctype(t *testing.T) {
	const laughs = `<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!-- a comment with ]> and a quote ' -->
 <!ENTITY gt2 "a > b">
]>
`
	body := laughs + rssDoc("", "Laughs &lol9;", "x")
	out := mustPrepare(t, []byte(body), "")
	want := "<?xml version=\"1.0\"?>\n\n" + rssDoc("", "Laughs &lol9;", "x")
	if string(out) != want {
		t.Fatalf("got\n%s\nwant\n%s", out, want)
	}
	start := time.Now()
	feed := parse(t, out)
	if feed.Title != "Laughs &lol9;" {
		t.Errorf("title = %q; the entity must stay unexpanded text", feed.Title)
	}
	if elapsed := time.Since(start); elapsed > raceSlowdown*time.Second {
		t.Errorf("parsing took %v", elapsed)
	}

	// A DOCTYPE without an internal subset declares nothing; it stays.
	rss091 := []byte(`<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">` +
		rssDoc("", "t", "d"))
	if out := mustPrepare(t, rss091, ""); !sameSlice(out, rss091) {
		t.Errorf("external DOCTYPE changed: %s", out)
	}
}

func TestJSONFeed(t *testing.T) {
	const doc = `{"version":"https://jsonfeed.org/version/1.1","title":"Märkte &#27; \u001b","items":[{"id":"1","content_text":"<a>"}]}`
	for _, c := range []struct {
		name string
		raw  []byte
	}{
		{"plain", []byte("\n " + doc)},
		{"utf-8 bom", append([]byte("\xef\xbb\xbf"), doc...)},
		{"utf-16 bom", append([]byte("\xff\xfe"), encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), doc)...)},
		{"utf-16 without bom", encode(t, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), doc)},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := mustPrepare(t, c.raw, "application/feed+json; charset=iso-8859-1")
			if got := strings.TrimSpace(string(out)); got != doc {
				t.Fatalf("got %q, want the document only decoded", out)
			}
			if feed := parse(t, out); feed.Title != "Märkte &#27; \x1b" {
				t.Errorf("title = %q", feed.Title)
			}
		})
	}
}

// typicalFeed builds an RSS document of about size bytes with nothing to fix.
func typicalFeed(size int) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>` + "\n")
	b.WriteString("<title>Markets</title><link>https://example.com/</link><description>News</description>\n")
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, `<item><title>Stocks edge higher as investors weigh rate outlook (%d)</title>
<link>https://example.com/markets/%d?utm_source=rss&amp;utm_medium=feed</link>
<guid isPermaLink="false">urn:uuid:%08x-1c2d-4e5f-8a9b-0c1d2e3f4a5b</guid>
<pubDate>Tue, 04 Mar 2025 14:%02d:00 +0000</pubDate>
<description>Equities rose on Tuesday &#8212; the Dax gained 0.8%% and the Nikkei 1.2%% &amp; bond yields eased — “a relief rally”, analysts said.</description>
<content:encoded><![CDATA[<p>Equities rose on <b>Tuesday</b>. Zürich &amp; São Paulo followed; 東京 markets were closed.</p>]]></content:encoded>
</item>
`, i, i, i, i%60)
	}
	b.WriteString("</channel></rss>\n")
	return b.Bytes()
}

func TestCleanInputIsNotCopied(t *testing.T) {
	body := typicalFeed(100 << 10)
	out := mustPrepare(t, body, "application/rss+xml; charset=utf-8")
	if !sameSlice(out, body) {
		t.Fatal("a feed with nothing to fix was copied")
	}
	allocs := testing.AllocsPerRun(20, func() {
		if _, err := Prepare(body, "application/rss+xml; charset=utf-8"); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 0 {
		t.Errorf("Prepare allocated %v times on a clean feed", allocs)
	}
	if feed := parse(t, out); len(feed.Items) < 100 {
		t.Errorf("only %d items", len(feed.Items))
	}
}

func BenchmarkPrepare(b *testing.B) {
	clean := typicalFeed(1 << 20)
	dirty := bytes.ReplaceAll(clean, []byte("Tuesday &#8212;"), []byte("Tuesday &#27;"))
	controls := bytes.ReplaceAll(clean, []byte("Tuesday &#8212;"), []byte("Tuesday \x1b"))
	gb := encode(b, simplifiedchinese.GB18030, strings.ReplaceAll(
		strings.ReplaceAll(string(clean), "Stocks edge higher as investors weigh rate outlook", zhHansTitle),
		`encoding="UTF-8"`, `encoding="gb18030"`))
	undeclared := bytes.Replace(gb, []byte(` encoding="gb18030"`), nil, 1)
	for _, c := range []struct {
		name string
		body []byte
	}{
		{"clean", clean},
		{"clean-100KB", typicalFeed(100 << 10)},
		{"references", dirty},
		{"controls", controls},
		{"gb18030", gb},
		{"gb18030-undeclared", undeclared},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.body)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Prepare(c.body, ""); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func FuzzPrepare(f *testing.F) {
	f.Add([]byte(rssDoc(`<?xml version="1.0" encoding="utf-8"?>`, "t &#27; &amp;#0;", "<![CDATA[&#0;]]>")), "")
	f.Add(append([]byte("\xff\xfe"), encode(f, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), rssDoc("", "Börse", "x"))...), "")
	f.Add(encode(f, simplifiedchinese.GBK, rssDoc("", zhHansTitle, zhHansDesc)), "text/xml")
	f.Add([]byte(`<?xml version="1.1" encoding="koi8-r"?><a>`+"\xc1\xc2\x01"+`</a>`), "text/xml; charset=big5")
	f.Add([]byte("<!DOCTYPE a [<!ENTITY x '<a>'>]><a t='&#x0;'>&#&#27;27;<\x01b/></a>"), "")
	f.Add(nested(MaxDepth+1, "<a>", "</a>"), "")
	f.Add([]byte(`{"title":"\u001b"}`), "application/json")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		out, err := Prepare(body, contentType)
		if err != nil {
			if !errors.Is(err, ErrTooDeep) {
				t.Fatalf("unexpected error: %v", err)
			}
			return
		}
		if isJSON(out) {
			return
		}
		if !utf8.Valid(out) {
			t.Fatalf("output is not UTF-8: %q", out)
		}
		// encoding/xml, set up as gofeed sets it up, must not meet a
		// character it rejects or a charset it would decode again.
		dec := xml.NewDecoder(bytes.NewReader(out))
		dec.Strict = false
		depth := 0
		for {
			tok, err := dec.Token()
			if err != nil {
				msg := err.Error()
				for _, bad := range []string{"illegal character code", "invalid UTF-8", "CharsetReader", "unsupported version"} {
					if strings.Contains(msg, bad) {
						t.Fatalf("encoding/xml: %v\ninput  %q\noutput %q", err, body, out)
					}
				}
				break
			}
			switch tok.(type) {
			case xml.StartElement:
				if depth++; depth > MaxDepth {
					t.Fatalf("encoding/xml reached depth %d\ninput %q", depth, body)
				}
			case xml.EndElement:
				depth--
			}
		}
		// Prepared output is stable.
		again, err := Prepare(out, "")
		if err != nil || !bytes.Equal(again, out) {
			t.Fatalf("second Prepare changed the output (%v)\nfirst  %q\nsecond %q", err, out, again)
		}
	})
}
