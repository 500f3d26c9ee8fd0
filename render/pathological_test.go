package render

import (
	"fmt"
	"strings"
	"testing"
)

// pathological are bodies that fit the 10 MiB feed cap and are hard to lay
// out (docs/RELIABILITY.md lists them). Each is built as the converter
// would store it.
func pathological() map[string]string {
	var table strings.Builder
	table.WriteString("| a | b | c |\n| --- | --- | --- |\n")
	for i := range 5000 {
		fmt.Fprintf(&table, "| row %d | %d%% | $%d billion |\n", i, i%100, i)
	}
	var links strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&links, "See [story %d](https://news.example/%d) and ", i, i)
	}
	var chips strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&chips, "Alibaba (BABA) and Nvidia (NVDA) moved %d. ", i)
	}
	var nested strings.Builder
	for i := range 200 {
		nested.WriteString(strings.Repeat("> ", i%40) + "- item\n")
	}
	return map[string]string{
		"40,000 equal headings": strings.Repeat("### a\n\n", 40000),
		"5,000-row table":       table.String(),
		"5,000 links":           links.String(),
		"10,000 ticker names":   chips.String(),
		"one 400 KB line":       strings.Repeat("word ", 80000),
		"nested quotes":         strings.Repeat(nested.String(), 20),
	}
}

// BenchmarkPathologicalBodies renders each at 80 columns with a fresh
// renderer.
func BenchmarkPathologicalBodies(b *testing.B) {
	for name, md := range pathological() {
		b.Run(strings.ReplaceAll(name, " ", "_"), func(b *testing.B) {
			for b.Loop() {
				if _, err := NewRenderer().Render(md, 80, StyleDark); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
