package cli

import (
	"os"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestFetchLimitLeavesTheRestItsResidentMemory(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct {
		name       string
		rss, goMem int64
		want       int64
	}{
		{"the rest takes 30 MiB", 80 * mib, 50 * mib, fetchResident - 30*mib},
		{"the rest takes 40 MiB", 90 * mib, 50 * mib, fetchResident - 40*mib},
		{"the rest takes more than the budget", 200 * mib, 20 * mib, fetchMemoryFloor},
		{"Go counts more than is resident", 30 * mib, 60 * mib, min(fetchResident, fetchMemoryCeiling)},
	} {
		if got := fetchLimit(c.rss, c.goMem); got != c.want {
			t.Errorf("%s: fetchLimit(%d MiB, %d MiB) = %d MiB, want %d MiB", c.name, c.rss/mib, c.goMem/mib, got/mib, c.want/mib)
		}
	}
}

// Not parallel: the memory limit belongs to the whole process.
func TestFetchSetsTheMemoryLimitAndPutsItBack(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(before) })

	debug.SetMemoryLimit(120 << 20)
	t.Setenv("GOMEMLIMIT", "")
	restore := limitFetchMemory()
	got := debug.SetMemoryLimit(-1)
	if got < fetchMemoryFloor || got > fetchMemoryCeiling {
		t.Errorf("limit %d MiB during a fetch, want %d–%d MiB", got>>20, fetchMemoryFloor>>20, fetchMemoryCeiling>>20)
	}
	if _, err := os.Stat("/proc/self/statm"); err != nil && got != fetchMemoryFixed {
		t.Errorf("limit %d MiB without /proc, want %d MiB", got>>20, fetchMemoryFixed>>20)
	}
	// The limit is set again while the fetch runs: a limit set by hand
	// does not stay.
	if _, err := os.Stat("/proc/self/statm"); err == nil {
		debug.SetMemoryLimit(1 << 40)
		deadline := time.Now().Add(5 * time.Second)
		for debug.SetMemoryLimit(-1) == 1<<40 && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		if l := debug.SetMemoryLimit(-1); l == 1<<40 {
			t.Error("the limit was not set again during the fetch")
		}
	}
	restore()
	if l := debug.SetMemoryLimit(-1); l != 120<<20 {
		t.Errorf("limit %d MiB after the fetch, want it back at 120 MiB", l>>20)
	}
	// Once restored, nothing sets it again.
	debug.SetMemoryLimit(100 << 20)
	time.Sleep(3 * fetchMemoryEvery)
	if l := debug.SetMemoryLimit(-1); l != 100<<20 {
		t.Errorf("limit %d MiB after restore, want it left at 100 MiB", l>>20)
	}

	t.Setenv("GOMEMLIMIT", "200MiB")
	debug.SetMemoryLimit(120 << 20)
	limitFetchMemory()()
	if l := debug.SetMemoryLimit(-1); l != 120<<20 {
		t.Errorf("limit %d MiB with GOMEMLIMIT set, want it left at 120 MiB", l>>20)
	}
}

func TestMemoryGaugeReadsResidentMemory(t *testing.T) {
	g := newMemoryGauge()
	if runtime.GOOS != "linux" {
		if _, ok := g.resident(); ok != (g.statm != nil) {
			t.Errorf("resident read %v with statm %v", ok, g.statm != nil)
		}
		return
	}
	defer g.statm.Close()
	rss, ok := g.resident()
	if !ok {
		t.Fatal("cannot read /proc/self/statm on Linux")
	}
	// A Go test binary is resident for several megabytes, and far below
	// the machine's memory.
	if rss < 4<<20 || rss > 8<<30 {
		t.Errorf("resident memory %d bytes, not a plausible size", rss)
	}
	if l := g.limit(); l < fetchMemoryFloor || l > fetchMemoryCeiling {
		t.Errorf("limit %d MiB, want %d–%d MiB", l>>20, fetchMemoryFloor>>20, fetchMemoryCeiling>>20)
	}
}
