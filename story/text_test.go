package story

import (
	"slices"
	"testing"
	"time"
)

// words returns the content words of s as the tokenizer reads them, each
// spelled by a second tokenizer run on the expected stem.
func tokens(s string, lead bool) []token { return tokenize(s, lead).toks }

func tokenize(s string, lead bool) *tokenizer {
	var t tokenizer
	if lead {
		t.addLead(s)
	} else {
		t.add(s)
	}
	return &t
}

func hashesOf(s string, lead bool) []uint64 {
	var out []uint64
	for _, tk := range tokens(s, lead) {
		if !tk.stop {
			out = append(out, tk.h)
		}
	}
	return out
}

// sameSpellings are texts that must read alike, otherSpellings texts that
// must not (TestTokensFoldSpellings); TestPrepareGolden reads them too.
var (
	sameSpellings = [][2]string{
		{"Apple raises dividend", "Apple raised dividends"},
		{"Apple's dividend", "Apple dividend"},
		{"revenue rose 34 percent", "revenue rose 34%"},
		{"revenue rose 34 per cent", "revenue rose 34%"},
		{"$6.27 billion", "6.27bn"},
		{"1,234 jobs", "1234 jobs"},
		{"S&P 500", "s&p 500"},
		{"[Nvidia](https://example.com/nvda) beats", "Nvidia beats"},
		{"see https://example.com/a?b=c now", "see now"},
		{"**Tesla** recalls", "Tesla recalls"},
		{"The company said on Monday that sales rose", "sales rose"},
	}
	otherSpellings = [][2]string{
		{"Fed raises rates", "Fed holds rates"},
		{"8-K filed", "8000 filed"},
		{"rose 34%", "rose 34"},
	}
)

func TestTokensFoldSpellings(t *testing.T) {
	for _, c := range sameSpellings {
		a, b := hashesOf(c[0], false), hashesOf(c[1], false)
		if !slices.Equal(a, b) {
			t.Errorf("%q and %q read differently", c[0], c[1])
		}
	}
	for _, c := range otherSpellings {
		if slices.Equal(hashesOf(c[0], false), hashesOf(c[1], false)) {
			t.Errorf("%q and %q read the same", c[0], c[1])
		}
	}
}

func TestNumbers(t *testing.T) {
	for s, want := range map[string]number{
		"34%":           {v: 34, step: 1, pct: true},
		"34.5 percent":  {v: 34.5, step: 0.1, pct: true},
		"$6.27 billion": {v: 6.27e9, step: 0.01e9},
		"215,000":       {v: 215000, step: 1},
		"215k":          {v: 215000, step: 1000},
	} {
		tk := tokenize(s, false)
		toks := tk.toks
		if len(toks) != 1 || !toks[0].num {
			t.Errorf("%q: %d tokens, want one number", s, len(toks))
			continue
		}
		got := tk.vals[toks[0].val]
		if !got.figure().near(want.figure()) || got.pct != want.pct {
			t.Errorf("%q = %+v, want %+v", s, got, want)
		}
	}
	if !(figure{v: 6.3e9, step: 0.1e9}).near(figure{v: 6.27e9, step: 0.01e9}) {
		t.Error("a rounded figure is not near the precise one")
	}
	if (figure{v: 218000, step: 1}).near(figure{v: 209000, step: 1}) {
		t.Error("different claims counts are near")
	}
	// "30-year" names a term, not a figure; "S&P 500" an index.
	tk := tokenize("The 30-year rate is 6.21% and the S&P 500 fell 0.4% on the day.", true)
	f := figuresOf(nil, tk.toks, tk.vals, true)
	if len(f) != 2 {
		t.Errorf("figures = %+v, want 6.21%% and 0.4%%", f)
	}
}

// datelineLeads are one body behind the datelines, bylines and furniture
// of the wires; each reads as the body alone.
var datelineLeads = []string{
	"NEW YORK, Nov 23 (Reuters) - Apple shares fell 2%.",
	"NEW YORK (Reuters) - Apple shares fell 2%.",
	"(Reuters) - Apple shares fell 2%.",
	"WASHINGTON (AP) — Apple shares fell 2%.",
	"SAN FRANCISCO/TOKYO (Reuters) - Apple shares fell 2%.",
	"(Bloomberg) -- Apple shares fell 2%.",
	"LONDON — Apple shares fell 2%.",
	"CUPERTINO, Calif., Nov. 23, 2026 /PRNewswire/ -- Apple shares fell 2%.",
	"Advertisement\nBy Dana Whitcomb\nNEW YORK, Nov 23 (Reuters) - Apple shares fell 2%.\nReporting by Jane Holloway; Editing by Mark Trent",
	"Listen to this article · 3 min\n(Reuters) - Apple shares fell 2%.\nStory continues below",
}

func TestDateline(t *testing.T) {
	const body = "Apple shares fell 2%."
	for _, lead := range datelineLeads {
		if got, want := hashesOf(lead, true), hashesOf(body, true); !slices.Equal(got, want) {
			t.Errorf("lead %q not read as %q", lead, body)
		}
	}
	// Dashes that are no dateline's stay.
	for _, lead := range []string{
		"Apple - the largest US company - fell 2%.",
		"Shares of S&P-listed firms fell.",
	} {
		if got := stripDateline(lead); got != lead {
			t.Errorf("stripDateline(%q) = %q", lead, got)
		}
	}
}

func TestCleanTitle(t *testing.T) {
	for in, want := range map[string]string{
		"UPDATE 2-Apple sued by DOJ over app payments":          "Apple sued by DOJ over app payments",
		"EXCLUSIVE-Intel wins cloud customer for its factories": "Intel wins cloud customer for its factories",
		"Apple sued by DOJ over app payments - Reuters":         "Apple sued by DOJ over app payments",
		"Apple sued by DOJ over app payments | Yahoo Finance":   "Apple sued by DOJ over app payments",
		"Morning Bid: Nvidia delivers":                          "Morning Bid: Nvidia delivers",
		"Oil falls - prices down 2%":                            "Oil falls - prices down 2%",
		"S&P 500 - up 1%":                                       "S&P 500 - up 1%",
	} {
		if got := cleanTitle(in); got != want {
			t.Errorf("cleanTitle(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSeries(t *testing.T) {
	for title, want := range map[string]bool{
		"Stocks making the biggest moves midday: Apple, Tesla and more": true,
		"Morning Bid: Nvidia delivers, markets breathe":                 true,
		"Stock market today: Dow, S&P 500, Nasdaq slip":                 true,
		"Weekly jobless claims fall to 218,000":                         true,
		"How major US stock indexes fared Monday, 11/23/2026":           true,
		"Pfizer's once-daily obesity pill shows 12% weight loss":        false,
		"Nvidia revenue forecast beats Wall Street":                     false,
		"Apple sued by US Justice Department":                           false,
	} {
		_, n := matchSeries(tokens(cleanTitle(title), false))
		if got := n > 0; got != want {
			t.Errorf("%q: series %v, want %v", title, got, want)
		}
	}
}

func TestAccession(t *testing.T) {
	for s, want := range map[string]string{
		"https://www.sec.gov/Archives/edgar/data/1234567/000123456726000131/0001234567-26-000131-index.htm": "000123456726000131",
		"urn:tag:sec.gov,2008:accession-number=0001234567-26-000131":                                        "000123456726000131",
		"0001234567-26-000131":           "000123456726000131",
		"https://example.com/news/12345": "",
	} {
		if got := accession(s); got != want {
			t.Errorf("accession(%q) = %q, want %q", s, got, want)
		}
	}
}

// FuzzKeysMatch feeds arbitrary text through Keys and Match: no panics, and
// a doc that matches itself shares a key with itself.
func FuzzKeysMatch(f *testing.F) {
	f.Add("UPDATE 1-Apple sued - Reuters", "NEW YORK (Reuters) - Apple was sued.\nAdvertisement", "https://www.example.com/a?utm_source=x")
	f.Add("", "34 per cent $6.3bn 1,234.5% 8-K ’s '", "")
	f.Fuzz(func(t *testing.T, title, lead, link string) {
		d := Doc{Title: title, Lead: lead, Link: link, Published: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)}
		if Match(d, d, 0) && !findsEachOther(d, d) {
			t.Errorf("a doc matches itself without a key: %q %q %q", title, lead, link)
		}
	})
}

func TestNewFigures(t *testing.T) {
	at := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	known := Prepare(Doc{Title: "Acme earns $3.8 billion", Lead: "Revenue rose to 27,200 units, up 12%, the company said.", Published: at})
	for lead, want := range map[string]bool{
		"Revenue rose to 27,200 units, the company said.":          false, // fewer figures, none new
		"Acme said revenue rose 12%, to 27,200 units, on Tuesday.": false, // the same figures, reworded
		"Revenue rose to 27,300 units, up 12%, the company said.":  true,  // a revised figure
		"Revenue rose to 3 units, the company said.":               true,  // 3 is not 3.8
		"Revenue rose to 200 units, the company said.":             true,  // 200 is not 27,200
	} {
		copy := Prepare(Doc{Title: "Acme earns $3.8 billion", Lead: lead, Published: at})
		if got := NewFigures(copy, known); got != want {
			t.Errorf("lead %q: NewFigures = %v, want %v", lead, got, want)
		}
	}
}
