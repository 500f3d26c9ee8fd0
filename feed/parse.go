package feed

import (
	"errors"
	"time"
)

// Parsed is one feed document, parsed and normalised.
type Parsed struct {
	Title    string
	SiteLink string
	Items    []Item
}

// Parse prepares body for the parser (charset, forbidden character
// references, nesting depth), parses it as RSS, Atom or JSON Feed and
// normalises its items. now stands in for missing dates.
func Parse(body []byte, contentType string, now time.Time) (Parsed, error) {
	return Parsed{}, errors.New("not implemented")
}
