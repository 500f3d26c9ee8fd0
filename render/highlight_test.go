package render

import (
	"slices"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"brief/internal/sanitize"
)

var markStyle = lipgloss.NewStyle().Reverse(true)

func TestHighlightPlainText(t *testing.T) {
	in := "The Fed holds\nno match here\nthe FED and the fed's rate"
	out, lines := Highlight(in, []string{"fed"}, markStyle)
	if !slices.Equal(lines, []int{0, 2}) {
		t.Errorf("lines = %v, want [0 2]", lines)
	}
	if ansi.Strip(out) != in {
		t.Errorf("text changed: %q", ansi.Strip(out))
	}
	for _, want := range []string{"The " + markStyle.Render("Fed") + " holds", "the " + markStyle.Render("FED") + " and the " + markStyle.Render("fed") + "'s"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q: %q", want, out)
		}
	}
}

func TestHighlightNothing(t *testing.T) {
	in := "some text"
	for _, terms := range [][]string{nil, {""}, {"  "}, {"absent"}} {
		if out, lines := Highlight(in, terms, markStyle); out != in || lines != nil {
			t.Errorf("Highlight(%q) = %q, %v", terms, out, lines)
		}
	}
}

func TestHighlightOverlappingTerms(t *testing.T) {
	out, lines := Highlight("Federal Reserve", []string{"fed", "federal", "reserve"}, markStyle)
	want := markStyle.Render("Federal") + " " + markStyle.Render("Reserve")
	if out != want || !slices.Equal(lines, []int{0}) {
		t.Errorf("got %q %v, want %q", out, lines, want)
	}
}

// TestHighlightUnicode: CJK is matched on bytes, not cells; combining
// marks and case folding beyond ASCII.
func TestHighlightUnicode(t *testing.T) {
	cases := []struct {
		text, term string
		want       []string // the marked pieces, in order
	}{
		{"销售额达到1,879亿元，同比增长", "1,879亿", []string{"1,879亿"}},
		{"阿里巴巴 BABA 阿里巴巴", "阿里巴巴", []string{"阿里巴巴", "阿里巴巴"}},
		// A decomposed é is one grapheme: "cafe" may not end inside it.
		{"cafe\u0301 or cafe", "cafe", []string{"cafe"}},
		// A composed term finds a decomposed text and the other way round.
		{"cafe\u0301 and café", "café", []string{"cafe\u0301", "café"}},
		{"cafe\u0301 and café", "cafe\u0301", []string{"cafe\u0301", "café"}},
		{"ΟΔΟΣ and οδος", "οδοσ", []string{"ΟΔΟΣ", "οδος"}},
		{"5 \u212a and 5 k", "5 K", []string{"5 \u212a", "5 k"}},
		{"Straße STRASSE", "straße", []string{"Straße"}},
		{"مرحبا بالعالم", "بالعالم", []string{"بالعالم"}},
		{"📈👨‍👩‍👧 family", "👨‍👩‍👧", []string{"👨‍👩‍👧"}},
		{"👨‍👩‍👧 family", "👨", nil},
	}
	for _, c := range cases {
		out, lines := Highlight(c.text, []string{c.term}, markStyle)
		if ansi.Strip(out) != c.text {
			t.Errorf("%q: text changed to %q", c.text, ansi.Strip(out))
		}
		var got []string
		for _, piece := range strings.Split(out, "\x1b[7m")[1:] {
			got = append(got, piece[:strings.Index(piece, "\x1b[m")])
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("Highlight(%q, %q) marks %q, want %q", c.text, c.term, got, c.want)
		}
		if (len(lines) > 0) != (len(c.want) > 0) {
			t.Errorf("Highlight(%q, %q) lines = %v", c.text, c.term, lines)
		}
	}
}

// TestHighlightGlamour marks terms in a rendered article: the text is as
// before, the lines are those that show a term, and the styling around
// each mark is back after it.
func TestHighlightGlamour(t *testing.T) {
	md := "## Alibaba beats estimates\n\nShares of **Alibaba** rose; the [results](https://x.example) beat.\n\n- 阿里巴巴收入1,879亿元\n\n> Alibaba said so.\n"
	for _, style := range []Style{StyleDark, StyleLight, StyleASCII} {
		rendered, err := NewRenderer().Render(md, 60, style)
		if err != nil {
			t.Fatal(err)
		}
		out, lines := Highlight(rendered, []string{"alibaba", "阿里巴巴", "ESTIMATES"}, markStyle)
		if ansi.Strip(out) != ansi.Strip(rendered) {
			t.Errorf("%s: text changed:\n%s", style, ansi.Strip(out))
		}
		var want []int
		for i, l := range strings.Split(ansi.Strip(rendered), "\n") {
			if strings.Contains(strings.ToLower(l), "alibaba") || strings.Contains(l, "阿里巴巴") {
				want = append(want, i)
			}
		}
		if !slices.Equal(lines, want) || len(want) != 4 {
			t.Errorf("%s: lines = %v, want %v", style, lines, want)
		}
		checkOnlySGR(t, string(style), out)
		if style == StyleASCII {
			continue
		}
		// The heading's own style comes back after the mark.
		head := strings.Split(rendered, "\n")[lines[0]]
		i := strings.Index(head, "Alibaba")
		sgr := head[strings.LastIndex(head[:i], "\x1b["):i]
		if got := strings.Split(out, "\n")[lines[0]]; !strings.Contains(got, markStyle.Render("Alibaba")+sgr+" beats") {
			t.Errorf("%s: heading style not back after the mark:\n%q\nin\n%q", style, sgr, got)
		}
	}
}

// TestHighlightAcrossStyles: a term may span a change of style; the mark
// covers it and the later style still applies after.
func TestHighlightAcrossStyles(t *testing.T) {
	in := "plain \x1b[1mbold\x1b[m text \x1b[3mitalic rest"
	out, _ := Highlight(in, []string{"boldtext", "bold text", "italic"}, markStyle)
	// Bold is on when the mark starts and off when it ends; italic comes
	// back after its mark.
	want := "plain \x1b[1m" + markStyle.Render("bold text") + " \x1b[3m" + markStyle.Render("italic") + "\x1b[3m rest"
	if out != want {
		t.Errorf("got  %q\nwant %q", out, want)
	}
	if ansi.Strip(out) != ansi.Strip(in) {
		t.Errorf("text changed: %q", ansi.Strip(out))
	}
}

func FuzzHighlight(f *testing.F) {
	f.Add("The \x1b[1mFed\x1b[m holds\n阿里巴巴 cafe\u0301", "fed")
	f.Add("ΟΔΟΣ \x1b[38;5;39mοδος\x1b[0;1m x", "οδος")
	f.Fuzz(func(t *testing.T, text, term string) {
		text, term = sanitize.Markdown(text), sanitize.Markdown(term)
		out, lines := Highlight(text, []string{term}, markStyle)
		if ansi.Strip(out) != ansi.Strip(text) {
			t.Fatalf("text changed:\n%q\n%q", ansi.Strip(text), ansi.Strip(out))
		}
		n := strings.Count(text, "\n") + 1
		for i, l := range lines {
			if l < 0 || l >= n || i > 0 && l <= lines[i-1] {
				t.Fatalf("bad lines %v for %d lines", lines, n)
			}
		}
	})
}

// BenchmarkHighlight marks a common word and a CJK one in a rendered
// 10,000-word article.
func BenchmarkHighlight(b *testing.B) {
	rendered, err := NewRenderer().Render(article(10000), 100, StyleDark)
	if err != nil {
		b.Fatal(err)
	}
	for _, terms := range [][]string{{"rate"}, {"阿里巴巴", "alibaba"}, {"absent"}} {
		b.Run(strings.Join(terms, "+"), func(b *testing.B) {
			b.SetBytes(int64(len(rendered)))
			b.ReportAllocs()
			for b.Loop() {
				Highlight(rendered, terms, markStyle)
			}
		})
	}
}
