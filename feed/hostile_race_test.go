//go:build race

package feed

// The race detector slows parsing by an order of magnitude: time allowances
// for work in the fetcher's own code grow.
const (
	hostileRaceSlowdown = 10
)
