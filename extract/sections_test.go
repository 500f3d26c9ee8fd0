package extract

import (
	"slices"
	"strings"
	"testing"
)

// briefBody is a few paragraphs of ordinary article prose, put around the
// labelled sections of the fixtures below so that generation has something
// to pick from if a label is missed.
const briefBody = `Acme Corp. reported third-quarter revenue of $12.4 billion on Tuesday, up 8% from a year earlier, as demand for its cloud software held up.

Operating margin widened to 31% from 28% as the company trimmed marketing spending and renegotiated data-center leases with its suppliers.

The shares closed 2.1% higher in New York after the report, extending their gain this year to about 40%.`

var twoItems = []string{"Cloud revenue grew 20% in the quarter.", "Margins widened on lower costs."}

const twoItemList = "- Cloud revenue grew 20% in the quarter.\n- Margins widened on lower costs.\n"

func TestSectionLabelVariants(t *testing.T) {
	cases := []struct {
		label string
		kind  sectionKind
	}{
		{"# Summary", secSummary},
		{"## Aime Summary", secSummary},
		{"### AI Summary", secSummary},
		{"#### At a glance", secSummary},
		{"##### Story Highlights", secSummary},
		{"###### Highlights", secSummary},
		{"## What you need to know", secSummary},
		{"## TL;DR", secSummary},
		{"Summary\n=======", secSummary},
		{"Key Points\n----------", secTakeaways},
		{"**Key Points**", secTakeaways},
		{"__TL;DR__", secSummary},
		{"Key takeaways for investors:", secTakeaways},
		{"**Key takeaways for investors:**", secTakeaways},
		{"## Key Takeaways", secTakeaways},
		{"### Key takeaways for investors:", secTakeaways},
		{"## Bottom Line", secTakeaways},
		{"**The Bottom Line**", secTakeaways},
		{"### What to watch", secTakeaways},
		{"## 🔑 Key Takeaways 🔑", secTakeaways},
		{"**KEY POINTS:**", secTakeaways},
		{"Aime RobotAime Summary", secSummary},
		{"![Aime Robot](https://briefs.example/aime.png)Aime Summary", secSummary},
		{"Aime Summary", secSummary},
	}
	for _, c := range cases {
		md := c.label + "\n\n" + twoItemList + "\n" + briefBody
		b := New(nil).Brief(Input{Title: "Acme beats estimates", Markdown: md})
		switch c.kind {
		case secSummary:
			if !slices.Equal(b.Summary, twoItems) || b.SummaryGenerated {
				t.Errorf("%q: summary = %q (generated %v), want the list", c.label, b.Summary, b.SummaryGenerated)
			}
		case secTakeaways:
			if !slices.Equal(b.Takeaways, twoItems) || b.TakeawaysGenerated {
				t.Errorf("%q: takeaways = %q (generated %v), want the list", c.label, b.Takeaways, b.TakeawaysGenerated)
			}
			if !b.SummaryGenerated {
				t.Errorf("%q: summary should be generated, got %q", c.label, b.Summary)
			}
		}
	}
}

func TestSectionNotLabels(t *testing.T) {
	for _, label := range []string{
		"Summary of the quarter was strong, the company said.",
		"**Key pointers**",
		"Highlights from the call were mixed, analysts said in a note on Tuesday.",
		"## Results summary for the third quarter of the fiscal year",
		"We will watch what to watch next year closely as the cycle turns.",
	} {
		md := label + "\n\n" + twoItemList + "\n" + briefBody
		b := New(nil).Brief(Input{Markdown: md})
		if !b.SummaryGenerated || slices.Equal(b.Takeaways, twoItems) {
			t.Errorf("%q read as a label: summary %q (generated %v), takeaways %q", label, b.Summary, b.SummaryGenerated, b.Takeaways)
		}
	}
}

func TestSectionSameLineLabel(t *testing.T) {
	for _, md := range []string{
		"**TL;DR:** The Fed cut in October, but the minutes show no agreement on December.\n\n" + briefBody,
		"**TL;DR**: The Fed cut in October, but the minutes show no agreement on December.\n\n" + briefBody,
		"TL;DR: The Fed cut in October, but the minutes show no agreement on December.\n\n" + briefBody,
	} {
		b := New(nil).Brief(Input{Markdown: md})
		want := []string{"The Fed cut in October, but the minutes show no agreement on December."}
		if !slices.Equal(b.Summary, want) || b.SummaryGenerated {
			t.Errorf("%q: summary = %q (generated %v), want %q", md[:20], b.Summary, b.SummaryGenerated, want)
		}
	}
	md := "**Bottom line:** Expect a pause in December.\n\n" + briefBody
	if b := New(nil).Brief(Input{Markdown: md}); !slices.Equal(b.Takeaways, []string{"Expect a pause in December."}) {
		t.Errorf("same-line bottom line: takeaways = %q", b.Takeaways)
	}
}

func TestSectionListStyles(t *testing.T) {
	for _, list := range []string{
		"- Cloud revenue grew 20% in the quarter.\n- Margins widened on lower costs.",
		"* Cloud revenue grew 20% in the quarter.\n* Margins widened on lower costs.",
		"+ Cloud revenue grew 20% in the quarter.\n+ Margins widened on lower costs.",
		"• Cloud revenue grew 20% in the quarter.\n• Margins widened on lower costs.",
		"1. Cloud revenue grew 20% in the quarter.\n2. Margins widened on lower costs.",
		"1) Cloud revenue grew 20% in the quarter.\n2) Margins widened on lower costs.",
		"- Cloud revenue grew 20% in the quarter.\n\n- Margins widened on lower costs.",
		"1. Cloud revenue grew 20%\n   in the quarter.\n2. Margins widened on lower costs.",
	} {
		md := "## Key Takeaways\n\n" + list + "\n\n" + briefBody
		b := New(nil).Brief(Input{Markdown: md})
		if !slices.Equal(b.Takeaways, twoItems) {
			t.Errorf("list %q: takeaways = %q", list, b.Takeaways)
		}
	}
}

func TestSectionParagraphsUntilNextHeading(t *testing.T) {
	md := briefBody + `

## The Bottom Line

Acme is still cheap at 18x forward earnings.

A buyback would be the next catalyst.

## Valuation

Peers trade at 25x forward earnings on average.`
	b := New(nil).Brief(Input{Markdown: md})
	want := []string{"Acme is still cheap at 18x forward earnings.", "A buyback would be the next catalyst."}
	if !slices.Equal(b.Takeaways, want) || b.TakeawaysGenerated {
		t.Errorf("takeaways = %q (generated %v), want %q", b.Takeaways, b.TakeawaysGenerated, want)
	}
	// The label's paragraphs also end at a bold label.
	md = strings.Replace(md, "## Valuation", "**Key takeaways for investors:**\n\n1. One.\n2. Two.\n3. Three.\n\n## Valuation", 1)
	b = New(nil).Brief(Input{Markdown: md})
	if want := []string{"One.", "Two.", "Three."}; !slices.Equal(b.Takeaways, want) {
		t.Errorf("with a list after the bottom line: takeaways = %q, want the list %q", b.Takeaways, want)
	}
}

func TestSectionPicksListWithMostItems(t *testing.T) {
	// NVIDIA-like: a "Key Points" list and a "Key takeaways" list of the
	// same length; the explicit takeaways win.
	md := "### Aime Summary\n\n- S one.\n- S two.\n\n**Key Points**\n\n- P one.\n- P two.\n\n" + briefBody +
		"\n\n### Key takeaways for investors:\n\n1. T one.\n2. T two.\n"
	b := New(nil).Brief(Input{Markdown: md})
	if want := []string{"T one.", "T two."}; !slices.Equal(b.Takeaways, want) {
		t.Errorf("equal lists: takeaways = %q, want %q", b.Takeaways, want)
	}
	// A longer list wins whatever its label.
	md = strings.Replace(md, "- P two.", "- P two.\n- P three.", 1)
	b = New(nil).Brief(Input{Markdown: md})
	if want := []string{"P one.", "P two.", "P three."}; !slices.Equal(b.Takeaways, want) {
		t.Errorf("longer list: takeaways = %q, want %q", b.Takeaways, want)
	}
	// The summary list beats a same-line TL;DR.
	md = "### Aime Summary\n\n- S one.\n- S two.\n\n**TL;DR:** Short version.\n\n" + briefBody
	if b := New(nil).Brief(Input{Markdown: md}); !slices.Equal(b.Summary, []string{"S one.", "S two."}) {
		t.Errorf("summary list vs TL;DR: summary = %q", b.Summary)
	}
}

func TestSectionTLDROnlyIsSummary(t *testing.T) {
	md := briefBody + "\n\n## TL;DR\n\n- Acme beat.\n- Shares rose.\n"
	b := New(nil).Brief(Input{Markdown: md})
	if !slices.Equal(b.Summary, []string{"Acme beat.", "Shares rose."}) || b.SummaryGenerated {
		t.Errorf("summary = %q (generated %v)", b.Summary, b.SummaryGenerated)
	}
	if slices.Contains(b.Takeaways, "Acme beat.") {
		t.Errorf("TL;DR items also used as takeaways: %q", b.Takeaways)
	}
}

func TestSectionHeadingThenLabelLine(t *testing.T) {
	// The Alibaba shape: a "Key Takeaways" heading, then a label line,
	// then the list.
	md := briefBody + "\n\n## Key Takeaways\n\nKey takeaways for investors:\n\n1. One thing.\n2. Another thing.\n"
	if b := New(nil).Brief(Input{Markdown: md}); !slices.Equal(b.Takeaways, []string{"One thing.", "Another thing."}) {
		t.Errorf("takeaways = %q", b.Takeaways)
	}
	// An unlabelled intro line between the heading and its list.
	md = briefBody + "\n\n## Key Takeaways\n\nHere is what matters:\n\n- One thing.\n- Another thing.\n"
	if b := New(nil).Brief(Input{Markdown: md}); !slices.Equal(b.Takeaways, []string{"One thing.", "Another thing."}) {
		t.Errorf("with an intro line: takeaways = %q", b.Takeaways)
	}
}

func TestSectionItemsArePlainAndCapped(t *testing.T) {
	md := "## Summary\n\n" +
		"- **Revenue** rose to [$5 billion](https://x.example/a) on *strong* demand\n" +
		"- `Margins` widened\\_ again  \n" +
		"- Three\n- Four\n- Five\n- Six\n- Seven\n- Eight\n\n" + briefBody
	b := New(nil).Brief(Input{Markdown: md})
	if len(b.Summary) != maxSectionItems {
		t.Fatalf("summary has %d items, want %d: %q", len(b.Summary), maxSectionItems, b.Summary)
	}
	if b.Summary[0] != "Revenue rose to $5 billion on strong demand" || b.Summary[1] != "Margins widened_ again" {
		t.Errorf("items not plain: %q", b.Summary[:2])
	}
}
