package xmlprep

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
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

func TestByteOrderMarks(t *testing.T) {
	const title, desc = "Börse – 股市 📈", "Dax & Nikkei"
	body := rssDoc(`<?xml version="1.0" encoding="ENC"?>`, title, "Dax &amp; Nikkei")
	want := strings.Replace(body, "ENC", "UTF-8", 1)
	cases := []struct {
		label, mark string
		enc         encoding.Encoding
	}{
		{"UTF-8", "\xef\xbb\xbf", encoding.Nop},
		{"utf-16", "\xff\xfe", unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)},
		{"utf-16", "\xfe\xff", unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)},
		{"utf-32", "\xff\xfe\x00\x00", utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM)},
		{"utf-32", "\x00\x00\xfe\xff", utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM)},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%x", c.mark), func(t *testing.T) {
			raw := append([]byte(c.mark), encode(t, c.enc, strings.Replace(body, "ENC", c.label, 1))...)
			// An HTTP charset must not override the mark.
			checkFeed(t, mustPrepare(t, raw, "application/rss+xml; charset=iso-8859-1"), want, title, desc)
		})
	}
}

func TestWideWithoutBOM(t *testing.T) {
	const title = "Währung ¥€"
	for _, c := range []struct {
		name string
		enc  encoding.Encoding
	}{
		{"utf-16le", unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)},
		{"utf-16be", unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)},
		{"utf-32le", utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM)},
		{"utf-32be", utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM)},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, decl := range []string{`<?xml version="1.0" encoding="utf-16"?>`, "\n"} {
				body := rssDoc(decl, title, "x")
				d, err := decode(encode(t, c.enc, body), "")
				if err != nil || d.charset != c.name {
					t.Fatalf("decoded as %q (%v), want %s", d.charset, err, c.name)
				}
				want := strings.Replace(body, "utf-16", "UTF-8", 1)
				checkFeed(t, mustPrepare(t, encode(t, c.enc, body), ""), want, title, "x")
			}
		})
	}
}

func TestDeclaredCharsets(t *testing.T) {
	cases := []struct {
		label       string
		enc         encoding.Encoding
		title, desc string
	}{
		{"gb2312", simplifiedchinese.GBK, zhHansTitle, zhHansDesc},
		{"GB18030", simplifiedchinese.GB18030, zhHansTitle, zhHansDesc},
		{"big5", traditionalchinese.Big5, zhHantTitle, zhHantDesc},
		{"Shift_JIS", japanese.ShiftJIS, jaTitle, jaDesc},
		{"euc-jp", japanese.EUCJP, jaTitle, jaDesc},
		{"euc-kr", korean.EUCKR, koTitle, koDesc},
		{"koi8-r", charmap.KOI8R, ruTitle, ruTitle},
		// Browsers read iso-8859-1 as windows-1252, which is what
		// publishers who write curly quotes mean by it.
		{"iso-8859-1", charmap.Windows1252, westTitle, westDesc},
	}
	for _, c := range cases {
		t.Run(c.label, func(t *testing.T) {
			body := rssDoc(`<?xml version="1.0" encoding="`+c.label+`"?>`, c.title, c.desc)
			want := strings.Replace(body, c.label, "UTF-8", 1)
			checkFeed(t, mustPrepare(t, encode(t, c.enc, body), ""), want, c.title, c.desc)
		})
	}
}

func TestCharsetPrecedence(t *testing.T) {
	sjis := encode(t, japanese.ShiftJIS, rssDoc(`<?xml version="1.0" encoding="shift_jis"?>`, jaTitle, jaDesc))
	cp1252 := encode(t, charmap.Windows1252, rssDoc(`<?xml version="1.0" encoding="utf-8"?>`, westTitle, westDesc))
	plain1252 := encode(t, charmap.Windows1252, rssDoc("", westTitle, westDesc))
	plainKOI8 := encode(t, charmap.KOI8R, rssDoc("", ruTitle, ruTitle))
	bomUTF8 := append([]byte("\xef\xbb\xbf"), rssDoc(`<?xml version="1.0" encoding="windows-1252"?>`, "Börse", "x")...)
	cases := []struct {
		name, contentType string
		body              []byte
		charset, source   string
	}{
		{"bom beats declaration", "text/xml; charset=gb2312", bomUTF8, "utf-8", "bom"},
		{"declaration beats http", "text/xml; charset=gb2312", sjis, "shift_jis", "declaration"},
		{"http when undeclared", "application/rss+xml; charset=koi8-r", plainKOI8, "koi8-r", "http"},
		{"quoted http charset", `text/xml;charset= "koi8-r"`, plainKOI8, "koi8-r", "http"},
		{"single-quoted http charset", `text/xml; CHARSET = 'koi8-r'`, plainKOI8, "koi8-r", "http"},
		{"declared utf-8 that is not utf-8 falls to http", "text/xml; charset=windows-1252", cp1252, "windows-1252", "http"},
		{"declared utf-8 that is not utf-8 falls to guess", "", cp1252, "windows-1252", "guess"},
		{"unknown http charset falls to guess", "text/xml; charset=bogus", plain1252, "windows-1252", "guess"},
		{"utf-16 label on 8-bit bytes is ignored", "text/xml; charset=utf-16", []byte(rssDoc("", "Börse", "x")), "utf-8", "guess"},
		{"latin-1 header on utf-8 is ignored", "text/xml; charset=ISO-8859-1", []byte(rssDoc("", "Börse", "x")), "utf-8", "guess"},
		{"latin-1 declaration on utf-8 is ignored", "", []byte(rssDoc(`<?xml version="1.0" encoding="iso-8859-1"?>`, "Börse", "x")), "utf-8", "guess"},
		// Seven-bit charsets are valid UTF-8 too, but only as plain ASCII.
		{"ascii-only bytes keep their label", "", encode(t, japanese.ISO2022JP, rssDoc(`<?xml version="1.0" encoding="iso-2022-jp"?>`, jaTitle, "x")), "iso-2022-jp", "declaration"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := decode(c.body, c.contentType)
			if err != nil {
				t.Fatal(err)
			}
			if d.charset != c.charset || d.source != c.source {
				t.Errorf("decoded as %s from %s, want %s from %s", d.charset, d.source, c.charset, c.source)
			}
			parse(t, mustPrepare(t, c.body, c.contentType))
		})
	}
	// The precedence must matter for the text, not just the label.
	feed := parse(t, mustPrepare(t, cp1252, "text/xml; charset=windows-1252"))
	if feed.Title != westTitle {
		t.Errorf("title = %q, want %q", feed.Title, westTitle)
	}
}

func TestUndeclaredLegacyCharsets(t *testing.T) {
	cases := []struct {
		name        string
		enc         encoding.Encoding
		want        string
		title, desc string
	}{
		{"gb2312", simplifiedchinese.GBK, "gb18030", zhHansTitle, zhHansDesc},
		{"big5", traditionalchinese.Big5, "big5", zhHantTitle, zhHantDesc},
		{"shift_jis", japanese.ShiftJIS, "shift_jis", jaTitle, jaDesc},
		{"euc-jp", japanese.EUCJP, "euc-jp", jaTitle, jaDesc},
		{"euc-kr", korean.EUCKR, "euc-kr", koTitle, koDesc},
		{"windows-1252", charmap.Windows1252, "windows-1252", westTitle, westDesc},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body := rssDoc(`<?xml version="1.0"?>`, c.title, c.desc)
			raw := encode(t, c.enc, body)
			if utf8.Valid(raw) {
				t.Fatal("fixture is valid UTF-8; the guesser would not be exercised")
			}
			d, err := decode(raw, "")
			if err != nil || d.charset != c.want || d.source != "guess" {
				t.Fatalf("guessed %s from %s (%v), want %s", d.charset, d.source, err, c.want)
			}
			checkFeed(t, mustPrepare(t, raw, ""), body, c.title, c.desc)
		})
	}
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

// corpusDir is the feedparser test corpus, shared read-only with CI.
const corpusDir = "../../../shared/corpus/feedparser"

// corpusExceptions lists checks from the corpus that Prepare deliberately
// does not meet; feedparser's expectations encode its own policies.
var corpusExceptions = map[string]string{
	"encoding/http_application_atom_xml_gb2312_charset_overrides_encoding.xml/encoding": "the XML declaration outranks the HTTP charset",
	"encoding/http_text_atom_xml_default.xml/encoding":                                  "RFC 3023's us-ascii default for text/* is obsolete (RFC 7303); no label means UTF-8",
	"encoding/demoronize-1.xml/value":                                                   "C1 controls are legal XML and are not reinterpreted as windows-1252",
	"encoding/demoronize-3.xml/value":                                                   "&amp;#146; is an escaped ampersand, not a reference, and stays text",
	"encoding/double-encoded-html.xml/value":                                            "double-encoded UTF-8 is left as the publisher wrote it",
	"illformed/chardet/koi8r.xml/encoding":                                              "only CJK charsets are guessed; other undeclared text reads as windows-1252",
	"illformed/chardet/tis620.xml/encoding":                                             "only CJK charsets are guessed; other undeclared text reads as windows-1252",
	"illformed/chardet/windows1255.xml/encoding":                                        "only CJK charsets are guessed; other undeclared text reads as windows-1252",
}

type corpusMeta struct{ description, expect, contentType string }

func readCorpusMeta(doc []byte) corpusMeta {
	var m corpusMeta
	for _, line := range strings.Split(string(doc), "\n") {
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		value = strings.TrimSpace(value)
		switch strings.TrimSpace(key) {
		case "Description":
			m.description = value
		case "Expect":
			m.expect = value
		case "Header":
			if k, v, ok := strings.Cut(value, ":"); ok && strings.EqualFold(strings.TrimSpace(k), "content-type") {
				m.contentType = strings.TrimSpace(v)
			}
		}
	}
	return m
}

// pythonString decodes a single-quoted Python literal from an Expect line.
func pythonString(s string) (string, bool) {
	if len(s) < 2 || s[0] != '\'' || s[len(s)-1] != '\'' {
		return "", false
	}
	s = s[1 : len(s)-1]
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		width := map[byte]int{'x': 2, 'u': 4}[s[i]]
		if width == 0 {
			b.WriteByte(s[i])
			continue
		}
		r, err := strconv.ParseUint(s[i+1:i+1+width], 16, 32)
		if err != nil {
			return "", false
		}
		b.WriteRune(rune(r))
		i += width
	}
	return b.String(), true
}

// charsetName brings a corpus charset name to the names decode reports.
func charsetName(label string) string {
	label = strings.ToLower(label)
	if strings.HasPrefix(label, "utf-16") || strings.HasPrefix(label, "utf-32") {
		return label
	}
	if name, _, ok := lookup(label); ok {
		return name
	}
	return label
}

func TestFeedparserCorpus(t *testing.T) {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("feedparser corpus not found at %s: %v", corpusDir, err)
	}
	var files []string
	for _, pattern := range []string{"encoding/*.xml", "illformed/chardet/*.xml"} {
		m, err := filepath.Glob(filepath.Join(corpusDir, pattern))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 40 {
		t.Fatalf("only %d corpus files found", len(files))
	}
	for _, path := range files {
		rel, _ := filepath.Rel(corpusDir, path)
		rel = filepath.ToSlash(rel)
		t.Run(rel, func(t *testing.T) {
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			// The metadata comment is ASCII; a first decode without the
			// header is enough to read it, even from UTF-32.
			probe, err := decode(raw, "")
			if err != nil {
				t.Fatal(err)
			}
			meta := readCorpusMeta(probe.text)
			if meta.expect == "" {
				t.Fatal("no Expect line")
			}
			except := func(check string) bool {
				if why, ok := corpusExceptions[rel+"/"+check]; ok {
					t.Logf("%s check skipped: %s", check, why)
					return true
				}
				return false
			}

			out, err := Prepare(raw, meta.contentType)
			if err != nil {
				t.Fatalf("Prepare: %v", err)
			}
			if !utf8.Valid(out) {
				t.Fatal("output is not UTF-8")
			}
			d, _ := decode(raw, meta.contentType)
			feed, perr := gofeed.NewParser().Parse(bytes.NewReader(out))
			notBozo := strings.HasPrefix(meta.expect, "not bozo")
			if perr != nil {
				if notBozo || strings.HasPrefix(rel, "illformed/chardet/") {
					t.Fatalf("%s: gofeed: %v", meta.description, perr)
				}
				t.Logf("%s: gofeed rejects this malformed feed: %v", meta.description, perr)
			}

			for _, clause := range strings.Split(meta.expect, " and ") {
				field, literal, ok := strings.Cut(clause, " == ")
				if !ok {
					continue
				}
				field = strings.TrimSpace(field)
				want, ok := pythonString(strings.TrimSpace(literal))
				if !ok {
					continue
				}
				switch field {
				case "encoding":
					if !except("encoding") && d.charset != charsetName(want) {
						t.Errorf("%s: read as %s (from %s), want %s", meta.description, d.charset, d.source, charsetName(want))
					}
				case "feed['title']", "entries[0]['description']", "entries[0].summary":
					if !notBozo || except("value") || feed == nil {
						continue
					}
					got := feed.Title
					if field != "feed['title']" {
						got = firstDesc(feed)
					}
					if got != want {
						t.Errorf("%s: %s = %q, want %q", meta.description, field, got, want)
					}
				}
			}
			if strings.Contains(meta.expect, "ord(") && notBozo && !except("value") {
				t.Errorf("unhandled expectation %q", meta.expect)
			}

			// For undeclared legacy text, the whole feed must read as it
			// does when decoded with the charset it was written in.
			if _, skip := corpusExceptions[rel+"/encoding"]; strings.HasPrefix(rel, "illformed/chardet/") && !skip {
				_, label, _ := strings.Cut(meta.expect, "encoding == ")
				label, _ = pythonString(label)
				enc, err := htmlindex.Get(label)
				if err != nil {
					t.Fatal(err)
				}
				ref := parse(t, decodeWith(t, enc, raw))
				if feed.Title != ref.Title || firstDesc(feed) != firstDesc(ref) || itemTitle(feed) != itemTitle(ref) {
					t.Errorf("text differs from a %s decoding:\n got %q %q\nwant %q %q", label,
						itemTitle(feed), firstDesc(feed), itemTitle(ref), firstDesc(ref))
				}
			}
		})
	}
}

func itemTitle(f *gofeed.Feed) string {
	if f == nil || len(f.Items) == 0 {
		return ""
	}
	return f.Items[0].Title
}

// decodeWith decodes raw with enc, the reference reading of a corpus file.
func decodeWith(t *testing.T, enc encoding.Encoding, raw []byte) []byte {
	t.Helper()
	b, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		t.Fatal(err)
	}
	return b
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
