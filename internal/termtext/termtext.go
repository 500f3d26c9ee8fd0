// Package termtext lays text out for a terminal: the width of a string in
// terminal cells, fitting it to a column, and saying a time or a run of
// counts in the few cells a table or a status line has (an age, "5m ago",
// a sparkline). The reader and the command line both use it, so a list
// and a table never disagree about how wide a title is or about "3d".
package termtext

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Width is the width of s in terminal cells, escape sequences aside: CJK
// and emoji take two cells, combining marks none.
func Width(s string) int { return ansi.StringWidth(s) }

// Fit makes s exactly w cells wide: cut with an ellipsis (see Cut) or
// padded with spaces on the right.
func Fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	sw := Width(s)
	if sw > w {
		s = ansi.Truncate(s, w, "…")
		sw = Width(s)
	}
	if sw < w {
		s += strings.Repeat(" ", w-sw)
	}
	return s
}

// Cut shortens s to at most w cells, ending in an ellipsis when it had to
// cut, and never in the middle of a wide character.
func Cut(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if Width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// PadLeft right-aligns s in w cells; s wider than w is left as it is.
func PadLeft(s string, w int) string {
	if n := Width(s); n < w {
		return strings.Repeat(" ", w-n) + s
	}
	return s
}
