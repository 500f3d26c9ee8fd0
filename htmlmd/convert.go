// Package htmlmd turns a feed's article body, HTML or plain text, into the
// markdown that brief stores, extract reads and render lays out. It runs at
// ingest; laying the markdown out for a terminal happens later, at reading
// time, in render. Its input is hostile: feed text may carry escape sequences
// meant for the reader's terminal, and the HTML converter does not remove
// them, so every result is sanitised markdown (sanitize.Markdown).
package htmlmd

import (
	"bytes"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"

	xhtml "golang.org/x/net/html"

	"brief/internal/sanitize"
)

// A Converter turns article HTML into sanitised markdown. It holds no
// state between conversions, so one Converter serves every ingest
// goroutine.
type Converter struct {
	// renderers keeps the buffers of finished conversions for the next
	// ones: an article's markdown is built in a byte slice that would
	// otherwise grow from nothing every time.
	renderers sync.Pool
}

// NewConverter builds a Converter. Tables are kept: earnings tables are
// where the figures of a finance article live.
func NewConverter() (*Converter, error) {
	return &Converter{}, nil
}

// defaultConverter is built once and shared.
var defaultConverter = sync.OnceValues(NewConverter)

// Markdown converts an article body (HTML, or plain text when it has no
// markup) to markdown with the shared Converter. See Converter.Markdown.
func Markdown(body, baseURL string) (string, error) {
	c, err := defaultConverter()
	if err != nil {
		return "", err
	}
	return c.Markdown(body, baseURL)
}

// Markdown converts an article body to markdown. Relative links and images
// are resolved against baseURL. Scripts, styles, iframes, forms and tracking
// pixels are dropped. Input without a tag is plain text and keeps its
// paragraphs, lists and headings (see plainText).
//
// The result is safe to store and to print: it passes sanitize.Text, and
// numeric character references that a markdown renderer would turn into
// control characters are escaped. Sanitising has to come after conversion
// because the HTML parser is what decodes entities: "&#27;" is harmless
// text before conversion and a real ESC after it.
func (c *Converter) Markdown(body, baseURL string) (string, error) {
	if !hasMarkup(body) {
		return plainText(body), nil
	}
	doc, err := xhtml.Parse(strings.NewReader(body))
	if err != nil && strings.Contains(err.Error(), "open stack of elements exceeds") {
		// HTML nested deeper than the parser goes (512 elements): its
		// text, paragraph by paragraph, rather than its markup.
		return plainText(flatText(body)), nil
	}
	if err != nil {
		return "", fmt.Errorf("parse html: %w", err)
	}
	prepare(doc)
	r, _ := c.renderers.Get().(*renderer)
	if r == nil {
		r = &renderer{}
	}
	r.base = baseOf(baseURL)
	r.walk(doc)
	md := finish(r.out)
	r.reset()
	c.renderers.Put(r)
	return sanitize.Markdown(md), nil
}

// reset readies a renderer for the next article; a buffer grown by an
// unusually long one is let go rather than kept.
func (r *renderer) reset() {
	const keep = 256 << 10
	*r = renderer{out: r.out[:0], scratch: r.scratch[:0], stack: r.stack[:0], items: r.items[:0]}
	clear(r.stack[:cap(r.stack)])
	if cap(r.out) > keep {
		r.out = nil
	}
	if cap(r.scratch) > keep {
		r.scratch = nil
	}
}

// finish trims the document, folds blank lines, drops hard breaks that a
// blank line follows and turns code line breaks back into newlines.
func finish(out []byte) string {
	out = bytes.TrimSpace(out)
	md := appendFoldedNewlines(out[:0], out)
	md = trimHardBreaks(md, 0)
	if bytes.Contains(md, []byte(codeNewline)) {
		md = bytes.ReplaceAll(md, []byte(codeNewline), []byte{'\n'})
	}
	return string(md)
}

// baseOf parses the base URL of an article: a full URL, or a bare host.
func baseOf(raw string) *url.URL {
	if raw == "" {
		return nil
	}
	if u, err := url.Parse(raw); err == nil && u.Host != "" {
		return u
	}
	if u, err := url.Parse("http://" + raw); err == nil && u.Host != "" {
		return u
	}
	return nil
}

// linkEscaper percent-encodes what would end a markdown link destination
// or break it across words.
var linkEscaper = strings.NewReplacer(" ", "%20", "[", "%5B", "]", "%5D", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E")

// absURL resolves a link or image address against the article's base and
// encodes it for a markdown link.
func (r *renderer) absURL(raw string) string {
	for _, u := range r.urls {
		if u.raw == raw && u.abs != "" {
			return u.abs
		}
	}
	abs := r.resolve(raw)
	r.urls[r.nextURL] = struct{ raw, abs string }{raw, abs}
	r.nextURL = (r.nextURL + 1) % len(r.urls)
	return abs
}

func (r *renderer) resolve(raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "#" {
		return raw
	}
	raw = strings.ReplaceAll(raw, "\n", "%0A")
	raw = strings.ReplaceAll(raw, "\t", "%09")
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "data" {
		return linkEscaper.Replace(raw)
	}
	if u.RawQuery != "" {
		u.RawQuery = strings.ReplaceAll(encodeQuery(u.RawQuery), "+", "%20")
	}
	if r.base != nil {
		u = r.base.ResolveReference(u)
	}
	return linkEscaper.Replace(u.String())
}

// encodeQuery re-encodes each key and value of a query, so that what the
// feed left raw or encoded oddly comes out in one form.
func encodeQuery(q string) string {
	if encodedQuery(q) {
		// The common case: nothing would change.
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 8)
	for i, part := range strings.Split(q, "&") {
		if i > 0 {
			b.WriteByte('&')
		}
		key, val, eq := strings.Cut(part, "=")
		b.WriteString(reencode(key))
		if eq {
			b.WriteByte('=')
			if val != "" {
				b.WriteString(reencode(val))
			}
		}
	}
	return b.String()
}

// encodedQuery reports whether encodeQuery would give q back as it is.
func encodedQuery(q string) bool {
	for more := true; more; {
		var part string
		part, q, more = strings.Cut(q, "&")
		key, val, _ := strings.Cut(part, "=")
		if reencode(key) != key || reencode(val) != val {
			return false
		}
	}
	return true
}

func reencode(s string) string {
	v, err := url.QueryUnescape(s)
	if err != nil {
		return s
	}
	return url.QueryEscape(v)
}

func attrIndex(n *xhtml.Node, key string) int {
	for i, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return i
		}
	}
	return -1
}

func attr(n *xhtml.Node, key string) string {
	if i := attrIndex(n, key); i >= 0 {
		return n.Attr[i].Val
	}
	return ""
}

func noiseImage(n *xhtml.Node) bool {
	src := strings.TrimSpace(attr(n, "src"))
	// Folding the prefix alone spares a lower-cased copy of the address.
	if src == "" || len(src) >= 5 && strings.EqualFold(src[:5], "data:") {
		return true
	}
	return tiny(attr(n, "width")) || tiny(attr(n, "height"))
}

// tiny reports whether an HTML dimension is at most one pixel: a 1-pixel
// wide or tall image is a beacon, never content.
func tiny(dim string) bool {
	dim = strings.TrimSuffix(strings.TrimSpace(dim), "px")
	if dim == "" {
		return false
	}
	v, err := strconv.ParseFloat(dim, 64)
	return err == nil && v <= 1
}

// webLink reports whether href is worth keeping as a link: http(s),
// mailto, and relative references to another page (resolved later against
// the base). The others (named anchors, in-page fragments, javascript: and
// other schemes) keep their text but stop being links: resolved against
// the base, an empty or fragment href would link every anchor to the
// article itself.
func webLink(href string) bool {
	href = strings.TrimSpace(href)
	if href == "" || href[0] == '#' {
		return false
	}
	u, err := url.Parse(href)
	if err != nil {
		// Text alone is the safer reading of a URL nobody can parse.
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "", "http", "https", "mailto":
		return true
	}
	return false
}
