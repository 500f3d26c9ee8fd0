package extract

import (
	"fmt"
	"strings"
	"testing"
)

func tickerList(ts []Ticker) string {
	var out []string
	for _, tk := range ts {
		out = append(out, fmt.Sprintf("%s/%s/%s", tk.Symbol, tk.Exchange, tk.Signal))
	}
	return strings.Join(out, " ")
}

// Listing suffixes beyond .HK and .TW are found with their exchange, in
// any script's surrounding text and in full-width parentheses.
func TestExchangeSuffixesInAnyScript(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"مؤشر تداول السعودي يرتفع بقيادة أرامكو (2222.SR) اليوم", "2222.SR/Tadawul/suffix"},
		{"Saudi Aramco（2222.SR）rose in Riyadh.", "2222.SR/Tadawul/suffix"},
		{"贵州茅台（600519.SS）股价上涨；宁德时代(300750.SZ)下跌。", "600519.SS/SSE/suffix 300750.SZ/SZSE/suffix"},
		{"贵州茅台(600519.SH)收涨。", "600519.SS/SSE/suffix"},
		{"Toyota (7203.T) and Sony (6758.T) fell in Tokyo.", "7203.T/TYO/suffix 6758.T/TYO/suffix"},
		{"Reliance (RELIANCE.NS) and Tata Motors (TATAMOTORS.BO) rose in Mumbai.", "RELIANCE.NS/NSE/suffix TATAMOTORS.BO/BSE/suffix"},
		{"Vodafone (VOD.L) slipped in London while SAP (SAP.DE) gained.", "VOD.L/LSE/suffix SAP.DE/XETRA/suffix"},
		{"LVMH (MC.PA) led Paris; Shopify (SHOP.TO) led Toronto.", "MC.PA/Euronext Paris/suffix SHOP.TO/TSX/suffix"},
		{"BHP (BHP.AX) and Samsung (005930.KS) traded higher.", "BHP.AX/ASX/suffix 005930.KS/KRX/suffix"},
	} {
		got := tickerList(defaultTickIndex().Tickers(Input{Markdown: c.text}))
		for _, want := range strings.Fields(c.want) {
			if !strings.Contains(" "+got+" ", " "+want+" ") {
				t.Errorf("%q: got %q, want %s among them", c.text, got, want)
			}
		}
	}
}

// Cashtags follow twitter-text: a "$" counts only after whitespace or the
// start of the text (or an opening bracket or quote), in either case.
func TestCashtagRules(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"Natural gas fell .$NG after the report.", ""},
		{"Traders wrote $$NG in the chat.", ""},
		{"The feed said text$NO and nothing else.", ""},
		{"Traders bought $nvda calls.", "NVDA/NASDAQ/cashtag"},
		{"$AAPL and ($MSFT) both rose.", "AAPL/NASDAQ/cashtag MSFT/NASDAQ/cashtag"},
	} {
		if got := tickerList(defaultTickIndex().Tickers(Input{Markdown: c.text})); got != c.want {
			t.Errorf("%q: got %q, want %q", c.text, got, c.want)
		}
	}
}
