package sanitize

import (
	"strconv"
	"strings"
)

// Markdown is Text for markdown that will be stored or rendered: forbidden
// runes go, and so do the character references that would bring them back
// once a markdown parser decodes them (see EscapeControlRefs). Both the
// HTML converter, which writes article bodies, and the renderer, which
// shows them, pass markdown through it.
func Markdown(md string) string {
	return EscapeControlRefs(Text(md))
}

// EscapeControlRefs turns "&#27;" and the like into "&amp;#27;" when the
// reference names a rune the sanitiser forbids. Markdown decodes numeric
// references (goldmark does, and glamour with it), so without this a stored
// body that reads "&#27;[2J" as text would clear the screen when rendered.
func EscapeControlRefs(s string) string {
	i := strings.Index(s, "&#")
	if i < 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for ; i >= 0; i = nextRef(s, i+2) {
		if !forbiddenRef(s[i+2:]) {
			continue
		}
		if b.Len() == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[last:i])
		b.WriteString("&amp;")
		last = i + 1
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

func nextRef(s string, from int) int {
	j := strings.Index(s[from:], "&#")
	if j < 0 {
		return -1
	}
	return from + j
}

// forbiddenRef reports whether s, the text after "&#", starts a decimal or
// hexadecimal reference to a forbidden rune. It accepts more than CommonMark
// does (any number of digits), erring on the side of escaping. goldmark
// parses decimal references with base 0, so "&#033;" means octal 033, ESC:
// a leading zero is checked both ways.
func forbiddenRef(s string) bool {
	hex := s != "" && (s[0] == 'x' || s[0] == 'X')
	if hex {
		s = s[1:]
	}
	end := strings.IndexByte(s, ';')
	if end <= 0 {
		return false
	}
	digits := s[:end]
	if hex {
		return forbiddenCode(digits, 16)
	}
	return forbiddenCode(digits, 10) || digits[0] == '0' && forbiddenCode(digits, 8)
}

func forbiddenCode(digits string, numBase int) bool {
	v, err := strconv.ParseUint(digits, numBase, 32)
	if err != nil {
		// Out of range decodes to U+FFFD; anything else is not a reference.
		return false
	}
	r := string(rune(v))
	return r != "\uFFFD" && !Clean(r)
}
