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

// mustNotPrint is the rule of DESIGN.md §6 written out again, apart from
// forbidden, so that the fuzzer checks the rule rather than the code
// against itself: C0 controls but tab and newline, DEL, C1 (U+0080–U+009F,
// including the one-rune CSI U+009B), and the bidi embeddings, overrides
// and isolates.
func mustNotPrint(r rune) bool {
	return r <= 0x1f && r != '\t' && r != '\n' ||
		r >= 0x7f && r <= 0x9f ||
		r >= 0x202a && r <= 0x202e ||
		r >= 0x2066 && r <= 0x2069
}

// textModel is what Text should return, spelled out rune by rune.
func textModel(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '\r' && strings.HasPrefix(s[i:], "\n"):
		case r == '\r':
			b.WriteByte('\n')
		case mustNotPrint(r):
		default:
			b.WriteRune(r) // U+FFFD for a bad byte
		}
	}
	return b.String()
}

func FuzzText(f *testing.F) {
	for _, s := range []string{
		"", "a\x1b[31mb", "\u009b\u202e\r\n", "\xff\xfe", "日本語\t",
		"\x1b]52;c;aGVsbG8=\x07", "\x1b]8;;https://evil.example/\x1b\\x\x1b]8;;\x1b\\",
		"\x07\x08\x7f\x00\x0b\x0c", "\u0085\u008d\u0090\u009c\u009d0;t\u009c",
		"\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
		"\xc2\x9b31m", "\xc2", "\xe2\x80\xae", "\xe2\x80", "a\r\r\nb\r", " \u00a0\u2003 x \t\n ",
		"&#27;[2J &amp;#x9b;",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Text(s)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 out of %q", s)
		}
		for _, r := range out {
			if mustNotPrint(r) || r == '\r' {
				t.Fatalf("forbidden rune %U left in %q", r, out)
			}
		}
		if want := textModel(s); out != want {
			t.Fatalf("Text(%q) = %q, want %q", s, out, want)
		}
		if !Clean(out) && !strings.ContainsRune(out, utf8.RuneError) {
			t.Fatalf("Clean disagrees with Text for %q", out)
		}
		if Clean(s) && out != s {
			t.Fatalf("Text changed clean %q to %q", s, out)
		}
		if Text(out) != out {
			t.Fatalf("Text is not idempotent on %q", s)
		}

		line := Line(s)
		for _, r := range line {
			if mustNotPrint(r) || r == '\r' || r == '\n' || r == '\t' {
				t.Fatalf("Line(%q) = %q holds %U", s, line, r)
			}
		}
		if strings.TrimSpace(line) != line || Line(line) != line {
			t.Fatalf("Line(%q) = %q is not trimmed or not stable", s, line)
		}
	})
}
