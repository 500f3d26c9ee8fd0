// Package symbol owns what a ticker symbol is in brief: how people and
// copy write one ("$nvda", "brk-b", "HKEX:700"), the one spelling stored
// articles use (NVDA, BRK.B, 0700.HK), the markets behind exchange
// prefixes and listing suffixes, and the directory of securities the
// ticker detector knows. Every entry point (config, commands, the reader,
// feeds, extraction, the store's filters) spells symbols through it, so a
// symbol written one way anywhere matches it written any other way.
package symbol

import "strings"

// Normalize returns the one spelling brief stores a symbol under, so
// that every way a feed or an article writes it lands on the same ticker:
//
//   - upper case, surrounding space and a leading "$" removed;
//   - an exchange prefix becomes the exchange's suffix: "HKEX:9988" and
//     "HKG: 9988" → "9988.HK", "TSX:SHOP" → "SHOP.TO", "NASDAQ:NVDA" → "NVDA";
//   - class shares take a dot: "BRK-B", "BRK/B" and "BRK.B" → "BRK.B";
//   - crypto pairs take a hyphen: "ETH/USD", "eth-usd" → "ETH-USD";
//   - Hong Kong codes have four digits: "700.HK", "00700.HK" → "0700.HK";
//   - Shanghai is ".SS" ("600519.SH" → "600519.SS"), and the ".US" that
//     Chinese sites put on American symbols goes ("NVDA.US" → "NVDA").
//
// Normalize is purely a matter of spelling and knows no directory, so a
// bare crypto code stays as written ("BTC"); Directory.Lookup maps it to
// the crypto's own symbol, "BTC-USD", which no equity can take. Its result
// need not be a symbol at all (see Valid and Parse).
func Normalize(s string) string {
	if normalAlready(s) {
		return s
	}
	s = strings.ToUpper(strings.TrimSpace(s))
	s = strings.TrimLeft(s, "$")
	if i := strings.IndexByte(s, ':'); i > 0 {
		if q, ok := Qualify(s[:i], strings.TrimSpace(s[i+1:])); ok {
			return q
		}
		s = strings.TrimSpace(s[i+1:])
	}
	i := strings.LastIndexAny(s, ".-/")
	if i <= 0 || i == len(s)-1 {
		return s
	}
	base, suffix := s[:i], s[i+1:]
	if cryptoQuotes[suffix] && allLetters(base) && s[i] != '.' {
		return base + "-" + suffix
	}
	switch {
	case suffix == "HK" && allDigits(base):
		return hongKongCode(base) + ".HK"
	case suffix == "SH" && allDigits(base):
		return base + ".SS"
	case suffix == "US" && s[i] == '.':
		return Normalize(base)
	}
	return base + "." + suffix
}

// CryptoQuote reports whether code is a currency crypto pairs are quoted
// in: the USD of "BTC-USD".
func CryptoQuote(code string) bool { return cryptoQuotes[code] }

// cryptoQuotes are the currencies a crypto pair is quoted in; "BTC-USD" is
// a pair, while "BRK-B" is a class share.
var cryptoQuotes = map[string]bool{"USD": true, "USDT": true, "USDC": true, "EUR": true, "GBP": true, "JPY": true}

// hongKongCode writes a Hong Kong stock code with four digits, the form
// quote services use: 700 and 00700 are both 0700.
func hongKongCode(digits string) string {
	digits = strings.TrimLeft(digits, "0")
	if len(digits) < 4 {
		digits = strings.Repeat("0", 4-len(digits)) + digits
	}
	return digits
}

// A Market is how an exchange appears in copy: its name as a ticker
// prefix ("HKEX:") and the suffix its symbols take ("9988.HK").
type Market struct {
	Name    string // display name stored in Ticker.Exchange
	Suffix  string // "" for US markets
	Numeric bool   // symbols are digit codes (Hong Kong, Tokyo, Taiwan, ...)
}

// prefixes maps an exchange prefix, upper-cased with spaces removed,
// to its market. "TSE" is Tokyo for digit codes and Toronto otherwise,
// which is how both are written in practice.
var prefixes = map[string]Market{
	"NYSE":         {Name: "NYSE"},
	"NASDAQ":       {Name: "NASDAQ"},
	"NASDAQGS":     {Name: "NASDAQ"},
	"NASDAQGM":     {Name: "NASDAQ"},
	"NASDAQCM":     {Name: "NASDAQ"},
	"NYSEARCA":     {Name: "NYSE Arca"},
	"ARCA":         {Name: "NYSE Arca"},
	"NYSEAMERICAN": {Name: "NYSE American"},
	"NYSEMKT":      {Name: "NYSE American"},
	"AMEX":         {Name: "NYSE American"},
	"CBOE":         {Name: "CBOE"},
	"BATS":         {Name: "CBOE"},
	"OTC":          {Name: "OTC"},
	"OTCMKTS":      {Name: "OTC"},
	"OTCQX":        {Name: "OTC"},
	"OTCQB":        {Name: "OTC"},
	"OTCPINK":      {Name: "OTC"},
	"HKEX":         {Name: "HKEX", Suffix: "HK", Numeric: true},
	"HKG":          {Name: "HKEX", Suffix: "HK", Numeric: true},
	"SEHK":         {Name: "HKEX", Suffix: "HK", Numeric: true},
	"TSX":          {Name: "TSX", Suffix: "TO"},
	"TSXV":         {Name: "TSXV", Suffix: "V"},
	"CVE":          {Name: "TSXV", Suffix: "V"},
	"LSE":          {Name: "LSE", Suffix: "L"},
	"LON":          {Name: "LSE", Suffix: "L"},
	"TYO":          {Name: "TYO", Suffix: "T", Numeric: true},
	"JPX":          {Name: "TYO", Suffix: "T", Numeric: true},
	"TSE":          {Name: "TYO", Suffix: "T", Numeric: true},
	"TWSE":         {Name: "TWSE", Suffix: "TW", Numeric: true},
	"TPE":          {Name: "TWSE", Suffix: "TW", Numeric: true},
	"TPEX":         {Name: "TPEx", Suffix: "TWO", Numeric: true},
	"KRX":          {Name: "KRX", Suffix: "KS", Numeric: true},
	"KOSPI":        {Name: "KRX", Suffix: "KS", Numeric: true},
	"KOSDAQ":       {Name: "KOSDAQ", Suffix: "KQ", Numeric: true},
	"SSE":          {Name: "SSE", Suffix: "SS", Numeric: true},
	"SHA":          {Name: "SSE", Suffix: "SS", Numeric: true},
	"SZSE":         {Name: "SZSE", Suffix: "SZ", Numeric: true},
	"SHE":          {Name: "SZSE", Suffix: "SZ", Numeric: true},
	"ASX":          {Name: "ASX", Suffix: "AX"},
	"XETRA":        {Name: "XETRA", Suffix: "DE"},
	"ETR":          {Name: "XETRA", Suffix: "DE"},
	"EPA":          {Name: "Euronext Paris", Suffix: "PA"},
	"AMS":          {Name: "Euronext Amsterdam", Suffix: "AS"},
	"SIX":          {Name: "SIX", Suffix: "SW"},
	"SWX":          {Name: "SIX", Suffix: "SW"},
	"BIT":          {Name: "Borsa Italiana", Suffix: "MI"},
	"BME":          {Name: "BME", Suffix: "MC"},
	"NSE":          {Name: "NSE", Suffix: "NS"},
	"BSE":          {Name: "BSE", Suffix: "BO"},
	"SGX":          {Name: "SGX", Suffix: "SI"},
	"TADAWUL":      {Name: "Tadawul", Suffix: "SR", Numeric: true},
}

// suffixes maps a listing suffix to its market, for symbols such as
// "SHOP.TO" that carry their exchange with them. Yahoo Finance's suffixes
// are the ones copy uses; ".SH" (Shanghai as Chinese sites write it) is
// stored as ".SS", and ".US" is dropped (see Normalize).
var suffixes = map[string]Market{
	"HK":  {Name: "HKEX", Suffix: "HK", Numeric: true},
	"T":   {Name: "TYO", Suffix: "T", Numeric: true},
	"TW":  {Name: "TWSE", Suffix: "TW", Numeric: true},
	"TWO": {Name: "TPEx", Suffix: "TWO", Numeric: true},
	"KS":  {Name: "KRX", Suffix: "KS", Numeric: true},
	"KQ":  {Name: "KOSDAQ", Suffix: "KQ", Numeric: true},
	"SS":  {Name: "SSE", Suffix: "SS", Numeric: true},
	"SH":  {Name: "SSE", Suffix: "SS", Numeric: true},
	"SZ":  {Name: "SZSE", Suffix: "SZ", Numeric: true},
	"SR":  {Name: "Tadawul", Suffix: "SR", Numeric: true},
	"KL":  {Name: "Bursa Malaysia", Suffix: "KL", Numeric: true},
	"TO":  {Name: "TSX", Suffix: "TO"},
	"V":   {Name: "TSXV", Suffix: "V"},
	"L":   {Name: "LSE", Suffix: "L"},
	"AX":  {Name: "ASX", Suffix: "AX"},
	"DE":  {Name: "XETRA", Suffix: "DE"},
	"PA":  {Name: "Euronext Paris", Suffix: "PA"},
	"AS":  {Name: "Euronext Amsterdam", Suffix: "AS"},
	"BR":  {Name: "Euronext Brussels", Suffix: "BR"},
	"LS":  {Name: "Euronext Lisbon", Suffix: "LS"},
	"IR":  {Name: "Euronext Dublin", Suffix: "IR"},
	"SW":  {Name: "SIX", Suffix: "SW"},
	"MI":  {Name: "Borsa Italiana", Suffix: "MI"},
	"MC":  {Name: "BME", Suffix: "MC"},
	"VI":  {Name: "Vienna", Suffix: "VI"},
	"ST":  {Name: "Nasdaq Stockholm", Suffix: "ST"},
	"CO":  {Name: "Nasdaq Copenhagen", Suffix: "CO"},
	"HE":  {Name: "Nasdaq Helsinki", Suffix: "HE"},
	"OL":  {Name: "Oslo Bors", Suffix: "OL"},
	"WA":  {Name: "GPW", Suffix: "WA"},
	"IS":  {Name: "Borsa Istanbul", Suffix: "IS"},
	"TA":  {Name: "TASE", Suffix: "TA"},
	"JO":  {Name: "JSE", Suffix: "JO"},
	"NS":  {Name: "NSE", Suffix: "NS"},
	"BO":  {Name: "BSE", Suffix: "BO"},
	"SI":  {Name: "SGX", Suffix: "SI"},
	"JK":  {Name: "IDX", Suffix: "JK"},
	"BK":  {Name: "SET", Suffix: "BK"},
	"NZ":  {Name: "NZX", Suffix: "NZ"},
	"SA":  {Name: "B3", Suffix: "SA"},
	"MX":  {Name: "BMV", Suffix: "MX"},
	"US":  {Name: "", Suffix: ""},
}

// PrefixMarket looks up an exchange prefix as written in copy ("Nasdaq",
// "NYSE American", "HKG").
func PrefixMarket(prefix string) (Market, bool) {
	var buf [24]byte
	n := 0
	for i := 0; i < len(prefix); i++ {
		c := prefix[i]
		if c == ' ' {
			continue
		}
		if n == len(buf) {
			return Market{}, false
		}
		buf[n] = upperByte(c)
		n++
	}
	m, ok := prefixes[string(buf[:n])]
	return m, ok
}

// SuffixMarket looks up a listing suffix, upper case and without its dot
// ("HK", "TO"). "US" is known, with an empty market: it is dropped.
func SuffixMarket(suffix string) (Market, bool) {
	m, ok := suffixes[suffix]
	return m, ok
}

// Qualify turns an exchange prefix and a symbol into the normalised
// symbol: ("HKEX", "9988") → "9988.HK", ("TSX", "SHOP") → "SHOP.TO". It
// reports false for a prefix it does not know and for a symbol the
// market cannot list ("HKEX", "BABA").
func Qualify(prefix, sym string) (string, bool) {
	m, ok := PrefixMarket(prefix)
	if !ok || sym == "" {
		return "", false
	}
	sym = strings.ToUpper(sym)
	if m.Suffix == "T" && !allDigits(sym[:1]) {
		// "TSE: SHOP" is Toronto; Tokyo codes start with a digit.
		m = prefixes["TSX"]
	}
	if m.Suffix == "" {
		return Normalize(sym), true
	}
	if m.Numeric && !allDigits(sym[:1]) {
		return "", false
	}
	if strings.HasSuffix(sym, "."+m.Suffix) {
		sym = sym[:len(sym)-len(m.Suffix)-1]
	}
	if m.Suffix == "HK" {
		if !allDigits(sym) {
			return "", false
		}
		return hongKongCode(sym) + ".HK", true
	}
	return Normalize(sym) + "." + m.Suffix, true
}

// Exchange says where a normalised symbol trades, from its suffix, for
// symbols the directory does not know: "SHOP.TO" is on the TSX. A symbol
// without a suffix it knows gives "".
func Exchange(sym string) string {
	i := strings.LastIndexByte(sym, '.')
	if i < 0 {
		return ""
	}
	return suffixes[sym[i+1:]].Name
}

func upperByte(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func allLetters(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 'A' || c > 'Z') && (c < 'a' || c > 'z') {
			return false
		}
	}
	return true
}

// normalAlready spots the common case, a symbol already in normal form
// (capitals and digits, at most one dot, not a short Hong Kong code), so
// that the ticker scanner normalises without allocating.
func normalAlready(s string) bool {
	if s == "" {
		return false
	}
	dot := -1
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'A' <= c && c <= 'Z' || '0' <= c && c <= '9':
		case c == '.' && dot < 0 && i > 0 && i < len(s)-1:
			dot = i
		default:
			return false
		}
	}
	if dot < 0 {
		return true
	}
	switch s[dot+1:] {
	case "HK":
		return dot == 4 || dot == 5 && s[0] != '0'
	case "SH", "US":
		return false
	}
	return true
}
