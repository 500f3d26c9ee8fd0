package sanitize

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain", "plain"},
		{"tab\tand\nnewline", "tab\tand\nnewline"},
		{"esc\x1b[2Jclear", "esc[2Jclear"},
		{"osc52 \x1b]52;c;ZXZpbA==\x07 end", "osc52 ]52;c;ZXZpbA== end"},
		{"bel\x07bs\x08del\x7f", "belbsdel"},
		{"c1 \u009b31m csi", "c1 31m csi"},
		{"bidi \u202eevil\u202c and \u2066iso\u2069", "bidi evil and iso"},
		{"crlf\r\nline\rcr", "crlf\nline\ncr"},
		{"bad \xff utf8", "bad \uFFFD utf8"},
		{"Alibaba 阿里巴巴 📈", "Alibaba 阿里巴巴 📈"},
	}
	for _, c := range cases {
		if got := Text(c.in); got != c.want {
			t.Errorf("Text(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestLine(t *testing.T) {
	if got := Line("  Fed \n holds\trates \x1b[31m steady  "); got != "Fed holds rates [31m steady" {
		t.Errorf("Line = %q", got)
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"", "a\x1b[31mb", "\u009b\u202e\r\n", "\xff\xfe", "日本語\t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Text(s)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 out of %q", s)
		}
		for _, r := range out {
			if forbidden(r) || r == '\r' {
				t.Fatalf("forbidden rune %U left in %q", r, out)
			}
		}
		if !Clean(out) && !strings.ContainsRune(out, utf8.RuneError) {
			t.Fatalf("Clean disagrees with Text for %q", out)
		}
		if Text(out) != out {
			t.Fatalf("Text is not idempotent on %q", s)
		}
	})
}
