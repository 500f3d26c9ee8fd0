package render

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"brief/internal/sanitize"
)

// onlySGR removes every escape sequence from s except CSI ... m (SGR,
// colours and attributes), and every other forbidden rune. glamour wraps
// links in OSC 8 hyperlinks of its own; those go too, since the URL is
// printed next to the link text anyway and a terminal that does not know
// OSC 8 may show its payload.
func onlySGR(s string) string {
	if !strings.Contains(s, "\x1b") {
		return sanitize.Text(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.IndexByte(s, 0x1b)
		if i < 0 {
			b.WriteString(sanitize.Text(s))
			return b.String()
		}
		b.WriteString(sanitize.Text(s[:i]))
		n, keep := escapeLen(s[i:])
		if keep {
			b.WriteString(s[i : i+n])
		}
		s = s[i+n:]
	}
}

// escapeLen returns the length of the escape sequence at the start of s
// (which begins with ESC), as x/ansi's decoder reads it, and whether it is
// an SGR sequence worth keeping. A sequence that s ends before it is
// finished is all dropped, except for a control string (OSC, DCS, SOS, PM,
// APC): of that only the introducer goes. With its ESC gone the rest is
// plain text, and a stray ESC in glamour's output should not cost the
// reader the rest of the article.
func escapeLen(s string) (n int, sgr bool) {
	_, _, n, state := ansi.DecodeSequence(s, ansi.NormalState, nil)
	if controlString(s) {
		if state == ansi.NormalState {
			n, state = pastSplitRunes(s, n)
		}
		if state != ansi.NormalState {
			return min(2, len(s)), false
		}
		return n, false
	}
	if state != ansi.NormalState {
		return len(s), false
	}
	return n, isSGR(s[:n])
}

// controlString reports whether s starts with the 7-bit introducer of a
// control string: OSC, DCS, SOS, PM or APC.
func controlString(s string) bool {
	return len(s) >= 2 && strings.IndexByte("]PX^_", s[1]) >= 0
}

// isSGR reports whether seq, a whole sequence, is CSI with plain numeric
// parameters (digits, ';' and ':', no private marker and no intermediate
// byte) and the final byte 'm': a style, the only sequence kept.
func isSGR(seq string) bool {
	if len(seq) < 3 || seq[1] != '[' || seq[len(seq)-1] != 'm' {
		return false
	}
	for i := 2; i < len(seq)-1; i++ {
		if c := seq[i]; c < '0' || c > ';' {
			return false
		}
	}
	return true
}

// pastSplitRunes carries on a control string that the decoder ended at
// s[n-1] when that byte is 0x9C inside a UTF-8 character rather than the
// 8-bit String Terminator. The decoder reads bytes, and 0x9C continues
// many characters (М, ל, 本, ✓; charmbracelet/x issue 848). glamour puts
// link URLs into OSC 8 hyperlinks as they are written, so a URL holding
// such a character would otherwise end its hyperlink early and show the
// rest of it as text. It returns the sequence's new length and the
// decoder's state after it: ansi.NormalState when the sequence is whole.
func pastSplitRunes(s string, n int) (int, ansi.State) {
	if !splitsRune(s, n-1) {
		return n, ansi.NormalState
	}
	// Decoding resumes in the string state without the introducer, and
	// BEL ends an OSC string only when the decoder has seen the
	// introducer, so the resumed decoding stops at the BEL that comes
	// before anything else that ends a string (ESC, CAN, SUB), if any.
	end := len(s)
	if s[1] == ']' {
		if k := strings.IndexAny(s[n:], "\x07\x1b\x18\x1a"); k >= 0 && s[n+k] == 0x07 {
			end = n + k + 1
		}
	}
	state := ansi.NormalState
	for state == ansi.NormalState && splitsRune(s, n-1) {
		var m int
		_, _, m, state = ansi.DecodeSequence(s[n:end], ansi.StringState, nil)
		n += m
		if m == 0 {
			break
		}
	}
	if state == ansi.StringState && end < len(s) {
		return end, ansi.NormalState // it ends at the BEL
	}
	return n, state
}

// splitsRune reports whether s[i] is byte 0x9C inside a UTF-8 encoded
// character other than U+009C, the String Terminator itself.
func splitsRune(s string, i int) bool {
	if i < 1 || s[i] != 0x9c {
		return false
	}
	for start := i - 1; start >= 0 && start >= i-3; start-- {
		if utf8.RuneStart(s[start]) {
			r, size := utf8.DecodeRuneInString(s[start:])
			return r != utf8.RuneError && r != '\u009c' && start+size > i
		}
	}
	return false
}
