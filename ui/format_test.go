package ui

import (
	"testing"
	"time"
)

// One age for the list, the card and the command line: six cells at most,
// "now" only within a minute either way, a date for the future.
func TestAgeIsSharedAndBounded(t *testing.T) {
	now := time.Date(2026, 11, 26, 18, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		t    time.Time
		want string
	}{
		{now.Add(-30 * time.Second), "now"},
		{now.Add(30 * time.Second), "now"},
		{now.Add(-5 * time.Minute), "5m"},
		{now.Add(-3 * time.Hour), "3h"},
		{now.Add(-50 * time.Hour), "2d"},
		{now.AddDate(0, 0, -10), "Nov 16"},
		{now.AddDate(-1, -2, 0), "Sep'25"},
		{now.Add(72 * time.Hour), "Nov 29"},
	} {
		if got := Age(c.t, now); got != c.want || len([]rune(got)) > 6 {
			t.Errorf("Age(%v) = %q, want %q", c.t, got, c.want)
		}
	}
}
