package render

import (
	"strings"
	"testing"
	"time"
)

// Repeated equal headings rendered in time that grows with their number,
// not its square: goldmark's automatic heading IDs tried a-1, a-2, … for
// every repeat, and 40,000 "### a" (a 400 KB feed item) took minutes.
// The bound is far above the linear cost and far below the quadratic one.
func TestRepeatedHeadingsRenderInLinearTime(t *testing.T) {
	md := strings.Repeat("### a\n\n", 20000)
	start := time.Now()
	out, err := NewRenderer().Render(md, 80, StyleDark)
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 20*time.Second*raceSlowdown {
		t.Fatalf("20,000 equal headings took %s", took)
	}
	if n := strings.Count(out, "a"); n < 20000 {
		t.Fatalf("rendered %d headings of 20,000", n)
	}
}

// BenchmarkRepeatedHeadings is the pathological body of 40,000 equal
// headings at 80 columns.
func BenchmarkRepeatedHeadings(b *testing.B) {
	md := strings.Repeat("### a\n\n", 40000)
	r := NewRenderer()
	for b.Loop() {
		if _, err := r.Render(md, 80, StyleDark); err != nil {
			b.Fatal(err)
		}
	}
}
