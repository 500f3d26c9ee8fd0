package extract

import "testing"

func TestParseBlocks(t *testing.T) {
	md := "# Title\n\nPara one\ncontinues  \nafter a break.\n\n- a\n- b\n  more b\n\n  - nested\n\n<!--THE END-->\n\n1. one\n2. two\n\nSetext\n---\n\n| a | b |\n|---|---|\n\n```\n# not a heading\n```\n\n> quoted text\n\n* * *\n\n1\\. not a list"
	want := []mdBlock{
		{kind: mdHeading, level: 1, text: "Title"},
		{kind: mdPara, text: "Para one continues\nafter a break."},
		{kind: mdItem, list: 1, text: "a"},
		{kind: mdItem, list: 1, text: "b more b"},
		{kind: mdItem, list: 1, text: "nested"},
		{kind: mdOther},
		{kind: mdItem, list: 2, text: "one"},
		{kind: mdItem, list: 2, text: "two"},
		{kind: mdHeading, level: 2, text: "Setext"},
		{kind: mdOther},
		{kind: mdOther},
		{kind: mdPara, text: "quoted text"},
		{kind: mdOther},
		{kind: mdPara, text: "1\\. not a list"},
	}
	got := parseBlocks(md)
	if len(got) != len(want) {
		t.Fatalf("got %d blocks, want %d:\n%+v", len(got), len(want), got)
	}
	for i := range want {
		g := got[i]
		g.from, g.to = 0, 0
		if g != want[i] {
			t.Errorf("block %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	// Each block knows the bytes it came from, so it can be cut out.
	spans := []string{
		"# Title", "Para one\ncontinues  \nafter a break.", "- a", "- b\n  more b", "  - nested",
		"<!--THE END-->", "1. one", "2. two", "Setext\n---", "| a | b |\n|---|---|",
		"```\n# not a heading\n```", "> quoted text", "* * *", "1\\. not a list",
	}
	for i, want := range spans {
		if got := md[got[i].from:got[i].to]; got != want {
			t.Errorf("block %d spans %q, want %q", i, got, want)
		}
	}
}

func TestPlainInline(t *testing.T) {
	cases := []struct{ in, want string }{
		{"**bold** and __strong__ and *em* and _em_", "bold and strong and em and em"},
		{"[link text](https://x.example/y) and ![Chart](https://x/y.png)", "link text and "},
		{"[**Alibaba**](https://x.example/(a)) rose", "Alibaba rose"},
		{"snake_case stays, S&amp;P 500, 3 &lt; 4", "snake_case stays, S&P 500, 3 < 4"},
		{"\\*not em\\* and \\[x] and 1\\. and `code_x`", "*not em* and [x] and 1. and code_x"},
		{"<https://x.example/a> and ~~gone~~", "https://x.example/a and gone"},
		{"![Aime Robot](https://briefs.example/aime.png)Aime Summary", "Aime Summary"},
		{"unclosed [bracket and ![img", "unclosed [bracket and ![img"},
	}
	for _, c := range cases {
		if got := plainInline(c.in); got != c.want {
			t.Errorf("plainInline(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
