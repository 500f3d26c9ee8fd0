package xmlprep

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
)

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

// Decode reads the charset as Prepare does and changes nothing else: the
// declaration, a DOCTYPE and references XML forbids stay for the caller's
// own parser to judge.
func TestDecodeOnlyDecodes(t *testing.T) {
	const rest = `<!DOCTYPE opml [<!ENTITY e "x">]><opml><head><title>Börse &#27;</title></head></opml>`
	cases := []struct {
		name, contentType string
		body              []byte
		want              string
	}{
		{"declared windows-1252", "", encode(t, charmap.Windows1252, `<?xml version="1.0" encoding="windows-1252"?>`+rest),
			`<?xml version="1.0" encoding="windows-1252"?>` + rest},
		{"undeclared latin-1", "", encode(t, charmap.ISO8859_1, rest), rest},
		{"utf-16 with a mark", "", append([]byte{0xff, 0xfe}, encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), rest)...), rest},
		{"utf-8 with a mark", "", append([]byte("\xef\xbb\xbf"), rest...), rest},
		{"http charset", "text/xml; charset=iso-8859-1", encode(t, charmap.ISO8859_1, rest), rest},
	}
	for _, c := range cases {
		got, err := Decode(c.body, c.contentType)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if string(got) != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}
