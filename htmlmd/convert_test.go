package htmlmd

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"brief/internal/sanitize"
	"brief/internal/testtext"
	"brief/render"
)

const testBase = "https://news.example.com/markets/2024/fed-holds.html"

func mustMarkdown(t testing.TB, html string) string {
	t.Helper()
	md, err := Markdown(html, testBase)
	if err != nil {
		t.Fatalf("Markdown: %v", err)
	}
	return md
}

func TestMarkdownConvertsStructure(t *testing.T) {
	md := mustMarkdown(t, `<h2>Fed holds rates</h2>
<p>The <strong>Federal Reserve</strong> left rates <em>unchanged</em>, see <a href="https://example.org/fomc">the statement</a>.</p>
<ul><li>Stocks rose</li><li>Bonds fell</li></ul>
<ol><li>First</li><li>Second</li></ol>`)
	for _, want := range []string{
		"## Fed holds rates",
		"**Federal Reserve**",
		"*unchanged*",
		"[the statement](https://example.org/fomc)",
		"- Stocks rose\n- Bonds fell",
		"1. First\n2. Second",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
}

func TestMarkdownResolvesRelativeLinks(t *testing.T) {
	md := mustMarkdown(t, `<p><a href="/quote/BABA">BABA</a>, <a href="next.html">next</a>,
<a href="//cdn.example.net/x">cdn</a>, <img src="../charts/q3.png" alt="Q3 chart"></p>`)
	for _, want := range []string{
		"[BABA](https://news.example.com/quote/BABA)",
		"[next](https://news.example.com/markets/2024/next.html)",
		"[cdn](https://cdn.example.net/x)",
		"![Q3 chart](https://news.example.com/markets/charts/q3.png)",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
}

func TestMarkdownDropsNoise(t *testing.T) {
	md := mustMarkdown(t, `<p>Before.</p>
<script>var tracker = "SCRIPT";</script>
<style>.x { color: red } /* STYLE */</style>
<iframe src="https://ads.example.com/">IFRAME</iframe>
<form action="/subscribe"><label>FORM email</label><input name="e"><button>Subscribe</button></form>
<img src="https://pixel.example.com/t.gif" width="1" height="1" alt="PIXEL">
<img src="https://pixel.example.com/u.gif" style="x" height="1px" alt="PIXEL">
<img src="data:image/png;base64,iVBORw0KGgo=" alt="DATAIMG">
<p><a href="javascript:alert(1)">js text</a> and <a name="anchor">anchor text</a> and <a href="#fn1">note</a>.</p>
<p>After.</p>`)
	for _, bad := range []string{"SCRIPT", "STYLE", "IFRAME", "FORM", "Subscribe", "PIXEL", "DATAIMG", "javascript", "](" + testBase} {
		if strings.Contains(md, bad) {
			t.Errorf("markdown keeps %q:\n%s", bad, md)
		}
	}
	for _, want := range []string{"Before.", "After.", "js text and anchor text and note."} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
}

var hostileHTML = []string{
	`<p>clear &amp;#27;[2J screen</p>`,
	`<p>clear &#27;[2J and &#x1b;[2J and &#033;[2J screen</p>`,
	"<p>osc52 \x1b]52;c;ZXZpbA==\x07 copy</p>",
	`<p>osc52 &#x1b;]52;c;ZXZpbA==&#x07; copy</p>`,
	"<p>c1 \u009b31m csi and &#x9b;31m and &#155;</p>",
	"<p>bidi \u202eevil\u202c and \u2066iso\u2069 and &#x202E;rlo&#8238;</p>",
	"<p>bel\x07 bs\x08 del\x7f nul\x00 cr\r</p>",
	`<p><a href="https://x.example/&#27;[2J">link</a> <img src="/a&#x1b;b.png" alt="&#27;[2J"></p>`,
	"<p title=\"\x1b[31m\">title</p><pre><code>code \x1b[2J &amp;#27;</code></pre>",
	"&amp;#27;[2J plain text \x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\ \u009b",
}

func TestMarkdownNeverEmitsControls(t *testing.T) {
	r := render.NewRenderer()
	for _, in := range hostileHTML {
		md := mustMarkdown(t, in)
		if c, bad := testtext.FirstForbidden(md); bad {
			t.Errorf("Markdown(%q) contains %U:\n%q", in, c, md)
		}
		// The markdown must stay safe for any markdown renderer, which
		// decodes character references: none may decode to a control.
		if sanitize.EscapeControlRefs(md) != md {
			t.Errorf("Markdown(%q) keeps a live character reference: %q", in, md)
		}
		out, err := r.Render(md, 80, render.StyleASCII)
		if err != nil {
			t.Fatal(err)
		}
		if strings.ContainsRune(out, 0x1b) {
			t.Errorf("rendering Markdown(%q) gives an ESC: %q", in, out)
		}
	}
}

func TestMarkdownKeepsTextAroundHostileBytes(t *testing.T) {
	md := mustMarkdown(t, "<p>clear &amp;#27;[2J screen \x1b]52;c;ZXZpbA==\x07 copy</p>")
	// The escaped reference renders as the text the HTML showed.
	if !strings.Contains(md, "clear &amp;#27;") || !strings.Contains(md, "screen ]52;c;ZXZpbA== copy") {
		t.Errorf("text around hostile bytes lost: %q", md)
	}
}

func TestPlainTextKeepsParagraphs(t *testing.T) {
	in := "First paragraph, line one\r\nline two of AT&amp;T.\r\n\r\n\r\n\n  \nSecond paragraph &#27;[2J.\n\nThird.\n"
	md := mustMarkdown(t, in)
	// Entities are decoded as in HTML, so &#27; is an ESC, and dropped.
	want := "First paragraph, line one\nline two of AT&T.\n\nSecond paragraph \\[2J.\n\nThird."
	if md != want {
		t.Fatalf("plain text:\n got %q\nwant %q", md, want)
	}
	out, err := render.NewRenderer().Render(md, 80, render.StyleASCII)
	if err != nil {
		t.Fatal(err)
	}
	if n := paragraphs(out); n != 3 {
		t.Errorf("want three rendered paragraphs, got %d:\n%s", n, out)
	}
}

// paragraphs counts runs of non-blank lines; glamour pads blank lines with
// spaces.
func paragraphs(out string) int {
	n, in := 0, false
	for _, line := range strings.Split(out, "\n") {
		blank := strings.TrimSpace(line) == ""
		if !blank && !in {
			n++
		}
		in = !blank
	}
	return n
}

func TestMarkdownConcurrent(t *testing.T) {
	html := htmlArticle(4 << 10)
	want := mustMarkdown(t, html)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 10 {
				got, err := Markdown(html, testBase)
				if err != nil {
					t.Error(err)
					return
				}
				if got != want {
					t.Errorf("goroutine %d run %d: output differs", g, i)
					return
				}
			}
		})
	}
	wg.Wait()
}

func FuzzMarkdown(f *testing.F) {
	for _, s := range hostileHTML {
		f.Add(s, testBase)
	}
	f.Add(htmlArticle(2<<10), testBase)
	f.Add("<table><tr><td>a<td>b</table><ul><li><ol><li>x", "")
	f.Add("<a href='%zz'>bad</a><img src=' ' width=0>", "::not a url")
	f.Add("plain\r\ntext &#x1b; \u202e", "")
	f.Add(strings.Repeat("<ul><li><blockquote>", 40)+"<pre>a\n`b`</pre>x<br><br><br>"+strings.Repeat("</blockquote></li></ul>", 3), testBase)
	f.Add(`<table><tr><th rowspan="3" colspan="2">a</th><td colspan="0">b</td></tr><tr><td rowspan="9">c|d</td></tr><caption> cap </caption></table><ol start="-3"><li><li>x</ol><ol><li>y`, "//host")
	f.Add(`<b><a href="/x"><h2>h</h2></a></b><code><pre>p</pre></code><code>a</code><kbd>b</kbd><em>c</em><i>d</i>`, testBase)
	f.Fuzz(func(t *testing.T, html, baseURL string) {
		md, err := Markdown(html, baseURL)
		if err != nil {
			return
		}
		if c, bad := testtext.FirstForbidden(md); bad {
			t.Fatalf("forbidden rune %U in %q", c, md)
		}
		if sanitize.EscapeControlRefs(md) != md {
			t.Fatalf("live control reference in %q", md)
		}
	})
}

// Benchmarks.

func BenchmarkMarkdown(b *testing.B) {
	html := htmlArticle(20 << 10)
	b.SetBytes(int64(len(html)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Markdown(html, testBase); err != nil {
			b.Fatal(err)
		}
	}
}

// Fixtures: a finance article of the requested size, built from a fixed
// text so runs compare.

// htmlArticle returns an HTML article body of at least size bytes, with the
// noise real feeds carry.
func htmlArticle(size int) string {
	var b strings.Builder
	b.WriteString(`<article><h1>Alibaba beats estimates</h1><script>window.ads=[1,2,3]</script><style>p{margin:0}</style>`)
	for i := 0; b.Len() < size; i++ {
		if i%6 == 0 {
			fmt.Fprintf(&b, "<h2>Section %d</h2>", i/6+1)
		}
		b.WriteString("<p>")
		for k := range 3 {
			s := testtext.Sentences[(i+k)%len(testtext.Sentences)]
			if k == 0 {
				s = strings.Replace(s, "Alibaba", `<a href="/quote/BABA?src=rss&amp;utm_source=feed">Alibaba</a>`, 1)
			}
			if k == 1 {
				s = strings.Replace(s, "rate", "<strong>rate</strong>", 1)
			}
			b.WriteString(s)
			b.WriteByte(' ')
		}
		b.WriteString("</p>\n")
		if i%6 == 3 {
			b.WriteString(`<ul><li>Revenue: <b>$30.7 billion</b></li><li>Net income: <em>$3.3 billion</em></li></ul>`)
			b.WriteString(`<table><thead><tr><th>Quarter</th><th>Revenue</th></tr></thead><tbody><tr><td>Q1</td><td>$30.7B</td></tr></tbody></table>`)
			b.WriteString(`<figure><img src="/img/chart.png" alt="Revenue chart"><figcaption>Revenue by quarter</figcaption></figure>`)
			b.WriteString(`<img src="https://pixel.example.com/t.gif" width="1" height="1">`)
		}
	}
	b.WriteString("</article>")
	return b.String()
}

// BenchmarkMarkdownTypical converts a body of the size most feed articles
// have (about 2 KB): paragraphs, links, emphasis, a short list, an image
// and the usual tracking noise.
func BenchmarkMarkdownTypical(b *testing.B) {
	b.SetBytes(int64(len(typicalArticle)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Markdown(typicalArticle, testBase); err != nil {
			b.Fatal(err)
		}
	}
}

const typicalArticle = `<div class="story">
<p><strong>Tokyo</strong> &mdash; Shares of <a href="/quote/7203.T?src=feed&amp;utm_medium=rss">Toyota Motor</a> climbed 3.4% on Thursday
after the carmaker lifted its full-year operating profit forecast to &yen;4.9 trillion, citing a weaker yen and
firm demand for hybrids in North America.</p>
<p>The revision, the second this fiscal year, came as analysts had expected a cut on tariff costs. &ldquo;The
currency tailwind is doing most of the work,&rdquo; said one strategist at a Tokyo brokerage, who added that
margins in Europe remained <em>under pressure</em>.</p>
<img src="https://cdn.example.com/photos/plant.jpg" alt="Assembly line at a plant in Aichi" width="640" height="360">
<p>Highlights from the quarter:</p>
<ul>
  <li>Revenue rose 7% to &yen;12.2 trillion</li>
  <li>Operating margin of 10.3%, up from 9.8%</li>
  <li>Hybrid sales up <b>18%</b> year on year</li>
</ul>
<p>The Nikkei 225 gained 0.8% while the broader Topix added 0.6%. Exporters led the advance, with
<a href="https://example.com/markets/asia">Asian markets</a> mostly higher after a calm session on Wall Street.
Bond yields were little changed at 1.05% for the 10-year JGB.</p>
<p>Investors will look to next week&#39;s central bank meeting for signs on the pace of rate increases; futures
price a 40% chance of a move before March. A P/E &lt; 12x still looks cheap to some value funds.</p>
<script>window.dataLayer=window.dataLayer||[];dataLayer.push({event:"article_view"});</script>
<img src="https://pixel.example.com/collect?id=123" width="1" height="1">
<p><i>Reporting by the markets desk; editing by the Asia team.</i></p>
</div>`
