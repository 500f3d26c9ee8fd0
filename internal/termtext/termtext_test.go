package termtext

import "testing"

// Widths are terminal cells: a CJK character takes two, so a column of
// Chinese titles lines up with one of English ones, and a cut never halves
// a character.
func TestFitCutPadInCells(t *testing.T) {
	for _, c := range []struct {
		s             string
		w             int
		fit, cut, pad string
	}{
		{"abc", 5, "abc  ", "abc", "  abc"},
		{"abcdef", 4, "abc…", "abc…", "abcdef"},
		{"abc", 3, "abc", "abc", "abc"},
		{"阿里巴巴", 8, "阿里巴巴", "阿里巴巴", "阿里巴巴"},
		{"阿里巴巴", 10, "阿里巴巴  ", "阿里巴巴", "  阿里巴巴"},
		{"阿里巴巴", 6, "阿里… ", "阿里…", "阿里巴巴"},
		{"阿里巴巴", 5, "阿里…", "阿里…", "阿里巴巴"},
		{"阿里巴巴", 4, "阿… ", "阿…", "阿里巴巴"},
		{"\x1b[1mbold\x1b[0m", 6, "\x1b[1mbold\x1b[0m  ", "\x1b[1mbold\x1b[0m", "  \x1b[1mbold\x1b[0m"},
		{"abc", 0, "", "", "abc"},
		{"abc", -1, "", "", "abc"},
	} {
		if got := Fit(c.s, c.w); got != c.fit {
			t.Errorf("Fit(%q, %d) = %q, want %q", c.s, c.w, got, c.fit)
		}
		if got := Cut(c.s, c.w); got != c.cut {
			t.Errorf("Cut(%q, %d) = %q, want %q", c.s, c.w, got, c.cut)
		}
		if got := PadLeft(c.s, c.w); got != c.pad {
			t.Errorf("PadLeft(%q, %d) = %q, want %q", c.s, c.w, got, c.pad)
		}
		if c.w > 0 && Width(Fit(c.s, c.w)) != c.w {
			t.Errorf("Fit(%q, %d) is %d cells wide", c.s, c.w, Width(Fit(c.s, c.w)))
		}
	}
}
