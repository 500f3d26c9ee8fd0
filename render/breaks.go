package render

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"brief/internal/wrap"
)

// glamour wraps with ansi.Wrap, which ends lines only at spaces, at the
// characters " ,.;-+|" inside lists, quotes and the document, and, when a
// word is longer than the line, anywhere. A CJK paragraph has no spaces, so
// it is one long word, cut wherever the width falls: "1,8" on one line and
// "79亿元" on the next. And in a list item "$30.7" may end a line after
// "30.". Both are mended before glamour sees the text, in the text nodes
// only (code, URLs and HTML stay as they are):
//
//   - breakMark goes where internal/wrap would break without a space
//     (between ideographs, after "，"). ansi.Wrap breaks at every rune
//     unicode.IsSpace accepts, and U+0085 is one of them, yet it is zero
//     cells wide, plain text to goldmark, and a C1 control that
//     sanitize.Text removes: onlySGR drops every mark glamour did not
//     break at along with the other control characters.
//   - The ",.;+-" inside a number or word ("1,879", "12.5", "-5%") become
//     noncharacters of the same width that ansi.Wrap does not break after,
//     and turn back after rendering.
const breakMark = "\u0085"

// protected maps each character ansi.Wrap breaks after to the stand-in
// that keeps it whole; Unicode reserves noncharacters for uses like this.
var protected = [...]struct {
	c     byte
	stand string
}{{',', "\ufdd0"}, {'.', "\ufdd1"}, {';', "\ufdd2"}, {'+', "\ufdd3"}, {'-', "\ufdd4"}}

// unprotect turns the stand-ins back; a strings.Replacer is safe for
// concurrent use and holds no state.
var unprotect = strings.NewReplacer(
	"\ufdd0", ",", "\ufdd1", ".", "\ufdd2", ";", "\ufdd3", "+", "\ufdd4", "-",
)

func standIn(c byte) string {
	for _, p := range protected {
		if p.c == c {
			return p.stand
		}
	}
	return ""
}

// An edit replaces md[pos:pos+n] with s.
type edit struct {
	pos, n int
	s      string
}

// markBreaks returns md with break marks and stand-ins in its text, and
// whether it used stand-ins. Markdown that already holds a stand-in is
// left as it is: turning the stand-ins back would change that text.
func markBreaks(md string) (string, bool) {
	if strings.ContainsAny(md, "\ufdd0\ufdd1\ufdd2\ufdd3\ufdd4") {
		return md, false
	}
	src := []byte(md)
	doc := parseMarkdown(src, nil)
	var edits []edit
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.AutoLink, *ast.RawHTML, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if !n.IsRaw() {
				edits = textEdits(edits, md, n.Segment.Start, n.Segment.Stop)
			}
		}
		return ast.WalkContinue, nil
	})
	if len(edits) == 0 {
		return md, false
	}
	// A mark before a stand-in at the same place goes first.
	slices.SortFunc(edits, func(a, b edit) int { return cmp.Or(a.pos-b.pos, a.n-b.n) })
	var b strings.Builder
	b.Grow(len(md) + len(edits)*2)
	last, stand := 0, false
	for _, e := range edits {
		b.WriteString(md[last:e.pos])
		b.WriteString(e.s)
		last = e.pos + e.n
		stand = stand || e.n > 0
	}
	b.WriteString(md[last:])
	return b.String(), stand
}

// textEdits appends the edits for the text node md[start:stop].
func textEdits(edits []edit, md string, start, stop int) []edit {
	t := md[start:stop]
	if !needsMarks(t) {
		return edits
	}
	keep := untouchable(t)
	inKeep := func(i int) bool { // i falls inside an escape or a reference
		for _, k := range keep {
			if i > k[0] && i < k[1] {
				return true
			}
		}
		return false
	}
	breaks := slices.Collect(wrap.Breaks(t))
	for _, i := range breaks {
		// glamour breaks after a hyphen on its own.
		if t[i-1] == '-' || inKeep(i) || !quiet(t, i-1) || !quiet(t, i) {
			continue
		}
		edits = append(edits, edit{pos: start + i, s: breakMark})
	}
	for i := 1; i < len(t)-1; i++ {
		s := standIn(t[i])
		if s == "" || inKeep(i) || inKeep(i+1) {
			continue
		}
		if _, found := slices.BinarySearch(breaks, i+1); found {
			continue // a line may end after it
		}
		next, _ := utf8.DecodeRuneInString(t[i+1:])
		prev, _ := utf8.DecodeLastRuneInString(t[:i])
		if next == ' ' || !quietRune(next) || prev != ' ' && !quietRune(prev) {
			continue
		}
		edits = append(edits, edit{pos: start + i, n: 1, s: s})
	}
	return edits
}

// needsMarks reports whether t has anything to mark: a non-ASCII character
// or one of ",.;+-" between two others.
func needsMarks(t string) bool {
	for i := 0; i < len(t); i++ {
		if c := t[i]; c >= 0x80 || i > 0 && i < len(t)-1 && standIn(c) != "" {
			return true
		}
	}
	return false
}

// quiet reports whether the rune starting at t[i] (or ending there, when i
// is not a rune start) is one whose neighbourhood markdown does not read:
// not one of the characters that open or close emphasis, links, code or
// entities, nor a space. A mark never goes next to one of those, so that
// goldmark parses the marked text exactly as it parsed the original.
func quiet(t string, i int) bool {
	for i > 0 && !utf8.RuneStart(t[i]) {
		i--
	}
	r, _ := utf8.DecodeRuneInString(t[i:])
	return quietRune(r)
}

func quietRune(r rune) bool {
	return r >= 0x80 || r > ' ' && !strings.ContainsRune("\\`*_~[]()<>!&|#\"'", r)
}

// untouchable returns the byte ranges of t that are backslash escapes and
// character references: a mark inside "&amp;" or between "\" and "*"
// would change what they mean.
func untouchable(t string) [][2]int {
	var keep [][2]int
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '\\':
			if i+1 < len(t) {
				keep = append(keep, [2]int{i, i + 2})
				i++
			}
		case '&':
			j := i + 1
			for j < len(t) && j-i <= 32 && (isAlnum(t[j]) || t[j] == '#') {
				j++
			}
			if j < len(t) && t[j] == ';' && j > i+1 {
				keep = append(keep, [2]int{i, j + 1})
				i = j
			}
		}
	}
	return keep
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
