package symbol

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// People write symbols every way copy does; each is read as stored
// articles spell it.
func TestParse(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"brk-b", "BRK.B"},
		{"BRK/B", "BRK.B"},
		{"brk.b", "BRK.B"},
		{"$nvda", "NVDA"},
		{" $NVDA ", "NVDA"},
		{"700.HK", "0700.HK"},
		{"nasdaq:nvda", "NVDA"},
		{"HKEX: 9988", "9988.HK"},
		{"eth/usd", "ETH-USD"},
		{"eurusd=x", "EURUSD=X"},
		{"^gspc", "^GSPC"},
		{"600519.sh", "600519.SS"},
		{"nvda.us", "NVDA"},
		{strings.Repeat("X", MaxLen), strings.Repeat("X", MaxLen)},
	} {
		if got, err := Parse(c.in); err != nil || got != c.want {
			t.Errorf("Parse(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	for _, c := range []struct{ in, err string }{
		{"", "cannot be empty"},
		{" $ ", "cannot be empty"},
		{"BRK B", "not a ticker symbol"},
		{"A\u202eB", "not a ticker symbol"},
		{"A\u0085B", "not a ticker symbol"},
		{"A\x1b[31mB", "not a ticker symbol"},
		{"NVDA!", "not a ticker symbol"},
		{"...", "not a ticker symbol"},
		{"NASDAQ:", "not a ticker symbol"},
		{"中国平安", "not a ticker symbol"},
		{strings.Repeat("X", MaxLen+1), "longer than 16 characters"},
	} {
		got, err := Parse(c.in)
		if err == nil || !strings.Contains(err.Error(), c.err) {
			t.Errorf("Parse(%q) = %q, %v; want an error saying %q", c.in, got, err, c.err)
			continue
		}
		if strings.ContainsFunc(err.Error(), func(r rune) bool { return r < ' ' || r == 0x7f || r == '\u202e' || r == '\u0085' }) {
			t.Errorf("Parse(%q): the error carries a control character: %q", c.in, err)
		}
	}
}

// Find and FindListed report positions in Securities; a crypto code is a
// coin to Find and nothing to FindListed.
func TestFindPositions(t *testing.T) {
	d := DefaultDirectory()
	secs := d.Securities()
	if len(secs) != d.Len() {
		t.Fatalf("Securities has %d, Len says %d", len(secs), d.Len())
	}
	for _, sym := range []string{"BABA", "BRK.B", "0700.HK", "BTC-USD"} {
		if i := d.Find(sym); i < 0 || secs[i].Symbol != sym {
			t.Errorf("Find(%q) = %d", sym, i)
		}
		if i := d.FindListed(sym); i < 0 || secs[i].Symbol != sym {
			t.Errorf("FindListed(%q) = %d", sym, i)
		}
	}
	if i := d.Find("BTC"); i < 0 || secs[i].Symbol != "BTC-USD" {
		t.Errorf("Find(BTC) = %d, want BTC-USD's position", i)
	}
	if i := d.FindListed("BTC"); i >= 0 {
		t.Errorf("FindListed(BTC) = %d (%s), want -1", i, secs[i].Symbol)
	}
	if d.Find("brk-b") >= 0 || d.Find("NOPE") >= 0 {
		t.Error("Find takes only symbols in normal form that the directory has")
	}
	// Securities is a copy.
	secs[d.Find("BABA")].Aliases[0] = "changed"
	if again := d.Securities(); again[d.Find("BABA")].Aliases[0] == "changed" {
		t.Error("Securities returned the directory's own alias slice")
	}
}

// A command line's symbols: comma lists, blanks skipped, repeats in any
// spelling dropped, the first refusal the error.
func TestParseList(t *testing.T) {
	got, err := ParseList("brk-b,$nvda", " , ", "BRK/B", "nvda,0700.hk")
	if want := []string{"BRK.B", "NVDA", "0700.HK"}; err != nil || !slices.Equal(got, want) {
		t.Errorf("ParseList = %q, %v; want %q", got, err, want)
	}
	if got, err := ParseList(" , $", ""); err != nil || len(got) != 0 {
		t.Errorf("blank list = %q, %v; want nothing and no error", got, err)
	}
	if _, err := ParseList("AAPL,BRK B"); err == nil || !strings.Contains(err.Error(), `"BRK B"`) {
		t.Errorf("ParseList with a bad symbol: %v", err)
	}
	if _, err := Parse("  "); !errors.Is(err, ErrEmpty) {
		t.Errorf("Parse of a blank = %v, want ErrEmpty", err)
	}
}
