//go:build !unix

package feed

import "os"

// openNoBlock opens path for reading; elsewhere than Unix, files that
// block on open are not a concern.
func openNoBlock(path string) (*os.File, error) { return os.Open(path) }
