package feed

import (
	"regexp"
	"strings"

	ext "github.com/mmcdole/gofeed/extensions"

	"brief/symbol"
)

// splitTickers collects the symbols a feed tagged an item with and returns
// the categories that are not symbols. Feed tags are the strongest ticker
// signal there is, so they are read in order of trust: Seeking Alpha's
// sa:stock/sa:symbol, Nasdaq's nasdaq:tickers, categories the feed marked as
// symbols, then categories that look like symbols. The result is spelled as
// stored articles spell symbols (symbol.Normalize), without duplicates, in
// that order.
func splitTickers(exts ext.Extensions, d sourceDetails) (tickers, rest []string) {
	seen := map[string]bool{}
	add := func(sym string) {
		if sym != "" && !seen[sym] {
			seen[sym] = true
			tickers = append(tickers, sym)
		}
	}

	// <sa:stock><sa:symbol>AAPL</sa:symbol>...</sa:stock>, and in some
	// Seeking Alpha feeds a bare <sa:symbol> on the item.
	sa := exts["sa"]
	for _, stock := range sa["stock"] {
		for _, s := range stock.Children["symbol"] {
			add(taggedSymbol(s.Value))
		}
	}
	for _, s := range sa["symbol"] {
		add(taggedSymbol(s.Value))
	}
	// <nasdaq:tickers>AAPL,FB,AAPL,FB</nasdaq:tickers>: real feeds repeat.
	for _, e := range exts["nasdaq"]["tickers"] {
		for _, s := range strings.FieldsFunc(e.Value, isListSep) {
			add(taggedSymbol(s))
		}
	}
	for _, c := range d.symbols {
		add(taggedSymbol(c))
	}

	seenCat := map[string]bool{}
	for _, c := range d.categories {
		if sym, ok := categorySymbol(strings.TrimSpace(c)); ok {
			add(sym)
			continue
		}
		if c = cleanLine(c); c != "" && !seenCat[c] {
			seenCat[c] = true
			rest = append(rest, c)
		}
	}
	return tickers, rest
}

func isListSep(r rune) bool {
	return r == ',' || r == ';' || r == '|' || r == ' ' || r == '\t' || r == '\n' || r == '\r'
}

// tagged matches what a feed may put in an element that is meant to hold a
// symbol: letters and digits with the punctuation real symbols use
// (BRK.B, BF-B, PNG:CA, ^GSPC, BTC-USD, EURUSD=X).
var tagged = regexp.MustCompile(`^[A-Z0-9^][A-Z0-9.\-:=^]{0,14}$`)

// taggedSymbol normalises a value from an element that is meant to hold a
// symbol, or returns "" when it cannot be one. Such elements are trusted, so
// the stop-list does not apply: Seeking Alpha's "AI" is C3.ai.
func taggedSymbol(s string) string {
	s = strings.TrimSpace(s)
	if p, _, ok := strings.Cut(s, ":"); ok && !isExchange(p) {
		// Seeking Alpha tags a listing abroad as symbol:country
		// ("PNG:CA"): no exchange prefix, so it goes on whole.
		s = strings.ToUpper(s)
	} else {
		s = symbol.Normalize(s)
	}
	if !tagged.MatchString(s) || !strings.ContainsFunc(s, isUpperASCII) {
		return ""
	}
	return s
}

func isUpperASCII(r rune) bool { return r >= 'A' && r <= 'Z' }

// plainSymbol is the shape of a US symbol: one to five letters, optionally a
// share class (BRK.B, BRK-B, BRK/B).
var plainSymbol = regexp.MustCompile(`^[A-Z]{1,5}(?:[.\-/][A-Z])?$`)

// categorySymbol reports whether a category names a symbol, and which one.
// Categories are mostly topics, so only three shapes count: a cashtag
// ("$AAPL"), an exchange-qualified symbol ("NASDAQ:AAPL", "NYSE:BRK.B",
// "TSX:SHOP"), and a bare all-caps token of one to five letters that is not
// a common abbreviation ("ETF", "CEO", "FOMC").
func categorySymbol(c string) (string, bool) {
	switch {
	case strings.HasPrefix(c, "$"):
		if plainSymbol.MatchString(strings.ToUpper(c[1:])) {
			return symbol.Normalize(c), true
		}
		return "", false
	case strings.Contains(c, ":"):
		exch, sym, _ := strings.Cut(c, ":")
		if isExchange(exch) && plainSymbol.MatchString(strings.ToUpper(strings.TrimSpace(sym))) {
			return symbol.Normalize(c), true
		}
		return "", false
	}
	if !plainSymbol.MatchString(c) {
		return "", false
	}
	sym := symbol.Normalize(c)
	base, _, _ := strings.Cut(sym, ".")
	if notTickers[base] {
		return "", false
	}
	return sym, true
}

// isExchange reports whether p, as written before a colon, is an exchange
// prefix: one whose market the symbol package knows ("NASDAQ", "TSX",
// "HKEX"), or one of the few more that feeds use.
func isExchange(p string) bool {
	if _, ok := symbol.PrefixMarket(p); ok {
		return true
	}
	return moreExchanges[strings.ToUpper(strings.TrimSpace(p))]
}

// moreExchanges are exchange prefixes feeds use that have no market in the
// symbol package; a symbol under them keeps its bare spelling (FRA:SIE is
// SIE).
var moreExchanges = map[string]bool{
	"PINK": true, "CSE": true, "NEO": true, "FRA": true, "STO": true,
	"HEL": true, "CPH": true, "OSL": true, "JSE": true,
}

// notTickers are all-caps words that feeds use as topic categories and that
// would otherwise pass for symbols. Some are also real symbols (AI, IT, GOLD),
// but as a bare category they almost always mean the topic; a feed that means
// the company can say "$AI" or "NYSE:AI".
var notTickers = map[string]bool{
	// roles, events, instruments, measures
	"CEO": true, "CFO": true, "COO": true, "CTO": true, "CIO": true,
	"AI": true, "IPO": true, "IPOS": true, "SPAC": true, "ETF": true,
	"ETFS": true, "ETN": true, "REIT": true, "ADR": true, "NFT": true,
	"EPS": true, "GDP": true, "CPI": true, "PPI": true, "PCE": true,
	"PMI": true, "ISM": true, "NFP": true, "YOY": true, "QOQ": true,
	"YTD": true, "ROI": true, "ROE": true, "NAV": true, "AUM": true,
	"ESG": true, "PR": true, "FX": true, "IT": true, "TV": true,
	"EV": true, "EVS": true, "API": true, "OTC": true, "ATM": true,
	"CD": true, "CDS": true, "IRA": true, "LLC": true, "INC": true,
	"LTD": true, "PLC": true, "CORP": true, "FY": true, "OPED": true,
	"FAQ": true,
	// currencies and places
	"USD": true, "EUR": true, "GBP": true, "JPY": true, "CNY": true,
	"CAD": true, "AUD": true, "CHF": true, "HKD": true, "INR": true,
	"US": true, "USA": true, "UK": true, "EU": true, "HK": true,
	"UAE": true, "ASIA": true, "CHINA": true, "JAPAN": true, "INDIA": true,
	"EMEA": true, "APAC": true, "LATAM": true,
	// institutions, exchanges and media
	"SEC": true, "FOMC": true, "FED": true, "FDA": true, "FTC": true,
	"DOJ": true, "IRS": true, "IMF": true, "ECB": true, "BOE": true,
	"BOJ": true, "PBOC": true, "OPEC": true, "WTO": true, "NATO": true,
	"NYSE": true, "AMEX": true, "CBOE": true, "CME": true,
	"CNBC": true, "AP": true, "BBC": true, "CNN": true, "WSJ": true,
	"FT": true, "NYT": true, "NPR": true, "AFP": true,
	// topic words
	"NEWS": true, "TECH": true, "OIL": true, "GAS": true, "GOLD": true,
	"WORLD": true, "MONEY": true, "BONDS": true, "RATES": true, "BANKS": true,
	"AUTOS": true, "MEDIA": true, "DEALS": true, "FUNDS": true, "FOREX": true,
	"STOCK": true, "TRADE": true, "TOP": true, "HOT": true, "LIVE": true,
	"VIDEO": true, "AUDIO": true, "ALERT": true, "PRESS": true, "LAW": true,
	"HR": true, "PE": true, "VC": true, "AM": true, "PM": true, "ET": true,
	"EST": true, "EDT": true, "GMT": true, "UTC": true, "COVID": true,
}
