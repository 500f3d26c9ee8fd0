//go:build race

package render

// The race detector slows scanning several times over: time allowances in
// the tests grow with it.
const raceSlowdown = 4
