package extract

import (
	"strings"
	"testing"
	"time"
)

func TestUnchip(t *testing.T) {
	known := map[string]bool{"BABA": true, "NVDA": true, "MSFT": true, "JD": true, "BRK.B": true, "TSM": true, "IBM": true}
	for in, want := range map[string]string{
		"AlibabaBABA-- Cloud Intelligence grew.":           "Alibaba (BABA) Cloud Intelligence grew.",
		"PDDPDD-- said profit fell.":                       "PDD said profit fell.",
		"MicrosoftMSFT-- Azure grew.":                      "Microsoft (MSFT) Azure grew.",
		"Buyers such as NVIDIANVDA--, AppleAAPL-- and":     "Buyers such as NVIDIA (NVDA), Apple (AAPL) and",
		"NvidiaNVDA+2.31% rose.":                           "Nvidia (NVDA) rose.",
		"NIONIO-1.20% fell.":                               "NIO fell.",
		"XPengXPEV−0.4% fell.":                             "XPeng (XPEV) fell.",
		"Against JD.comJD-- and Meituan.":                  "Against JD.com (JD) and Meituan.",
		"Li AutoLI-- reported.":                            "Li Auto (LI) reported.",
		"Berkshire HathawayBRK.B-- (NYSE: BRK.B) ended":    "Berkshire Hathaway (NYSE: BRK.B) ended",
		"TSMCTSM-- said.":                                  "TSMC (TSM) said.",
		"NestléNSRGY-- gained.":                            "Nestlé (NSRGY) gained.",
		"Shares of BABA-- rose.":                           "Shares of BABA rose.",
		"Nvidia[NVDA](https://q.example/NVDA)+2.31% rose.": "Nvidia (NVDA) rose.",
		"One.\n\n- [NVDA](https://q.example/NVDA)+2.31%\n- [AMD](https://q.example/AMD)--\n\nTwo.": "One.\n\nTwo.",
		"Read [the NVDA note](https://q.example/n)--it is long.":                                   "Read [the NVDA note](https://q.example/n)--it is long.",
		// a line of chips alone is a widget
		"One.\n\nBABA--\n\nTwo.":                     "One.\n\nTwo.",
		"One.\n\n- NVDA-- MSFT+1.1%\n\nTwo.":         "One.\n\nTwo.",
		"BABA--\n\nOne.":                             "One.",
		"One.\n\n**AlibabaBABA--** · JDJD--\n\nTwo.": "One.\n\nTwo.",
		// not chips
		"Revenue in Q3-- the best quarter yet.": "Revenue in Q3-- the best quarter yet.",
		"Q3--a record quarter.":                 "Q3--a record quarter.",
		"It was rated BBB- by the agency.":      "It was rated BBB- by the agency.",
		"FY2025+3% is the plan.":                "FY2025+3% is the plan.",
		"A move of 5+3% is small.":              "A move of 5+3% is small.",
		"See https://x.example/q/BABA-- now.":   "See https://x.example/q/BABA-- now.",
		"```\nAlibabaBABA--\n```":               "```\nAlibabaBABA--\n```",
		"The COVID-19--related charge.":         "The COVID-19--related charge.",
	} {
		if got := unchip(in, known); got != want {
			t.Errorf("unchip(%q)\n got %q\nwant %q", in, got, want)
		}
	}
}

func TestRepairChips(t *testing.T) {
	for in, want := range map[string]string{
		"Spending against AlibabaBABA-\n- and Meituan rose.":    "Spending against AlibabaBABA-- and Meituan rose.",
		"Spending against AlibabaBABA-\n-\nand Meituan rose.":   "Spending against AlibabaBABA--\nand Meituan rose.",
		"Spending against BABA-\n\n-\n\nMeituan rose.":          "Spending against BABA--\n\nMeituan rose.",
		"- It was rated BBB-\n- Next item":                      "- It was rated BBB-\n- Next item",
		"Spending against AlibabaBABA-  \n- and Meituan rose.":  "Spending against AlibabaBABA-- and Meituan rose.",
		"Spending against AlibabaBABA-\\\n-\nand Meituan rose.": "Spending against AlibabaBABA--\nand Meituan rose.",
		"End BABA-\n-":          "End BABA--",
		"Grade A-\n- Next item": "Grade A-\n- Next item",
		"A line-\n- list":       "A line-\n- list",
	} {
		if got := repairChips(in); got != want {
			t.Errorf("repairChips(%q)\n got %q\nwant %q", in, got, want)
		}
	}
}

// TestWrappedChipIsATicker: a chip the scrape broke over two lines is
// still read as a chip, and reads as one chip in the body.
func TestWrappedChipIsATicker(t *testing.T) {
	md := "Quick commerce spending rose as Meituan pushed against AlibabaBABA-\n- in 30-minute delivery, analysts said on Tuesday."
	r := New(nil).Process(Input{Title: "Delivery war", Markdown: md})
	var sig Signal
	for _, tk := range r.Briefing.Tickers {
		if tk.Symbol == "BABA" {
			sig = tk.Signal
		}
	}
	if sig != SignalChip {
		t.Errorf("BABA found by %q, want the chip: %+v", sig, r.Briefing.Tickers)
	}
	if want := "against Alibaba (BABA) in 30-minute delivery"; !strings.Contains(r.Body, want) {
		t.Errorf("body %q lacks %q", r.Body, want)
	}
}

// TestUnchipHostileShapes: chips by the hundred thousand, a line of
// nothing but markers, and huge glued words stay linear.
func TestUnchipHostileShapes(t *testing.T) {
	const n = 256 << 10
	known := map[string]bool{"BABA": true}
	for name, md := range map[string]string{
		"chips":       strings.Repeat("AlibabaBABA-- ", n/14),
		"markers":     strings.Repeat("A--", n/3),
		"glued":       strings.Repeat("Ab", n/2) + "BABA--",
		"percents":    strings.Repeat("X+1.1%", n/6),
		"wraps":       strings.Repeat("AlibabaBABA-\n-\n", n/15),
		"lone chips":  strings.Repeat("BABA--\n\n", n/8),
		"dashes":      strings.Repeat("-", n),
		"dash lines":  strings.Repeat("B-\n", n/3),
		"long digits": strings.Repeat("9", n) + "+1%",
		"link rows":   strings.Repeat(strings.Repeat("[X](https://x.com/intent/a)", 140)+"\n", n/3800),
		"stamps":      strings.Repeat("Tuesday, Sep 2, 2025 6:28 pm ET3min read\n", n/41),
		"badges":      strings.Repeat("### Aime RobotAime Summary\n\n- a\n\n", n/33),
	} {
		start := time.Now()
		r := New(nil).Process(Input{Title: "t", Markdown: md})
		_ = unchip(repairChips(md), known)
		if d := time.Since(start); d > raceSlowdown*2*time.Second {
			t.Errorf("%s: took %v", name, d)
		}
		if len(r.Body) > len(md)+len(md)/2 {
			t.Errorf("%s: body grew from %d to %d bytes", name, len(md), len(r.Body))
		}
	}
}

// TestSectionsThatAreTheWholeArticleStay: an article that is nothing but
// the card's summary and takeaways keeps them as its body instead of an
// empty page; one with prose keeps the prose and loses the sections.
func TestSectionsThatAreTheWholeArticleStay(t *testing.T) {
	sections := "Summary:\n\n- Orders rose 12% in the quarter.\n- Margins held at 31%.\n\nKey takeaways for investors:\n\n1. Demand is steady.\n2. Guidance was kept.\n"
	r := New(nil).Process(Input{Title: "Orders rise", Markdown: sections})
	if len(r.Briefing.Summary) != 2 || len(r.Briefing.Takeaways) != 2 {
		t.Fatalf("card: %+v", r.Briefing)
	}
	if !strings.Contains(r.Body, "Margins held at 31%") || !strings.Contains(r.Body, "Guidance was kept") {
		t.Errorf("sections-only article lost its body: %q", r.Body)
	}
	withProse := "![](https://img.example/chart.png)\n\nThe company said demand from data centres was the strongest in two years.\n\n" + sections
	r = New(nil).Process(Input{Title: "Orders rise", Markdown: withProse})
	if !strings.Contains(r.Body, "strongest in two years") {
		t.Errorf("prose lost: %q", r.Body)
	}
	if strings.Contains(r.Body, "Margins held at 31%") || strings.Contains(r.Body, "Guidance was kept") {
		t.Errorf("sections the card shows are repeated in the body: %q", r.Body)
	}
}
