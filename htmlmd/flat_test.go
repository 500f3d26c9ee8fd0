package htmlmd

import (
	"strings"
	"testing"
)

// HTML nested deeper than the parser goes becomes its text with its
// paragraphs, never its markup.
func TestTooDeepHTMLBecomesText(t *testing.T) {
	for _, n := range []int{600, 5000} {
		doc := "<p>First paragraph.</p>" + strings.Repeat("<div>", n) +
			"<p>Deep text one.</p><p>Deep <b>two</b>.</p><ul><li>item a</li><li>item b</li></ul>" +
			strings.Repeat("</div>", n) + "<script>alert(1)</script><p>Last.</p>"
		md, err := Markdown(doc, "")
		if err != nil {
			t.Fatalf("%d deep: %v", n, err)
		}
		if strings.Contains(md, "<div") || strings.Contains(md, "<p") || strings.Contains(md, "alert") {
			t.Errorf("%d deep: markup or script left:\n%s", n, md)
		}
		for _, want := range []string{"First paragraph.\n\n", "Deep text one.\n\n", "Deep two.", "- item a\n- item b", "Last."} {
			if !strings.Contains(md, want) {
				t.Errorf("%d deep: %q missing from\n%s", n, want, md)
			}
		}
	}
}

// The fallback is linear: a megabyte of deep nesting and paragraphs.
func TestTooDeepHTMLIsLinear(t *testing.T) {
	doc := strings.Repeat("<div>", 1000) + strings.Repeat("<p>Some words in a paragraph.</p>", 30000) + strings.Repeat("</div>", 1000)
	md, err := Markdown(doc, "")
	if err != nil || strings.Count(md, "Some words") != 30000 {
		t.Fatalf("err %v, %d paragraphs", err, strings.Count(md, "Some words"))
	}
}
