package feed

import "testing"

func TestCategorySymbol(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // "" means not a symbol
	}{
		{"AAPL", "AAPL"},
		{"F", "F"},
		{"GOOGL", "GOOGL"},
		{"BRK.B", "BRK.B"},
		{"BRK-B", "BRK.B"},
		{"BRK/B", "BRK.B"},
		{"NASDAQ:AAPL", "AAPL"},
		{"NYSE:BRK.B", "BRK.B"},
		{"nyse: brk-b", "BRK.B"},
		{"NYSE:AI", "AI"},
		{"$AAPL", "AAPL"},
		{"$ai", "AI"},
		{"$BF-B", "BF.B"},
		// a listing abroad is spelled as stored articles spell it
		{"TSX:SHOP", "SHOP.TO"},
		{"LSE: VOD", "VOD.L"},
		{"FRA:SIE", "SIE"},
		// topics, not symbols
		{"CEO", ""}, {"AI", ""}, {"IPO", ""}, {"ETF", ""}, {"EPS", ""},
		{"GDP", ""}, {"CPI", ""}, {"USD", ""}, {"SEC", ""}, {"FOMC", ""},
		{"US", ""}, {"UK", ""}, {"EU", ""}, {"HK", ""}, {"NYSE", ""},
		{"NEWS", ""}, {"TECH", ""}, {"FED", ""}, {"OIL", ""}, {"ESG", ""},
		{"PR", ""}, {"FX", ""}, {"IT", ""}, {"TV", ""}, {"CNBC", ""},
		{"AP", ""}, {"BBC", ""}, {"EBITDA", ""}, {"NASDAQ", ""},
		{"M&A", ""}, {"Q1", ""}, {"Q4", ""}, {"10-K", ""},
		{"Aapl", ""}, {"aapl", ""}, {"Markets", ""}, {"TOOLONG", ""},
		{"FOO:BAR", ""}, {"NASDAQ:TOOLONG", ""}, {"$", ""}, {"$12", ""}, {"", ""},
		{"BRK.BB", ""}, {"A B", ""},
	} {
		got, ok := categorySymbol(tc.in)
		if ok != (tc.want != "") || got != tc.want {
			t.Errorf("categorySymbol(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
}

func TestTaggedSymbol(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{" aapl ", "AAPL"},
		{"AI", "AI"}, // a tag that says symbol is trusted over the stop-list
		{"BRK/B", "BRK.B"},
		{"BF-B", "BF.B"},
		{"PNG:CA", "PNG:CA"},
		{"NASDAQ:MSFT", "MSFT"},
		{"nyse:brk-b", "BRK.B"},
		{"TSX:SHOP", "SHOP.TO"},
		{"HKEX:9988", "9988.HK"},
		{"TSE: 7203", "7203.T"},
		{"$TSLA", "TSLA"},
		{"^GSPC", "^GSPC"},
		{"BTC-USD", "BTC-USD"},
		{"7203", ""},
		{"", ""},
		{"two words", ""},
		{"<b>X</b>", ""},
		{"ABCDEFGHIJKLMNOPQ", ""},
	} {
		if got := taggedSymbol(tc.in); got != tc.want {
			t.Errorf("taggedSymbol(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
