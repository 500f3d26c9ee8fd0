package cli

import (
	"runtime/debug"
	"testing"
)

// Not parallel: the memory limit belongs to the whole process.
func TestFetchLowersTheMemoryLimit(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(before) })

	debug.SetMemoryLimit(120 << 20)
	t.Setenv("GOMEMLIMIT", "")
	limitFetchMemory()
	if got := debug.SetMemoryLimit(-1); got != fetchMemoryLimit {
		t.Errorf("limit %d after limitFetchMemory, want %d", got, fetchMemoryLimit)
	}

	debug.SetMemoryLimit(120 << 20)
	t.Setenv("GOMEMLIMIT", "200MiB")
	limitFetchMemory()
	if got := debug.SetMemoryLimit(-1); got != 120<<20 {
		t.Errorf("limit %d with GOMEMLIMIT set, want it left at %d", got, 120<<20)
	}
}
