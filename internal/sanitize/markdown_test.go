package sanitize

import "testing"

func TestEscapeControlRefs(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain", "plain"},
		{"&#27;", "&amp;#27;"},
		{"&#x1b;&#X1B;", "&amp;#x1b;&amp;#X1B;"},
		{"&#033;", "&amp;#033;"}, // octal in goldmark
		{"&#155; &#x202e; &#8297;", "&amp;#155; &amp;#x202e; &amp;#8297;"},
		{"&#169; &#x4e2d; &#9; &#10;", "&#169; &#x4e2d; &#9; &#10;"},
		{"&#0;", "&amp;#0;"},
		{"&#99999999999; &#; &#x; &#27", "&#99999999999; &#; &#x; &#27"},
		{"AT&T &amp;#27;", "AT&T &amp;#27;"},
	}
	for _, c := range cases {
		if got := EscapeControlRefs(c.in); got != c.want {
			t.Errorf("EscapeControlRefs(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
