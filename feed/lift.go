package feed

import (
	"bytes"
	"encoding/binary"
	"html"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	gatom "github.com/mmcdole/gofeed/atom"
	"github.com/mmcdole/gofeed/rss"
)

// Lifting item bodies out of a document before gofeed reads it.
//
// Most of gofeed's time goes to encoding/xml tokenizing the long text
// bodies of items (RSS description and content:encoded, Atom content and
// summary) byte by byte, only to hand back their inner XML as a string. When
// a body holds nothing but text, references and CDATA sections, it can be
// cut out of the document with a byte search and replaced by a short
// placeholder; gofeed then parses the small remainder (the skeleton), and
// the placeholders it carries into the fields are swapped for the strings
// gofeed would have made of the original bodies.
//
// What gofeed makes of a body depends on which of its functions reads the
// element, and that depends on the element's place and namespace. Rather
// than predicting that, placeholders are restored only in the fields whose
// reader is known (see restore), and the finished feed is then searched for
// the placeholder prefix everywhere, including the original feed gofeed
// keeps: a placeholder anywhere else, or not alone in its field, means the
// lifted parse is thrown away and the original document parsed instead. So
// is a skeleton gofeed rejects, so that errors keep their wording.

// liftMin is the shortest inner content worth lifting: below it, the
// placeholder and the bookkeeping cost about what they save.
const liftMin = 256

// liftPrefix opens every placeholder; a decimal index follows, then 'Z's
// up to a length of 4k+1 (see placeholder). Letters and digits pass through
// gofeed's text handling unchanged. A document that already contains the
// prefix is not lifted.
const liftPrefix = "QzLiftB"

// appendPlaceholder appends the placeholder of body n. Its length is never a
// multiple of four, so that it is not valid base64 either: gofeed decodes
// base64 Atom content, and a placeholder decoded into something else would
// vanish from the feed instead of being caught.
func appendPlaceholder(b []byte, n int) []byte {
	start := len(b)
	b = append(b, liftPrefix...)
	b = strconv.AppendInt(b, int64(n), 10)
	for (len(b)-start)%4 != 1 {
		b = append(b, 'Z')
	}
	return b
}

// liftedBody is the inner content of one lifted element.
type liftedBody struct {
	inner []byte // raw inner XML, a slice of the document
	// atomOK reports whether the element's attributes leave the Atom text
	// construct reader with the same semantics as gofeed's ParseText: no
	// mode attribute, and no type or one of text, html, text/*.
	atomOK bool
	value  string // the restored string, once computed
	done   bool
}

// lifted is a document with its bodies replaced by placeholders.
type lifted struct {
	skeleton []byte
	bodies   []liftedBody
}

// parseFeed parses a prepared document with fp. With lift set, long text
// bodies are lifted out first (see above); the result is the same either
// way.
func parseFeed(fp *gofeed.Parser, doc []byte, lift bool) (*gofeed.Feed, error) {
	if lift {
		if gf := parseLifted(fp, doc); gf != nil {
			return gf, nil
		}
	}
	return fp.Parse(bytes.NewReader(doc))
}

// parseLifted returns the feed parsed with its bodies lifted, or nil when
// the document must be parsed as it is: nothing to lift, an error (whose
// wording the plain parse gives), a result that fails the check, or a
// panic (which the plain parse may or may not repeat).
func parseLifted(fp *gofeed.Parser, doc []byte) (gf *gofeed.Feed) {
	l := liftBodies(doc, liftMin)
	if l == nil {
		return nil
	}
	defer func() {
		if recover() != nil {
			gf = nil
		}
	}()
	gf, err := fp.Parse(bytes.NewReader(l.skeleton))
	if err != nil || gf == nil || !l.restore(gf) {
		return nil
	}
	return gf
}

// liftBodies finds the bodies of at least minLen bytes that can be lifted
// from doc and returns the skeleton, or nil when there is none.
//
// The scan follows encoding/xml's reading of markup (comments, processing
// instructions, CDATA sections, directives, start and end tags with quoted
// or bare attribute values) closely enough to know where each element's
// content starts and ends; at anything it does not follow exactly it stops,
// keeping what it found before, since the document up to there was read the
// same way.
func liftBodies(doc []byte, minLen int) *lifted {
	if t := bytes.TrimLeft(doc, " \t\r\n\x00\xef\xbb\xbf\xfe\xff"); len(t) == 0 || t[0] != '<' {
		return nil // JSON Feed, or nothing gofeed reads as XML
	}
	if bytes.Contains(doc, []byte(liftPrefix)) {
		return nil
	}
	// Any xml:base (under any prefix) changes how gofeed resolves HTML
	// bodies; the check is coarse but cheap.
	if bytes.Contains(doc, []byte(":base")) {
		return nil
	}
	type span struct{ start, end int }
	var spans []span
	var bodies []liftedBody
	i := 0
scan:
	for {
		j := bytes.IndexByte(doc[i:], '<')
		if j < 0 {
			break
		}
		p := i + j
		rest := doc[p:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			k := bytes.Index(rest[4:], []byte("--"))
			if k < 0 || 4+k+2 >= len(rest) || rest[4+k+2] != '>' || !noControls(rest[:4+k+3]) {
				break scan
			}
			i = p + 4 + k + 3
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			k := bytes.Index(rest[9:], []byte("]]>"))
			if k < 0 || !noControls(rest[:9+k+3]) {
				break scan
			}
			i = p + 9 + k + 3
		case bytes.HasPrefix(rest, []byte("<!-")), bytes.HasPrefix(rest, []byte("<![")):
			break scan // an error to encoding/xml
		case bytes.HasPrefix(rest, []byte("<!")):
			n := directiveLen(rest)
			if n < 0 {
				break scan
			}
			i = p + n
		case bytes.HasPrefix(rest, []byte("<?")):
			n := procInstLen(rest)
			if n < 0 {
				break scan
			}
			i = p + n
		case bytes.HasPrefix(rest, []byte("</")):
			n := nameLen(rest[2:])
			if n == 0 {
				break scan
			}
			k := 2 + n + spaceLen(rest[2+n:])
			if k >= len(rest) || rest[k] != '>' {
				break scan
			}
			i = p + k + 1
		default:
			tag, ok := readStartTag(rest)
			if !ok {
				break scan
			}
			i = p + tag.len
			if tag.empty || !liftable(tag.name) {
				continue
			}
			end, ok := textContentEnd(doc, i, tag.name)
			if !ok || end-i < minLen || !plainText(doc[i:end]) {
				continue
			}
			spans = append(spans, span{i, end})
			bodies = append(bodies, liftedBody{inner: doc[i:end], atomOK: tag.atomOK})
			i = end // the end tag is read as such on the next turn
		}
	}
	if len(spans) == 0 {
		return nil
	}
	removed := 0
	for _, s := range spans {
		removed += s.end - s.start
	}
	skel := make([]byte, 0, len(doc)-removed+len(spans)*(len(liftPrefix)+12))
	prev := 0
	for n, s := range spans {
		skel = append(skel, doc[prev:s.start]...)
		skel = appendPlaceholder(skel, n)
		prev = s.end
	}
	skel = append(skel, doc[prev:]...)
	return &lifted{skeleton: skel, bodies: bodies}
}

// liftable reports whether an element of this qualified name is a body
// worth lifting: RSS description and content:encoded, Atom content and
// summary (unprefixed, so that extension elements such as media:description
// or itunes:summary, which gofeed reads another way, stay).
func liftable(name []byte) bool {
	switch len(name) {
	case 7:
		return equalFold(name, "content") || equalFold(name, "summary")
	case 11:
		return equalFold(name, "description")
	case 15:
		return string(name) == "content:encoded"
	}
	return false
}

func equalFold(b []byte, s string) bool { return len(b) == len(s) && strings.EqualFold(string(b), s) }

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
		var val []byte
		if k < len(b) && b[k] == '=' {
			k++
			k += spaceLen(b[k:])
			if k >= len(b) {
				return t, false
			}
			if q := b[k]; q == '"' || q == '\'' {
				e := bytes.IndexByte(b[k+1:], q)
				if e < 0 {
					return t, false
				}
				val = b[k+1 : k+1+e]
				if bytes.IndexByte(val, '<') >= 0 || !noControls(val) {
					return t, false // encoding/xml rejects '<' in a value
				}
				k += e + 2
			} else {
				e := 0
				for k+e < len(b) && bareValueByte(b[k+e]) {
					e++
				}
				if e == 0 {
					return t, false
				}
				val = b[k : k+e]
				k += e
			}
		} else {
			val = attr
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

// restore puts the bodies back into the fields of gf and of the original
// feed it keeps, and reports whether the result is what parsing the
// original document would have given; when it is not, gf must be
// discarded.
//
// Placeholders are restored only where gofeed reads the element with its
// ParseText (RSS channel and item description, item content:encoded, other
// unknown item children kept in Custom) or its Atom text construct reader
// with the same semantics (entry summary and content), and in the universal
// fields its translator copies them to unchanged.
func (l *lifted) restore(gf *gofeed.Feed) bool {
	ok := true
	put := func(s *string, atom bool) {
		if ok && strings.HasPrefix(*s, liftPrefix) {
			ok = l.put(s, atom)
		}
	}
	switch src := gf.OriginalFeed().(type) {
	case *rss.Feed:
		put(&src.Description, false)
		for _, it := range src.Items {
			if it == nil {
				continue
			}
			put(&it.Description, false)
			put(&it.Content, false)
			for k, v := range it.Custom {
				if strings.HasPrefix(v, liftPrefix) {
					put(&v, false)
					it.Custom[k] = v
				}
			}
		}
	case *gatom.Feed:
		for _, e := range src.Entries {
			if e == nil {
				continue
			}
			put(&e.Summary, true)
			if e.Content != nil {
				put(&e.Content.Value, true)
			}
		}
	}
	// The translator copies these from the fields above; a placeholder
	// found here that was not restored there stays and fails the check.
	again := func(s *string) {
		if ok && strings.HasPrefix(*s, liftPrefix) {
			if b := l.body(*s); b != nil && b.done {
				*s = b.value
			}
		}
	}
	again(&gf.Description)
	for _, it := range gf.Items {
		if it != nil {
			again(&it.Description)
			again(&it.Content)
		}
	}
	return ok && !holdsPrefix(reflect.ValueOf(gf), 0)
}

// put replaces the placeholder in *s by its body as gofeed reads it.
func (l *lifted) put(s *string, atom bool) bool {
	b := l.body(*s)
	if b == nil || atom && !b.atomOK {
		return false
	}
	if !b.done {
		b.value = textValue(b.inner)
		b.done = true
	}
	if b.value == "" {
		// The translator falls back to other fields when one is empty;
		// a non-empty placeholder would have chosen differently.
		return false
	}
	*s = b.value
	return true
}

// body returns the body a placeholder stands for, or nil if s is not
// exactly a placeholder.
func (l *lifted) body(s string) *liftedBody {
	digits := strings.TrimRight(s[len(liftPrefix):], "Z")
	n, err := strconv.Atoi(digits)
	if err != nil || n < 0 || n >= len(l.bodies) || string(appendPlaceholder(nil, n)) != s {
		return nil
	}
	return &l.bodies[n]
}

// textValue is what gofeed's ParseText makes of an element's inner XML:
// the XML trimmed of white space, then its CDATA sections unwrapped and the
// text around them entity-decoded, or, with no CDATA section, all of it
// entity-decoded. For the bodies lifted (text and CDATA only, no xml:base),
// the Atom reader gives the same for types text, html and text/*: its
// wrapping-div removal finds no element and its URL resolution has no base.
func textValue(inner []byte) string {
	s := bytes.TrimSpace(inner)
	cdata := bytes.Index(s, []byte("<![CDATA["))
	if cdata < 0 && bytes.IndexByte(s, '&') < 0 {
		return string(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	if cdata < 0 {
		decodeEntities(&b, s)
		return b.String()
	}
	for len(s) > 0 {
		start := bytes.Index(s, []byte("<![CDATA["))
		if start < 0 {
			decodeEntities(&b, s)
			break
		}
		decodeEntities(&b, s[:start])
		end := bytes.Index(s[start+9:], []byte("]]>"))
		if end < 0 {
			decodeEntities(&b, s[start:])
			break
		}
		b.Write(s[start+9 : start+9+end])
		s = s[start+9+end+3:]
	}
	return b.String()
}

// maxEntityLen is how far past an '&' gofeed looks for the ';'.
const maxEntityLen = 64

// decodeEntities writes s with its references decoded the way gofeed's
// DecodeEntities does: an '&' starts a reference when a ';' follows within
// maxEntityLen bytes with no white space between, and html.UnescapeString
// decodes it; a reference whose decoding does not need the ';' (the legacy
// "&copy" forms) is left as text. The five XML entities are decoded
// directly: the result is the same.
func decodeEntities(b *strings.Builder, s []byte) {
	for {
		amp := bytes.IndexByte(s, '&')
		if amp < 0 {
			b.Write(s)
			return
		}
		b.Write(s[:amp])
		s = s[amp:]
		window := s
		if len(window) > maxEntityLen {
			window = window[:maxEntityLen]
		}
		end := bytes.IndexByte(window, ';')
		if end < 0 && len(window) == len(s) {
			b.Write(s)
			return
		}
		if end < 0 || hasSpace(s[1:end]) {
			b.WriteByte('&')
			s = s[1:]
			continue
		}
		span := s[:end+1]
		if dec, ok := xmlEntity(span); ok {
			b.WriteString(dec)
			s = s[end+1:]
			continue
		}
		str := string(span)
		if dec := html.UnescapeString(str); dec == html.UnescapeString(str[:len(str)-1])+";" {
			b.WriteByte('&')
			s = s[1:]
		} else {
			b.WriteString(dec)
			s = s[end+1:]
		}
	}
}

func hasSpace(b []byte) bool {
	for _, c := range b {
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			return true
		}
	}
	return false
}

func xmlEntity(span []byte) (string, bool) {
	switch string(span) {
	case "&lt;":
		return "<", true
	case "&gt;":
		return ">", true
	case "&amp;":
		return "&", true
	case "&quot;":
		return `"`, true
	case "&apos;":
		return "'", true
	}
	return "", false
}

var timeType = reflect.TypeFor[time.Time]()

// holdsPrefix reports whether any string reachable from v, exported or
// not, map keys included, contains liftPrefix. Beyond a nesting depth it
// answers true, which only costs a second parse.
func holdsPrefix(v reflect.Value, depth int) bool {
	if depth > 100 {
		return true
	}
	switch v.Kind() {
	case reflect.String:
		return strings.Contains(v.String(), liftPrefix)
	case reflect.Pointer, reflect.Interface:
		return !v.IsNil() && holdsPrefix(v.Elem(), depth+1)
	case reflect.Struct:
		if v.Type() == timeType {
			return false
		}
		for i := range v.NumField() {
			if holdsPrefix(v.Field(i), depth+1) {
				return true
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			return bytes.Contains(v.Bytes(), []byte(liftPrefix))
		}
		for i := range v.Len() {
			if holdsPrefix(v.Index(i), depth+1) {
				return true
			}
		}
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			if holdsPrefix(it.Key(), depth+1) || holdsPrefix(it.Value(), depth+1) {
				return true
			}
		}
	}
	return false
}
