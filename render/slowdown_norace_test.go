//go:build !race

package render

const raceSlowdown = 1
