package wrap

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/clipperhouse/uax29/v2/graphemes"

	"brief/internal/sanitize"
)

const cjkNumbers = "阿里巴巴集团公布第三季度业绩，销售额达到1,879亿元，同比增长12.5%，净利润为356.8亿元人民币，高于市场预期的320亿元。"

func TestLines(t *testing.T) {
	cases := []struct {
		name  string
		text  string
		width int
		want  []string
	}{
		{"latin", "The Federal Reserve left rates unchanged on Wednesday.", 20,
			[]string{"The Federal Reserve", "left rates unchanged", "on Wednesday."}},
		{"latin exact fit", "aaaa bbbb", 9, []string{"aaaa bbbb"}},
		{"hyphen inside a word", "a well-known analyst", 9, []string{"a well-", "known", "analyst"}},
		{"no break after a hyphen before digits", "xx COVID-19 cases", 9, []string{"xx", "COVID-19", "cases"}},
		{"no break after a minus sign", "fell by -5.2% today", 9, []string{"fell by", "-5.2%", "today"}},
		{"cjk numbers stay whole", cjkNumbers, 20, []string{
			"阿里巴巴集团公布第三",
			"季度业绩，销售额达到",
			"1,879亿元，同比增长",
			"12.5%，净利润为356.8",
			"亿元人民币，高于市场",
			"预期的320亿元。",
		}},
		{"cjk closing marks stay on the line", "销售额达到，同比增长。", 10, []string{"销售额达", "到，同比增", "长。"}},
		{"cjk opening marks stay with what follows", "公司表示「收入增长」", 10, []string{"公司表示", "「收入增", "长」"}},
		{"mixed latin and cjk", "苹果公司Apple Inc.发布了iPhone 16", 12, []string{"苹果公司", "Apple Inc.发", "布了iPhone", "16"}},
		{"cjk punctuation before latin", "收入增长，Apple下跌", 10, []string{"收入增长，", "Apple下跌"}},
		{"kana", "カタカナーです。ありがとう", 7, []string{"カタカ", "ナーで", "す。あ", "りがと", "う"}},
		{"arabic", "أعلن البنك المركزي عن رفع أسعار الفائدة", 15,
			[]string{"أعلن البنك", "المركزي عن رفع", "أسعار الفائدة"}},
		{"korean breaks at spaces", "한국은행이 기준금리를 동결했다", 12, []string{"한국은행이", "기준금리를", "동결했다"}},
		{"emoji are units", "📈👨‍👩‍👧🇺🇸📉", 4, []string{"📈👨‍👩‍👧", "🇺🇸📉"}},
		{"combining marks stay", "cafe\u0301 cafe\u0301", 4, []string{"cafe\u0301", "cafe\u0301"}},
		{"no-break space glues", "亿元\u00a0[1] x", 6, []string{"亿", "元\u00a0[1]", "x"}},
		{"no break before closing punctuation after a space", "Ah oui ! Non", 6, []string{"Ah", "oui !", "Non"}},
		{"hard break as a last resort", "supercalifragilistic word", 8, []string{"supercal", "ifragili", "stic", "word"}},
		{"newlines are hard breaks", "a\n\nb c", 10, []string{"a", "", "b c"}},
		{"trailing spaces go", "a   \nb ", 10, []string{"a", "b"}},
		{"indentation stays", "  indented text", 10, []string{"  indented", "text"}},
		{"spaces at a break go", "aaaa    bbbb", 6, []string{"aaaa", "bbbb"}},
		{"tab shows as a space", "a\tb", 5, []string{"a b"}},
		{"empty", "", 5, []string{""}},
		{"width 1 cjk", "销售", 1, []string{"销", "售"}},
		{"width 1 latin", "ab c", 1, []string{"a", "b", "c"}},
		{"width 2 number", "12.5", 2, []string{"12", ".5"}},
		{"width 3 number", "1,879亿", 3, []string{"1,8", "79", "亿"}},
		{"width 0 does not wrap", "a b c  ", 0, []string{"a b c"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Lines(c.text, c.width)
			if !slices.Equal(got, c.want) {
				t.Errorf("Lines(%q, %d) =\n%s\nwant\n%s", c.text, c.width, show(got), show(c.want))
			}
			checkLines(t, c.text, c.width, got)
		})
	}
}

func show(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString("  |" + l + "|\n")
	}
	return b.String()
}

// TestNumbersNeverSplit wraps a CJK paragraph full of figures at every
// width from 7, the widest piece that may not break ("12.5%，"), to 80: no
// figure may end up on two lines, no line start with a closing mark.
func TestNumbersNeverSplit(t *testing.T) {
	figures := []string{"1,879", "12.5%", "356.8", "320", "7%", "296", "29%"}
	text := cjkNumbers + "公司表示，云计算业务收入增长了7%，达到296亿元，国际商业零售收入增长29%。"
	for w := 7; w <= 80; w++ {
		lines := Lines(text, w)
		checkLines(t, text, w, lines)
		joined := strings.Join(lines, "\n")
		for _, f := range figures {
			if !strings.Contains(joined, f) {
				t.Errorf("width %d splits %q:\n%s", w, f, show(lines))
			}
		}
		for i, l := range lines {
			if r, _ := utf8.DecodeRuneInString(l); i > 0 && strings.ContainsRune("，。、）」％%", r) {
				t.Errorf("width %d: line %d starts with %q:\n%s", w, i, r, show(lines))
			}
		}
	}
}

func TestHanging(t *testing.T) {
	got := Hanging("净利润为356.8亿元人民币，高于市场预期", "• ", 16)
	want := []string{"• 净利润为356.8", "  亿元人民币，高", "  于市场预期"}
	if !slices.Equal(got, want) {
		t.Errorf("Hanging =\n%s\nwant\n%s", show(got), show(want))
	}
	got = Hanging("one two three", "1. ", 10)
	want = []string{"one two", "three"}
	if !slices.Equal(got, want) {
		t.Errorf("Hanging with under 8 cells left =\n%s\nwant\n%s", show(got), show(want))
	}
	if got := Hanging("", "> ", 20); !slices.Equal(got, []string{"> "}) {
		t.Errorf("Hanging of empty text = %q", got)
	}
}

func TestSpans(t *testing.T) {
	text := "ab cd\nef"
	got := Spans(text, 2)
	want := []Span{{0, 2}, {3, 5}, {6, 8}}
	if !slices.Equal(got, want) {
		t.Errorf("Spans(%q, 2) = %v, want %v", text, got, want)
	}
}

func TestBreaks(t *testing.T) {
	cases := []struct {
		text string
		want []int
	}{
		// Between ideographs, after "，", never inside "1,879" nor
		// before "，" or "%".
		{"达到1,879亿元，同比12%", []int{3, 6, 11, 14, 20, 23, 26}},
		{"well-known", []int{5}},
		{"COVID-19 a b", nil},
		{"「引用」文字", []int{6, 12, 15}},
	}
	for _, c := range cases {
		got := slices.Collect(Breaks(c.text))
		if !slices.Equal(got, c.want) {
			t.Errorf("Breaks(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// checkLines asserts what holds for every wrap: no line is wider than
// width unless it is one grapheme cluster, no line ends with a space, and
// the lines hold the text's non-space characters in order.
func checkLines(t *testing.T, text string, width int, lines []string) {
	t.Helper()
	for i, l := range lines {
		if width > 0 && ansi.StringWidth(l) > width && graphemeCount(l) > 1 {
			t.Errorf("line %d %q is %d cells wide, more than %d", i, l, ansi.StringWidth(l), width)
		}
		if strings.TrimRightFunc(l, unicode.IsSpace) != l && strings.TrimSpace(l) != "" {
			t.Errorf("line %d %q ends with a space", i, l)
		}
	}
	if got, want := nonSpace(strings.Join(lines, "")), nonSpace(text); got != want {
		t.Errorf("lines hold %q, text has %q", got, want)
	}
}

func graphemeCount(s string) int {
	n := 0
	for g := graphemes.FromString(s); g.Next(); {
		n++
	}
	return n
}

func nonSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		return r
	}, s)
}

func FuzzLines(f *testing.F) {
	for _, s := range []string{
		cjkNumbers, "The well-known COVID-19 rate fell -5.2%.", "a\n\nb\t c  ",
		"📈👨‍👩‍👧🇺🇸 cafe\u0301", "أعلن البنك المركزي", "「引用」（注）", "\u00a0\u3000x\u200by",
		"supercalifragilisticexpialidocious", "\xff\xfe bad utf8",
		"📍👺🇸 \u0301", // a combining mark on a space is text, not a space
	} {
		f.Add(s, 12)
	}
	f.Fuzz(func(t *testing.T, text string, width int) {
		if !utf8.ValidString(text) || !sanitize.Clean(text) {
			return // plain text is sanitised text
		}
		width = width%100 + 1
		if width < 1 {
			width = -width + 1
		}
		lines := Lines(text, width)
		if want := strings.Count(text, "\n") + 1; len(lines) < want {
			t.Fatalf("%d lines for %d paragraphs", len(lines), want)
		}
		checkLines(t, text, width, lines)
	})
}

// BenchmarkLines wraps a 10,000-word article, Latin with a CJK paragraph
// in every ten, at 80 cells.
func BenchmarkLines(b *testing.B) {
	text := benchArticle(10000)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Lines(text, 80)
	}
}

func benchArticle(words int) string {
	sentences := []string{
		"The Federal Reserve held its benchmark rate steady at 5.25% on Wednesday, as expected.",
		"Alibaba's revenue rose 7% to $30.7 billion in the September quarter, beating estimates.",
		"Treasury yields fell across the curve while the dollar weakened against the yen.",
		"Analysts at well-known brokerages said the outlook for 2025 remained uncertain.",
	}
	var b strings.Builder
	for n, i := 0, 0; n < words; i++ {
		if i%10 == 9 {
			b.WriteString(cjkNumbers)
			n += 40
		} else {
			for k := range 4 {
				s := sentences[(i+k)%len(sentences)]
				b.WriteString(s)
				b.WriteByte(' ')
				n += len(strings.Fields(s))
			}
		}
		b.WriteString("\n\n")
	}
	return b.String()
}
