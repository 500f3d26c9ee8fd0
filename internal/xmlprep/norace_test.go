//go:build !race

package xmlprep

const raceSlowdown = 1
