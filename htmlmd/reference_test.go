package htmlmd

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"
	"github.com/mmcdole/gofeed"
	xhtml "golang.org/x/net/html"

	"brief/internal/sanitize"
	"brief/sample"
)

// The converter in convert.go replaced html-to-markdown, whose output the
// store, the extractor and the golden files were built on. The reference
// below is that library set up as it was, so that the two can be compared
// on real bodies.

var referenceConverter = sync.OnceValue(func() *converter.Converter {
	conv := converter.NewConverter(
		converter.WithEscapeMode(converter.EscapeModeDisabled),
		converter.WithPlugins(
			base.NewBasePlugin(),
			commonmark.NewCommonmarkPlugin(
				commonmark.WithLinkEmptyHrefBehavior(commonmark.LinkBehaviorSkip),
				commonmark.WithLinkEmptyContentBehavior(commonmark.LinkBehaviorSkip),
			),
			table.NewTablePlugin(table.WithSkipEmptyRows(true)),
		))
	for _, tag := range []string{"form", "button", "select", "object", "embed", "svg", "canvas", "template", "frameset", "audio", "video"} {
		conv.Register.TagType(tag, converter.TagTypeRemove, converter.PriorityStandard)
	}
	conv.Register.PreRenderer(func(_ converter.Context, doc *xhtml.Node) { referenceDropNoise(doc) }, converter.PriorityEarly)
	return conv
})

// referenceMarkdown is Markdown as it was with html-to-markdown.
func referenceMarkdown(body, baseURL string) (string, error) {
	if !hasMarkup(body) {
		return plainText(body), nil
	}
	md, err := referenceConverter().ConvertString(body, converter.WithDomain(baseURL))
	if err != nil && strings.Contains(err.Error(), "open stack of elements exceeds") {
		return plainText(flatText(body)), nil
	}
	if err != nil {
		return "", err
	}
	return sanitize.Markdown(md), nil
}

func referenceDropNoise(doc *xhtml.Node) {
	var remove, unwrap []*xhtml.Node
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode {
			switch n.Data {
			case "img":
				if noiseImage(n) {
					remove = append(remove, n)
					return
				}
			case "a":
				if !webLink(attr(n, "href")) {
					unwrap = append(unwrap, n)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, n := range remove {
		n.Parent.RemoveChild(n)
	}
	for _, n := range unwrap {
		for c := n.FirstChild; c != nil; c = n.FirstChild {
			n.RemoveChild(c)
			n.Parent.InsertBefore(c, n)
		}
		n.Parent.RemoveChild(n)
	}
}

// A referenceBody is one article body and where it came from.
type referenceBody struct {
	from, body, base string
}

// feedBodies reads every item body (content and description) of a feed
// document.
func feedBodies(from string, doc []byte) []referenceBody {
	f, err := gofeed.NewParser().Parse(bytes.NewReader(doc))
	if err != nil {
		return nil
	}
	var out []referenceBody
	for i, it := range f.Items {
		for _, b := range []string{it.Content, it.Description} {
			if strings.TrimSpace(b) != "" {
				out = append(out, referenceBody{fmt.Sprintf("%s#%d", from, i), b, it.Link})
			}
		}
	}
	return out
}

// feedDirBodies reads the item bodies of every feed file under dir.
func feedDirBodies(dir string) []referenceBody {
	var out []referenceBody
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		doc, err := os.ReadFile(path)
		if err == nil {
			out = append(out, feedBodies(path, doc)...)
		}
		return nil
	})
	return out
}

func sampleBodies() []referenceBody {
	var out []referenceBody
	for _, d := range sample.Docs() {
		out = append(out, feedBodies("sample/"+d.Name, d.Body)...)
	}
	return out
}

func testBodies() []referenceBody {
	var out []referenceBody
	add := func(from string, bodies ...string) {
		for _, b := range bodies {
			out = append(out, referenceBody{from, b, testBase})
		}
	}
	add("hostileHTML", hostileHTML...)
	add("htmlArticle", htmlArticle(20<<10))
	add("unit", referenceCases...)
	add("seeds", fuzzSeeds()...)
	return out
}

// fuzzSeeds reads the HTML of the stored FuzzMarkdown inputs.
func fuzzSeeds() []string {
	files, _ := filepath.Glob(filepath.Join("testdata", "fuzz", "FuzzMarkdown", "*"))
	var out []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(data), "\n") {
			if arg, ok := strings.CutPrefix(line, "string("); ok {
				if s, err := strconv.Unquote(strings.TrimSuffix(arg, ")")); err == nil {
					out = append(out, s)
					break
				}
			}
		}
	}
	return out
}

// referenceCases are small bodies for the constructs the converter writes;
// the output must match the reference on each.
var referenceCases = []string{
	`<p>a<b> b </b>c</p><p><em>A</em><em>B</em> <em>C</em></p>`,
	`<ul><li>a<ul><li>b</li><li>c<ol><li>x</li></ol></li></ul></li><li>d</li></ul>`,
	`<ol start="9"><li>nine</li><li>ten</li><li>eleven</li></ol>`,
	`<ol start="x"><li>one</li></ol><ol><li>a</li><li></li><li>b</li></ol>`,
	`<ul><li><p>para one</p><p>para two</p></li></ul><ul><li>next list</li></ul>`,
	`<blockquote><p>quoted</p><p>again</p><ul><li>in list</li></ul></blockquote>`,
	`<pre><code class="language-go">func main() {
	fmt.Println("` + "```" + `")

}
</code></pre>`,
	`<p>inline <code>x  := 1</code> and <code>` + "`tick`" + `</code></p>`,
	`<p>line one<br>line two<br><br>para<br></p>`,
	`<p><a href="/rel">rel</a> <a href="">empty</a> <a href="#x">frag</a> <a href="javascript:x()">js</a> <a href="https://e.example/a b?q=1 2&amp;r=[x]" title="T">full</a></p>`,
	`<p><a href="https://e.example/"> spaced </a>x<a href="https://e.example/"><img src="https://pixel.example/p.gif" width="1"></a></p>`,
	`<p>AT&amp;T &lt;b&gt; &copy; &nbsp;x&#160;y</p>`,
	"<p>  lots\n\tof   white\r\nspace  </p>  <div> <span> a </span> <span> b </span> </div>",
	`<h1>Title #</h1><h2>Two<br>lines</h2><h3></h3><h4>  spaced   out  </h4>`,
	`<hr><p>after rule</p><hr>`,
	`<table><thead><tr><th>Q</th><th align="right">Rev</th></tr></thead><tbody><tr><td>Q1</td><td>$1</td></tr><tr><td></td><td></td></tr><tr><td>Q2 long</td><td>$22</td></tr></tbody></table>`,
	`<table><tr><td>a</td><td>b</td></tr><tr><td colspan="2">wide</td></tr></table>`,
	`<table><tr><td>a<br>b</td></tr></table><table><caption>Cap</caption><tr><th>h</th></tr><tr><td>v</td></tr></table>`,
	`<figure><img src="/i.png" alt="A [chart]" title="T"><figcaption>cap</figcaption></figure>`,
	`<p><strong>bold <em>both</em></strong> <i>it</i><b></b></p>`,
	`<div>text<p>para</p>tail</div>`,
	`<ul><li>one</li>stray<li>two</li></ul>`,
	`<p>x<img src="data:image/png;base64,AA">y<img src="/a.png">z</p>`,
	`<p><b><a href="/x">bold link</a></b></p>`,
	`<a href="/x"><h2>Linked heading</h2></a>`,
	`<p><span><div>block in span</div>tail</span>after</p>`,
	`<p><strong><h3>Heading in bold</h3></strong>after</p>`,
	`<p><a href="/x">link <blockquote>quote</blockquote></a></p>`,
	`<p>a <script>x</script> b</p>`,
	`<code><pre>swapped</pre></code>`,
	`<p><i>x</i> <code>a</code><code>b</code></p>`,
	`<ul><li>a</li></ul><p></p><ul><li>b</li></ul>`,
	`<ul><li>a</li></ul>text<ul><li>b</li></ul>`,
	`<p>a<br><br><br>b</p>`,
	`<li>orphan item</li><li>two</li>`,
	`<p>&nbsp;nbsp lead</p><ul><li>&nbsp;x&nbsp;</li></ul>`,
	`<p><b> </b>x<b>&nbsp;</b>y</p>`,
	`<table><tr><td><b>bold cell</b></td><td><a href="/c">link</a></td></tr></table>`,
	`<b><table><tr><td>x</td></tr></table></b>`,
	`<dl><dt>term</dt><dd>def</dd></dl>`,
	`<pre>line1<br>line2<div>line3</div></pre>`,
	`<ul><li><pre>code
two</pre></li></ul>`,
	`<blockquote><pre>code
two</pre></blockquote>`,
	`<p>a<a href="/x">
multi

line</a></p>`,
	`<ol start="-2"><li>a</li><li>b</li><li>c</li><li>d</li></ol>`,
	`<ol start="98"><li>a</li><li>b</li><li>c</li></ol>`,
	`<p><img src="/a.png" alt="a]b\[c"></p>`,
	`<p><a href="https://x.example/?q=a+b&amp;r=%zz">q</a></p>`,
	`<p><a href="/x" title='say "hi"'>t</a></p>`,
	`<svg><a href="/x">in svg</a></svg><math><mi>x</mi></math>after`,
	`<p>x</p><!-- comment --><p>y</p>`,
	`<table role="presentation"><tr><td>a</td><td>b</td></tr></table>`,
	`<table><tr><td rowspan="2">a</td><td>b</td></tr><tr><td>c</td></tr></table>`,
}

// TestReferenceDifferential compares the converter with the reference on
// the test bodies, the builtin sample, and, when they are there, the
// shared corpus of real feeds (BRIEF_CORPUS, default ../shared/corpus) and
// a directory of generated feeds (BRIEF_SYNTH_FEEDS). The sample, the test
// bodies and the generated feeds must match byte for byte; the real feeds
// are counted and their differences logged.
func TestReferenceDifferential(t *testing.T) {
	type set struct {
		name   string
		bodies []referenceBody
		exact  bool
	}
	sets := []set{{"tests", testBodies(), true}, {"sample", sampleBodies(), true}}
	if dir := os.Getenv("BRIEF_SYNTH_FEEDS"); dir != "" {
		sets = append(sets, set{"synthetic", feedDirBodies(dir), true})
	}
	corpus := os.Getenv("BRIEF_CORPUS")
	if corpus == "" {
		corpus = filepath.Join("..", "..", "shared", "corpus")
	}
	if _, err := os.Stat(corpus); err == nil {
		sets = append(sets, set{"corpus", feedDirBodies(corpus), false})
	}
	for _, s := range sets {
		same, diffs := 0, map[string]int{}
		for _, b := range s.bodies {
			want, werr := referenceMarkdown(b.body, b.base)
			got, gerr := Markdown(b.body, b.base)
			if got == want && (werr == nil) == (gerr == nil) {
				same++
				continue
			}
			diffs[b.from]++
			msg := fmt.Sprintf("%s: %s\nbody %q\n got %q\nwant %q", s.name, b.from, b.body, got, want)
			if s.exact {
				t.Error(msg)
			} else if testing.Verbose() {
				t.Log(msg)
			}
		}
		t.Logf("%s: %d bodies, %d identical, %d sources with differences", s.name, len(s.bodies), same, len(diffs))
	}
}

// BenchmarkMarkdownReference is BenchmarkMarkdown with the reference, to
// compare the two under the same load.
func BenchmarkMarkdownReference(b *testing.B) {
	html := htmlArticle(20 << 10)
	b.SetBytes(int64(len(html)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := referenceMarkdown(html, testBase); err != nil {
			b.Fatal(err)
		}
	}
}
