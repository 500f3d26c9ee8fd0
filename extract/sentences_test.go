package extract

import (
	"slices"
	"testing"
)

func TestSplitSentences(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"Microsoft Corp. (MSFT) and Oracle Corp. (ORCL) said on Friday they will extend the pact. Shares rose.",
			[]string{"Microsoft Corp. (MSFT) and Oracle Corp. (ORCL) said on Friday they will extend the pact.", "Shares rose."}},
		{"Apple Inc. said sales rose. The stock fell.",
			[]string{"Apple Inc. said sales rose.", "The stock fell."}},
		{"Shares of Apple Inc. The stock fell.",
			[]string{"Shares of Apple Inc.", "The stock fell."}},
		{"U.S. Treasury yields rose 4 bps to 3.41%. The dollar gained.",
			[]string{"U.S. Treasury yields rose 4 bps to 3.41%.", "The dollar gained."}},
		{"Warehouses in the U.S. and Europe cost more. Margins fell.",
			[]string{"Warehouses in the U.S. and Europe cost more.", "Margins fell."}},
		{"It is the No. 2 chipmaker vs. peers in Asia. It grew.",
			[]string{"It is the No. 2 chipmaker vs. peers in Asia.", "It grew."}},
		{"Results are due on Nov. 25 after the close. Watch margins.",
			[]string{"Results are due on Nov. 25 after the close.", "Watch margins."}},
		{"Revenue was $4.67 billion, or $1.2 per share. Guidance was 4.5% higher.",
			[]string{"Revenue was $4.67 billion, or $1.2 per share.", "Guidance was 4.5% higher."}},
		{"J. P. Morgan analyst Jane D. Smith cut her target. She cited costs.",
			[]string{"J. P. Morgan analyst Jane D. Smith cut her target.", "She cited costs."}},
		{"West Texas Intermediate lost 2.0% to $62.75. Exxon Mobil declined 1.1%.",
			[]string{"West Texas Intermediate lost 2.0% to $62.75.", "Exxon Mobil declined 1.1%."}},
		{`"We are sold out," the CEO said. "Demand is strong." Really? Yes!`,
			[]string{`"We are sold out," the CEO said.`, `"Demand is strong."`, "Really?", "Yes!"}},
		{"The market waited… Then it fell. e.g. this stays together.",
			[]string{"The market waited…", "Then it fell. e.g. this stays together."}},
		{"Filed: 2026-11-23\nItem 2.02: Results of Operations", []string{"Filed: 2026-11-23", "Item 2.02: Results of Operations"}},
		{"", nil},
		{"No terminator at all", []string{"No terminator at all"}},
	}
	for _, c := range cases {
		if got := splitSentences(c.in, nil); !slices.Equal(got, c.want) {
			t.Errorf("splitSentences(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}
