package render

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"brief/internal/sanitize"
)

// renderLinks numbers md's links and renders the result in the ASCII
// style, returning the text as shown, with its no-break spaces as spaces.
func renderLinks(t *testing.T, md string, width int) (string, []Link) {
	t.Helper()
	out, links := NumberLinks(md)
	body, err := NewRenderer().Render(out, width, StyleASCII)
	if err != nil {
		t.Fatalf("Render(%q): %v", out, err)
	}
	return strings.ReplaceAll(ansi.Strip(body), "\u00a0", " "), links
}

func TestNumberLinks(t *testing.T) {
	md := `## Fed holds, see [the statement](https://example.org/fomc "FOMC")

The [Fed](https://example.org/fomc) left rates unchanged; <https://example.com/a> has more, as does https://bare.example/c.
Read [the minutes][m] or [m].

- a list [with a link](https://list.example/x)
- and [a [nested] label](https://nested.example/) with ` + "`[code](https://code.example)`" + `

![Q3 revenue chart](https://news.example.com/q3.png)

[m]: https://example.org/minutes
`
	body, links := renderLinks(t, md, 100)
	want := []Link{
		{1, "the statement", "https://example.org/fomc"},
		{2, "https://example.com/a", "https://example.com/a"},
		{3, "https://bare.example/c", "https://bare.example/c"},
		{4, "the minutes", "https://example.org/minutes"},
		{5, "with a link", "https://list.example/x"},
		{6, "a [nested] label", "https://nested.example/"},
		{7, "Q3 revenue chart", "https://news.example.com/q3.png"},
	}
	if !slices.Equal(links, want) {
		t.Errorf("links =\n%v\nwant\n%v", links, want)
	}
	for _, shown := range []string{
		"see the statement [1]", "The Fed [1] left", "https://example.com/a [2]",
		"https://bare.example/c [3].", "the minutes [4] or m [4].", "a list with a link [5]",
		"a [nested] label [6]", "[code](https://code.example)", "Image: Q3 revenue chart → [7]",
	} {
		if !strings.Contains(body, shown) {
			t.Errorf("body lacks %q:\n%s", shown, body)
		}
	}
	for _, gone := range []string{"example.org/fomc", "list.example", "nested.example", "q3.png", "minutes]"} {
		if strings.Contains(body, gone) {
			t.Errorf("body still shows %q:\n%s", gone, body)
		}
	}
}

func TestNumberLinksHostile(t *testing.T) {
	md := "[js](javascript:alert(1)) [js2](jav&#x61;script:alert(1)) [vb](VBScript:x) [data](data:text/html,x) " +
		"[mail](mailto:a@b.example) [rel](/quote/BABA) [nohost](https:///path) [ftp](ftp://f.example/x) " +
		"[ok](HTTPS://Up.Example/A) [esc \x07bell\u202e text](https://e.example/\x1b]8;;evil\x07p) " +
		"[ctl](https://c.example/a&#27;b) <https://d.example/\u009b31m>"
	body, links := renderLinks(t, md, 200)
	var urls []string
	for _, l := range links {
		urls = append(urls, l.URL)
		for _, s := range []string{l.Text, l.URL} {
			if sanitize.Line(s) != s {
				t.Errorf("link %d holds an unsafe string %q", l.N, s)
			}
		}
		if u, err := url.Parse(l.URL); err != nil || u.Scheme != "http" && u.Scheme != "https" {
			t.Errorf("link %d is not a web URL: %q", l.N, l.URL)
		}
	}
	want := []string{"HTTPS://Up.Example/A", "https://e.example/]8;;evilp", "https://c.example/a&#27;b", "https://d.example/31m"}
	if !slices.Equal(urls, want) {
		t.Errorf("numbered URLs = %q, want %q", urls, want)
	}
	// The others show as their text, with no URL and no number.
	for _, shown := range []string{"js js2 vb data mail rel nohost ftp ok [1]", "esc bell text [2]", "ctl [3]"} {
		if !strings.Contains(body, shown) {
			t.Errorf("body lacks %q:\n%s", shown, body)
		}
	}
	if strings.Contains(body, "javascript") || strings.Contains(body, "mailto") {
		t.Errorf("body shows a non-web URL:\n%s", body)
	}
}

func TestNumberLinksLeavesCode(t *testing.T) {
	md := "`[span](https://span.example)` \\[escaped\\](not-a-url) [real](https://real.example)\n\n" +
		"```\n[block](https://block.example)\n```\n\n    [indented](https://indented.example)\n"
	out, links := NumberLinks(md)
	if len(links) != 1 || links[0].URL != "https://real.example" {
		t.Errorf("links = %v, want only the real one", links)
	}
	for _, keep := range []string{"`[span](https://span.example)`", "\\[escaped\\](not-a-url)", "[block](https://block.example)", "    [indented](https://indented.example)"} {
		if !strings.Contains(out, keep) {
			t.Errorf("NumberLinks changed %q:\n%s", keep, out)
		}
	}
}

func TestNumberLinksInTable(t *testing.T) {
	md := "| Quarter | Source |\n|---|---|\n| Q1 | [filing](https://sec.example/q1) <https://t.example/x> |\n| Q2 | ![chart](https://c.example/q2.png) [filing](https://sec.example/q1) |\n"
	body, links := renderLinks(t, md, 80)
	if len(links) != 3 {
		t.Errorf("links = %v, want 3", links)
	}
	for _, shown := range []string{"filing [1] https://t.example/x [2]", "chart [3] filing [1]"} {
		if !strings.Contains(body, shown) {
			t.Errorf("table lacks %q:\n%s", shown, body)
		}
	}
	// glamour's own list of table links would show the URLs again.
	if strings.Contains(body, "sec.example") || strings.Contains(body, "c.example") {
		t.Errorf("table shows URLs:\n%s", body)
	}
}

func TestNumberLinksCJK(t *testing.T) {
	md := "阿里巴巴集团公布第三季度业绩，销售额达到1,879亿元，详见[公司公告](https://ir.example/q3)。同比增长12.5%，净利润为356.8亿元人民币。"
	for width := 30; width <= 60; width++ {
		body, links := renderLinks(t, md, width)
		if len(links) != 1 || links[0].Text != "公司公告" {
			t.Fatalf("links = %v", links)
		}
		checkNumbersWhole(t, fmt.Sprintf("width %d", width), body, width, []string{"1,879", "12.5%", "356.8"})
		if !strings.Contains(body, "[1]。") || strings.Contains(body, "ir.example") {
			t.Errorf("width %d: want the number after the link text:\n%s", width, body)
		}
	}
}

func TestNumberLinksNone(t *testing.T) {
	md := "No links here, only text.\n"
	if out, links := NumberLinks(md); out != md || links != nil {
		t.Errorf("NumberLinks(%q) = %q, %v", md, out, links)
	}
}

func FuzzNumberLinks(f *testing.F) {
	f.Add("[a](https://a.example) <https://b.example> ![c](https://c.example/c.png) [d][r]\n\n[r]: https://d.example")
	f.Add("| a |\n|---|\n| [x](https://x.example) <https://y.example> |")
	f.Add("[a [b] c](https://a.example/(x)) `[d](https://d.example)` [e](javascript:x)")
	for _, s := range hostileMarkdown {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, md string) {
		out, links := NumberLinks(md)
		for i, l := range links {
			if l.N != i+1 {
				t.Fatalf("link %d has number %d", i, l.N)
			}
			if sanitize.Line(l.Text) != l.Text || sanitize.Line(l.URL) != l.URL {
				t.Fatalf("unsafe link %+v", l)
			}
			if u, err := url.Parse(l.URL); err != nil || u.Scheme != "http" && u.Scheme != "https" {
				t.Fatalf("not a web URL: %q", l.URL)
			}
		}
		body, err := NewRenderer().Render(out, 60, StyleDark)
		if err != nil {
			t.Fatal(err)
		}
		checkOnlySGR(t, fmt.Sprintf("%q", md), body)
	})
}
