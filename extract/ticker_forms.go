package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"brief/symbol"
)

// exchange: "NYSE: BABA", "(NASDAQ:NVDA)", "HKEX:9988", "NYSE American: X",
// and lists under one prefix ("NASDAQ: GOOGL, GOOG"). The symbol counts
// even when the directory lacks it: the prefix says it is one.
func (s *tickScan) exchange(i int, w string) bool {
	toks, text := s.tt.toks, s.tt.text
	name, j := w, i
	switch {
	case s.followedBy(i, ':'):
	case i+1 < len(toks) && s.followedBy(i+1, ':') && s.gap(i, i+1) == " ":
		name, j = text[toks[i].start:toks[i+1].end()], i+1
	default:
		return false
	}
	if !tickExchangeWord(w, toks[i].flags) {
		return false
	}
	market, ok := symbol.PrefixMarket(name)
	if !ok || j+1 >= len(toks) {
		return false
	}
	k := j + 1
	if g := text[toks[j].fullEnd()+1 : toks[k].start]; len(g) > 2 || strings.TrimLeft(g, " ") != "" {
		return false
	}
	sym := s.tt.str(k)
	if !tickSymbolShape(sym) {
		return false
	}
	norm, ok := symbol.Qualify(name, sym)
	if !ok {
		return false
	}
	s.exchangeHit(norm, market, i, k)
	for k+1 < len(toks) {
		n := k + 1
		switch s.gap(k, n) {
		case ", ", ",", "/", " / ":
		default:
			return true
		}
		if s.followedBy(n, ':') {
			return true // another exchange prefix
		}
		sym := s.tt.str(n)
		if !tickSymbolShape(sym) {
			return true
		}
		norm, ok := symbol.Qualify(name, sym)
		if !ok || s.d.lookupListed(norm) < 0 {
			return true
		}
		s.exchangeHit(norm, market, n, n)
		k = n
	}
	return true
}

func (s *tickScan) exchangeHit(norm string, market symbol.Market, from, at int) {
	sec := s.d.lookupListed(norm)
	s.hit(tickRankExchange, sec, norm, at, at)
	if h := s.hits[len(s.hits)-1]; sec < 0 {
		s.unknown[h.unk].exch = market.Name
	}
	s.use(from, at)
}

// tickExchangeWord reports whether w can be an exchange prefix as written
// in copy: all capitals ("NYSE", "HKEX"), the mixed-case spellings of the
// US markets ("Nasdaq", "NYSEArca"), or a capitalised name of five letters
// or more ("Tadawul", "Xetra"); shorter capitalised words ("Six", "Bit")
// are too often words.
func tickExchangeWord(w string, flags uint16) bool {
	if flags&tickIsCaps != 0 {
		return true
	}
	if len(w) >= 5 && 'A' <= w[0] && w[0] <= 'Z' {
		return true
	}
	return len(w) >= 4 && strings.EqualFold(w[:4], "NYSE")
}

// suffix: "9988.HK", "SHOP.TO", "VOD.L", "7203.T", "005930.KS",
// "2222.SR", "RELIANCE.NS", "NOVO-B.CO", and "NVDA.US" as Chinese sites
// write an American symbol. The part before the suffix must have the shape
// of that market's codes, which keeps "U.S.CO" and "Q3.L" out.
func (s *tickScan) suffix(i int, w string) bool {
	dot := strings.LastIndexByte(w, '.')
	if dot <= 0 {
		return false
	}
	market, ok := symbol.SuffixMarket(w[dot+1:])
	if !ok {
		return false
	}
	base := w[:dot]
	norm := symbol.Normalize(w)
	sec := s.d.lookupListed(norm)
	switch {
	case market.Name == "":
		// ".US" adds nothing to the symbol: only a known one counts.
		if _, ok := tickClassSymbol(base); !ok || sec < 0 {
			return false
		}
	case market.Numeric:
		if !tickSuffixCode(base, market.Suffix) {
			return false
		}
	case !tickSuffixBase(base, market.Suffix) || len(base) == 1 && sec < 0:
		return false
	}
	s.hit(tickRankSuffix, sec, norm, i, i)
	return true
}

// tickSuffixCode checks the digit code of a listing: 1–5 digits in Hong
// Kong, 4 in Tokyo (the newest end in a letter), Riyadh and Kuala Lumpur,
// 4–6 in Taiwan, 6 in Korea and mainland China.
func tickSuffixCode(base, suffix string) bool {
	switch suffix {
	case "HK":
		return len(base) <= 5 && tickAllDigits(base)
	case "T":
		return len(base) == 4 && tickAllDigits(base[:3]) && (tickAllDigits(base[3:]) || 'A' <= base[3] && base[3] <= 'Z')
	case "SR", "KL":
		return len(base) == 4 && tickAllDigits(base)
	case "TW", "TWO":
		return len(base) >= 4 && len(base) <= 6 && tickAllDigits(base)
	default:
		return len(base) == 6 && tickAllDigits(base)
	}
}

// tickSuffixBase checks the symbol of a listing in a market of letter
// symbols: up to six capitals and digits with a letter among them ("SAP",
// "1COV", "PETR4"), optionally with a one- or two-letter class ("BBD.B",
// "NOVO-B"). Indian symbols run to twelve characters with "&" and "-"
// ("M&M", "BAJAJ-AUTO"), and Bombay also has six-digit codes.
func tickSuffixBase(base, suffix string) bool {
	letter := false
	switch suffix {
	case "NS", "BO":
		if len(base) > 12 || !tickWordByte(base[0]) {
			return false
		}
		for j := 0; j < len(base); j++ {
			c := base[j]
			switch {
			case 'A' <= c && c <= 'Z':
				letter = true
			case '0' <= c && c <= '9', c == '&', c == '-':
			default:
				return false
			}
		}
		return letter || suffix == "BO" && len(base) == 6 && tickAllDigits(base)
	}
	main := base
	if j := tickDotDash.index(base); j >= 0 {
		main = base[:j]
		class := base[j+1:]
		if len(main) < 2 || class == "" || len(class) > 2 || !tickCaps(class) {
			return false
		}
	}
	maxLen := 6
	if suffix == "MX" {
		maxLen = 8 // WALMEX, GFNORTEO
	}
	if len(main) > maxLen || !tickPlainSymbol(main) {
		return false
	}
	for j := 0; j < len(main); j++ {
		if c := main[j]; 'A' <= c && c <= 'Z' {
			letter = true
		}
	}
	return letter
}

// cashtag: "$AAPL", "$BRK.B", "$nvda"; never "$53B", "$5", "US$5". As in
// twitter-text, the "$" must open the text or follow a space, an opening
// bracket or quote (or markdown emphasis, which is markup, not text):
// ".$NG", "$$NG" and "text$NO" are not cashtags, and are nothing else
// either. A cashtag in lower or mixed case counts only for a symbol the
// directory knows that is not a word.
func (s *tickScan) cashtag(i int, w string) bool {
	text := s.tt.text
	st := int(s.tt.toks[i].start)
	if st == 0 || text[st-1] != '$' || !tickCashtagLead(text, st-1) {
		return false
	}
	base, ok := tickClassSymbol(w)
	if !ok {
		if s.tt.toks[i].flags&tickIsCaps != 0 {
			return false
		}
		up := strings.ToUpper(w)
		if base, ok = tickClassSymbol(up); !ok {
			return false
		}
		sec := s.d.lookup(symbol.Normalize(up))
		if sec < 0 || s.d.wordLike(sec) {
			return false
		}
		s.hit(tickRankCashtag, sec, "", i, i)
		return true
	}
	norm := symbol.Normalize(w)
	sec := s.d.lookup(norm)
	if sec < 0 && (len(base) < 2 || tickerAbbrevs[norm] || tickerAbbrevs[base]) {
		return false
	}
	s.hit(tickRankCashtag, sec, norm, i, i)
	return true
}

// tickCashtagLead reports whether the "$" at text[d] may start a cashtag:
// it opens the text or follows a space, an opening bracket or quote, or a
// markdown emphasis mark.
func tickCashtagLead(text string, d int) bool {
	if d == 0 {
		return true
	}
	c := text[d-1]
	if c < utf8.RuneSelf {
		switch c {
		case ' ', '\t', '\n', '\r', '(', '[', '{', '"', '\'', '*', '_', '~':
			return true
		}
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(text[:d])
	switch r {
	case '“', '‘', '«', '‹', '（', '［', '｛', '「', '『', '【', '〔', '〈', '《':
		return true
	}
	return unicode.IsSpace(r)
}

// The separators of a class share ("BRK.B", "BRK-B", "BRK/B").
var tickDotDash, tickClassSeps = newASCIISet(".-"), newASCIISet(".-/")

// classForm: a class share or crypto pair written out, "BRK-B", "BRK/B",
// "BTC-USD", which only a symbol looks like; it counts when known.
func (s *tickScan) classForm(i int, w string) bool {
	if tickClassSeps.index(w) < 0 {
		return false
	}
	if _, ok := tickClassSymbol(w); !ok {
		return false
	}
	sec := s.d.lookupListed(symbol.Normalize(w))
	if sec < 0 {
		return false
	}
	s.hit(tickRankDirectory, sec, "", i, i)
	return true
}

// tickSymbolShape accepts what may follow an exchange prefix: capitals and
// digits with the separators of class shares and suffixes.
func tickSymbolShape(w string) bool {
	if w == "" || len(w) > 12 {
		return false
	}
	for j := 0; j < len(w); j++ {
		c := w[j]
		if !('A' <= c && c <= 'Z' || '0' <= c && c <= '9' || j > 0 && (c == '.' || c == '-' || c == '/')) {
			return false
		}
	}
	return true
}

// tickPlainSymbol accepts capitals and digits only, starting with a letter
// or digit.
func tickPlainSymbol(w string) bool {
	if w == "" {
		return false
	}
	for j := 0; j < len(w); j++ {
		if c := w[j]; !('A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// tickClassSymbol accepts a letters-only symbol of up to six capitals,
// with an optional class or pair part ("BRK.B", "BRK-B", "BTC-USD"), and
// returns the part before the separator.
func tickClassSymbol(w string) (string, bool) {
	base, tail := w, ""
	if j := tickClassSeps.index(w); j >= 0 {
		base, tail = w[:j], w[j+1:]
		if tail == "" || len(tail) > 4 || !tickCaps(tail) {
			return "", false
		}
	}
	if base == "" || len(base) > 6 || !tickCaps(base) {
		return "", false
	}
	return base, true
}

func tickCaps(w string) bool {
	for j := 0; j < len(w); j++ {
		if c := w[j]; c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}
