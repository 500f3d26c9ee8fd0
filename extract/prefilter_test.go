package extract

import (
	"strings"
	"testing"
)

// TestPrefilterLetsEveryBoilerplateLineThrough checks that the cheap test
// never turns away a line boilerplate would drop: every kind of
// furniture, every exact line and prefix it knows, as a paragraph, a
// bullet, an ordered list item, a quote and in bold.
func TestPrefilterLetsEveryBoilerplateLineThrough(t *testing.T) {
	var lines []string
	lines = append(lines, furnitureLines...)
	for k := range boilerExact {
		lines = append(lines, k, strings.ToUpper(k[:1])+k[1:])
	}
	for k := range relatedHeads {
		lines = append(lines, k, "## "+strings.ToUpper(k[:1])+k[1:])
	}
	for _, p := range boilerPrefixes {
		lines = append(lines, p.prefix+"x", strings.ToUpper(p.prefix[:1])+p.prefix[1:]+"x")
	}
	checked := 0
	for _, l := range lines {
		for _, v := range []string{l, "- " + l, "* " + l, "• " + l, "1. " + l, "12) " + l, "3.\t" + l,
			"> 2. " + l, "1. **" + l + "**", "4. [" + l + "](https://x.example/a)", "## 5. " + l} {
			if drop, _, _ := furniture(strings.TrimSpace(v)); !drop {
				continue
			}
			checked++
			if !mayBeBoilerplate(strings.TrimSpace(v)) {
				t.Errorf("the prefilter turns away %q, which is boilerplate", v)
			}
		}
	}
	// The test means something only if many of the lines are boilerplate,
	// numbered ones among them.
	if drop, _, _ := furniture("1. Share on Facebook"); checked < 500 || !drop {
		t.Fatalf("only %d boilerplate lines checked", checked)
	}
}

// TestPrefilterReadsNumberedItemsByTheirWords checks that an ordered list
// item is judged by its first word, as a bullet is: a briefing's numbered
// takeaways are not all sent to the slow test for starting with a digit,
// while a number after the item's own ("1. 3 min read") still counts.
func TestPrefilterReadsNumberedItemsByTheirWords(t *testing.T) {
	for l, want := range map[string]bool{
		"1. Keep position sizes modest until the shares clear resistance.": false,
		"2) Next catalyst: earnings on Thursday.":                          false,
		"- Keep position sizes modest.":                                    false,
		"1. 3 min read":                                                    true,
		"3 min read":                                                       true,
		"12 Comments":                                                      true,
		"1.5 million shares changed hands":                                 true,
		"10:32 am ET":                                                      true,
		"1. Share on Facebook":                                             true,
		"2. **Read more:** [Oil slips](https://x.example/oil)":             true,
	} {
		if got := mayBeBoilerplate(l); got != want {
			t.Errorf("mayBeBoilerplate(%q) = %v, want %v", l, got, want)
		}
	}
}
