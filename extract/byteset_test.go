package extract

import (
	"strings"
	"testing"
)

func TestASCIISetMatchesStrings(t *testing.T) {
	sets := []string{"0123456789", "#> \t", ",;:!?", ".-/", " \t"}
	inputs := []string{"", " ", "##> x", "a,b;c", "\t\t#x# \t", "é#é", "12ab34", "-.-/x/.-", "“x”", "\xff\xfe#"}
	for _, chars := range sets {
		as := newASCIISet(chars)
		for _, s := range inputs {
			if got, want := as.index(s), strings.IndexAny(s, chars); got != want {
				t.Errorf("index(%q, %q) = %d, want %d", s, chars, got, want)
			}
			if got, want := as.lastIndex(s), strings.LastIndexAny(s, chars); got != want {
				t.Errorf("lastIndex(%q, %q) = %d, want %d", s, chars, got, want)
			}
			if got, want := as.trimLeft(s), strings.TrimLeft(s, chars); got != want {
				t.Errorf("trimLeft(%q, %q) = %q, want %q", s, chars, got, want)
			}
			if got, want := as.trimRight(s), strings.TrimRight(s, chars); got != want {
				t.Errorf("trimRight(%q, %q) = %q, want %q", s, chars, got, want)
			}
			if got, want := as.trim(s), strings.Trim(s, chars); got != want {
				t.Errorf("trim(%q, %q) = %q, want %q", s, chars, got, want)
			}
		}
	}
}

func TestFoldASCII(t *testing.T) {
	for _, s := range []string{"", " ", "a", "A", "ab cd", " ab", "ab ", "a  b", "a\tb", "Key  Takeaways:\n", "\v\fX\r", "key takeaways", "é x", "Aime Summary", "  a  "} {
		got, ok := foldASCII(s)
		want := strings.ToLower(strings.Join(strings.Fields(s), " "))
		if strings.ContainsFunc(s, func(r rune) bool { return r >= 0x80 }) {
			if ok {
				t.Errorf("foldASCII(%q) ok for non-ASCII", s)
			}
			continue
		}
		if !ok || got != want {
			t.Errorf("foldASCII(%q) = %q, %v; want %q", s, got, ok, want)
		}
	}
}
