// Package sanitize makes text from outside (feed titles, bodies, server error
// messages) safe to print on a terminal.
//
// Feeds are hostile input. gofeed passes raw control characters through, and
// glamour passes escape sequences through unchanged, so every outside string
// goes through Text before it reaches the screen or stdout.
package sanitize

import (
	"strings"
	"unicode/utf8"
)

// forbidden reports whether r must never reach a terminal: C0 controls other
// than tab and newline, DEL, C1 controls (including the one-rune CSI U+009B),
// and the bidi overrides and isolates that can reorder what a reader sees.
func forbidden(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return false
	case r < 0x20, r == 0x7f:
		return true
	case r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// Clean reports whether s is already safe, so callers can skip copying.
func Clean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\t' && c != '\n' || c == 0x7f || c >= 0x80 {
			// Slow path only for bytes that might start a forbidden rune.
			return cleanSlow(s[i:])
		}
	}
	return true
}

func cleanSlow(s string) bool {
	for _, r := range s {
		if forbidden(r) || r == utf8.RuneError {
			return false
		}
	}
	return true
}

// Text returns s with forbidden runes removed. Carriage returns become
// newlines (CRLF collapses to one newline) so that Windows line endings keep
// their meaning; invalid UTF-8 becomes U+FFFD.
func Text(s string) string {
	if Clean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				continue
			}
			b.WriteByte('\n')
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case forbidden(r):
			// dropped
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Line is Text for single-line fields (titles, authors, feed names): every
// run of whitespace, newlines included, becomes one space, and the ends are
// trimmed.
func Line(s string) string {
	s = Text(s)
	if !needsFolding(s) {
		return strings.TrimSpace(s)
	}
	return strings.Join(strings.Fields(s), " ")
}

// needsFolding reports whether s holds a tab, a newline, a no-break space
// or two spaces in a row: whitespace that Line folds. It is one pass over
// the bytes; strings.ContainsAny with a non-ASCII rune in its set decodes
// every rune, and Line runs on every line the extractor reads.
func needsFolding(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\t', '\n':
			return true
		case ' ':
			if i+1 < len(s) && s[i+1] == ' ' {
				return true
			}
		case 0xc2: // U+00A0 is C2 A0 in UTF-8
			if i+1 < len(s) && s[i+1] == 0xa0 {
				return true
			}
		}
	}
	return false
}
