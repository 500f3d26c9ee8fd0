package render

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark/ast"

	"brief/internal/sanitize"
)

// cjkArticle is a Chinese finance briefing with figures in every block
// glamour wraps differently: a heading, paragraphs, a list, a nested list,
// a quote, emphasis and a link.
const cjkArticle = `## 阿里巴巴第三季度业绩：销售额达到1,879亿元

阿里巴巴集团公布第三季度业绩，销售额达到1,879亿元，同比增长12.5%，净利润为356.8亿元人民币，高于市场预期的320亿元。公司表示，云计算业务收入增长了7%，达到296亿元，国际商业零售收入增长29%。

- 销售额达到1,879亿元，同比增长12.5%，净利润为356.8亿元人民币，高于市场预期。
- 淘宝和天猫集团客户管理收入为**1,234.5亿元**，同比下降-3.2%，详见[公告](https://example.com/ir)。
  - 嵌套列表：云计算业务收入增长了7%，达到296亿元，经调整EBITA为+45.6亿元。

> 引用：销售额达到1,879亿元，同比增长12.5%，净利润为356.8亿元人民币，高于市场预期的320亿元。

英文混排：Alibaba的营收为$30.7 billion，每股收益为2.15美元，COVID-19之后首次超过预期。
`

// figures are the numbers of cjkArticle, which must each stay on one line.
var figures = []string{"1,879", "12.5%", "356.8", "320", "7%", "296", "29%", "1,234.5", "-3.2%", "+45.6", "$30.7", "2.15", "COVID-19"}

// numberEnd and numberStart match the end and start of a figure.
var (
	numberEnd   = regexp.MustCompile(`[0-9][0-9.,]*$`)
	numberStart = regexp.MustCompile(`^[0-9.,%]`)
)

// gutter matches what glamour puts before a line's text: the margin, a
// quote bar, a bullet.
var gutter = regexp.MustCompile(`^[ │|•]*`)

// TestRenderKeepsNumbersWhole renders a CJK article at every width from 30
// to 100 in the dark, light and ascii styles: every line fits, and no
// figure is split over two lines (glamour alone cut "1,879" into "1,8" and
// "79亿元" when the width fell there).
func TestRenderKeepsNumbersWhole(t *testing.T) {
	r := NewRenderer()
	for _, style := range []Style{StyleDark, StyleLight, StyleASCII} {
		for width := 30; width <= 100; width++ {
			out, err := r.Render(cjkArticle, width, style)
			if err != nil {
				t.Fatal(err)
			}
			checkNumbersWhole(t, fmt.Sprintf("%s width %d", style, width), out, width, figures)
		}
	}
}

func checkNumbersWhole(t *testing.T, what, out string, width int, figures []string) {
	t.Helper()
	lines := strings.Split(ansi.Strip(out), "\n")
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > width {
			t.Errorf("%s: line %d is %d wide: %q", what, i, w, l)
		}
		if i == 0 {
			continue
		}
		prev := strings.TrimRight(lines[i-1], " ")
		next := strings.TrimPrefix(l, gutter.FindString(l))
		if numberEnd.MatchString(prev) && numberStart.MatchString(next) {
			t.Errorf("%s: a number runs over lines %d and %d:\n%s\n%s", what, i-1, i, prev, l)
		}
	}
	joined := strings.Join(lines, "\n")
	for _, f := range figures {
		if !strings.Contains(joined, f) {
			t.Errorf("%s: %q is split:\n%s", what, f, joined)
		}
	}
}

// TestRenderKeepsStylingWithBreaks checks that the break marks leave
// glamour's styling of headings, emphasis, lists and quotes as it was.
func TestRenderKeepsStylingWithBreaks(t *testing.T) {
	r := NewRenderer()
	out, err := r.Render(cjkArticle, 50, StyleASCII)
	if err != nil {
		t.Fatal(err)
	}
	plain := ansi.Strip(out)
	for _, want := range []string{"## 阿里巴巴", "• 销售额", "| 引用", "公告 https://example.com/ir"} {
		if !strings.Contains(plain, want) {
			t.Errorf("ascii output lacks %q:\n%s", want, plain)
		}
	}
	dark, err := r.Render("## 标题1,879亿元\n\n正文**加粗12.5%**结束。", 40, StyleDark)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(dark, "\x1b[") || !strings.Contains(ansi.Strip(dark), "加粗12.5%") {
		t.Errorf("dark output lost its styling or text: %q", dark)
	}
	// Nothing of the marks is left: no U+0085 (sanitised away with the
	// other controls) and no stand-in.
	if i := strings.IndexAny(dark+out, "\u0085\ufdd0\ufdd1\ufdd2\ufdd3\ufdd4"); i >= 0 {
		t.Errorf("a break mark or stand-in is left: %q", snippet(dark+out, i))
	}
}

// TestMarkBreaksLeavesCodeAndLinks checks that marks go into text only.
func TestMarkBreaksLeavesCodeAndLinks(t *testing.T) {
	md := "文字`代码1,879亿`文字 [链接](https://example.com/路径?a=1,2) <https://例子.com/a-1> &amp;文字\\*强调\n\n```\n代码块1,879亿\n```\n"
	got, stand := markBreaks(md)
	for _, keep := range []string{"`代码1,879亿`", "(https://example.com/路径?a=1,2)", "<https://例子.com/a-1>", "&amp;", "\\*", "代码块1,879亿"} {
		if !strings.Contains(got, keep) {
			t.Errorf("markBreaks changed %q:\n%q", keep, got)
		}
	}
	if !strings.Contains(got, "文"+breakMark+"字") || !strings.Contains(got, "链"+breakMark+"接") {
		t.Errorf("no break marks in the text: %q", got)
	}
	if stand {
		t.Errorf("stand-ins reported for text without a number: %q", got)
	}
	got, stand = markBreaks("收入1,879亿元，增长-3.2%")
	if !stand || strings.Contains(got, "1,879") || !strings.Contains(unprotect.Replace(got), "1,879") {
		t.Errorf("markBreaks(number) = %q, %v", got, stand)
	}
	if !utf8.ValidString(got) {
		t.Errorf("invalid UTF-8: %q", got)
	}
}

// TestRenderLatinListNumbers: glamour wraps list items at ",.;-+|" too, so
// "$30.7" could end a line after "30." in English text as well.
func TestRenderLatinListNumbers(t *testing.T) {
	md := "- Revenue: **$30.7 billion**, up 7.25%, net income $3.3 billion; EPS 2.15 versus 1.98 a year ago, guidance +4.5%.\n"
	r := NewRenderer()
	for width := 20; width <= 90; width++ {
		out, err := r.Render(md, width, StyleASCII)
		if err != nil {
			t.Fatal(err)
		}
		joined := ansi.Strip(out)
		for _, f := range []string{"$30.7", "7.25%", "$3.3", "2.15", "1.98", "+4.5%"} {
			if !strings.Contains(joined, f) {
				t.Errorf("width %d splits %q:\n%s", width, f, joined)
			}
		}
	}
}

func BenchmarkMarkBreaks(b *testing.B) {
	md := article(10000)
	b.SetBytes(int64(len(md)))
	b.ReportAllocs()
	for b.Loop() {
		markBreaks(md)
	}
}

// FuzzMarkBreaks checks that the marks change no markdown structure: the
// marked text parses into the same nodes as the original, and reads the
// same once the marks are gone.
func FuzzMarkBreaks(f *testing.F) {
	f.Add(cjkArticle)
	f.Add("文字`代码`*强调*文字_下划线_~~删除~~[链接](https://x)&amp;\\*1,879亿")
	f.Add("a**-5**b 为-5% C++ e.g. x.y 1,879亿元，*1,2*3")
	for _, s := range hostileMarkdown {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, md string) {
		md = sanitize.Markdown(md)
		marked, stand := markBreaks(md)
		back := strings.ReplaceAll(marked, breakMark, "")
		if stand {
			back = unprotect.Replace(back)
		}
		if back != md {
			t.Fatalf("marks do not come off:\n%q\n%q", md, back)
		}
		if a, b := nodeKinds(md), nodeKinds(marked); a != b {
			t.Fatalf("marks change the parse of %q:\n%s\n%s", md, a, b)
		}
	})
}

func nodeKinds(md string) string {
	var b strings.Builder
	_ = ast.Walk(parseMarkdown([]byte(md), nil), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind() != ast.KindText {
			b.WriteString(n.Kind().String())
			b.WriteByte(' ')
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// TestFitWidthKeepsNumbers: a styled line glamour left too wide is broken
// where a CJK line may break, not at the width, and keeps its styling on
// the next line.
func TestFitWidthKeepsNumbers(t *testing.T) {
	line := "\x1b[1m销售额达到1,879亿元\x1b[m，同比增长12.5%"
	got := fitWidth(line, 12)
	lines := strings.Split(got, "\n")
	plain := strings.Split(ansi.Strip(got), "\n")
	want := []string{"销售额达到", "1,879亿元，", "同比增长", "12.5%"}
	if strings.Join(plain, "|") != strings.Join(want, "|") {
		t.Fatalf("fitWidth = %q, want lines %q", plain, want)
	}
	if !strings.HasPrefix(lines[1], "\x1b[1m") {
		t.Errorf("bold is not carried over the break: %q", got)
	}
	if strings.Contains(lines[2], "\x1b[1m") {
		t.Errorf("bold runs on past its end: %q", got)
	}
}
