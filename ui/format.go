package ui

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"brief/internal/termtext"
	"brief/internal/wrap"
)

// The views measure and fit text with termtext, under short names: fit
// makes s exactly w cells wide, cut shortens it to at most w cells,
// leftPad right-aligns it in w cells, lineWidth is its width in cells.
func fit(s string, w int) string     { return termtext.Fit(s, w) }
func cut(s string, w int) string     { return termtext.Cut(s, w) }
func leftPad(s string, w int) string { return termtext.PadLeft(s, w) }
func lineWidth(s string) int         { return termtext.Width(s) }

// wrapHanging wraps plain text to width w, starting the first line with
// first and the following ones with an indent as wide as first. Lines
// break between words, and between CJK characters, but never inside a
// number or a word ("1,879亿元" stays whole).
func wrapHanging(text, first string, w int) []string {
	if w-ansi.StringWidth(first) < 8 {
		first = ""
	}
	lines := wrap.Hanging(text, first, w)
	if len(lines) == 0 {
		return []string{first}
	}
	return lines
}

// padLines makes lines exactly h long and every line exactly w cells wide.
func padLines(lines []string, w, h int) []string {
	out := make([]string, h)
	blank := strings.Repeat(" ", max(w, 0))
	for i := range out {
		if i < len(lines) {
			out[i] = fit(lines[i], w)
		} else {
			out[i] = blank
		}
	}
	return out
}

// joinColumns lays blocks of equal height side by side with sep between
// them. Each block's lines are already exactly as wide as its column, so
// this is plain concatenation and stays cheap on every frame.
func joinColumns(sep string, blocks ...[]string) string {
	if len(blocks) == 0 {
		return ""
	}
	h := len(blocks[0])
	var b strings.Builder
	for i := 0; i < h; i++ {
		if i > 0 {
			b.WriteByte('\n')
		}
		for j, blk := range blocks {
			if j > 0 {
				b.WriteString(sep)
			}
			if i < len(blk) {
				b.WriteString(blk[i])
			}
		}
	}
	return b.String()
}

// homeRelative writes a path under the home directory as ~/..., as a user
// would type it.
func homeRelative(path string) string {
	home, err := os.UserHomeDir()
	if err != nil || home == "" || home == "/" {
		return path
	}
	if rest, ok := strings.CutPrefix(path, home+string(filepath.Separator)); ok {
		return "~" + string(filepath.Separator) + rest
	}
	return path
}
