package extract

import (
	"fmt"
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
		{"Shell agreed to sell the stake for €2.1 billion.", "€2.1 billion", kindMoney, "€2.1 billion"},
		{"The bank set aside £300 million for claims.", "£300 million", kindMoney, "bank set aside £300 million"},
		{"It raised US$2 billion of bonds.", "US$2 billion", kindMoney, "US$2 billion of bonds"},
		{"The fund holds RMB 5 billion of notes.", "RMB 5 billion", kindMoney, "RMB 5 billion of notes"},
		{"Subsidies cost 5 billion yuan in the quarter.", "5 billion yuan", kindMoney, "Subsidies cost 5 billion yuan"},
		{"Bitcoin slid below $88,000 overnight.", "$88,000", kindMoney, "$88,000"},
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
	}
	for _, c := range cases {
		figs := findFigures(c.sentence)
		if len(figs) == 0 {
			t.Errorf("%q: no figure, want %q", c.sentence, c.text)
			continue
		}
		f := figs[0]
		text := c.sentence[f.start:f.end]
		ctx := figureContext(c.sentence, f)
		if text != c.text || f.kind != c.kind || ctx != c.context {
			t.Errorf("%q:\n got %q %s %q\nwant %q %s %q", c.sentence, text, f.kind, ctx, c.text, c.kind, c.context)
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
