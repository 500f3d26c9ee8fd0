//go:build !race

package feed

// Sizes and time allowances of the hostile suite without the race detector:
// the cases at full size.
const (
	hostileRaceSlowdown = 1
)
