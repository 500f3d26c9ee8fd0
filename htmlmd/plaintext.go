package htmlmd

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html/atom"

	"brief/internal/sanitize"
)

// hasMarkup reports whether a body holds HTML: a tag of an element HTML
// knows ("<p>", "</div>", "<br/>", "<img src=...>"), a comment or a
// doctype. A bare '<' is not enough: plain text says "a move of <4%" or
// "P/E <20x", and read as HTML it would lose every line break.
func hasMarkup(s string) bool {
	for i := strings.IndexByte(s, '<'); i >= 0; {
		if tagAt(s[i+1:]) {
			return true
		}
		j := strings.IndexByte(s[i+1:], '<')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// tagAt reports whether s, the text after a '<', starts a tag, comment or
// doctype.
func tagAt(s string) bool {
	if strings.HasPrefix(s, "!--") || len(s) >= 8 && strings.EqualFold(s[:8], "!doctype") {
		return true
	}
	s = strings.TrimPrefix(s, "/")
	n := 0
	for n < len(s) && n < 16 && (isASCIILetter(s[n]) || n > 0 && s[n] >= '0' && s[n] <= '9') {
		n++
	}
	if n == 0 || n == len(s) {
		return false
	}
	switch s[n] {
	case '>', '/', ' ', '\t', '\n':
	default:
		return false
	}
	var name [16]byte
	for k := 0; k < n; k++ {
		name[k] = s[k] | 0x20 // ASCII lower case
	}
	return atom.Lookup(name[:n]) != 0
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// plainText turns a body without markup into markdown that says exactly
// what the text says and keeps its structure: blank lines part
// paragraphs, lines starting "- ", "• ", "* ", "1." or "1)" are list
// items, and a short line standing alone without closing punctuation
// ("Aime Summary", "Sensors and the yen") is a heading. The result reads
// to extract as the HTML form of the same article does.
//
// Everything else is text: characters markdown would read as syntax
// ("*", "_", "#", "<", "[", a "1." that opens a wrapped line...) are
// escaped, so that no emphasis, link, raw HTML, code or table appears
// that the text did not have. Feed descriptions are HTML by definition,
// so entities are decoded even without tags.
func plainText(s string) string {
	s = sanitize.Text(html.UnescapeString(s))
	lines := strings.Split(s, "\n")
	kinds := make([]lineKind, len(lines))
	for i, l := range lines {
		lines[i], kinds[i] = classifyLine(l)
	}
	w := plainWriter{}
	w.b.Grow(len(s) + len(s)/16)
	for i := 0; i < len(lines); i++ {
		line, kind := lines[i], kinds[i]
		switch kind {
		case lineBlank:
			w.blank()
		case lineRule:
			w.block(blockRule)
			w.b.WriteString("---")
		case lineBullet, lineNumber:
			w.item(kind, line)
			// Indented lines right after an item continue it.
			for i+1 < len(lines) && kinds[i+1] == lineText && indented(lines[i+1]) {
				i++
				w.b.WriteByte(' ')
				writeEscaped(&w.b, strings.TrimSpace(lines[i]), false)
			}
		default:
			text := strings.TrimSpace(line)
			beforeList := i+1 < len(kinds) && (kinds[i+1] == lineBullet || kinds[i+1] == lineNumber)
			if (beforeList || standsAlone(kinds, i)) && headingText(text) {
				w.block(blockHeading)
				w.b.WriteString("## ")
				writeEscaped(&w.b, text, true)
				continue
			}
			// A label that introduces a list ("Key takeaways for
			// investors:") is a paragraph of its own even when the lines
			// before it have no blank line after them.
			if w.last == blockPara && !w.gap && !(beforeList && labelText(text)) {
				w.b.WriteByte('\n')
			} else {
				w.block(blockPara)
			}
			writeLineStart(&w.b, text)
		}
	}
	return sanitize.EscapeControlRefs(w.b.String())
}

type lineKind uint8

const (
	lineBlank lineKind = iota
	lineText
	lineBullet
	lineNumber
	lineRule
)

// classifyLine reads one line of plain text. For list items the returned
// text is the number ("12") and the item's text after a tab, so that the
// writer need not parse the marker again.
func classifyLine(l string) (string, lineKind) {
	l = strings.TrimRight(l, " \t\u00a0")
	t := strings.TrimLeft(l, " \t\u00a0")
	switch {
	case t == "":
		return "", lineBlank
	case isPlainRule(t):
		return "", lineRule
	}
	if rest, ok := bulletText(t); ok {
		return rest, lineBullet
	}
	if num, rest, ok := numberText(t); ok {
		return num + "\t" + rest, lineNumber
	}
	return l, lineText
}

// bulletText recognises "- ", "• ", "* " and the like at the start of a
// line.
func bulletText(t string) (string, bool) {
	for _, m := range [...]string{"-", "•", "*", "◦", "▪", "‣"} {
		if strings.HasPrefix(t, m) && len(t) > len(m)+1 && (t[len(m)] == ' ' || t[len(m)] == '\t') {
			if rest := strings.TrimSpace(t[len(m):]); rest != "" {
				return rest, true
			}
		}
	}
	return "", false
}

// numberText recognises "1. " and "1) " with one or two digits: a longer
// number at a line start is a year or an amount that a wrapped line
// happens to begin with ("2026. Shares rose...").
func numberText(t string) (num, rest string, ok bool) {
	n := 0
	for n < len(t) && n < 3 && t[n] >= '0' && t[n] <= '9' {
		n++
	}
	if n == 0 || n > 2 || n+2 > len(t) || t[n] != '.' && t[n] != ')' || t[n+1] != ' ' && t[n+1] != '\t' {
		return "", "", false
	}
	rest = strings.TrimSpace(t[n+1:])
	return t[:n], rest, rest != ""
}

// isPlainRule reports a separator line: three or more of one of - = _ * ~
// and nothing else but spaces.
func isPlainRule(t string) bool {
	c := t[0]
	if !strings.ContainsRune("-=_*~", rune(c)) {
		return false
	}
	n := 0
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case c:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

func indented(l string) bool { return l != "" && (l[0] == ' ' || l[0] == '\t') }

// standsAlone reports a text line with nothing right before it and a
// blank line, a separator or a list right after it, and something still
// to come: a line that ends the text is a closing remark, not a heading.
// (A line right before a list is a heading whatever precedes it: see
// plainText.)
func standsAlone(kinds []lineKind, i int) bool {
	if i > 0 && kinds[i-1] != lineBlank && kinds[i-1] != lineRule {
		return false
	}
	if i+1 == len(kinds) {
		return false
	}
	switch kinds[i+1] {
	case lineBullet, lineNumber:
		return true
	case lineBlank, lineRule:
	default:
		return false
	}
	for _, k := range kinds[i+1:] {
		if k != lineBlank && k != lineRule {
			return true
		}
	}
	return false
}

// Headings are short: a line longer than this is a paragraph that happens
// to stand alone.
const (
	maxHeadingBytes = 90
	maxHeadingWords = 12
)

// headingText reports whether a line standing alone reads as a heading:
// short, starting with a letter or digit, without the punctuation that
// ends a sentence or introduces what follows, and not a bare address.
func headingText(t string) bool {
	if len(t) > maxHeadingBytes || strings.Count(t, " ")+1 > maxHeadingWords || strings.Contains(t, "://") {
		return false
	}
	first, _ := utf8.DecodeRuneInString(t)
	if !unicode.IsLetter(first) && !unicode.IsDigit(first) {
		return false
	}
	core := strings.TrimRight(t, ")]\"'”’»")
	last, _ := utf8.DecodeLastRuneInString(core)
	return !strings.ContainsRune(".!?,;:…", last)
}

// labelText reports a short line ending in a colon.
func labelText(t string) bool {
	return strings.HasSuffix(t, ":") && len(t) <= maxHeadingBytes && strings.Count(t, " ")+1 <= maxHeadingWords
}

// blockKind is what the writer wrote last, to know what separates it from
// the next line.
type blockKind uint8

const (
	blockNone blockKind = iota
	blockPara
	blockHeading
	blockRule
	blockBullets
	blockNumbers
)

type plainWriter struct {
	b    strings.Builder
	last blockKind
	gap  bool // a blank line came since the last block
}

func (w *plainWriter) blank() { w.gap = true }

// block starts a block of kind k, parted from the one before by a blank
// line.
func (w *plainWriter) block(k blockKind) {
	if w.last != blockNone {
		w.b.WriteString("\n\n")
	}
	w.last, w.gap = k, false
}

// item writes a list item, on the next line when it continues the list
// before it and after a blank line when it starts a list.
func (w *plainWriter) item(kind lineKind, line string) {
	k := blockBullets
	if kind == lineNumber {
		k = blockNumbers
	}
	if w.last == k && !w.gap {
		w.b.WriteByte('\n')
	} else {
		w.block(k)
	}
	if kind == lineNumber {
		num, rest, _ := strings.Cut(line, "\t")
		w.b.WriteString(num)
		w.b.WriteString(". ")
		writeLineStart(&w.b, rest)
		return
	}
	w.b.WriteString("- ")
	writeLineStart(&w.b, line)
}

// writeLineStart writes text that begins a line of a paragraph or an item
// escaped, including what markdown reads as block syntax at a line start:
// a heading or quote mark, a list marker, a setext underline, a
// definition.
func writeLineStart(b *strings.Builder, t string) {
	t = strings.TrimLeft(t, " \t\u00a0")
	if t == "" {
		return
	}
	switch t[0] {
	case '#', '>', '+', '-', '=', ':':
		b.WriteByte('\\')
	default:
		// "2026. Shares rose" on a wrapped line is not a numbered item.
		n := 0
		for n < len(t) && t[n] >= '0' && t[n] <= '9' {
			n++
		}
		if n > 0 && n < len(t) && (t[n] == '.' || t[n] == ')') && (n+1 == len(t) || t[n+1] == ' ' || t[n+1] == '\t') {
			b.WriteString(t[:n])
			b.WriteByte('\\')
			t = t[n:]
		}
	}
	writeEscaped(b, t, false)
}

// writeEscaped writes text with every character that could start inline
// markdown escaped: emphasis, code, links, raw HTML, strikethrough, table
// cells, backslash escapes and character references. In a heading, '#' is
// escaped too, or a trailing "#" would be read as a closing sequence.
func writeEscaped(b *strings.Builder, t string, heading bool) {
	last := 0
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch c {
		case '\\', '*', '_', '`', '[', ']', '<', '~', '|':
		case '#':
			if !heading {
				continue
			}
		case '&':
			// Only what a markdown parser would decode: "AT&T" stays.
			if !refAt(t[i+1:]) {
				continue
			}
			b.WriteString(t[last:i])
			b.WriteString("&amp;")
			last = i + 1
			continue
		default:
			continue
		}
		b.WriteString(t[last:i])
		b.WriteByte('\\')
		b.WriteByte(c)
		last = i + 1
	}
	b.WriteString(t[last:])
}

// refAt reports whether s, the text after '&', makes a character
// reference: "#" followed by digits, or a name and ';'.
func refAt(s string) bool {
	if s != "" && s[0] == '#' {
		return true
	}
	n := 0
	for n < len(s) && n < 32 && (isASCIILetter(s[n]) || s[n] >= '0' && s[n] <= '9') {
		n++
	}
	return n > 0 && n < len(s) && s[n] == ';'
}
