package extract

import (
	"html"
	"strings"
)

// mdKind is the role of a markdown block as far as the briefing cares: prose
// to read, a heading, one item of a list, or something never read as prose.
type mdKind uint8

const (
	mdPara mdKind = iota
	mdHeading
	mdItem
	mdOther // tables, code, rules, raw HTML: figures and sentences are not looked for there
)

// mdBlock is one block of the article body. text is still inline markdown;
// lines of a paragraph are joined with a space, or with a newline where the
// source had a hard break, so that the sentence splitter can treat hard
// breaks as ends of sentences.
type mdBlock struct {
	kind  mdKind
	level int    // heading level, 1-6
	list  int    // items: 1-based id shared by the items of one list
	text  string // raw inline markdown
	// from and to are the block's bytes in the markdown it was parsed
	// from (its first line's start to its last line's end), so that a
	// block can be cut out of the body.
	from, to int
}

// parseBlocks reads the block structure of the markdown htmlmd
// writes (and of hand-written or plain-text bodies): ATX and setext
// headings, paragraphs, bulleted and numbered lists, fenced code, tables,
// rules and block quotes. It is a line scanner, not a CommonMark parser:
// the briefing only needs to know which text is a heading, a paragraph or a
// list item, and it must stay linear on a megabyte of input.
func parseBlocks(md string) []mdBlock {
	p := blockParser{blocks: make([]mdBlock, 0, 16+strings.Count(md, "\n\n"))}
	fence := ""
	for off := 0; off < len(md); {
		line := md[off:]
		next := len(md)
		if i := strings.IndexByte(line, '\n'); i >= 0 {
			line, next = line[:i], off+i+1
		}
		p.from, p.to = off, off+len(line)
		off = next
		trimmed := spaceTab.trimLeft(line)
		if fence != "" {
			// Code belongs to the block its fence opened.
			p.blocks[len(p.blocks)-1].to = p.to
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
			continue
		}
		p.blank = p.line(line, trimmed, &fence)
	}
	p.flush()
	return p.blocks
}

type blockParser struct {
	blocks  []mdBlock
	para    []string // lines of the open paragraph
	item    []string // lines of the open list item
	lists   int      // lists seen so far
	inList  bool     // a list is open (possibly after blank lines)
	ordered bool     // the open list is numbered
	blank   bool     // the previous line was blank

	from, to         int // the current line's bytes
	paraFrom, paraTo int // the open paragraph's bytes
	itemFrom, itemTo int // the open item's bytes
}

// block appends a block made of the current line alone.
func (p *blockParser) block(b mdBlock) {
	b.from, b.to = p.from, p.to
	p.blocks = append(p.blocks, b)
}

// line reads one line outside fenced code and reports whether it was blank.
func (p *blockParser) line(line, trimmed string, fence *string) (blank bool) {
	indent := len(line) - len(trimmed)
	// A block quote is read as the text it quotes.
	for strings.HasPrefix(trimmed, ">") {
		trimmed = spaceTab.trimLeft(trimmed[1:])
		line, indent = trimmed, 0
	}
	if trimmed == "" {
		p.flushPara()
		p.flushItem()
		return true
	}
	switch {
	case strings.HasPrefix(trimmed, "```"), strings.HasPrefix(trimmed, "~~~"):
		p.flush()
		*fence = trimmed[:3]
		p.block(mdBlock{kind: mdOther})
		return false
	case atxLevel(trimmed) > 0:
		p.flush()
		lvl := atxLevel(trimmed)
		text := strings.TrimSpace(trimmed[lvl:])
		text = strings.TrimSpace(strings.TrimRight(text, "#"))
		p.block(mdBlock{kind: mdHeading, level: lvl, text: text})
		return false
	case len(p.para) > 0 && len(p.item) == 0 && setextLevel(trimmed) > 0:
		text := joinLines(p.para)
		p.para = p.para[:0]
		p.blocks = append(p.blocks, mdBlock{kind: mdHeading, level: setextLevel(trimmed), text: text, from: p.paraFrom, to: p.to})
		return false
	case isRule(trimmed):
		p.flush()
		p.block(mdBlock{kind: mdOther})
		return false
	case trimmed[0] == '|', strings.HasPrefix(trimmed, "<!--"):
		// Tables hold figures without sentences around them; an HTML
		// comment is how htmlmd separates two adjacent lists.
		p.flush()
		if n := len(p.blocks); n == 0 || p.blocks[n-1].kind != mdOther {
			p.block(mdBlock{kind: mdOther})
		} else {
			p.blocks[n-1].to = p.to
		}
		return false
	}
	if ordered, rest, ok := listMarker(trimmed); ok {
		p.flushPara()
		p.flushItem()
		nested := p.inList && indent > 0
		if !p.inList || (!nested && ordered != p.ordered) {
			p.lists++
			p.inList = true
			p.ordered = ordered
		}
		p.addItemLine(rest)
		return false
	}
	// Plain text: continues an item when it is indented under it or
	// follows it directly, otherwise it is paragraph text.
	if p.inList && (len(p.item) > 0 && !p.blank || p.blank && indent >= 2) {
		if len(p.item) == 0 && len(p.blocks) > 0 && p.blocks[len(p.blocks)-1].kind == mdItem {
			// A later paragraph of the previous item.
			last := &p.blocks[len(p.blocks)-1]
			last.text += " " + strings.TrimSpace(trimmed)
			last.to = p.to
			return false
		}
		p.addItemLine(line)
		return false
	}
	p.flushItem()
	p.inList = false
	if len(p.para) == 0 {
		p.paraFrom = p.from
	}
	p.para = append(p.para, line)
	p.paraTo = p.to
	return false
}

func (p *blockParser) addItemLine(line string) {
	if len(p.item) == 0 {
		p.itemFrom = p.from
	}
	p.item = append(p.item, line)
	p.itemTo = p.to
}

func (p *blockParser) flushPara() {
	if len(p.para) == 0 {
		return
	}
	p.blocks = append(p.blocks, mdBlock{kind: mdPara, text: joinLines(p.para), from: p.paraFrom, to: p.paraTo})
	p.para = p.para[:0]
}

func (p *blockParser) flushItem() {
	if len(p.item) == 0 {
		return
	}
	p.blocks = append(p.blocks, mdBlock{kind: mdItem, list: p.lists, text: joinLines(p.item), from: p.itemFrom, to: p.itemTo})
	p.item = p.item[:0]
}

func (p *blockParser) flush() {
	p.flushPara()
	p.flushItem()
	p.inList = false
}

// joinLines joins the lines of a paragraph. A line ending in two spaces or a
// backslash is a hard break and is kept as a newline.
func joinLines(lines []string) string {
	if len(lines) == 1 {
		return strings.TrimSpace(strings.TrimSuffix(lines[0], "\\"))
	}
	var b strings.Builder
	for i, l := range lines {
		hard := strings.HasSuffix(l, "  ") || strings.HasSuffix(l, "\\")
		l = strings.TrimSpace(strings.TrimSuffix(l, "\\"))
		b.WriteString(l)
		if i < len(lines)-1 {
			if hard {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		}
	}
	return b.String()
}

// atxLevel returns the level of an ATX heading line, or 0.
func atxLevel(s string) int {
	n := 0
	for n < len(s) && s[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || n < len(s) && s[n] != ' ' && s[n] != '\t' {
		return 0
	}
	return n
}

// setextLevel returns 1 or 2 for a setext underline ("===" or "---").
func setextLevel(s string) int {
	s = strings.TrimRight(s, " \t")
	if s == "" {
		return 0
	}
	c := s[0]
	if c != '=' && c != '-' {
		return 0
	}
	for i := 0; i < len(s); i++ {
		if s[i] != c {
			return 0
		}
	}
	if c == '=' {
		return 1
	}
	return 2
}

// isRule reports a thematic break: three or more of one of -, * or _,
// optionally spaced.
func isRule(s string) bool {
	c := s[0]
	if c != '-' && c != '*' && c != '_' {
		return false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case c:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

// listMarker recognises a list item: "-", "*", "+" or "•" bullets and
// "1." or "1)" numbers, each followed by a space.
func listMarker(s string) (ordered bool, rest string, ok bool) {
	switch {
	case s == "":
		return false, "", false
	case strings.HasPrefix(s, "•"):
		rest = s[len("•"):]
		if rest == "" || rest[0] != ' ' && rest[0] != '\t' {
			return false, "", false
		}
		return false, strings.TrimSpace(rest), true
	case s[0] == '-' || s[0] == '*' || s[0] == '+':
		if len(s) < 2 || s[1] != ' ' && s[1] != '\t' {
			return false, "", false
		}
		return false, strings.TrimSpace(s[2:]), true
	}
	n := 0
	for n < len(s) && n < 9 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n == 0 || n+1 >= len(s) || s[n] != '.' && s[n] != ')' || s[n+1] != ' ' && s[n+1] != '\t' {
		return false, "", false
	}
	return true, strings.TrimSpace(s[n+2:]), true
}

// inlineSpecial lists the bytes that can start inline markdown syntax or an
// entity; text without any of them is already plain.
const inlineSpecial = "\\[]!*_`<&~"

var inlineSpecials = newASCIISet(inlineSpecial)

// plainInline turns inline markdown into the text a reader sees: emphasis
// and code marks go, links keep their text, images go entirely (their alt
// text is a caption, not prose: "![Aime Robot](...)Aime Summary" reads
// "Aime Summary"), backslash escapes and HTML entities are resolved.
func plainInline(s string) string {
	if !inlineSpecials.contains(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	writePlain(&b, s, 0)
	out := b.String()
	if strings.IndexByte(out, '&') >= 0 {
		out = html.UnescapeString(out)
	}
	return out
}

func writePlain(b *strings.Builder, s string, depth int) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\':
			if i+1 < len(s) && isASCIIPunct(s[i+1]) {
				b.WriteByte(s[i+1])
				i++
				continue
			}
		case '!':
			if i+1 < len(s) && s[i+1] == '[' {
				if _, end, ok := linkAt(s, i+1); ok {
					i = end - 1
					continue
				}
			}
		case '[':
			if text, end, ok := linkAt(s, i); ok {
				if depth < 4 {
					writePlain(b, text, depth+1)
				}
				i = end - 1
				continue
			}
		case '*', '~', '`':
			continue
		case '_':
			// snake_case keeps its underscore; emphasis marks sit at a
			// word boundary.
			if i > 0 && i+1 < len(s) && isWordByte(s[i-1]) && isWordByte(s[i+1]) {
				break
			}
			continue
		case '<':
			if end := strings.IndexByte(s[i:], '>'); end > 0 && isAutolink(s[i+1:i+end]) {
				b.WriteString(s[i+1 : i+end])
				i += end
				continue
			}
		}
		b.WriteByte(c)
	}
}

// Bounds on what linkAt scans. Real link texts and URLs are far shorter;
// without bounds a run of unmatched brackets in hostile input would make
// every "[" scan to the end of the text.
const (
	maxLinkScan  = 2048
	maxLinkDepth = 8
)

// linkAt parses "[text](dest)" starting at s[i] == '['. It returns the text
// and the index just past the closing parenthesis.
func linkAt(s string, i int) (text string, end int, ok bool) {
	depth := 0
	j := i
	for limit := min(len(s), i+maxLinkScan); j < limit; j++ {
		switch s[j] {
		case '\\':
			j++
			continue
		case '[':
			if depth++; depth > maxLinkDepth {
				return "", 0, false
			}
		case ']':
			depth--
		}
		if depth == 0 {
			break
		}
	}
	if j+1 >= len(s) || s[j] != ']' || s[j+1] != '(' {
		return "", 0, false
	}
	k := j + 2
	parens := 1
	for limit := min(len(s), k+maxLinkScan); k < limit && parens > 0; k++ {
		switch s[k] {
		case '(':
			parens++
		case ')':
			parens--
		case '\n':
			return "", 0, false
		}
	}
	if parens != 0 {
		return "", 0, false
	}
	return s[i+1 : j], k, true
}

func isAutolink(s string) bool {
	return (strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "mailto:")) &&
		!strings.ContainsAny(s, " <")
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}
