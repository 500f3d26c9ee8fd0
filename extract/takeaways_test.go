package extract

import (
	"slices"
	"testing"
)

func TestGeneratedTakeawaysLookAhead(t *testing.T) {
	forward := []string{
		"Management expects fourth-quarter revenue of about $5 billion, above the consensus of analysts.",
		"Investors will watch the December meeting for signs of another cut.",
		"The main risk is that customer concentration leaves sales exposed to a single buyer.",
	}
	md := "Globex reported revenue of $4.2 billion for the third quarter on Tuesday, up 12% from a year earlier.\n\n" +
		"The shares rose 3% in early trading after the report was released.\n\n" +
		forward[0] + " Operating margin was 21% in the quarter, compared with 19% a year ago.\n\n" +
		"The company sold 2 million units in Europe, the most in its history. " + forward[1] + "\n\n" +
		forward[2] + " The chief executive thanked staff in a memo on Tuesday afternoon."
	b := New(nil).Brief(Input{Title: "Globex revenue rises", Markdown: md})
	if !b.TakeawaysGenerated {
		t.Fatalf("takeaways not generated: %q", b.Takeaways)
	}
	for _, s := range b.Takeaways {
		if !slices.Contains(forward, s) {
			t.Errorf("takeaway %q is not forward-looking", s)
		}
		if slices.Contains(b.Summary, s) {
			t.Errorf("takeaway %q repeats the summary", s)
		}
	}
	if n := len(b.Takeaways); n < 2 || n > 3 {
		t.Errorf("got %d takeaways, want 2-3: %q", n, b.Takeaways)
	}
	for i := 1; i < len(b.Takeaways); i++ {
		if slices.Index(forward, b.Takeaways[i]) < slices.Index(forward, b.Takeaways[i-1]) {
			t.Errorf("takeaways out of order: %q", b.Takeaways)
		}
	}
}

func TestGeneratedTakeawaysNoneWhenDescriptive(t *testing.T) {
	md := "Globex reported revenue of $4.2 billion for the third quarter on Tuesday, up 12% from a year earlier.\n\n" +
		"The shares rose 3% in early trading after the report was released to investors.\n\n" +
		"Operating margin was 21% in the quarter, compared with 19% a year ago, as costs fell.\n\n" +
		"The company sold 2 million units in Europe, the most in its history, and opened two stores."
	b := New(nil).Brief(Input{Title: "Globex revenue rises", Markdown: md})
	if len(b.Takeaways) != 0 || b.TakeawaysGenerated {
		t.Errorf("descriptive text got takeaways %q (generated %v)", b.Takeaways, b.TakeawaysGenerated)
	}
	if b.Takeaways == nil {
		t.Error("takeaways should be an empty list, not null")
	}
}

func TestForwardScore(t *testing.T) {
	for s, wantAtLeast := range map[string]bool{
		"The company guided fourth-quarter revenue to $97 billion.":         true,
		"Results are due on Nov. 25.":                                       true,
		"Traders now look to next week's payrolls report.":                  true,
		"The Fed's December meeting is now a coin flip.":                    true,
		"The deal is expected to close in Q4.":                              true,
		"Revenue rose 9% due to strong demand in the quarter.":              false,
		"Shares fell 3% on Tuesday after the company reported its results.": false,
	} {
		if got := forwardScore(s) >= takeawayThreshold; got != wantAtLeast {
			t.Errorf("forwardScore(%q) = %d, qualifies %v, want %v", s, forwardScore(s), got, wantAtLeast)
		}
	}
}
