package extract

import "strings"

// lowerKey is strings.ToLower(w) for the words the figure walks look up.
// It is small enough to inline, so that the lower-case copy of a short
// ASCII word ("Revenue") lives on the caller's stack instead of the heap.
func lowerKey(w string) string {
	var b [32]byte
	if lowerKeyInto(&b, &w) {
		return string(b[:len(w)])
	}
	return w
}

// lowerKeyInto writes *w in lower case into b and reports true when *w is
// ASCII, fits b and holds a capital; otherwise it sets *w to
// strings.ToLower(*w).
func lowerKeyInto(b *[32]byte, w *string) bool {
	s := *w
	upper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			*w = strings.ToLower(s)
			return false
		}
		upper = upper || 'A' <= c && c <= 'Z'
	}
	if !upper {
		return false
	}
	if len(s) > len(b) {
		*w = strings.ToLower(s)
		return false
	}
	for i := 0; i < len(s); i++ {
		b[i] = tickLowerByte(s[i])
	}
	return true
}
