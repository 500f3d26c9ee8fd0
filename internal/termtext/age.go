package termtext

import (
	"fmt"
	"strings"
	"time"
)

// Age says how long ago t was in at most six cells: "now", "42m", "5h",
// "3d", then the date ("Nov 19", or "Jan'06" in another year). A time in
// the future (a feed's clock ahead) shows its date.
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

// Ago says how long ago t was in words, for a line of text rather than a
// column: "just now", "5m ago", "3d ago", and past a week (or in the
// future) the date, as Age gives it.
func Ago(t, now time.Time) string {
	switch age := Age(t, now); {
	case age == "now":
		return "just now"
	case age[len(age)-1] >= '0' && age[len(age)-1] <= '9':
		return age // a date
	default:
		return age + " ago"
	}
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
