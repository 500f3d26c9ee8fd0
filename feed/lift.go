package feed

import (
	"bytes"
	"reflect"
	"strconv"
	"strings"
	"time"

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
	var spans []span
	var bodies []liftedBody
	i := 0
	for {
		j := bytes.IndexByte(doc[i:], '<')
		if j < 0 {
			break
		}
		p := i + j
		rest := doc[p:]
		if n, start, ok := skipMarkup(rest); !ok {
			break
		} else if !start {
			i = p + n
			continue
		}
		tag, ok := readStartTag(rest)
		if !ok {
			break
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
	if len(spans) == 0 {
		return nil
	}
	return &lifted{skeleton: skeleton(doc, spans), bodies: bodies}
}

// span is where a lifted body lies in its document.
type span struct{ start, end int }

// skeleton is doc with each span replaced by its placeholder.
func skeleton(doc []byte, spans []span) []byte {
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
	return append(skel, doc[prev:]...)
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
