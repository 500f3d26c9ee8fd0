//go:build !unix

package feed

func fdUsage() (limit, open int, ok bool) { return 0, 0, false }
