// Package timefmt says which calendar day a time falls on, the way the
// daily counts of mentions are kept: the store counts them and the reader
// asks for them by the same days, so a mention never lands on the day
// before or after. (How a time is shown, its age, is termtext's.)
package timefmt

import "time"

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
