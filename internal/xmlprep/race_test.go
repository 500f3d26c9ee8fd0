//go:build race

package xmlprep

// The race detector slows memory-bound loops by an order of magnitude, so
// time limits in tests are scaled by this factor.
const raceSlowdown = 10
