package extract

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestBriefingJSONIsMarshals: AppendJSON writes what json.Marshal writes,
// byte for byte, for briefings of every shape: nil and empty lists, the
// optional ticker fields, and strings with every character Marshal
// escapes (quotes, backslashes, control characters, <, > and &, U+2028
// and U+2029, invalid UTF-8) beside plain and non-ASCII text.
func TestBriefingJSONIsMarshals(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"", "a", "Alibaba (BABA)", `"`, `\`, "\n", "\r", "\t", "\b", "\f", "\x00", "\x1f", "\x7f",
		"<", ">", "&", "\u2028", "\u2029", "\xff", "\xe2\x80", "é", "腾讯", "HK$1.2 trillion", "💹", " "}
	str := func() string {
		var b strings.Builder
		for range r.IntN(6) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		return b.String()
	}
	strs := func() []string {
		switch r.IntN(4) {
		case 0:
			return nil
		case 1:
			return []string{}
		}
		out := make([]string, 1+r.IntN(4))
		for i := range out {
			out[i] = str()
		}
		return out
	}
	for n := range 2000 {
		b := Briefing{Summary: strs(), SummaryGenerated: r.IntN(2) == 0, Takeaways: strs(), TakeawaysGenerated: r.IntN(2) == 0}
		if r.IntN(4) > 0 {
			b.Tickers = []Ticker{}
			for range r.IntN(4) {
				b.Tickers = append(b.Tickers, Ticker{Symbol: str(), Exchange: str(), Name: str(), Kind: str(),
					Mentions: r.IntN(200) - 5, Signal: Signal(str()), Primary: r.IntN(2) == 0})
			}
		}
		if r.IntN(4) > 0 {
			b.Figures = []Figure{}
			for range r.IntN(4) {
				b.Figures = append(b.Figures, Figure{Text: str(), Kind: str(), Context: str()})
			}
		}
		want, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		if got := b.AppendJSON(nil); string(got) != string(want) {
			t.Fatalf("briefing %d:\n got %s\nwant %s", n, got, want)
		}
		if got := b.JSON(); string(got) != string(want) {
			t.Fatalf("briefing %d, JSON:\n got %s\nwant %s", n, got, want)
		}
	}
}

// TestBriefingJSONOfSamples: the same for the briefings of the embedded
// sample's articles, as a fetch makes them.
func TestBriefingJSONOfSamples(t *testing.T) {
	ex := New(nil)
	n := 0
	for _, a := range sampleArticles(t) {
		b := ex.Brief(Input{Title: a.title, Markdown: a.md})
		want, _ := json.Marshal(b)
		got := b.JSON()
		if string(got) != string(want) {
			t.Fatalf("%q:\n got %s\nwant %s", a.title, got, want)
		}
		if cap(got) > 2*len(got) {
			t.Errorf("%q: %d bytes in a buffer of %d: the size guess is off", a.title, len(got), cap(got))
		}
		n++
	}
	if n == 0 {
		t.Fatal("no sample articles")
	}
}
