package render

import (
	"cmp"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"

	"brief/internal/sanitize"
)

// A Link is a web link of an article body, numbered as the rendered body
// shows it: "text [N]".
type Link struct {
	N int
	// Text is the link's text, or an image's description; it may be
	// empty. Like URL it is sanitised and on one line.
	Text string
	// URL is an http or https URL, the only kind the reader opens.
	URL string
}

// NumberLinks rewrites the links of md so that the rendered body shows
// "text [1]" where glamour would print the URL after the text, and
// returns the links by number. Numbers follow the order in which links
// first appear; a URL that comes back keeps its number.
//
// Inline, reference and autolinks, bare URLs that GFM turns into links,
// and images are numbered. Images are numbered too because in a finance
// article they are mostly charts, worth opening in a browser, and glamour
// would otherwise print each image's URL in the text. Only http(s) URLs
// get a number; other links (mailto:, javascript:, relative ones) show as
// their text alone. Code spans and blocks are left as they are: goldmark
// finds the links, so escaped brackets and code never count as one.
//
// The result is sanitised markdown for Render.
func NumberLinks(md string) (string, []Link) {
	md = sanitize.Markdown(md)
	src := []byte(md)
	ln := linkNumberer{src: src, spans: linkSpans{}, byURL: map[string]int{}}
	_ = ast.Walk(parseMarkdown(src, ln.spans), ln.visit)
	if len(ln.edits) == 0 {
		return md, nil
	}
	slices.SortStableFunc(ln.edits, func(a, b edit) int { return cmp.Compare(a.pos, b.pos) })
	var b strings.Builder
	b.Grow(len(md) + 8*len(ln.edits))
	last := 0
	for _, e := range ln.edits {
		b.WriteString(md[last:e.pos])
		b.WriteString(e.s)
		last = e.pos + e.n
	}
	b.WriteString(md[last:])
	return b.String(), ln.links
}

// linkNumberer gathers the links of one body, and the edits of its
// markdown that show their numbers, in one walk of the parsed body.
type linkNumberer struct {
	src   []byte
	spans linkSpans
	links []Link
	byURL map[string]int
	edits []edit
}

// number returns the mark that shows u's number, giving u the next number
// if it has none yet.
func (ln *linkNumberer) number(u, text string) string {
	n, ok := ln.byURL[u]
	if !ok {
		n = len(ln.links) + 1
		ln.byURL[u] = n
		ln.links = append(ln.links, Link{N: n, Text: text, URL: u})
	}
	// A no-break space keeps the number with the word before it.
	return "\u00a0\\[" + strconv.Itoa(n) + "\\]"
}

func (ln *linkNumberer) visit(n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	sp, found := ln.spans[n]
	if !found {
		return ast.WalkContinue, nil
	}
	// glamour lists the links of a table under it with numbers of its
	// own; a link there becomes plain text, so that only ours show.
	table := inTable(n)
	switch n := n.(type) {
	case *ast.Link:
		ln.link(n, n.Destination, sp, table)
	case *ast.Image:
		ln.link(n, n.Destination, sp, table)
	case *ast.AutoLink:
		ln.autoLink(n, sp, table)
	}
	return ast.WalkContinue, nil
}

// link numbers an inline or reference link or an image whose destination
// is dest.
func (ln *linkNumberer) link(n ast.Node, dest []byte, sp linkSpan, table bool) {
	img := n.Kind() == ast.KindImage
	u, web := webURL(dest)
	var num string
	if web {
		num = ln.number(u, nodeText(n, ln.src))
	}
	open := 1 // "[" or "!["
	if img {
		open = 2
	}
	switch {
	case table:
		ln.edits = append(ln.edits, edit{pos: sp.start, n: open}, edit{pos: sp.close, n: sp.end - sp.close, s: num})
	case img:
		// An image with no URL shows its description alone.
		ln.edits = append(ln.edits, edit{pos: sp.close, n: sp.end - sp.close, s: "]()" + num})
	default:
		// A link to "#" alone keeps glamour's link text style but
		// prints no URL.
		ln.edits = append(ln.edits, edit{pos: sp.close, n: sp.end - sp.close, s: "](#)" + num})
	}
}

// autoLink numbers an autolink or a bare URL.
func (ln *linkNumberer) autoLink(n *ast.AutoLink, sp linkSpan, table bool) {
	if n.AutoLinkType != ast.AutoLinkURL {
		return
	}
	u, web := webURL(n.URL(ln.src))
	if !web {
		return
	}
	num := ln.number(u, sanitize.Line(string(n.Label(ln.src))))
	if table {
		// With its dots escaped, the URL is text that GFM does not
		// link again.
		label := strings.ReplaceAll(string(n.Label(ln.src)), ".", "\\.")
		ln.edits = append(ln.edits, edit{pos: sp.start, n: sp.end - sp.start, s: label + num})
	} else {
		ln.edits = append(ln.edits, edit{pos: sp.end, s: num})
	}
}

// webURL returns the link destination dest decoded as goldmark decodes it
// (escapes and character references), sanitised, and whether it is an
// http(s) URL with a host and valid UTF-8. Spaces, which only a <bracketed> destination
// can hold, are percent-encoded so that the URL is one word.
func webURL(dest []byte) (string, bool) {
	d := util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(dest)))
	s := strings.TrimSpace(sanitize.Line(string(d)))
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Host == "" ||
		strings.ContainsRune(s, utf8.RuneError) { // it had bytes that are not UTF-8
		return "", false
	}
	return strings.ReplaceAll(s, " ", "%20"), true
}

// nodeText is the text a link or image shows: its text nodes with escapes
// and references decoded, code spans as written, on one line.
func nodeText(n ast.Node, src []byte) string {
	var b []byte
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(src)
			if !c.IsRaw() {
				v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
			}
			b = append(b, v...)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b = append(b, ' ')
			}
		case *ast.String:
			b = append(b, c.Value...)
		}
		return ast.WalkContinue, nil
	})
	return sanitize.Line(string(b))
}

func inTable(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == east.KindTable {
			return true
		}
	}
	return false
}
