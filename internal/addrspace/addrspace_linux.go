package addrspace

import (
	"fmt"
	"os"
	"syscall"
)

// minAddressSpaceKiB is the smallest limit on address space (ulimit -v,
// in KiB) under which every command runs: the Go runtime reserves far
// more address space than it uses (1.3 GB of it for the reader, against
// 30 to 160 MB resident), and below about 900,000 KiB a large fetch can
// fail to grow its heap. A cgo build checks this as it loads
// (arena_cgo.go), before the runtime could die of it; this is the check
// for a build without cgo, whose runtime copes with less.
const minAddressSpaceKiB = 1000000

func init() {
	var rl syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_AS, &rl) != nil || rl.Cur == rlimInfinity || rl.Cur >= minAddressSpaceKiB<<10 {
		return
	}
	if rl.Max == rlimInfinity || rl.Max >= minAddressSpaceKiB<<10 {
		rl.Cur = rl.Max
		if syscall.Setrlimit(syscall.RLIMIT_AS, &rl) == nil {
			return
		}
	}
	fmt.Fprintf(os.Stderr, "brief: the address-space limit (ulimit -v) is %d KiB; brief needs at least %d KiB\n", rl.Max>>10, minAddressSpaceKiB)
	os.Exit(1)
}

// rlimInfinity is RLIM_INFINITY as the syscall package reports it.
const rlimInfinity = ^uint64(0)
