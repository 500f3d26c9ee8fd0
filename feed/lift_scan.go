package feed

import (
	"bytes"
	"encoding/binary"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The scan that finds liftable bodies (see liftBodies): markup read as
// encoding/xml reads it in non-strict mode, and the checks that a body
// reads the same way lifted or not.

// skipMarkup reads the markup that rest opens other than a start tag (a
// comment, CDATA section, directive, processing instruction or end tag)
// and returns its length; start reports a start tag, which it leaves to
// readStartTag. ok is false at what the scan does not follow (see
// liftBodies), where it stops.
func skipMarkup(rest []byte) (n int, start, ok bool) {
	switch {
	case bytes.HasPrefix(rest, []byte("<!--")):
		k := bytes.Index(rest[4:], []byte("--"))
		if k < 0 || 4+k+2 >= len(rest) || rest[4+k+2] != '>' || !noControls(rest[:4+k+3]) {
			return 0, false, false
		}
		return 4 + k + 3, false, true
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		k := bytes.Index(rest[9:], []byte("]]>"))
		if k < 0 || !noControls(rest[:9+k+3]) {
			return 0, false, false
		}
		return 9 + k + 3, false, true
	case bytes.HasPrefix(rest, []byte("<!-")), bytes.HasPrefix(rest, []byte("<![")):
		return 0, false, false // an error to encoding/xml
	case bytes.HasPrefix(rest, []byte("<!")):
		n := directiveLen(rest)
		return n, false, n >= 0
	case bytes.HasPrefix(rest, []byte("<?")):
		n := procInstLen(rest)
		return n, false, n >= 0
	case bytes.HasPrefix(rest, []byte("</")):
		n := nameLen(rest[2:])
		if n == 0 {
			return 0, false, false
		}
		k := 2 + n + spaceLen(rest[2+n:])
		if k >= len(rest) || rest[k] != '>' {
			return 0, false, false
		}
		return k + 1, false, true
	}
	return 0, true, true
}

// startTag is what the scan needs of a start tag.
type startTag struct {
	len    int    // bytes from '<' through '>'
	name   []byte // qualified name as written
	empty  bool   // <name/>
	atomOK bool   // see liftedBody
}

// readStartTag reads the start tag that b opens, as encoding/xml does in
// non-strict mode (attribute values quoted, bare, or missing).
func readStartTag(b []byte) (startTag, bool) {
	var t startTag
	n := nameLen(b[1:])
	if n == 0 {
		return t, false
	}
	t.name = b[1 : 1+n]
	t.atomOK = true
	types := 0
	k := 1 + n
	for {
		k += spaceLen(b[k:])
		if k >= len(b) {
			return t, false
		}
		switch b[k] {
		case '/':
			if k+1 >= len(b) || b[k+1] != '>' {
				return t, false
			}
			t.empty = true
			t.len = k + 2
			return t, true
		case '>':
			t.len = k + 1
			return t, true
		}
		an := nameLen(b[k:])
		if an == 0 {
			return t, false
		}
		attr := b[k : k+an]
		k += an
		k += spaceLen(b[k:])
		val := attr // a value-less attribute is its own value
		if k < len(b) && b[k] == '=' {
			v, n, ok := readAttrValue(b[k+1:])
			if !ok {
				return t, false
			}
			val, k = v, k+1+n
		}
		// Atom's text reader takes any attribute named type or mode,
		// whatever its prefix.
		local := attr
		if c := bytes.LastIndexByte(attr, ':'); c >= 0 {
			local = attr[c+1:]
		}
		switch string(local) {
		case "mode":
			t.atomOK = false
		case "type":
			types++
			if types > 1 || len(local) != len(attr) || !plainAtomType(val) {
				t.atomOK = false
			}
		}
	}
}

// readAttrValue reads an attribute's value after its '=': quoted, or bare
// as encoding/xml's non-strict mode takes it. n is the bytes read.
func readAttrValue(b []byte) (val []byte, n int, ok bool) {
	k := spaceLen(b)
	if k >= len(b) {
		return nil, 0, false
	}
	if q := b[k]; q == '"' || q == '\'' {
		e := bytes.IndexByte(b[k+1:], q)
		if e < 0 {
			return nil, 0, false
		}
		val = b[k+1 : k+1+e]
		if bytes.IndexByte(val, '<') >= 0 || !noControls(val) {
			return nil, 0, false // encoding/xml rejects '<' in a value
		}
		return val, k + e + 2, true
	}
	e := 0
	for k+e < len(b) && bareValueByte(b[k+e]) {
		e++
	}
	if e == 0 {
		return nil, 0, false
	}
	return b[k : k+e], k + e, true
}

// plainAtomType reports whether an Atom text construct of this type is read
// as escaped text or HTML: text, html or a text/ media type, written without
// references.
func plainAtomType(v []byte) bool {
	for _, c := range v {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '/' || c == '+' || c == '-' || c == '.') {
			return false
		}
	}
	s := strings.ToLower(string(v))
	return s == "text" || s == "html" || strings.HasPrefix(s, "text/")
}

// textContentEnd returns where the content that starts at i ends, if it
// holds only text and CDATA sections and is closed by </name>.
func textContentEnd(doc []byte, i int, name []byte) (int, bool) {
	for {
		j := bytes.IndexByte(doc[i:], '<')
		if j < 0 {
			return 0, false
		}
		p := i + j
		rest := doc[p:]
		if bytes.HasPrefix(rest, []byte("<![CDATA[")) {
			k := bytes.Index(rest[9:], []byte("]]>"))
			if k < 0 {
				return 0, false
			}
			i = p + 9 + k + 3
			continue
		}
		if len(rest) < 2 || rest[1] != '/' || !bytes.HasPrefix(rest[2:], name) {
			return 0, false
		}
		k := 2 + len(name)
		if k < len(rest) && (rest[k] >= utf8.RuneSelf || isNameByte(rest[k])) {
			return 0, false // a longer name
		}
		k += spaceLen(rest[k:])
		if k >= len(rest) || rest[k] != '>' {
			return 0, false
		}
		return p, true
	}
}

// plainText reports whether encoding/xml reads content (text and CDATA
// sections, as found by textContentEnd) without error and gofeed's reader
// sees its bytes unchanged: no control characters gofeed's filter would
// drop, valid UTF-8 with no character XML forbids, no "]]>" outside CDATA,
// and no character reference to a forbidden character.
func plainText(content []byte) bool {
	for len(content) > 0 {
		c := bytes.Index(content, []byte("<![CDATA["))
		text := content
		if c >= 0 {
			text = content[:c]
		}
		if !plainChars(text) || bytes.Contains(text, []byte("]]>")) || !allowedRefs(text) {
			return false
		}
		if c < 0 {
			return true
		}
		content = content[c+9:]
		e := bytes.Index(content, []byte("]]>"))
		if !plainChars(content[:e]) {
			return false
		}
		content = content[e+3:]
	}
	return true
}

// plainChars reports whether b is valid UTF-8 holding only characters
// encoding/xml accepts, and no byte gofeed's control filter drops.
func plainChars(b []byte) bool {
	const hi, lo = 0x8080808080808080, 0x2020202020202020
	for i := 0; i < len(b); {
		if i+8 <= len(b) {
			// Eight ASCII bytes at or above 0x20 at a time.
			x := binary.LittleEndian.Uint64(b[i:])
			if (x|(x-lo))&hi == 0 {
				i += 8
				continue
			}
		}
		c := b[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 || r == 0xFFFE || r == 0xFFFF {
			return false
		}
		i += size
	}
	return true
}

// noControls reports whether b holds no byte gofeed's control filter drops.
func noControls(b []byte) bool {
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

// allowedRefs reports whether no character reference in text names a
// character encoding/xml rejects. It reads "&#" references as encoding/xml
// does: an optional lowercase x, digits, and a ';' (without one the text is
// literal); a value beyond Unicode is literal too.
func allowedRefs(text []byte) bool {
	for {
		a := bytes.Index(text, []byte("&#"))
		if a < 0 {
			return true
		}
		text = text[a+2:]
		base := 10
		if len(text) > 0 && text[0] == 'x' {
			base = 16
			text = text[1:]
		}
		d := 0
		for d < len(text) && (('0' <= text[d] && text[d] <= '9') || base == 16 && ('a' <= text[d] && text[d] <= 'f' || 'A' <= text[d] && text[d] <= 'F')) {
			d++
		}
		if d >= len(text) || text[d] != ';' {
			continue
		}
		n, err := strconv.ParseUint(string(text[:d]), base, 64)
		text = text[d+1:]
		if err != nil || n > utf8.MaxRune {
			continue
		}
		if n < 0x20 && n != '\t' && n != '\n' && n != '\r' || n == 0xFFFE || n == 0xFFFF {
			return false
		}
	}
}

// directiveLen returns the length of the directive ("<!DOCTYPE ...>") that b
// opens, read as encoding/xml does (quotes, nested angle brackets and
// comments inside), or -1.
func directiveLen(b []byte) int {
	var inquote byte
	depth := 0
	if len(b) < 3 || b[2] < 0x20 {
		return -1
	}
	// The byte after "<!" is taken as it is.
	for k := 3; k < len(b); k++ {
		c := b[k]
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return -1
		}
		switch {
		case inquote == 0 && c == '>' && depth == 0:
			return k + 1
		case c == inquote:
			inquote = 0
		case inquote != 0:
		case c == '\'' || c == '"':
			inquote = c
		case c == '>':
			depth--
		case c == '<':
			if bytes.HasPrefix(b[k+1:], []byte("!--")) {
				e := bytes.Index(b[k+4:], []byte("-->"))
				if e < 0 || !noControls(b[k:k+4+e]) {
					return -1
				}
				k += 4 + e + 2
			} else {
				depth++
			}
		}
	}
	return -1
}

// procInstLen returns the length of the processing instruction b opens, or
// -1. An XML declaration naming a charset other than UTF-8 makes
// encoding/xml decode the rest of the document, so it ends the scan.
func procInstLen(b []byte) int {
	n := nameLen(b[2:])
	if n == 0 {
		return -1
	}
	e := bytes.Index(b[2+n:], []byte("?>"))
	if e < 0 || !noControls(b[:2+n+e]) {
		return -1
	}
	if string(b[2:2+n]) == "xml" {
		body := string(b[2+n : 2+n+e])
		if strings.Contains(body, "encoding") {
			// encoding/xml's procInst is lenient about where the
			// parameter sits; anything but a clear UTF-8 ends the scan.
			enc, ok := declaredEncoding(body)
			if !ok || !strings.EqualFold(enc, "utf-8") {
				return -1
			}
		}
	}
	return 2 + n + e + 2
}

// declaredEncoding finds a single encoding="..." parameter.
func declaredEncoding(s string) (string, bool) {
	if strings.Count(s, "encoding") != 1 {
		return "", false
	}
	_, v, _ := strings.Cut(s, "encoding")
	v = strings.TrimLeft(v, " \t\r\n")
	if !strings.HasPrefix(v, "=") {
		return "", false
	}
	v = strings.TrimLeft(v[1:], " \t\r\n")
	if len(v) < 2 || v[0] != '"' && v[0] != '\'' {
		return "", false
	}
	e := strings.IndexByte(v[1:], v[0])
	if e < 0 {
		return "", false
	}
	return v[1 : 1+e], true
}

// nameLen is how many bytes of b encoding/xml reads as a name: a name byte
// or any non-ASCII byte, the first not a bare ASCII non-name byte.
func nameLen(b []byte) int {
	n := 0
	for n < len(b) && (b[n] >= utf8.RuneSelf || isNameByte(b[n])) {
		n++
	}
	return n
}

func isNameByte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_' || c == ':' || c == '.' || c == '-'
}

func bareValueByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == ':' || c == '-'
}

func spaceLen(b []byte) int {
	n := 0
	for n < len(b) && (b[n] == ' ' || b[n] == '\t' || b[n] == '\r' || b[n] == '\n') {
		n++
	}
	return n
}
