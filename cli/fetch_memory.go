package cli

import (
	"bytes"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"time"
)

// A fetch allocates about a gigabyte for 10,000 new articles and keeps
// little of it, so the soft memory limit decides how often the collector
// runs: the lower, the more often. What a user (a cron job, a small
// machine) sees is resident memory: Go's, and beside it what Go does not
// manage (the binary's pages, SQLite's page caches, thread stacks), which
// differs from one fetch to another: a re-fetch into a large database
// reads more pages than a first fetch. A fixed limit has to guess the
// second part for the worst fetch. `brief fetch` measures it as it runs
// and gives Go what is left of fetchResident.
const (
	// fetchResident is the resident memory a fetch aims to stay under.
	fetchResident = 84 << 20
	// fetchMemoryFloor is the least Go is given, whatever the rest of the
	// process takes: below it the collector would run all the time.
	fetchMemoryFloor = 40 << 20
	// fetchMemoryFixed is the limit where resident memory cannot be read
	// (no /proc): the one that kept fetches under fetchResident here.
	fetchMemoryFixed = 48 << 20
	// fetchMemoryCeiling is the most: the limit the program starts with
	// (see main).
	fetchMemoryCeiling = 120 << 20
	// fetchMemoryEvery is how often the limit is set again. The rest of
	// the process grows in the first part of a fetch (the binary's pages
	// are read as its code first runs, SQLite's caches fill) and then
	// stays about the same.
	fetchMemoryEvery = 50 * time.Millisecond
)

// limitFetchMemory sets the soft memory limit for a fetch and keeps
// setting it from what the process is seen to take, until the function it
// returns is called, which stops that and puts the limit back. A limit the
// environment set (GOMEMLIMIT) wins: it is left alone.
func limitFetchMemory() (restore func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	before := debug.SetMemoryLimit(-1)
	g := newMemoryGauge()
	if g.statm == nil {
		debug.SetMemoryLimit(fetchMemoryFixed)
		return func() { debug.SetMemoryLimit(before) }
	}
	debug.SetMemoryLimit(g.limit())
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(fetchMemoryEvery)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				// A change under a MiB is noise; setting the limit makes
				// the collector work out its pacing again.
				if l, cur := g.limit(), debug.SetMemoryLimit(-1); l > cur+1<<20 || l < cur-1<<20 {
					debug.SetMemoryLimit(l)
				}
			}
		}
	}()
	return func() {
		close(done)
		<-stopped
		g.statm.Close()
		debug.SetMemoryLimit(before)
	}
}

// memoryGauge reads the process's resident memory and Go's part of it.
type memoryGauge struct {
	statm   *os.File // /proc/self/statm; nil where there is none
	buf     [128]byte
	page    int64
	samples [2]metrics.Sample
}

func newMemoryGauge() *memoryGauge {
	g := &memoryGauge{page: int64(os.Getpagesize())}
	g.samples[0].Name = "/memory/classes/total:bytes"
	g.samples[1].Name = "/memory/classes/heap/released:bytes"
	if f, err := os.Open("/proc/self/statm"); err == nil {
		g.statm = f
	}
	return g
}

// limit is the memory limit the fetch should have now; fetchMemoryFixed
// when resident memory cannot be read.
func (g *memoryGauge) limit() int64 {
	rss, ok := g.resident()
	if !ok {
		return fetchMemoryFixed
	}
	metrics.Read(g.samples[:])
	var goMem int64
	if g.samples[0].Value.Kind() == metrics.KindUint64 && g.samples[1].Value.Kind() == metrics.KindUint64 {
		goMem = int64(g.samples[0].Value.Uint64() - g.samples[1].Value.Uint64())
	}
	return fetchLimit(rss, goMem)
}

// fetchLimit is the memory limit that keeps a process with rss bytes
// resident, goMem of them Go's as the limit counts them (mapped and not
// given back), within fetchResident; never below fetchMemoryFloor nor
// above fetchMemoryCeiling.
func fetchLimit(rss, goMem int64) int64 {
	other := max(rss-goMem, 0)
	return min(max(fetchResident-other, fetchMemoryFloor), fetchMemoryCeiling)
}

// resident reads the process's resident memory: the second field of
// /proc/self/statm, in pages.
func (g *memoryGauge) resident() (int64, bool) {
	if g.statm == nil {
		return 0, false
	}
	n, _ := g.statm.ReadAt(g.buf[:], 0) // io.EOF comes with the whole file
	f := bytes.Fields(g.buf[:n])
	if len(f) < 2 {
		return 0, false
	}
	pages, err := strconv.ParseInt(string(f[1]), 10, 64)
	if err != nil || pages <= 0 {
		return 0, false
	}
	return pages * g.page, true
}
