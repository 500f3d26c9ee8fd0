//go:build unix

package feed

import (
	"os"
	"syscall"
)

// openNoBlock opens path for reading without waiting: opening a FIFO that
// has no writer, or a terminal, returns at once instead of blocking, and a
// terminal never becomes brief's controlling terminal.
func openNoBlock(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0)
}
