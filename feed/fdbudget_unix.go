//go:build unix

package feed

import (
	"math"
	"os"
	"syscall"
)

// fdUsage returns the soft limit on open files and how many are open.
func fdUsage() (limit, open int, ok bool) {
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl); err != nil || rl.Cur > math.MaxInt32 {
		return 0, 0, false
	}
	for _, dir := range []string{"/proc/self/fd", "/dev/fd"} {
		if ents, err := os.ReadDir(dir); err == nil {
			return int(rl.Cur), len(ents), true
		}
	}
	return 0, 0, false
}
