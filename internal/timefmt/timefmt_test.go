package timefmt

import (
	"testing"
	"time"
)

func TestDays(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	first := time.Date(2026, 11, 1, 0, 0, 0, 0, ny) // the day clocks go back: 25 hours
	for _, c := range []struct {
		t    time.Time
		want int
	}{
		{first, 0},
		{first.Add(24*time.Hour + 30*time.Minute), 0}, // still Nov 1 at 23:30
		{time.Date(2026, 11, 2, 0, 30, 0, 0, ny), 1},
		{time.Date(2026, 11, 14, 23, 59, 0, 0, ny), 13},
		{time.Date(2026, 10, 31, 23, 59, 0, 0, ny), -1}, // the day before is not day 0
		{time.Date(2026, 10, 31, 0, 0, 0, 0, ny), -1},
		{time.Date(2026, 10, 30, 23, 0, 0, 0, ny), -2},
		{time.Date(2026, 11, 2, 4, 30, 0, 0, time.UTC), 0}, // counted in from's zone: Nov 1, 23:30 there
	} {
		if got := Days(first, c.t); got != c.want {
			t.Errorf("Days(%v, %v) = %d, want %d", first, c.t, got, c.want)
		}
	}
	if got := DayStart(time.Date(2026, 3, 8, 15, 4, 5, 6, ny)); !got.Equal(time.Date(2026, 3, 8, 0, 0, 0, 0, ny)) {
		t.Errorf("DayStart = %v", got)
	}
}
