package xmlprep

import (
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Decode reads the charset as Prepare does and changes nothing else: the
// declaration, a DOCTYPE and references XML forbids stay for the caller's
// own parser to judge.
func TestDecodeOnlyDecodes(t *testing.T) {
	const rest = `<!DOCTYPE opml [<!ENTITY e "x">]><opml><head><title>Börse &#27;</title></head></opml>`
	cases := []struct {
		name, contentType string
		body              []byte
		want              string
	}{
		{"declared windows-1252", "", encode(t, charmap.Windows1252, `<?xml version="1.0" encoding="windows-1252"?>`+rest),
			`<?xml version="1.0" encoding="windows-1252"?>` + rest},
		{"undeclared latin-1", "", encode(t, charmap.ISO8859_1, rest), rest},
		{"utf-16 with a mark", "", append([]byte{0xff, 0xfe}, encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), rest)...), rest},
		{"utf-8 with a mark", "", append([]byte("\xef\xbb\xbf"), rest...), rest},
		{"http charset", "text/xml; charset=iso-8859-1", encode(t, charmap.ISO8859_1, rest), rest},
	}
	for _, c := range cases {
		got, err := Decode(c.body, c.contentType)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if string(got) != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}
