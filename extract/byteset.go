package extract

import "strings"

// asciiSet is a set of ASCII bytes built once. strings.IndexAny, Trim and
// their kin build such a set anew on every call, which showed in profiles.
// For a set of ASCII characters they match bytes, as these methods do.
type asciiSet [256]bool

func newASCIISet(chars string) *asciiSet {
	var as asciiSet
	for i := 0; i < len(chars); i++ {
		if chars[i] >= 0x80 {
			panic("asciiSet: non-ASCII character in " + chars)
		}
		as[chars[i]] = true
	}
	return &as
}

// index is strings.IndexAny(s, chars).
func (as *asciiSet) index(s string) int {
	for i := 0; i < len(s); i++ {
		if as[s[i]] {
			return i
		}
	}
	return -1
}

// contains is strings.ContainsAny(s, chars).
func (as *asciiSet) contains(s string) bool { return as.index(s) >= 0 }

// lastIndex is strings.LastIndexAny(s, chars).
func (as *asciiSet) lastIndex(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if as[s[i]] {
			return i
		}
	}
	return -1
}

// trimLeft is strings.TrimLeft(s, chars).
func (as *asciiSet) trimLeft(s string) string {
	i := 0
	for i < len(s) && as[s[i]] {
		i++
	}
	return s[i:]
}

// trimRight is strings.TrimRight(s, chars).
func (as *asciiSet) trimRight(s string) string {
	i := len(s)
	for i > 0 && as[s[i-1]] {
		i--
	}
	return s[:i]
}

// trim is strings.Trim(s, chars).
func (as *asciiSet) trim(s string) string { return as.trimRight(as.trimLeft(s)) }

// asciiDigits are the decimal digits.
var asciiDigits = newASCIISet("0123456789")

// asciiSpace are the bytes strings.Fields splits ASCII text at.
var asciiSpace = newASCIISet("\t\n\v\f\r ")

// foldASCII is strings.ToLower(strings.Join(strings.Fields(s), " ")) for
// ASCII text, in one pass and at most one allocation; ok is false, and
// nothing is done, when s holds a byte outside ASCII.
func foldASCII(s string) (key string, ok bool) {
	same := true // s is already its key
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			return "", false
		case 'A' <= c && c <= 'Z':
			same = false
		case asciiSpace[c] && (c != ' ' || i == 0 || i == len(s)-1 || s[i+1] == ' '):
			same = false
		}
	}
	if same {
		return s, true
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		for i < len(s) && asciiSpace[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		for ; i < len(s) && !asciiSpace[s[i]]; i++ {
			c := s[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
		}
	}
	return b.String(), true
}

// blockMarks are the heading and quote marks and the indent before a line's
// text; spaceTab is the indent alone.
var blockMarks, spaceTab = newASCIISet("#> \t"), newASCIISet(" \t")
