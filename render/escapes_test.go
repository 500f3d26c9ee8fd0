package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// Byte 0x9C is the 8-bit String Terminator and also continues many UTF-8
// characters (М, ל, 本, ✓): inside a hyperlink's URL it is text, and the
// whole hyperlink goes.
func TestOnlySGRKeepsCharactersInControlStrings(t *testing.T) {
	cases := []struct{ in, want string }{
		{"a\x1b]8;;https://he.example/\u05dc\u05d9\u05e0\u05e7\x07link\x1b]8;;\x07b", "alinkb"},
		{"a\x1b]8;;https://zh.example/\u65e5\u672c\x1b\\link\x1b]8;;\x1b\\b", "alinkb"},
		{"a\x1b]0;\u2713 \u041c\u041c \u672c\u672c\x07b", "ab"},
		{"a\x1b_\u672c apc\x1b\\b", "ab"},
		{"a\x1b]8;;https://x.example/\u672c\x1b[1mb", "a\x1b[1mb"},
		{"a\x1b]8;;https://x.example/\u672c unterminated", "a8;;https://x.example/\u672c unterminated"},
		// U+009C itself ends the string, as the decoder has it.
		{"a\x1b]0;title\u009cb", "ab"},
	}
	for _, c := range cases {
		if got := onlySGR(c.in); got != c.want {
			t.Errorf("onlySGR(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// glamour writes a link's URL into an OSC 8 hyperlink as it is; a URL with
// characters whose UTF-8 holds byte 0x9C shows once, whole.
func TestRenderURLWithUTF8(t *testing.T) {
	for _, u := range []string{"https://zh.example/\u65e5\u672c\u6295\u8d44", "https://he.example/\u05dc\u05d9\u05e0\u05e7", "https://ru.example/\u041c\u043e\u0441\u043a\u0432\u0430"} {
		md := "See [the story](" + u + ") and <" + u + ">."
		out, err := NewRenderer().Render(md, 120, StyleDark)
		if err != nil {
			t.Fatal(err)
		}
		checkOnlySGR(t, u, out)
		text := strings.TrimSpace(ansi.Strip(out))
		if want := "See the story " + u + " and " + u + "."; text != want {
			t.Errorf("%s:\n got %q\nwant %q", u, text, want)
		}
	}
}

// FuzzOnlySGR checks that whatever comes in, only SGR sequences and safe
// text come out, and that filtering again changes nothing.
func FuzzOnlySGR(f *testing.F) {
	for _, s := range hostileMarkdown {
		f.Add(s)
	}
	f.Add("a\x1b]8;;https://he.example/\u05dc\u05d9\u05e0\u05e7\x07link\x1b]8;;\x07b")
	f.Add("a\x1b]0;\u672c\u672c\x1b\\b\x1bP\u672c\x07\x1b\\\x1b[1;38;5;228mc\x1b[m")
	f.Fuzz(func(t *testing.T, s string) {
		out := onlySGR(s)
		checkOnlySGR(t, fmt.Sprintf("%q", s), out)
		if again := onlySGR(out); again != out {
			t.Fatalf("onlySGR(%q) = %q, and again %q", s, out, again)
		}
	})
}
