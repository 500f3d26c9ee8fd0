package render

import (
	"strings"
	"testing"
)

func TestCapQuoteDepth(t *testing.T) {
	for in, want := range map[string]string{
		"> a\n":                        "> a\n",
		"> > > > > > > > > deep\n":     "> > > > > > deep\n",
		">>>>>>>>>>x\n":                ">>>>>>x\n",
		"no quote > here\n":            "no quote > here\n",
		"> > > > > > > > - item\ntext": "> > > > > > - item\ntext",
	} {
		if got := capQuoteDepth(in); got != want {
			t.Errorf("capQuoteDepth(%q) = %q, want %q", in, got, want)
		}
	}
	// Quotes 40 deep still render every line.
	md := strings.Repeat(strings.Repeat("> ", 40)+"- item\n", 4000)
	out, err := NewRenderer().Render(md, 80, StyleDark)
	if err != nil || strings.Count(out, "item") != 4000 {
		t.Fatalf("err %v, %d items", err, strings.Count(out, "item"))
	}
}
