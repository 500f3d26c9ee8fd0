package render

import (
	"brief/internal/testtext"
	"fmt"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
)

// checkOnlySGR fails when out holds an escape sequence other than
// CSI <digits ; :> m, or any other forbidden rune.
func checkOnlySGR(t *testing.T, what, out string) {
	t.Helper()
	for i := 0; i < len(out); {
		if out[i] == 0x1b {
			j := i + 1
			if j >= len(out) || out[j] != '[' {
				t.Errorf("%s: escape other than CSI at %d: %q", what, i, snippet(out, i))
				return
			}
			j++
			for j < len(out) && (out[j] >= '0' && out[j] <= '9' || out[j] == ';' || out[j] == ':') {
				j++
			}
			if j >= len(out) || out[j] != 'm' {
				t.Errorf("%s: CSI other than SGR at %d: %q", what, i, snippet(out, i))
				return
			}
			i = j + 1
			continue
		}
		r, size := utf8.DecodeRuneInString(out[i:])
		if testtext.Forbidden(r) {
			t.Errorf("%s: forbidden rune %U at %d: %q", what, r, i, snippet(out, i))
			return
		}
		i += size
	}
}

func snippet(s string, i int) string {
	return s[max(0, i-10):min(len(s), i+20)]
}

var hostileMarkdown = []string{
	"clear \x1b[2J screen",
	"osc52 \x1b]52;c;ZXZpbA==\x07 copy",
	"osc52 st \x1b]52;c;ZXZpbA==\x1b\\ copy",
	"osc8 \x1b]8;;https://evil.example\x07click\x1b]8;;\x07 here",
	"bel\x07 bs\x08 cr\r del\x7f",
	"c1 \u009b31m and \u0090dcs\u009c",
	"bidi \u202eevil\u202c \u2067iso\u2069",
	"refs &#27;[2J &#x1B;[2J &#033;[8m &#x9b;31m &#8238;rlo &#7; &#13;",
	"# heading \x1b[5m\n\n- item \x1b]0;title\x07\n\n> quote \x1bc reset",
	"[link \x1b[2J](https://example.com/\x1b[2J) and <https://example.com/&#27;>",
	"```\ncode \x1b[2J block\n```\n\n`span \x1b]52;c;x\x07`",
	"| a \x1b[2J | b |\n|---|---|\n| \u009b1m | &#27;[8m |",
	"![img \x1b[2J](https://example.com/i.png)",
}

func TestRenderOnlySGR(t *testing.T) {
	r := NewRenderer()
	for _, style := range []Style{StyleDark, StyleLight, StyleNoTTY, StyleASCII} {
		for _, md := range hostileMarkdown {
			out, err := r.Render(md, 80, style)
			if err != nil {
				t.Fatalf("Render(%q, %s): %v", md, style, err)
			}
			checkOnlySGR(t, fmt.Sprintf("%s %q", style, md), out)
			// glamour never blinks or conceals: these can only be the
			// input's own sequences surviving as SGR.
			if strings.Contains(out, "\x1b[5m") || strings.Contains(out, "\x1b[8m") {
				t.Errorf("%s: injected SGR survives for %q: %q", style, md, out)
			}
			if style == StyleASCII && strings.ContainsRune(out, 0x1b) {
				t.Errorf("ascii style emits ESC for %q: %q", md, out)
			}
		}
	}
}

func TestRenderASCIIHasNoEscapes(t *testing.T) {
	out, err := NewRenderer().Render(article(300), 80, StyleASCII)
	if err != nil {
		t.Fatal(err)
	}
	if i := strings.IndexByte(out, 0x1b); i >= 0 {
		t.Fatalf("ascii output has ESC: %q", snippet(out, i))
	}
	if !strings.Contains(out, "Alibaba") || !strings.Contains(out, "https://news.example.com/") {
		t.Fatalf("ascii output lost text or links:\n%s", out)
	}
}

func TestRenderKeepsStyling(t *testing.T) {
	// The filter must not strip glamour's own colours.
	out, err := NewRenderer().Render("# Title\n\nSome **bold** text.", 80, StyleDark)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "\x1b[") {
		t.Fatalf("dark style lost its SGR styling: %q", out)
	}
}

func TestRenderWidth(t *testing.T) {
	md := article(2000)
	r := NewRenderer()
	for _, style := range []Style{StyleDark, StyleASCII} {
		for _, width := range []int{24, 40, 59, 60, 80, 100, 140} {
			out, err := r.Render(md, width, style)
			if err != nil {
				t.Fatal(err)
			}
			for n, line := range strings.Split(out, "\n") {
				if w := lipgloss.Width(line); w > width {
					t.Errorf("%s width %d: line %d is %d wide: %q", style, width, n, w, line)
					break
				}
			}
		}
	}
}

func TestRenderMargin(t *testing.T) {
	r := NewRenderer()
	para := "Shares of Alibaba rose on Tuesday."
	wide, _ := r.Render(para, NarrowWidth, StyleASCII)
	narrow, _ := r.Render(para, NarrowWidth-1, StyleASCII)
	if !strings.Contains(wide, "\n  Shares") {
		t.Errorf("width %d: want a margin of 2: %q", NarrowWidth, wide)
	}
	if !strings.Contains(narrow, "\nShares") {
		t.Errorf("width %d: want no margin: %q", NarrowWidth-1, narrow)
	}
}

func TestRenderRejectsBadArguments(t *testing.T) {
	r := NewRenderer()
	if _, err := r.Render("x", 80, Style("solarized-from-env")); err == nil {
		t.Error("unknown style: want an error")
	}
	if _, err := r.Render("x", 0, StyleDark); err == nil {
		t.Error("width 0: want an error")
	}
}

func TestRenderCacheIsBounded(t *testing.T) {
	r := NewRenderer()
	for w := 20; w < 20+3*maxCached; w++ {
		if _, err := r.Render("resize", w, StyleASCII); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(r.cache); n > maxCached {
		t.Fatalf("cache holds %d renderers, want at most %d", n, maxCached)
	}
}

func TestRenderConcurrent(t *testing.T) {
	r := NewRenderer()
	md := article(300)
	want := map[int]string{}
	for _, w := range []int{50, 80} {
		out, err := NewRenderer().Render(md, w, StyleDark)
		if err != nil {
			t.Fatal(err)
		}
		want[w] = out
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			w := []int{50, 80}[g%2]
			for range 5 {
				got, err := r.Render(md, w, StyleDark)
				if err != nil {
					t.Error(err)
					return
				}
				if got != want[w] {
					t.Errorf("goroutine %d: width %d output differs", g, w)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestOnlySGRFilter(t *testing.T) {
	cases := []struct{ in, want string }{
		{"a\x1b[1;38;5;228mb\x1b[m", "a\x1b[1;38;5;228mb\x1b[m"},
		{"a\x1b[4:3mb", "a\x1b[4:3mb"},
		{"a\x1b[2Jb", "ab"},
		{"a\x1b[?25lb", "ab"},
		{"a\x1b[1 qb", "ab"},
		{"a\x1b]8;id=1;https://x\x1b\\link\x1b]8;;\x1b\\b", "alinkb"},
		{"a\x1b]52;c;eA==\x07b", "ab"},
		{"a\x1bPdcs\x1b\\b", "ab"},
		{"a\x1bcb\x1b7", "ab"},
		{"a\x1b]unterminated", "aunterminated"},
		{"a\x1b", "a"},
		{"a\x1b\u00e9b", "a\u00e9b"},
		{"a\x07\x08\u009b\u202eb\r\n", "ab\n"},
	}
	for _, c := range cases {
		if got := onlySGR(c.in); got != c.want {
			t.Errorf("onlySGR(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func FuzzRender(f *testing.F) {
	for _, s := range hostileMarkdown {
		f.Add(s, 40)
	}
	f.Add(article(50), 80)
	f.Fuzz(func(t *testing.T, md string, width int) {
		width = 10 + abs(width)%150
		out, err := NewRenderer().Render(md, width, StyleDark)
		if err != nil {
			return
		}
		checkOnlySGR(t, fmt.Sprintf("%q", md), out)
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// Benchmarks.

func BenchmarkRender(b *testing.B) {
	md := article(10000)
	if n := len(strings.Fields(md)); n < 10000 {
		b.Fatalf("article has %d words", n)
	}
	for _, style := range []Style{StyleDark, StyleASCII} {
		// First render: a new Renderer, so glamour is set up too. This is
		// what opening an article at a new width costs.
		b.Run("first/"+string(style), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := NewRenderer().Render(md, 100, style); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("cached/"+string(style), func(b *testing.B) {
			r := NewRenderer()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := r.Render(md, 100, style); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Fixtures: a finance article of the requested size, built from a fixed
// text so runs compare.

// article returns markdown of at least words words: paragraphs, headings,
// lists, links, a table and a quote, the shapes a feed body takes.
func article(words int) string {
	var b strings.Builder
	n := 0
	for i := 0; n < words; i++ {
		switch {
		case i%12 == 0:
			fmt.Fprintf(&b, "## Section %d: markets wrap\n\n", i/12+1)
		case i%12 == 5:
			b.WriteString("- Revenue: **$30.7 billion**, up 7%\n- Net income: $3.3 billion\n- Guidance: [raised](https://news.example.com/baba/guidance)\n\n")
		case i%12 == 8:
			b.WriteString("| Quarter | Revenue | EPS |\n|---|---|---|\n| Q1 | $30.7B | 2.15 |\n| Q2 | $32.1B | 2.40 |\n\n")
		case i%12 == 10:
			b.WriteString("> \"We remain confident in the long-term outlook,\" the chief executive said.\n\n")
		}
		for k := range 4 {
			s := testtext.Sentences[(i+k)%len(testtext.Sentences)]
			if k == 1 {
				s = strings.Replace(s, "rate", "[rate](https://news.example.com/fed/rates)", 1)
			}
			b.WriteString(s)
			b.WriteByte(' ')
		}
		b.WriteString("\n\n")
		n = len(strings.Fields(b.String()))
	}
	return b.String()
}
