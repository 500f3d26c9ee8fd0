// Package htmlmd turns a feed's article body, HTML or plain text, into the
// markdown that brief stores, extract reads and render lays out. It runs at
// ingest; laying the markdown out for a terminal happens later, at reading
// time, in render. Its input is hostile: feed text may carry escape sequences
// meant for the reader's terminal, and the HTML converter does not remove
// them, so every result is sanitised markdown (sanitize.Markdown).
package htmlmd

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"
	xhtml "golang.org/x/net/html"

	"brief/internal/sanitize"
)

// A Converter turns article HTML into sanitised markdown. It is safe for
// concurrent use: html-to-markdown's converter keeps its registrations behind
// a lock and all per-conversion state in a context, so one Converter serves
// every ingest goroutine.
type Converter struct {
	conv *converter.Converter
}

// removedTags are elements whose content is never article text. The base
// plugin already drops script, style, iframe, noscript, input, textarea,
// head, link and meta; registering those again would only add entries the
// converter re-sorts on every lookup.
var removedTags = []string{
	"form", "button", "select", "object", "embed", "svg", "canvas",
	"template", "frameset", "audio", "video",
}

// NewConverter builds a Converter with the base, commonmark and table
// plugins. The table plugin is kept because earnings tables are where the
// figures of a finance article live; it costs little (see BenchmarkMarkdown).
func NewConverter() (*Converter, error) {
	conv := converter.NewConverter(
		// Escaping markdown syntax in text ("1." or "*" at a line start)
		// took 40% of the conversion, and a stray list or emphasis in a
		// news paragraph is harmless: the sanitiser, not escaping, is
		// what keeps the terminal safe.
		converter.WithEscapeMode(converter.EscapeModeDisabled),
		converter.WithPlugins(
			base.NewBasePlugin(),
			commonmark.NewCommonmarkPlugin(
				// A link left empty (an <a> around a dropped tracking pixel)
				// vanishes instead of printing as "[](url)".
				commonmark.WithLinkEmptyHrefBehavior(commonmark.LinkBehaviorSkip),
				commonmark.WithLinkEmptyContentBehavior(commonmark.LinkBehaviorSkip),
			),
			table.NewTablePlugin(table.WithSkipEmptyRows(true)),
		))
	for _, tag := range removedTags {
		conv.Register.TagType(tag, converter.TagTypeRemove, converter.PriorityStandard)
	}
	// Runs before the renderers resolve URLs, so a dropped image or link
	// never reaches the output.
	conv.Register.PreRenderer(dropNoise, converter.PriorityEarly)
	// The converter reports plugin set-up errors on first use; surface them
	// here instead of on every article.
	if _, err := conv.ConvertString(""); err != nil {
		return nil, fmt.Errorf("set up html converter: %w", err)
	}
	return &Converter{conv: conv}, nil
}

// defaultConverter is built once and never changed afterwards, so sharing it
// is sharing an immutable value, not mutable state.
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
	md, err := c.conv.ConvertString(body, converter.WithDomain(baseURL))
	if err != nil && strings.Contains(err.Error(), "open stack of elements exceeds") {
		// HTML nested deeper than the parser goes (512 elements): its
		// text, paragraph by paragraph, rather than its markup.
		return plainText(flatText(body)), nil
	}
	if err != nil {
		return "", fmt.Errorf("convert html to markdown: %w", err)
	}
	return sanitize.Markdown(md), nil
}

// dropNoise removes what a reader should never see: tracking pixels,
// images with nothing to show and inline data images (base64 blobs that
// would bloat the store and print as gibberish). Links that lead nowhere
// useful (named anchors, in-page fragments, javascript: and other non-web
// schemes) keep their text but stop being links; left alone, the converter
// would resolve an empty or fragment href against base and turn every
// anchor into a link to the article itself.
func dropNoise(_ converter.Context, doc *xhtml.Node) {
	var remove, unwrap []*xhtml.Node
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode {
			switch n.Data {
			case "img":
				if noiseImage(n) {
					remove = append(remove, n)
					return
				}
			case "a":
				if !webLink(attr(n, "href")) {
					unwrap = append(unwrap, n)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	// Changing the tree after the walk keeps the sibling links it follows
	// intact.
	for _, n := range remove {
		n.Parent.RemoveChild(n)
	}
	for _, n := range unwrap {
		for c := n.FirstChild; c != nil; c = n.FirstChild {
			n.RemoveChild(c)
			n.Parent.InsertBefore(c, n)
		}
		n.Parent.RemoveChild(n)
	}
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
	if src == "" || strings.HasPrefix(strings.ToLower(src), "data:") {
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
// the base).
func webLink(href string) bool {
	href = strings.TrimSpace(href)
	if href == "" || href[0] == '#' {
		return false
	}
	u, err := url.Parse(href)
	if err != nil {
		// The converter would percent-encode it and keep it as a link;
		// text alone is the safer reading of a URL nobody can parse.
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "", "http", "https", "mailto":
		return true
	}
	return false
}
