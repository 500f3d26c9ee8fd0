package xmlprep

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
)

// decoded is a document converted to UTF-8, with the byte order mark gone.
type decoded struct {
	text    []byte
	charset string // WHATWG name of the charset the bytes were read as
	source  string // what decided it: bom, pattern, declaration, http, guess
	json    bool
}

var (
	utf16be = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	utf16le = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	utf32be = utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM)
	utf32le = utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM)
)

// boms is ordered so that the UTF-32 LE mark wins over the UTF-16 LE mark it
// starts with: FF FE 00 00 as UTF-16 would open with U+0000, which no XML
// document can contain.
var boms = []struct {
	mark string
	name string
	enc  encoding.Encoding // nil means UTF-8
}{
	{"\x00\x00\xfe\xff", "utf-32be", utf32be},
	{"\xff\xfe\x00\x00", "utf-32le", utf32le},
	{"\xfe\xff", "utf-16be", utf16be},
	{"\xff\xfe", "utf-16le", utf16le},
	{"\xef\xbb\xbf", "utf-8", nil},
}

// decode converts body to UTF-8; see the package comment for the order in
// which the charset is chosen.
func decode(body []byte, contentType string) (decoded, error) {
	for _, b := range boms {
		if bytes.HasPrefix(body, []byte(b.mark)) {
			return finish(body[len(b.mark):], b.name, b.enc, "bom")
		}
	}
	if name, enc := widePattern(body); enc != nil {
		return finish(body, name, enc, "pattern")
	}
	if isJSON(body) {
		// JSON is UTF-8 by definition (RFC 8259), and encoding/json already
		// turns invalid bytes into U+FFFD, so there is nothing to decide.
		return decoded{text: body, charset: "utf-8", json: true}, nil
	}

	valid := -1 // utf8.Valid(body), computed on first use
	isUTF8 := func() bool {
		if valid < 0 {
			valid = 0
			if utf8.Valid(body) {
				valid = 1
			}
		}
		return valid == 1
	}
	// A label the bytes contradict is skipped: UTF-8 claimed for bytes
	// that are not UTF-8, or another charset claimed for non-ASCII bytes
	// that are valid UTF-8, which text in another charset almost never is.
	// Both come from templates and servers stamping a default.
	usable := func(label string) (string, encoding.Encoding, bool) {
		name, enc, ok := lookup(label)
		switch {
		case !ok:
			return "", nil, false
		case enc == nil && !isUTF8():
			return "", nil, false
		case enc != nil && isUTF8() && !isASCII(body):
			return "", nil, false
		}
		return name, enc, true
	}
	if label := declaredEncoding(body); len(label) > 0 {
		if name, enc, ok := usable(labelString(label)); ok {
			return finish(body, name, enc, "declaration")
		}
	}
	if label := httpCharset(contentType); label != "" {
		if name, enc, ok := usable(label); ok {
			return finish(body, name, enc, "http")
		}
	}
	if isUTF8() {
		return decoded{text: body, charset: "utf-8", source: "guess"}, nil
	}
	name, enc := guess(body)
	return finish(body, name, enc, "guess")
}

// finish decodes body (already without its byte order mark) as enc, nil
// meaning UTF-8.
func finish(body []byte, name string, enc encoding.Encoding, source string) (decoded, error) {
	d := decoded{charset: name, source: source}
	if enc == nil {
		d.text = validUTF8(body)
	} else {
		text, err := enc.NewDecoder().Bytes(body)
		if err != nil {
			return decoded{}, fmt.Errorf("feed cannot be read as %s: %w", name, err)
		}
		d.text = text
	}
	// A second mark after the first is common in files saved twice; as
	// text before the root element it would trip the parser.
	for bytes.HasPrefix(d.text, []byte("\uFEFF")) {
		d.text = d.text[len("\uFEFF"):]
	}
	d.json = isJSON(d.text)
	return d, nil
}

// widePattern recognises UTF-16 and UTF-32 documents without a byte order
// mark by the zero bytes around their first ASCII characters ('<', '{' or
// whitespace), as XML 1.0 Appendix F describes.
func widePattern(b []byte) (string, encoding.Encoding) {
	if len(b) < 4 {
		return "", nil
	}
	z0, z1, z2, z3 := b[0] == 0, b[1] == 0, b[2] == 0, b[3] == 0
	ascii := func(c byte) bool { return c != 0 && c < 0x80 }
	switch {
	case z0 && z1 && z2 && ascii(b[3]):
		return "utf-32be", utf32be
	case ascii(b[0]) && z1 && z2 && z3:
		return "utf-32le", utf32le
	case z0 && ascii(b[1]) && z2 && ascii(b[3]):
		return "utf-16be", utf16be
	case ascii(b[0]) && z1 && ascii(b[2]) && z3:
		return "utf-16le", utf16le
	}
	return "", nil
}

func isJSON(b []byte) bool {
	b = bytes.TrimLeft(b, " \t\r\n")
	return len(b) > 0 && b[0] == '{'
}

// lookup resolves a charset label the way browsers do. A nil encoding with ok
// set means UTF-8.
func lookup(label string) (name string, enc encoding.Encoding, ok bool) {
	if strings.EqualFold(strings.TrimSpace(label), "utf-8") {
		return "utf-8", nil, true // the common case, without allocating
	}
	e, err := htmlindex.Get(label)
	if err != nil {
		return "", nil, false
	}
	name, err = htmlindex.Name(e)
	if err != nil {
		return "", nil, false
	}
	switch {
	case name == "utf-8":
		return name, nil, true
	case name == "replacement", strings.HasPrefix(name, "utf-16"):
		// "replacement" would turn the whole feed into one U+FFFD, and a
		// UTF-16 label on bytes that passed the pattern check is a lie.
		return "", nil, false
	case name == "gbk":
		// GB18030 is a strict superset, and text labelled gb2312 or gbk
		// may use characters that only the larger table has.
		return "gb18030", simplifiedchinese.GB18030, true
	}
	return name, e, true
}

// labelString converts a label without allocating for the one nearly every
// feed uses.
func labelString(b []byte) string {
	if bytes.EqualFold(bytes.TrimSpace(b), []byte("utf-8")) {
		return "utf-8"
	}
	return string(b)
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// declaredEncoding returns the encoding named in the XML declaration of an
// ASCII-compatible document. It reads the declaration exactly as
// encoding/xml does, so that the label decoded here is the label the scanner
// later rewrites.
func declaredEncoding(b []byte) []byte {
	b = bytes.TrimLeft(b, " \t\r\n")
	const open = "<?xml"
	if !bytes.HasPrefix(b, []byte(open)) || (len(b) > len(open) && nameByte[b[len(open)]]) {
		return nil
	}
	end := bytes.Index(b, []byte("?>"))
	if end < len(open) {
		return nil
	}
	content := b[len(open):end]
	from, to, ok := procInstValue(content, "encoding")
	if !ok {
		return nil
	}
	return content[from:to]
}

// httpCharset extracts the charset parameter from a Content-Type header.
// mime.ParseMediaType rejects forms that servers really send, such as
// charset='us-ascii' or "charset = utf-8", so this parser is lenient.
func httpCharset(contentType string) string {
	_, params, _ := strings.Cut(contentType, ";")
	for params != "" {
		var p string
		p, params, _ = strings.Cut(params, ";")
		key, value, ok := strings.Cut(p, "=")
		if ok && strings.EqualFold(strings.TrimSpace(key), "charset") {
			return strings.Trim(value, " \t\"'")
		}
	}
	return ""
}

// validUTF8 replaces each byte that is not part of a valid UTF-8 sequence
// with U+FFFD, returning b itself when it is already valid.
func validUTF8(b []byte) []byte {
	if utf8.Valid(b) {
		return b
	}
	out := make([]byte, 0, len(b)+len(b)/8)
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			out = utf8.AppendRune(out, utf8.RuneError)
		} else {
			out = append(out, b[:size]...)
		}
		b = b[size:]
	}
	return out
}
