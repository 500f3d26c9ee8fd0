package htmlmd

import (
	"bytes"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// codeNewline stands for a line break inside a code block until the
// document is done: the passes that fold blank lines and trim hard breaks
// must leave code alone, and a list item indents code lines by replacing
// it. It is a private-use rune that article text has no reason to carry.
const codeNewline = "\uF002"

// A renderer writes the markdown of a prepared tree (see prepare) in one
// walk in document order. An element that changes its content as a whole
// (a list item is indented, a quote prefixed, a link bracketed) records
// where its content starts in out and rewrites that tail when it ends, so
// nothing is rendered twice and no element needs a buffer of its own.
type renderer struct {
	out     []byte
	scratch []byte
	base    *url.URL
	stack   []frame
	items   []int // where each item of the open lists starts in out
	// Open elements by kind: markdown cannot nest bold in bold or a link
	// in a link, so the inner one is plain.
	bold, italic, links int
	nested              int // open lists and quotes
	// merge is an emphasis that ended right before another: the two are
	// written as one ("*AB*", not "*A**B*").
	merge *frame
	// urls remembers the last addresses resolved: an article links the
	// same quote page or chart again and again.
	urls    [4]struct{ raw, abs string }
	nextURL int
}

// maxNested is how many lists and quotes deep the markdown goes. Each
// level prefixes or indents every line inside it again, so a body nested
// hundreds deep (which no article is) would cost time and output in
// proportion to its depth; deeper lists and quotes are written as plain
// paragraphs.
const maxNested = 16

type frameKind uint8

const (
	frameInline   frameKind = iota // writes nothing of its own
	frameBlock                     // parted from what is around it by a blank line
	frameEmphasis                  // bold or italic: delimiters on every line
	frameLink
	frameHeading
	frameQuote
	frameList
	frameItem // a list item: its text is gathered by the list (see listChild)
)

// A frame is an open element.
type frame struct {
	n     *html.Node
	kind  frameKind
	start int    // where the element's content starts in out
	aux   int    // heading level; list: its first entry in items
	delim string // emphasis delimiter
	href  string
	title string
	count *int // the counter the element raised, to lower at its end
}

// walk renders root and everything under it. It keeps the open elements
// in r.stack, not on the goroutine stack, so any depth the parser allows
// is safe.
func (r *renderer) walk(root *html.Node) {
	n := root
	for {
		if r.enter(n) {
			if n.FirstChild != nil {
				n = n.FirstChild
				continue
			}
			r.leave()
		}
		for n != root && n.NextSibling == nil {
			n = n.Parent
			r.leave()
		}
		if n == root {
			return
		}
		n = n.NextSibling
	}
}

func (r *renderer) push(f frame) { r.stack = append(r.stack, f) }

func (r *renderer) top() *frame {
	if len(r.stack) == 0 {
		return nil
	}
	return &r.stack[len(r.stack)-1]
}

// enter writes what comes before n's children and reports whether they are
// to be walked; when it does, it has pushed a frame for n.
func (r *renderer) enter(n *html.Node) bool {
	if t := r.top(); t != nil && t.kind == frameList && t.n == n.Parent {
		if !r.listChild(t, n) {
			return false
		}
	}
	switch n.Type {
	case html.TextNode:
		r.text(n.Data)
		return false
	case html.ElementNode:
	default:
		r.push(frame{n: n, kind: frameInline})
		return true
	}
	switch n.DataAtom {
	case atom.B, atom.Strong:
		return r.enterEmphasis(n, &r.bold, "**")
	case atom.I, atom.Em:
		return r.enterEmphasis(n, &r.italic, "*")
	case atom.A:
		return r.enterLink(n)
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		r.push(frame{n: n, kind: frameHeading, start: len(r.out), aux: int(n.Data[1] - '0')})
		return true
	case atom.Blockquote:
		if r.nested < maxNested {
			r.push(frame{n: n, kind: frameQuote, start: len(r.out), count: &r.nested})
			r.nested++
			return true
		}
	case atom.Ul, atom.Ol:
		if r.nested < maxNested {
			r.push(frame{n: n, kind: frameList, start: len(r.out), aux: len(r.items), count: &r.nested})
			r.nested++
			return true
		}
	case atom.Li:
		if t := r.top(); t != nil && t.kind == frameItem && t.n == n {
			return true
		}
	case atom.Br:
		r.out = append(r.out, "  \n"...)
		return false
	case atom.Hr:
		r.out = append(r.out, "\n\n* * *\n\n"...)
		return false
	case atom.Img:
		r.image(n)
		return false
	case atom.Pre:
		r.codeBlock(n)
		return false
	case atom.Code, atom.Var, atom.Samp, atom.Kbd, atom.Tt:
		r.writeInlineCode(n)
		return false
	case atom.Table:
		if r.table(n) {
			return false
		}
	case atom.Tr:
		r.out = append(r.out, "\n\n"...)
		r.push(frame{n: n, kind: frameBlock})
		return true
	}
	if blockTag(n.DataAtom) {
		r.out = append(r.out, "\n\n"...)
		r.push(frame{n: n, kind: frameBlock})
		return true
	}
	r.push(frame{n: n, kind: frameInline})
	return true
}

// leave ends the element on top of the stack.
func (r *renderer) leave() {
	f := r.stack[len(r.stack)-1]
	r.stack = r.stack[:len(r.stack)-1]
	if f.count != nil {
		*f.count--
	}
	switch f.kind {
	case frameBlock:
		r.out = append(r.out, "\n\n"...)
	case frameEmphasis:
		r.leaveEmphasis(f)
	case frameLink:
		r.leaveLink(f)
	case frameHeading:
		r.leaveHeading(f)
	case frameQuote:
		r.leaveQuote(f)
	case frameList:
		r.leaveList(f)
	}
}

// text writes a text node; its white space was collapsed by prepare.
func (r *renderer) text(s string) {
	for {
		i := strings.IndexByte(s, '<')
		j := strings.IndexByte(s, '>')
		if i < 0 || j >= 0 && j < i {
			i = j
		}
		if i < 0 {
			r.out = append(r.out, s...)
			return
		}
		r.out = append(r.out, s[:i]...)
		if s[i] == '<' {
			r.out = append(r.out, "&lt;"...)
		} else {
			r.out = append(r.out, "&gt;"...)
		}
		s = s[i+1:]
	}
}

// tail moves out[start:] to scratch and cuts it from out, for an element
// to write its content back changed.
func (r *renderer) tail(start int) []byte {
	r.scratch = append(r.scratch[:0], r.out[start:]...)
	r.out = r.out[:start]
	return r.scratch
}

func (r *renderer) enterEmphasis(n *html.Node, count *int, delim string) bool {
	*count++
	f := frame{n: n, kind: frameEmphasis, start: len(r.out), delim: delim, count: count}
	if *count > 1 {
		f.kind = frameInline
	} else if m := r.merge; m != nil && m.n.NextSibling == n {
		f.start, f.delim = m.start, m.delim
	}
	r.merge = nil
	r.push(f)
	return true
}

func (r *renderer) leaveEmphasis(f frame) {
	if next := f.n.NextSibling; next != nil && next.Type == html.ElementNode {
		switch {
		case (next.DataAtom == atom.B || next.DataAtom == atom.Strong) && r.bold == 0,
			(next.DataAtom == atom.I || next.DataAtom == atom.Em) && r.italic == 0:
			// A copy, so that f itself stays on the stack on every other path.
			m := f
			r.merge = &m
			return
		}
	}
	content := r.tail(f.start)
	r.out = appendDelimited(r.out, content, f.delim)
}

func (r *renderer) enterLink(n *html.Node) bool {
	r.links++
	f := frame{n: n, kind: frameInline, count: &r.links}
	if r.links == 1 {
		f.kind, f.start = frameLink, len(r.out)
		f.href = r.absURL(attr(n, "href"))
		f.title = strings.ReplaceAll(attr(n, "title"), "\n", " ")
		if f.href == "" {
			f.kind = frameInline
		}
	}
	r.push(f)
	return true
}

func (r *renderer) leaveLink(f frame) {
	if len(bytes.TrimSpace(r.out[f.start:])) == 0 {
		return
	}
	content := r.tail(f.start)
	left, trimmed, right := surroundingSpaces(content)
	r.out = append(r.out, left...)
	r.out = append(r.out, '[')
	mark := len(r.out)
	r.out = appendFoldedNewlines(r.out, trimmed)
	if bytes.IndexByte(r.out[mark:], '\n') >= 0 {
		lines := append([]byte(nil), r.out[mark:]...)
		r.out = appendMultiLine(r.out[:mark], lines)
	}
	r.out = append(r.out, "]("...)
	r.out = append(r.out, f.href...)
	if f.title != "" {
		r.out = append(r.out, ' ')
		r.out = appendQuoted(r.out, f.title)
	}
	r.out = append(r.out, ')')
	r.out = append(r.out, right...)
}

func (r *renderer) leaveHeading(f frame) {
	if len(bytes.TrimSpace(r.out[f.start:])) == 0 {
		r.out = r.out[:f.start]
		return
	}
	content := r.tail(f.start)
	r.out = append(r.out, "\n\n"...)
	r.out = append(r.out, "######"[:f.aux]...)
	r.out = append(r.out, ' ')
	mark := len(r.out)
	// A heading is one line.
	r.out = appendOneLine(r.out, content, '\r')
	line := bytes.TrimSpace(r.out[mark:])
	copy(r.out[mark:], line)
	r.out = r.out[:mark+len(line)]
	if h := r.out[mark:]; len(h) >= 2 && h[len(h)-1] == '#' && !(len(h) >= 3 && h[len(h)-3] == '\\') {
		h[len(h)-2] = '\\'
	}
	r.out = append(r.out, "\n\n"...)
}

func (r *renderer) leaveQuote(f frame) {
	content := bytes.TrimSpace(r.tail(f.start))
	if len(content) == 0 {
		return
	}
	mark := len(r.out)
	r.out = appendFoldedNewlines(r.out, content)
	r.out = trimHardBreaks(r.out, mark)
	lines := append(r.scratch[:0], r.out[mark:]...)
	r.out = append(r.out[:mark], "\n\n> "...)
	for _, c := range lines {
		r.out = append(r.out, c)
		if c == '\n' {
			r.out = append(r.out, "> "...)
		}
	}
	r.scratch = lines
	r.out = append(r.out, "\n\n"...)
}

// image writes an image with its address resolved; one without a source
// writes nothing.
func (r *renderer) image(n *html.Node) {
	src := strings.TrimSpace(attr(n, "src"))
	if src == "" {
		return
	}
	r.out = append(r.out, "!["...)
	alt := attr(n, "alt")
	for i := 0; i < len(alt); i++ {
		switch c := alt[i]; c {
		case '\n':
			r.out = append(r.out, ' ')
		case '[', ']':
			if i == 0 || alt[i-1] != '\\' {
				r.out = append(r.out, '\\')
			}
			r.out = append(r.out, c)
		default:
			r.out = append(r.out, c)
		}
	}
	r.out = append(r.out, "]("...)
	r.out = append(r.out, r.absURL(src)...)
	if title := strings.ReplaceAll(attr(n, "title"), "\n", " "); title != "" {
		r.out = append(r.out, ' ')
		r.out = appendQuoted(r.out, title)
	}
	r.out = append(r.out, ')')
}

// appendQuoted writes a link or image title in the quotes that need no
// escaping when there are any.
func appendQuoted(b []byte, title string) []byte {
	dq, sq := strings.Contains(title, `"`), strings.Contains(title, "'")
	switch {
	case dq && sq:
		b = append(b, '"')
		b = append(b, strings.ReplaceAll(title, `"`, `\"`)...)
		return append(b, '"')
	case dq:
		b = append(b, '\'')
		b = append(b, title...)
		return append(b, '\'')
	}
	b = append(b, '"')
	b = append(b, title...)
	return append(b, '"')
}

// listChild reads a child of a list: an item starts an item, white space
// between items is nothing, and anything else belongs to the item before
// it, or starts one when there is none. It reports whether n is rendered.
func (r *renderer) listChild(list *frame, n *html.Node) bool {
	if n.Type == html.TextNode && strings.TrimSpace(n.Data) == "" {
		return false
	}
	isItem := n.Type == html.ElementNode && n.DataAtom == atom.Li
	if isItem || len(r.items) == list.aux {
		if len(r.items) > list.aux {
			r.endItem(list)
		}
		r.items = append(r.items, len(r.out))
	}
	if isItem {
		r.push(frame{n: n, kind: frameItem})
	}
	return true
}

// endItem trims the last item of list and folds its blank lines, or drops
// it when it is empty.
func (r *renderer) endItem(list *frame) {
	last := len(r.items) - 1
	start := r.items[last]
	content := bytes.TrimSpace(r.tail(start))
	if len(content) == 0 {
		r.items = r.items[:last]
		return
	}
	r.out = appendFoldedNewlines(r.out, content)
	r.out = trimHardBreaks(r.out, start)
}

// leaveList writes the items of a list with their markers, each line after
// an item's first indented to its text.
func (r *renderer) leaveList(f frame) {
	if len(r.items) > f.aux {
		r.endItem(&f)
	}
	starts := r.items[f.aux:]
	r.items = r.items[:f.aux]
	if len(starts) == 0 {
		r.out = r.out[:f.start]
		return
	}
	content := r.tail(f.start)
	first, width := 1, 0
	ordered := f.n.DataAtom == atom.Ol
	if ordered {
		if v, err := strconv.Atoi(attrOr(f.n, "start", "1")); err == nil {
			first = v
		}
		width = len(strconv.Itoa(first + len(starts) - 1))
	}
	var num [24]byte
	indent := 2
	if ordered {
		indent = len(padNumber(num[:0], first, width)) + 2
	}
	r.out = append(r.out, "\n\n"...)
	for i, s := range starts {
		end := len(content)
		if i+1 < len(starts) {
			end = starts[i+1] - f.start
		}
		if i > 0 {
			r.out = append(r.out, '\n')
		}
		if ordered {
			r.out = append(padNumber(r.out, first+i, width), ". "...)
		} else {
			r.out = append(r.out, "- "...)
		}
		r.out = appendIndented(r.out, content[s-f.start:end], indent)
	}
	r.out = append(r.out, "\n\n"...)
	if nextIsList(f.n) {
		r.out = append(r.out, "\n\n<!--THE END-->\n\n"...)
	}
}

// padNumber writes n with leading zeros to width digits, as "%0*d" does.
func padNumber(b []byte, n, width int) []byte {
	s := strconv.Itoa(n)
	neg := n < 0
	if neg {
		b = append(b, '-')
		s = s[1:]
		width--
	}
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// nextIsList reports whether the next thing after list n is another list,
// with nothing but elements between. Two lists written one after the other
// would read as one, so a comment parts them.
func nextIsList(n *html.Node) bool {
	for n = following(n, nil); n != nil; {
		switch {
		case n.Type == html.TextNode:
			return false
		case n.Type != html.ElementNode:
		case n.DataAtom == atom.Ul || n.DataAtom == atom.Ol:
			return true
		case n.DataAtom == atom.Li || n.DataAtom == atom.Hr:
			return false
		}
		if n.FirstChild != nil {
			n = n.FirstChild
		} else {
			n = following(n, nil)
		}
	}
	return false
}

func attrOr(n *html.Node, key, def string) string {
	if i := attrIndex(n, key); i >= 0 {
		return n.Attr[i].Val
	}
	return def
}
