package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestFiguresWithContext(t *testing.T) {
	cases := []struct {
		sentence            string
		text, kind, context string
	}{
		{"Supply commitments rose to $53B at the end of the quarter.", "$53B", kindMoney, "Supply commitments rose to $53B"},
		{"Days after Strategy disclosed a $4.67 billion bitcoin purchase, shares fell.", "$4.67 billion", kindMoney, "$4.67 billion bitcoin purchase"},
		{"The shares value the company at HK$1.2 trillion.", "HK$1.2 trillion", kindMoney, "company at HK$1.2 trillion"},
		{"Management raised its infrastructure budget to ¥480 billion.", "¥480 billion", kindMoney, "infrastructure budget to ¥480 billion"},
		{"Shell agreed to sell the stake for €2.1 billion.", "€2.1 billion", kindMoney, "stake for €2.1 billion"},
		{"The bank set aside £300 million for claims.", "£300 million", kindMoney, "bank set aside £300 million"},
		{"It raised US$2 billion of bonds.", "US$2 billion", kindMoney, "US$2 billion of bonds"},
		{"The fund holds RMB 5 billion of notes.", "RMB 5 billion", kindMoney, "RMB 5 billion of notes"},
		{"Subsidies cost 5 billion yuan in the quarter.", "5 billion yuan", kindMoney, "Subsidies cost 5 billion yuan"},
		{"Bitcoin slid below $88,000 overnight.", "$88,000", kindMoney, "Bitcoin slid below $88,000"},
		{"Officials backed the 25 bps rate cut in October.", "25 bps", kindBps, "25 bps rate cut"},
		{"The yield rose 25 basis points to a peak.", "25 basis points", kindBps, "yield rose 25 basis points"},
		{"The stock trades at about 18x forward earnings.", "18x", kindMultiple, "18x forward earnings"},
		{"Peers trade at 3.5 times sales.", "3.5 times", kindMultiple, "3.5 times sales"},
		{"Tencent posted a 19% stock surge after results.", "19%", kindPercent, "19% stock surge"},
		{"Margins fell -2.3% in the quarter.", "-2.3%", kindPercent, "Margins fell -2.3%"},
		{"Revenue grew 19 percent last year.", "19 percent", kindPercent, "Revenue grew 19 percent"},
		{"Alibaba Cloud revenue rose 34% year over year.", "34%", kindPercent, "Cloud revenue rose 34%"},
		{"The target range is now 3.50%–3.75%, officials said.", "3.50%–3.75%", kindPercent, "target range is 3.50%–3.75%"},
		{"Bitcoin (BTC) fell 6.4% in 24 hours.", "6.4%", kindPercent, "Bitcoin fell 6.4%"},

		// A second figure of the same subject.
		{"PDD Holdings reported third-quarter revenue of ¥118.6 billion, up 9%, while operating profit fell 8% to ¥27.2 billion.",
			"¥27.2 billion", kindMoney, "operating profit fell to ¥27.2 billion"},
		{"Game & Network Services revenue rose 12% to ¥1.18 trillion in the September quarter.",
			"¥1.18 trillion", kindMoney, "Services revenue rose to ¥1.18 trillion"},
		{"Taiwan Semiconductor said October revenue rose 30% year over year to NT$476.3 billion.",
			"NT$476.3 billion", kindMoney, "October revenue rose to NT$476.3 billion"},
		{"Bitcoin (BTC) fell 6.4% in 24 hours to about $87,650.", "$87,650", kindMoney, "Bitcoin fell to $87,650"},
		{"Sony raised its operating profit forecast to ¥1.43 trillion from ¥1.34 trillion.",
			"¥1.34 trillion", kindMoney, "profit forecast from ¥1.34 trillion"},
		{"Vehicle gross margin improved to 14.8% from 13.1% a year earlier.", "13.1%", kindPercent, "gross margin improved from 13.1%"},
		{"Operating income in the segment jumped 41% to ¥162.5 billion.", "¥162.5 billion", kindMoney, "Operating income jumped to ¥162.5 billion"},
		{"Operating income in the segment jumped 41% to ¥162.5 billion.", "41%", kindPercent, "Operating income jumped 41%"},
		{"Officials backed a 25 bps cut to 3.50% in October.", "3.50%", kindPercent, "cut to 3.50%"},
		{"Nintendo fell 1.4% in Tokyo to ¥9,120.", "¥9,120", kindMoney, "Nintendo fell to ¥9,120"},

		// An appositive after a comma.
		{"PDD Holdings reported third-quarter revenue of ¥118.6 billion, up 9%, while operating profit fell 8% to ¥27.2 billion.",
			"9%", kindPercent, "third-quarter revenue up 9%"},
		{"Berkshire's cash rose to $402.6 billion at the end of September, up from $388.4 billion three months earlier.",
			"$388.4 billion", kindMoney, "Berkshire's cash up from $388.4 billion"},
		{"XPeng delivered 158,300 vehicles in the third quarter, up 36% year over year.", "36%", kindPercent, "vehicles up 36%"},
		{"The company plans to raise capital spending to between $58 billion and $62 billion in 2027, from about $50 billion this year.",
			"$58 billion and $62 billion", kindMoney, "capital spending to between $58 billion and $62 billion"},
		{"The company plans to raise capital spending to between $58 billion and $62 billion in 2027, from about $50 billion this year.",
			"$50 billion", kindMoney, "capital spending from $50 billion"},
		{"PDD: ¥27.2 billion operating profit, down 8%", "8%", kindPercent, "operating profit down 8%"},

		// A subject parted from its verb by an aside.
		{"Card data show U.S. retail sales, excluding autos and gasoline, up 3.8% year over year.", "3.8%", kindPercent, "retail sales up 3.8%"},
		{"The film unit, which released fewer theatrical titles than a year ago, lost ¥8.1 billion.", "¥8.1 billion", kindMoney, "film unit lost ¥8.1 billion"},
		{"Remaining performance obligations, which stood at $512 billion at the end of August, rose.", "$512 billion", kindMoney, "performance obligations stood at $512 billion"},
		{"Nintendo (7974.T), which reports next week, fell 1.4% in Tokyo.", "1.4%", kindPercent, "Nintendo fell 1.4%"},
		{"Its new businesses, led by food delivery, lost ¥13.6 billion in the quarter.", "¥13.6 billion", kindMoney, "new businesses lost ¥13.6 billion"},

		// Labels in list items and headline-like fragments.
		{"Revenue: $88.6 billion, up 55% year over year", "$88.6 billion", kindMoney, "Revenue: $88.6 billion"},
		{"Revenue: $88.6 billion, up 55% year over year", "55%", kindPercent, "Revenue up 55%"},
		{"GAAP gross margin: 74.8%", "74.8%", kindPercent, "GAAP gross margin: 74.8%"},
		{"Retail sales +3.8% as shoppers trade down", "+3.8%", kindPercent, "Retail sales +3.8%"},
		{"Tencent Q3: revenue ¥205.8 billion, games +19%", "¥205.8 billion", kindMoney, "revenue ¥205.8 billion"},
		{"Tencent Q3: revenue ¥205.8 billion, games +19%", "+19%", kindPercent, "games +19%"},

		// Figures at a sentence start.
		{"9% of shoppers said they would spend more this year.", "9%", kindPercent, "9% of shoppers"},
		{"¥13.6 billion in operating losses came from the new businesses.", "¥13.6 billion", kindMoney, "¥13.6 billion in operating losses"},

		// More ways to name a subject.
		{"Spot bitcoin funds lost a net $1.9 billion over the four sessions.", "$1.9 billion", kindMoney, "bitcoin funds lost $1.9 billion"},
		{"Data-center revenue reached $79.4 billion, with networking sales of $13.1 billion growing faster than compute.",
			"$13.1 billion", kindMoney, "networking sales of $13.1 billion"},
		{"It expects to raise prices on its newest wafers by 3% to 5% in 2027.", "3% to 5%", kindPercent, "raise prices by 3% to 5%"},
		{"Buybacks of up to ¥250 billion remain in place.", "¥250 billion", kindMoney, "Buybacks of ¥250 billion"},
		{"SONY rose 5.7% after 6758.T closed 3.2% higher in Tokyo.", "3.2%", kindPercent, "6758.T closed 3.2%"},
		{"Bitcoin funds drew $1.9 billion in net redemptions, and Nintendo fell 1.4% in Tokyo.", "1.4%", kindPercent, "Nintendo fell 1.4%"},
	}
	for _, c := range cases {
		figs := findFigures(c.sentence)
		k := slices.IndexFunc(figs, func(f figure) bool { return c.sentence[f.start:f.end] == c.text })
		if k < 0 {
			var got []string
			for _, f := range figs {
				got = append(got, c.sentence[f.start:f.end])
			}
			t.Errorf("%q: no figure %q among %q", c.sentence, c.text, got)
			continue
		}
		f := figs[k]
		if ctx := figureContext(c.sentence, figs, k); f.kind != c.kind || ctx != c.context {
			t.Errorf("%q:\n got %q %s %q\nwant %q %s %q", c.sentence, c.text, f.kind, ctx, c.text, c.kind, c.context)
		}
	}
}

// TestFiguresWithoutPhrase lists figures that no phrase explains: they
// get no context, and the briefing leaves them out.
func TestFiguresWithoutPhrase(t *testing.T) {
	for _, c := range []struct{ sentence, text string }{
		{"The company guided revenue to $97.0 billion, plus or minus 2%.", "2%"},
		{"Up 9%.", "9%"},
		{"9%", "9%"},
	} {
		figs := findFigures(c.sentence)
		k := slices.IndexFunc(figs, func(f figure) bool { return c.sentence[f.start:f.end] == c.text })
		if k < 0 {
			t.Errorf("%q: no figure %q", c.sentence, c.text)
			continue
		}
		if ctx := figureContext(c.sentence, figs, k); ctx != "" {
			t.Errorf("%q: %s has context %q, want none", c.sentence, c.text, ctx)
		}
	}
}

func TestNotFigures(t *testing.T) {
	for _, s := range []string{
		"In 2026 the company moved its headquarters.",
		"Item 2.02: Results of Operations and Financial Condition",
		"AccNo: 0001234567-26-000131 Size: 38 KB",
		"Filed: 2026-11-23",
		"Shares of 9988.HK and 0700.HK rose.",
		"Results are due on Nov. 25 at 9:20 am ET.",
		"Q4 results beat; $AAPL and $BRK.B rallied.",
		"The board meets 3 times a year.",
		"XPeng delivered 158,300 vehicles in the third quarter.",
		"The A320 and the 737 MAX compete; 5G rollouts continue; 24x7 support.",
		"HKEX:9988 closed higher.",
	} {
		if figs := findFigures(s); len(figs) != 0 {
			var got []string
			for _, f := range figs {
				got = append(got, s[f.start:f.end])
			}
			t.Errorf("%q: found figures %q, want none", s, got)
		}
	}
}

func TestKeyFiguresOrderDedupAndCap(t *testing.T) {
	md := "## Summary\n\n- Revenue rose 34% to $5 billion.\n\n" +
		"## Key takeaways\n\n- Watch the 25 bps cut and 34% growth.\n\n"
	for i := 1; i <= 12; i++ {
		md += fmt.Sprintf("Segment %d revenue rose %d%% in the quarter, the company said on Tuesday.\n\n", i, i)
	}
	b := New(nil).Brief(Input{Markdown: md})
	if len(b.Figures) != maxFigures {
		t.Fatalf("got %d figures, want %d: %+v", len(b.Figures), maxFigures, b.Figures)
	}
	want := []string{"34%", "$5 billion", "25 bps", "1%", "2%", "3%", "4%", "5%"}
	for i, f := range b.Figures {
		if f.Text != want[i] {
			t.Errorf("figure %d = %q, want %q (summary and takeaways first, no repeats)", i, f.Text, want[i])
		}
	}
	if b.Figures[3].Context != "Segment 1 revenue rose 1%" && !strings.Contains(b.Figures[3].Context, "revenue rose 1%") {
		t.Errorf("context = %q", b.Figures[3].Context)
	}
}

func TestKeyFiguresExplainedOnce(t *testing.T) {
	md := "## Summary\n\n" +
		"- At ¥13.6 billion a quarter, the losses still absorb most of the profit.\n" +
		"- Cloud revenue rose 34% to ¥44.6 billion ($6.27 billion).\n" +
		"- The company guided revenue to $97.0 billion, plus or minus 2%.\n\n" +
		"Revenue at the new businesses grew 34 percent. The segment recorded an operating loss of ¥13.6 billion, " +
		"and capital spending will rise to between $58 billion and $62 billion.\n\n" +
		"- Capex: $58 billion to $62 billion\n\nA budget of up to $62 billion signals confidence in demand.\n"
	b := New(nil).Brief(Input{Markdown: md})
	want := []Figure{
		{Text: "¥13.6 billion", Kind: kindMoney, Context: "operating loss of ¥13.6 billion"},
		{Text: "34%", Kind: kindPercent, Context: "Cloud revenue rose 34%"},
		{Text: "¥44.6 billion", Kind: kindMoney, Context: "Cloud revenue rose to ¥44.6 billion"},
		{Text: "$97.0 billion", Kind: kindMoney, Context: "revenue to $97.0 billion"},
		{Text: "$58 billion and $62 billion", Kind: kindMoney, Context: "capital spending will rise to between $58 billion and $62 billion"},
	}
	if !slices.Equal(b.Figures, want) {
		t.Errorf("figures:\n got %+v\nwant %+v", b.Figures, want)
	}
	for _, f := range b.Figures {
		if f.Context == f.Text || !strings.Contains(f.Context, f.Text) {
			t.Errorf("figure %q has context %q", f.Text, f.Context)
		}
	}
}
