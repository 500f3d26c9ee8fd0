package cli

import (
	"fmt"
	"strings"
	"time"
)

// parseWindow reads a duration the way people write them in a terminal:
// Go durations plus days and weeks.
func parseWindow(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	bad := fmt.Errorf("--since %q: use a duration such as 90m, 24h, 7d or 2w", s)
	if s == "" {
		return 0, bad
	}
	unit := s[len(s)-1]
	if unit == 'd' || unit == 'w' {
		var n float64
		if _, err := fmt.Sscanf(s[:len(s)-1], "%g", &n); err != nil || n <= 0 {
			return 0, bad
		}
		day := 24 * time.Hour
		if unit == 'w' {
			day *= 7
		}
		return time.Duration(n * float64(day)), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, bad
	}
	return d, nil
}
