package htmlmd

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// prepare readies a parsed body for rendering in one walk in document
// order: it removes what is never article text (removed elements, tracking
// pixels and data images, comments), unwraps links that lead nowhere
// useful, and collapses white space as a browser lays it out. Collapsing
// follows the text from node to node: a run of spaces, tabs and newlines
// becomes one space, a space that follows a space or opens a block is
// dropped, and a block or <br> trims the space that ends the text before
// it. <pre> and <code> keep their text as written.
//
// The tree is changed in place; that is cheap pointer work and spares the
// renderer every one of these decisions.
func prepare(doc *html.Node) {
	var c collapser
	n := doc.FirstChild
	for n != nil {
		switch n.Type {
		case html.TextNode:
			text := collapseSpace(n.Data)
			if text != "" && text[0] == ' ' && !c.keepLeading && (c.prevText == nil || strings.HasSuffix(c.prevText.Data, " ")) {
				text = text[1:]
			}
			if text == "" {
				n = removeAndSkip(n, doc)
				continue
			}
			if len(text) != len(n.Data) || text != n.Data {
				n.Data = text
			}
			c.prevText = n
		case html.ElementNode:
			if dropped(n) || n.DataAtom == atom.Code && !hasText(n) {
				n = removeAndSkip(n, doc)
				continue
			}
			if n.DataAtom == atom.A && !webLink(attr(n, "href")) {
				n = unwrap(n, doc)
				continue
			}
			swapWithChild(n)
			if inlineCode(n.DataAtom) {
				mergeFollowingCode(n)
			}
			c.element(n)
			if n.FirstChild != nil && n.DataAtom != atom.Pre && n.DataAtom != atom.Code {
				n = n.FirstChild
				continue
			}
		default:
			// Comments, doctypes: never text.
			n = removeAndSkip(n, doc)
			continue
		}
		// Climbing out of an element counts as passing it again: the end
		// of a block trims the space before it as its start does.
		for n != doc && n.NextSibling == nil {
			n = n.Parent
			if n != doc {
				c.element(n)
			}
		}
		if n == doc {
			break
		}
		n = n.NextSibling
	}
	if prevText := c.prevText; prevText != nil {
		prevText.Data = strings.TrimSuffix(prevText.Data, " ")
		if prevText.Data == "" {
			prevText.Parent.RemoveChild(prevText)
		}
	}
}

// A collapser is the state of white space collapsing between nodes.
type collapser struct {
	prevText    *html.Node // the last text since a block or <br>
	keepLeading bool       // a void element or code came since prevText
}

// element passes the start or the end of an element.
func (c *collapser) element(n *html.Node) {
	switch {
	case blockTag(n.DataAtom) || n.DataAtom == atom.Br:
		if c.prevText != nil {
			c.prevText.Data = strings.TrimSuffix(c.prevText.Data, " ")
		}
		c.prevText, c.keepLeading = nil, false
	case voidTag(n.DataAtom) || n.DataAtom == atom.Pre || n.DataAtom == atom.Code:
		c.prevText, c.keepLeading = nil, true
	case c.prevText != nil:
		c.keepLeading = false
	}
}

// following is the node after n in document order once n's children are
// done, or nil at the end of root.
func following(n, root *html.Node) *html.Node {
	for n != root {
		if n.NextSibling != nil {
			return n.NextSibling
		}
		n = n.Parent
	}
	return nil
}

// removeAndSkip removes n with its children and returns the node after it.
func removeAndSkip(n, root *html.Node) *html.Node {
	next := following(n, root)
	n.Parent.RemoveChild(n)
	return next
}

// unwrap puts n's children in its place and returns the first of them, or
// the node after n when it has none.
func unwrap(n, root *html.Node) *html.Node {
	first := n.FirstChild
	for c := n.FirstChild; c != nil; c = n.FirstChild {
		n.RemoveChild(c)
		n.Parent.InsertBefore(c, n)
	}
	if first == nil {
		return removeAndSkip(n, root)
	}
	n.Parent.RemoveChild(n)
	return first
}

// dropped reports an element whose content is never article text, and an
// image that is noise (see noiseImage).
func dropped(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Iframe, atom.Noscript, atom.Form, atom.Button,
		atom.Select, atom.Object, atom.Embed, atom.Svg, atom.Canvas, atom.Template,
		atom.Frameset, atom.Audio, atom.Video, atom.Head, atom.Link, atom.Meta,
		atom.Input, atom.Textarea:
		return true
	case atom.Img:
		return noiseImage(n)
	}
	return false
}

// collapseSpace turns every run of HTML white space (space, tab, CR, LF)
// into one space. Form feeds are not white space here. Text that needs no
// change is returned as it is.
func collapseSpace(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c > ' ':
		case c == ' ' && (i+1 == len(s) || !isCollapsible(s[i+1])):
		case isCollapsible(c):
			return collapseFrom(s, i)
		}
	}
	return s
}

// collapseFrom collapses s from i on, where the first change is due.
func collapseFrom(s string, i int) string {
	if i == 0 && blank(s) {
		// The line breaks between tags: no copy needed.
		return " "
	}
	// A Builder hands over its bytes as the string: one allocation, not two.
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for i < len(s) {
		if !isCollapsible(s[i]) {
			j := i + 1
			for j < len(s) && !isCollapsible(s[j]) {
				j++
			}
			b.WriteString(s[i:j])
			i = j
			continue
		}
		b.WriteByte(' ')
		for i < len(s) && isCollapsible(s[i]) {
			i++
		}
	}
	return b.String()
}

func isCollapsible(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// blockTag reports the elements that stand apart from the text around them
// as paragraphs do.
func blockTag(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Details, atom.Dialog,
		atom.Dd, atom.Div, atom.Dl, atom.Dt, atom.Fieldset, atom.Figcaption, atom.Figure,
		atom.Footer, atom.Form, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Header, atom.Hgroup, atom.Hr, atom.Li, atom.Main, atom.Nav, atom.Ol, atom.P,
		atom.Pre, atom.Section, atom.Table, atom.Ul:
		return true
	}
	return false
}

// voidTag reports elements without content, after which a space is kept.
func voidTag(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Command, atom.Embed, atom.Hr, atom.Img,
		atom.Input, atom.Keygen, atom.Link, atom.Meta, atom.Param, atom.Track, atom.Wbr:
		return true
	}
	return false
}

// hasText reports whether there is text under n.
func hasText(n *html.Node) bool {
	for d := n.FirstChild; d != nil; {
		if d.Type == html.TextNode && d.Data != "" {
			return true
		}
		if d.FirstChild != nil {
			d = d.FirstChild
		} else {
			d = following(d, n)
		}
	}
	return false
}

// blank reports whether s is nothing but collapsible white space.
func blank(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isCollapsible(s[i]) {
			return false
		}
	}
	return true
}

// swapWithChild turns markup that markdown cannot write into the same
// markup with the two elements swapped: bold around a link becomes a link
// around bold ("[**x**](u)", which reads as one link), a link around a
// heading a heading holding a link, code around a <pre> a code block.
func swapWithChild(n *html.Node) {
	// Only these three have a child to swap with: spare the others the look.
	if !emphasis(n.DataAtom) && n.DataAtom != atom.A && n.DataAtom != atom.Code {
		return
	}
	child := soleChild(n)
	if child == nil || child.Type != html.ElementNode {
		return
	}
	switch {
	case emphasis(n.DataAtom) && child.DataAtom == atom.A && webLink(attr(child, "href")),
		n.DataAtom == atom.A && heading(child.DataAtom),
		n.DataAtom == atom.Code && child.DataAtom == atom.Pre:
		n.Data, child.Data = child.Data, n.Data
		n.DataAtom, child.DataAtom = child.DataAtom, n.DataAtom
		n.Attr, child.Attr = child.Attr, n.Attr
	}
}

// soleChild is the one child of n other than white space, if it has one.
func soleChild(n *html.Node) *html.Node {
	var sole *html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode && strings.TrimSpace(c.Data) == "" {
			continue
		}
		if sole != nil {
			return nil
		}
		sole = c
	}
	return sole
}

func emphasis(a atom.Atom) bool {
	return a == atom.B || a == atom.Strong || a == atom.I || a == atom.Em
}

func heading(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

func inlineCode(a atom.Atom) bool {
	switch a {
	case atom.Code, atom.Var, atom.Samp, atom.Kbd, atom.Tt:
		return true
	}
	return false
}

// mergeFollowingCode moves the content of the code elements right after n
// into n: written apart, "`a“b`" would read as one span with backticks
// in it.
func mergeFollowingCode(n *html.Node) {
	for next := n.NextSibling; next != nil && next.Type == html.ElementNode && inlineCode(next.DataAtom); next = n.NextSibling {
		for c := next.FirstChild; c != nil; c = next.FirstChild {
			next.RemoveChild(c)
			n.AppendChild(c)
		}
		n.Parent.RemoveChild(next)
	}
}
