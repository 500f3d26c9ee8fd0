package cli

import (
	"fmt"
	"io"
	"strings"

	"brief/extract"
	"brief/internal/sanitize"
)

// writeBriefingCard prints the briefing the way a trader scans it: summary,
// takeaways, tickers, figures. Generated parts say so.
func writeBriefingCard(w io.Writer, b extract.Briefing) {
	section := func(title string, generated bool, items []string, numbered bool) {
		if len(items) == 0 {
			return
		}
		if generated {
			title += " (generated)"
		}
		fmt.Fprintln(w, title)
		for i, it := range items {
			mark := "  •"
			if numbered {
				mark = fmt.Sprintf("  %d.", i+1)
			}
			fmt.Fprintf(w, "%s %s\n", mark, sanitize.Line(it))
		}
		fmt.Fprintln(w)
	}
	section("Summary", b.SummaryGenerated, b.Summary, false)
	section("Key takeaways", b.TakeawaysGenerated, b.Takeaways, true)
	if len(b.Tickers) > 0 {
		var chips []string
		for _, t := range b.Tickers {
			chip := t.Symbol
			if t.Mentions > 1 {
				chip += fmt.Sprintf("×%d", t.Mentions)
			}
			if t.Primary {
				chip = "*" + chip
			}
			chips = append(chips, chip)
		}
		fmt.Fprintf(w, "Tickers  %s\n", strings.Join(chips, "  "))
	}
	if len(b.Figures) > 0 {
		var figs []string
		for _, f := range b.Figures {
			figs = append(figs, sanitize.Line(f.Context))
		}
		fmt.Fprintf(w, "Figures  %s\n", strings.Join(figs, " · "))
	}
	if len(b.Tickers) > 0 || len(b.Figures) > 0 {
		fmt.Fprintln(w)
	}
}
