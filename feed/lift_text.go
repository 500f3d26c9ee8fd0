package feed

import (
	"bytes"
	"html"
	"strings"
)

// What gofeed makes of a lifted body's inner XML (see restore).

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
