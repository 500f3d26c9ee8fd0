package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"brief/internal/wrap"
)

// age is how long ago t was, the way a news list says it: "3m", "2h",
// "4d", then the date ("Sep 2"), with the year once it is not this one
// ("Sep'25"). It is never wider than six cells.
func age(t, now time.Time) string { return Age(t, now) }

// Age says how long ago t was in at most six cells: "now", "42m", "5h",
// "3d", then the date ("Nov 19", or "Jan'06" in another year). A time in
// the future (a feed's clock ahead) shows its date. The list, the card,
// `brief tickers` and `brief list` all use it.
func Age(t, now time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Minute && d > -time.Minute:
		return "now"
	case d < 0:
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d/time.Minute))
	case d < 24*time.Hour:
		return fmt.Sprintf("%dh", int(d/time.Hour))
	case d < 7*24*time.Hour:
		return fmt.Sprintf("%dd", int(d/(24*time.Hour)))
	}
	t = t.In(now.Location())
	if t.Year() == now.Year() {
		return t.Format("Jan 2")
	}
	return t.Format("Jan'06") // six cells, like "Nov 19", so the column never moves
}

// fit makes s exactly w cells wide: cut with an ellipsis or padded with
// spaces. Widths are measured in terminal cells, so CJK and emoji are never
// cut in half.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	sw := ansi.StringWidth(s)
	if sw > w {
		s = ansi.Truncate(s, w, "…")
		sw = ansi.StringWidth(s)
	}
	if sw < w {
		s += strings.Repeat(" ", w-sw)
	}
	return s
}

// cut shortens s to at most w cells without padding.
func cut(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

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

// Sparkline draws counts as block characters scaled to the largest. A day
// without mentions gets the lowest bar and any mention at least the next
// one, so quiet days and slow days stay apart.
func Sparkline(counts []int) string {
	bars := []rune("▁▂▃▄▅▆▇█")
	hi := 0
	for _, c := range counts {
		hi = max(hi, c)
	}
	var b strings.Builder
	for _, c := range counts {
		switch {
		case c <= 0:
			b.WriteRune(bars[0])
		case hi <= 1:
			b.WriteRune(bars[len(bars)-1])
		default:
			b.WriteRune(bars[1+(c-1)*(len(bars)-2)/(hi-1)])
		}
	}
	return b.String()
}

// lineWidth is the width of s in terminal cells, escape sequences aside.
func lineWidth(s string) int { return ansi.StringWidth(s) }

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
