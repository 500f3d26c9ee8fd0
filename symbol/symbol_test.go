package symbol

import "testing"

func TestNormalize(t *testing.T) {
	cases := []struct{ in, want string }{
		{"AAPL", "AAPL"},
		{" aapl ", "AAPL"},
		{"$NVDA", "NVDA"},
		{"BRK.B", "BRK.B"},
		{"BRK-B", "BRK.B"},
		{"BRK/B", "BRK.B"},
		{"$brk.b", "BRK.B"},
		{"BF-B", "BF.B"},
		{"9988.HK", "9988.HK"},
		{"9988.hk", "9988.HK"},
		{"700.HK", "0700.HK"},
		{"00700.HK", "0700.HK"},
		{"SHOP.TO", "SHOP.TO"},
		{"VOD.L", "VOD.L"},
		{"7203.T", "7203.T"},
		{"2330.TW", "2330.TW"},
		{"005930.KS", "005930.KS"},
		{"600519.SS", "600519.SS"},
		{"HKEX:9988", "9988.HK"},
		{"HKG: 0700", "0700.HK"},
		{"HKEX:700", "0700.HK"},
		{"NASDAQ:NVDA", "NVDA"},
		{"Nasdaq: AAPL", "AAPL"},
		{"NYSE American: X", "X"},
		{"NYSEArca: SPY", "SPY"},
		{"TSX: SHOP", "SHOP.TO"},
		{"TSX:SHOP.TO", "SHOP.TO"},
		{"LSE: VOD", "VOD.L"},
		{"TYO:7203", "7203.T"},
		{"TSE: 7203", "7203.T"},
		{"TSE: SHOP", "SHOP.TO"},
		{"OTC: TCEHY", "TCEHY"},
		{"NYSE:BRK-B", "BRK.B"},
		{"BTC-USD", "BTC-USD"},
		{"btc-usd", "BTC-USD"},
		{"ETH/USD", "ETH-USD"},
		{"BTC", "BTC"}, // a bare code stays; Directory.Lookup maps it to BTC-USD
		{"", ""},
	}
	for _, c := range cases {
		if got := Normalize(c.in); got != c.want {
			t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestNormalizeIdempotent(t *testing.T) {
	for _, s := range DefaultDirectory().secs {
		if got := Normalize(s.Symbol); got != s.Symbol {
			t.Errorf("Normalize(%q) = %q; directory symbols must be normal", s.Symbol, got)
		}
	}
}
