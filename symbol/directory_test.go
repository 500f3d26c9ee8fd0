package symbol

import (
	"slices"
	"strings"
	"testing"
)

func TestDefaultDirectory(t *testing.T) {
	d := DefaultDirectory()
	if d.Len() < 320 {
		t.Errorf("directory has %d securities, want at least 320", d.Len())
	}
	if DefaultDirectory() != d {
		t.Error("DefaultDirectory is parsed more than once")
	}
	for _, s := range d.secs {
		if s.Name == "" || s.Kind == "" {
			t.Errorf("%s: name %q, kind %q; both are required", s.Symbol, s.Name, s.Kind)
		}
		for _, l := range s.Listings {
			if _, ok := d.Lookup(l); !ok {
				t.Errorf("%s: listing %s is not in the directory", s.Symbol, l)
			}
		}
	}
}

// TestDirectoryCoversSample checks the securities the builtin sample
// articles name, with the names a reader should see.
func TestDirectoryCoversSample(t *testing.T) {
	want := map[string]string{
		"BABA":    "Alibaba Group Holding Limited",
		"9988.HK": "Alibaba Group Holding Limited",
		"JD":      "JD.com, Inc.",
		"9618.HK": "JD.com, Inc.",
		"3690.HK": "Meituan",
		"PDD":     "PDD Holdings Inc.",
		"MSFT":    "Microsoft Corporation",
		"ORCL":    "Oracle Corporation",
		"NVDA":    "NVIDIA Corporation",
		"TSM":     "Taiwan Semiconductor Manufacturing Company Limited",
		"2330.TW": "Taiwan Semiconductor Manufacturing Company Limited",
		"AMD":     "Advanced Micro Devices, Inc.",
		"WMT":     "Walmart Inc.",
		"TLT":     "iShares 20+ Year Treasury Bond ETF",
		"SPY":     "SPDR S&P 500 ETF Trust",
		"QQQ":     "Invesco QQQ Trust",
		"XPEV":    "XPeng Inc.",
		"LI":      "Li Auto Inc.",
		"NIO":     "NIO Inc.",
		"9868.HK": "XPeng Inc.",
		"2015.HK": "Li Auto Inc.",
		"9866.HK": "NIO Inc.",
		"AAPL":    "Apple Inc.",
		"AVGO":    "Broadcom Inc.",
		"COIN":    "Coinbase Global, Inc.",
		"MSTR":    "Strategy Inc",
		"IBIT":    "iShares Bitcoin Trust ETF",
		"TCEHY":   "Tencent Holdings Limited",
		"0700.HK": "Tencent Holdings Limited",
		"XOM":     "Exxon Mobil Corporation",
		"CVX":     "Chevron Corporation",
		"SHEL":    "Shell plc",
		"BRK.B":   "Berkshire Hathaway Inc. Class B",
		"CB":      "Chubb Limited",
		"TGT":     "Target Corporation",
		"AMZN":    "Amazon.com, Inc.",
		"BTC-USD": "Bitcoin",
	}
	d := DefaultDirectory()
	for sym, name := range want {
		s, ok := d.Lookup(sym)
		if !ok {
			t.Errorf("%s is not in the directory", sym)
			continue
		}
		if s.Name != name {
			t.Errorf("%s: name %q, want %q", sym, s.Name, name)
		}
	}
	for alias, sym := range map[string]string{
		"Alibaba": "BABA", "Tencent": "TCEHY", "Berkshire Hathaway": "BRK.B", "Meituan": "3690.HK",
		"Taiwan Semiconductor": "TSM", "Strategy": "MSTR", "Chubb": "CB", "Shell": "SHEL", "Target": "TGT",
	} {
		s, _ := d.Lookup(sym)
		if !slices.ContainsFunc(s.Aliases, func(a string) bool { return strings.TrimLeft(a, "?~") == alias }) {
			t.Errorf("%s: no alias %q in %q", sym, alias, s.Aliases)
		}
	}
}

func TestLookup(t *testing.T) {
	d := DefaultDirectory()
	cases := []struct{ in, sym, kind string }{
		{"brk-b", "BRK.B", "equity"},
		{"$BRK/B", "BRK.B", "equity"},
		{"700.HK", "0700.HK", "equity"},
		{"HKEX:9988", "9988.HK", "equity"},
		{"BTC", "BTC-USD", "crypto"},
		{"eth/usd", "ETH-USD", "crypto"},
		{"SPY", "SPY", "etf"},
	}
	for _, c := range cases {
		s, ok := d.Lookup(c.in)
		if !ok || s.Symbol != c.sym || s.Kind != c.kind {
			t.Errorf("Lookup(%q) = %q %q %v, want %q %q", c.in, s.Symbol, s.Kind, ok, c.sym, c.kind)
		}
	}
	if _, ok := d.Lookup("NOPE"); ok {
		t.Error("Lookup found a symbol the directory does not have")
	}
	// The result is a copy: changing it leaves the directory alone.
	s, _ := d.Lookup("BABA")
	s.Aliases[0] = "changed"
	if s2, _ := d.Lookup("BABA"); s2.Aliases[0] == "changed" {
		t.Error("Lookup returned the directory's own alias slice")
	}
}

func TestNewDirectoryExtras(t *testing.T) {
	d := NewDirectory(
		Security{Symbol: "cpng", Name: "Coupang, Inc.", Exchange: "NYSE", Aliases: []string{"Coupang"}},
		Security{Symbol: "BABA", Name: "ALIBABA GROUP HOLDING LTD", Aliases: []string{"Taobao parent"}},
		Security{Symbol: "BTC", Name: "Grayscale Bitcoin Mini Trust ETF", Kind: "etf"},
		Security{Symbol: "not a symbol!"},
	)
	if d.Len() != DefaultDirectory().Len()+1 {
		t.Errorf("Len = %d, want default + 1 (%d)", d.Len(), DefaultDirectory().Len()+1)
	}
	cpng, ok := d.Lookup("CPNG")
	if !ok || cpng.Name != "Coupang, Inc." || cpng.Kind != "equity" {
		t.Errorf("CPNG = %+v, %v", cpng, ok)
	}
	baba, _ := d.Lookup("BABA")
	if baba.Name != "Alibaba Group Holding Limited" {
		t.Errorf("an extra replaced the curated name: %q", baba.Name)
	}
	if !slices.Contains(baba.Aliases, "Taobao parent") || !slices.Contains(baba.Aliases, "Alibaba") {
		t.Errorf("BABA aliases = %q, want the curated ones plus the extra", baba.Aliases)
	}
	if btc, _ := d.Lookup("BTC"); btc.Symbol != "BTC-USD" {
		t.Errorf("an extra took the crypto code BTC: %+v", btc)
	}

	// The default directory is untouched.
	def := DefaultDirectory()
	if _, ok := def.Lookup("CPNG"); ok {
		t.Error("NewDirectory changed the default directory")
	}
	if b, _ := def.Lookup("BABA"); slices.Contains(b.Aliases, "Taobao parent") {
		t.Error("NewDirectory changed the default directory's aliases")
	}
	if NewDirectory() != def {
		t.Error("NewDirectory without extras should be the default directory")
	}
}

func TestParseSymbolsTSVErrors(t *testing.T) {
	for _, bad := range []string{
		"brk-b\tequity\tNYSE\tBerkshire\t\t\t",
		"AAPL\tstock\tNASDAQ\tApple\t\t\t",
		"AAPL\tequity\tNASDAQ\tApple\t\tbogus\t",
		"AAPL\tequity\tNASDAQ\tApple\t\t\t\nAAPL\tequity\tNASDAQ\tApple\t\t\t",
	} {
		if _, err := parseSymbolsTSV(bad); err == nil {
			t.Errorf("parseSymbolsTSV(%q) accepted bad data", bad)
		}
	}
}
