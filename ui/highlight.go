package ui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// highlightLines marks every case-insensitive occurrence of a term in
// rendered (styled, many-line) text, keeping the styling around the
// marks, and returns the indices of the lines that hold a match. Terms
// match within a line, on the text as shown.
func highlightLines(rendered string, terms []string, hl lipgloss.Style) (string, []int) {
	if len(terms) == 0 {
		return rendered, nil
	}
	lower := make([]string, 0, len(terms))
	for _, t := range terms {
		lower = append(lower, strings.ToLower(t))
	}
	lines := strings.Split(rendered, "\n")
	var hits []int
	for i, l := range lines {
		plain := ansi.Strip(l)
		pl := strings.ToLower(plain)
		found := false
		for _, t := range lower {
			if strings.Contains(pl, t) {
				found = true
				break
			}
		}
		if !found {
			continue
		}
		marks := matchRanges(plain, terms)
		if len(marks) == 0 {
			continue
		}
		// StyleRanges counts cells; matchRanges counts runes.
		rs := []rune(plain)
		cell := make([]int, len(rs)+1)
		for j, r := range rs {
			cell[j+1] = cell[j] + ansi.StringWidth(string(r))
		}
		ranges := make([]lipgloss.Range, 0, len(marks))
		for _, m := range marks {
			ranges = append(ranges, lipgloss.NewRange(cell[m[0]], cell[m[1]], hl))
		}
		lines[i] = lipgloss.StyleRanges(l, ranges...)
		hits = append(hits, i)
	}
	return strings.Join(lines, "\n"), hits
}
