package story

import (
	"slices"
	"strings"
	"unicode"
)

// Related reports whether a and b are about the same company on the same
// day without being the same story: one is a filing and the other news
// whose primary ticker is one of the filing's (or, when the filing has no
// tickers, whose title or lead names the filer), published within
// RelatedWindow.
func Related(a, b Doc) bool {
	if a.Filing == b.Filing {
		return false
	}
	if a.Published.IsZero() || b.Published.IsZero() || abs(a.Published.Sub(b.Published)) > RelatedWindow {
		return false
	}
	f, n := a, b
	if b.Filing {
		f, n = b, a
	}
	if len(f.Tickers) > 0 {
		if len(n.Tickers) == 0 {
			return false
		}
		for _, t := range f.Tickers {
			if strings.EqualFold(t, n.Tickers[0]) {
				return true
			}
		}
		return false
	}
	lead := n.Lead
	if len(lead) > 300 {
		lead = lead[:300]
	}
	return namesFiler(n.Title+" "+lead, filerName(f.Title))
}

// filerSuffixes are the legal words of a filer's name that news leaves out.
var filerSuffixes = map[string]bool{
	"inc": true, "corp": true, "corporation": true, "co": true, "company": true,
	"companies": true, "ltd": true, "limited": true, "plc": true, "llc": true,
	"lp": true, "sa": true, "nv": true, "ag": true, "se": true, "holdings": true,
	"holding": true, "group": true, "the": true, "de": true, "and": true,
}

// genericNames are first words of company names that say too little alone.
var genericNames = map[string]bool{
	"general": true, "american": true, "united": true, "first": true, "national": true,
	"international": true, "global": true, "bank": true, "new": true, "royal": true,
}

// nameWords splits s into lower-case words of letters and digits.
func nameWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// namesFiler reports whether news names the filer: the first word of its
// name that is not a legal one, and the next too when the first is as
// common as "General" or "United".
func namesFiler(news, filer string) bool {
	var name []string
	for _, w := range nameWords(filer) {
		if len(w) > 1 && !filerSuffixes[w] {
			name = append(name, w)
		}
	}
	if len(name) == 0 {
		return false
	}
	need := name[:1]
	if genericNames[name[0]] && len(name) > 1 {
		need = name[:2]
	}
	have := nameWords(news)
	for _, w := range need {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}
