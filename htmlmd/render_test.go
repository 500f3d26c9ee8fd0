package htmlmd

import (
	"strings"
	"testing"
	"time"
)

// The constructs the converter writes, each with the markdown it must give.
func TestMarkdownConstructs(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"nested lists indent to the item's text",
			`<ul><li>a<ul><li>b</li><li>c<ol><li>x</li></ol></li></ul></li><li>d</li></ul>`,
			"- a\n  \n  - b\n  - c\n    \n    1. x\n- d"},
		{"ordered start, numbers padded to the widest",
			`<ol start="9"><li>nine</li><li>ten</li></ol>`,
			"09. nine\n10. ten"},
		{"a bad start counts from one; empty items take no number",
			`<ol start="x"><li>a</li><li> </li><li>b</li></ol>`,
			"1. a\n2. b"},
		{"two lists in a row stay two",
			`<ul><li>a</li></ul><ul><li>b</li></ul>`,
			"- a\n\n<!--THE END-->\n\n- b"},
		{"stray list content joins the item before it",
			`<ul><li>one</li><b>more</b><li>two</li></ul>`,
			"- one**more**\n- two"},
		{"table with header, alignment and an empty row skipped",
			`<table><thead><tr><th>Q</th><th align="right">Rev</th></tr></thead><tbody><tr><td>Q1</td><td>$1</td></tr><tr><td></td><td></td></tr><tr><td>Q2 long</td><td>$22</td></tr></tbody></table>`,
			"| Q       | Rev |\n|---------|----:|\n| Q1      | $1  |\n| Q2 long | $22 |"},
		{"table without a header gets an empty one; colspan fills",
			`<table><tr><td>a</td><td>b</td></tr><tr><td colspan="2">wide</td></tr></table>`,
			"|      |   |\n|------|---|\n| a    | b |\n| wide |   |"},
		{"a cell over two lines makes the rows paragraphs",
			`<table><tr><td>a<br>b</td><td>c</td></tr></table>`,
			"a  \nbc"},
		{"pre is fenced longer than its backticks, language kept",
			"<pre><code class=\"language-go\">x := \"```\"\n\n\ty()\n</code></pre>",
			"````go\nx := \"```\"\n\n\ty()\n````"},
		{"inline code collapses space and pads backticks",
			"<p>run <code>go  test\n./...</code> or <code>`x`</code></p>",
			"run `go test ./...` or `` `x` ``"},
		{"code in a list item is indented with it",
			"<ul><li>run<pre>a\nb</pre></li></ul>",
			"- run\n  \n  ```\n  a\n  b\n  ```"},
		{"links resolve; empty, fragment and script links are text",
			`<p><a href="../q?a=1 2&amp;b=x">rel</a> <a href="">empty</a> <a href="#n">frag</a> <a href="javascript:go()">js</a> <a href="https://e.example/p" title="T">abs</a></p>`,
			"[rel](https://news.example.com/markets/q?a=1%202&b=x) empty frag js [abs](https://e.example/p \"T\")"},
		{"spaces inside a link go outside its brackets",
			`<p>see<a href="/x"> the page </a>now</p>`,
			"see [the page](https://news.example.com/x) now"},
		{"bold around a link becomes a link around bold",
			`<p><b><a href="/x">bold link</a></b></p>`,
			"[**bold link**](https://news.example.com/x)"},
		{"br breaks the line; two end the paragraph",
			`<p>one<br>two<br><br>three<br></p><p>four</p>`,
			"one  \ntwo\n\nthree\n\nfour"},
		{"entities decode; angle brackets stay escaped",
			`<p>AT&amp;T &lt;b&gt; &copy; 5&nbsp;%</p>`,
			"AT&T &lt;b&gt; © 5\u00a0%"},
		{"white space collapses as a browser shows it",
			"<div>\n  <p>  lots\n\tof   white\r\nspace  </p>  <span> a </span> <span> b </span>\n</div>",
			"lots of white space\n\na b"},
		{"emphasis: adjacent merge, nested same kind once, empty dropped",
			`<p><em>A</em><em>B</em> <b>x <b>y</b></b><i> </i>z</p>`,
			"*AB* **x y** z"},
		{"headings are one line; an empty one is nothing",
			`<h1>Title<br>two</h1><h2> </h2><h3>Rank #</h3>`,
			"# Title two\n\n### Rank\\#"},
		{"quotes prefix every line",
			`<blockquote><p>one</p><p>two</p></blockquote>`,
			"> one\n> \n> two"},
		{"images resolve, escape brackets in alt; noise is dropped",
			`<p><img src="/c.png" alt="a [b]"><img src="https://t.example/p.gif" width="1"><img src="data:image/png;base64,AA"></p>`,
			"![a \\[b\\]](https://news.example.com/c.png)"},
		{"rules",
			`<p>a</p><hr><p>b</p>`,
			"a\n\n* * *\n\nb"},
	}
	for _, c := range cases {
		if got := mustMarkdown(t, c.in); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

// Lists and quotes deeper than maxNested are written as paragraphs, so a
// hostile body's output does not grow with its depth.
func TestDeepListsBecomeParagraphs(t *testing.T) {
	doc := strings.Repeat("<blockquote>", 200) + strings.Repeat("<p>words</p>", 2000) + strings.Repeat("</blockquote>", 200)
	md := mustMarkdown(t, doc)
	if strings.Count(md, "words") != 2000 {
		t.Fatalf("lost text: %d paragraphs", strings.Count(md, "words"))
	}
	prefix := strings.Repeat("> ", maxNested)
	if !strings.HasPrefix(md, prefix+"words") || strings.Contains(md, prefix+"> ") {
		t.Errorf("want quotes %d deep, got %q", maxNested, md[:min(len(md), 200)])
	}
}

// The walk keeps its own stack: the deepest tree the parser builds is
// safe, and each level costs the same.
func TestDeepInlineNesting(t *testing.T) {
	doc := strings.Repeat("<span><b><i>", 160) + "deep" + strings.Repeat("</i></b></span>", 160)
	if md := mustMarkdown(t, doc); md != "***deep***" {
		t.Errorf("got %q", md)
	}
}

// TestSpanningCellsAreBounded: cells that claim to span thousands of rows
// and columns cost no more than the table they are in. rowspan 30000 by
// colspan 1000 took 13 s on a 100-byte body; past the bound the table is
// written as text, and a span past the last row adds nothing.
func TestSpanningCellsAreBounded(t *testing.T) {
	start := time.Now()
	got, err := Markdown(`<table><tr><td rowspan="30000" colspan="1000">x</td><td>y</td></tr><tr><td>a</td></tr></table>`, "")
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v", d)
	}
	for _, w := range []string{"x", "y", "a"} {
		if !strings.Contains(got, w) {
			t.Errorf("%q lost its cell %q", got, w)
		}
	}
	got, err = Markdown(`<table><tr><th>h</th><th>v</th></tr><tr><td rowspan="500">a</td><td>1</td></tr><tr><td>2</td></tr></table>`, "")
	if err != nil {
		t.Fatal(err)
	}
	if want := "| h | v |\n|---|---|\n| a | 1 |\n|   | 2 |"; got != want {
		t.Errorf("a rowspan past the last row:\n%s\nwant\n%s", got, want)
	}
}

// TestCodeInDeepListsIsLinear: every list level indents the lines of a
// code block inside it again, and each line break used to be looked for
// in all the rest of the item: 100 KB of code fifteen lists deep took
// 0.8 s, 400 KB would take about thirteen. It takes milliseconds now.
func TestCodeInDeepListsIsLinear(t *testing.T) {
	const lines = 80000
	body := strings.Repeat("<ul><li>", 15) + "<pre>" + strings.Repeat("line\n", lines) + "</pre>"
	start := time.Now()
	got, err := Markdown(body, "")
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
	if n := strings.Count(got, "line"); n != lines {
		t.Errorf("%d code lines, want %d", n, lines)
	}
}
