package extract

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"brief/internal/sanitize"
)

// checkPlain asserts a briefing is plain terminal-safe text.
func checkPlain(t *testing.T, name string, b Briefing) {
	t.Helper()
	var all []string
	all = append(all, b.Summary...)
	all = append(all, b.Takeaways...)
	for _, f := range b.Figures {
		all = append(all, f.Text, f.Context)
	}
	for _, s := range all {
		if s == "" || !utf8.ValidString(s) || sanitize.Line(s) != s {
			t.Errorf("%s: not a clean line: %q", name, s)
		}
		for _, mark := range []string{"**", "](", "![", "__", "\\", "`", "\n"} {
			if strings.Contains(s, mark) {
				t.Errorf("%s: markdown %q left in %q", name, mark, s)
			}
		}
	}
}

func TestBriefIsPlainText(t *testing.T) {
	md := "## Aime Summary\n\n" +
		"- **Acme** rose [5%](https://x.example/a) on \x1b[31mstrong\x1b[0m demand\u202e\n" +
		"- Shares of `ACME` hit a \\*record\\*\n\n" +
		"Para with a [link](https://x.example/b) and an ![image](https://x.example/i.png) and\x07 a bell. " +
		"Management expects the margin to reach 30% next year, the company said on Tuesday.\n"
	b := New(nil).Brief(Input{Title: "Acme", Markdown: md})
	checkPlain(t, "fixture", b)
	if b.Summary[0] != "Acme rose 5% on [31mstrong[0m demand" {
		t.Errorf("summary[0] = %q", b.Summary[0])
	}
}

func TestBriefEmptyAndNil(t *testing.T) {
	b := New(nil).Brief(Input{})
	if b.Summary == nil || b.Takeaways == nil || b.Figures == nil || b.Tickers == nil {
		t.Errorf("empty input: lists must be empty, not null: %+v", b)
	}
	if len(b.Summary)+len(b.Takeaways)+len(b.Figures) != 0 || b.SummaryGenerated || b.TakeawaysGenerated {
		t.Errorf("empty input gave %+v", b)
	}
	if New(nil).dir == nil {
		t.Error("New(nil) has no directory")
	}
}

// TestBriefHostileShapes feeds shapes that would be quadratic for a naive
// scanner (unmatched brackets, glued figures, endless parentheses, one
// giant paragraph); each must finish quickly.
func TestBriefHostileShapes(t *testing.T) {
	const n = 256 << 10
	for name, md := range map[string]string{
		"brackets":    strings.Repeat("[", n),
		"nested":      strings.Repeat("[a", n/2) + "](x)",
		"figures":     strings.Repeat("5%", n/2),
		"parens":      strings.Repeat("(a) ", n/4) + "rose 5%.",
		"dots":        strings.Repeat("a.", n/2) + " B",
		"labels":      strings.Repeat("**Summary**\n\n", n/13),
		"one para":    strings.Repeat("Shares rose 5% to $3 billion ", n/29),
		"list":        strings.Repeat("- item\n", n/7),
		"boilerplate": strings.Repeat("Comments\n\n", n/10),
		// Figures nothing explains are looked up again at every mention.
		"unexplained": unexplainedFigures(n),
		"spaces":      strings.Repeat("x"+strings.Repeat(" ", 1000)+"5%", n/1003),
		"long words":  strings.Repeat(strings.Repeat("a", 1000)+", 5% ", n/1005),
		"asides":      strings.Repeat("sales, a, b, c, d, up 5%, ", n/26),
	} {
		start := time.Now()
		b := New(nil).Brief(Input{Title: "t", Markdown: md})
		checkPlain(t, name, b)
		if d := time.Since(start); d > raceSlowdown*2*time.Second {
			t.Errorf("%s: Brief took %v", name, d)
		}
	}
}

// unexplainedFigures is one paragraph of distinct figures in a list with
// nothing around them to say what they measure.
func unexplainedFigures(n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "%d.%d%%, ", i/10, i%10)
	}
	return b.String()
}
