// Package timefmt says when things happened the way a news list does: the
// age of an article, the calendar days a count falls on, and the sparkline
// of daily mentions. The reader and the command line both use it, so a
// list and a table never disagree about "3d" or about which day a mention
// belongs to.
package timefmt

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

// DayStart is midnight at the start of t's calendar day, in t's location.
func DayStart(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// Days counts calendar days from from's day to to's day, in from's
// location: 0 on the same day, 1 on the next, -1 on the day before. A day
// is a date, not 24 hours, so days of 23 or 25 hours (daylight saving)
// count as one like any other.
func Days(from, to time.Time) int {
	fy, fm, fd := from.Date()
	ty, tm, td := to.In(from.Location()).Date()
	a := time.Date(fy, fm, fd, 0, 0, 0, 0, time.UTC).Unix()
	b := time.Date(ty, tm, td, 0, 0, 0, 0, time.UTC).Unix()
	return int((b - a) / (24 * 60 * 60))
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
