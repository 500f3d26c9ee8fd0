package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"brief/symbol"
)

// tickHit is one textual mention of a security. It is kept small: a
// megabyte of market news holds tens of thousands of them.
type tickHit struct {
	sec  int32 // directory index, or -1 for a symbol the directory lacks
	unk  int32 // when sec is -1: index into tickScan.unknown
	tok  int32 // first word of the mention
	last int32 // last word (an alias may span several)
	sig  uint8 // index into tickSignals
}

// tickUnknown is a symbol the directory lacks, as a signal found it.
type tickUnknown struct{ sym, exch string }

// tickSignals lists the signals strongest first; a hit stores its index,
// one of the tickRank constants.
var tickSignals = [...]Signal{SignalFeed, SignalExchange, SignalSuffix, SignalParen, SignalCashtag, SignalChip, SignalAlias, SignalDirectory}

const (
	tickRankFeed uint8 = iota
	tickRankExchange
	tickRankSuffix
	tickRankParen
	tickRankCashtag
	tickRankChip
	tickRankAlias
	tickRankDirectory
)

// tickWeak is a mention that counts only if the rest of the text agrees: a
// bare all-caps symbol, or an alias that is also a common word.
type tickWeak struct {
	tickHit
	ambiguous bool // an ambiguous alias; otherwise a bare symbol
	ok        bool // its own context already confirms it
	veto      bool // its context rules it out ("the Dow")
}

// tickScan finds the mentions in one text: an article's title or its
// body. The two are scanned apart, so that a megabyte body need not be
// copied to put the title in front of it.
type tickScan struct {
	d       *tickIndex
	tt      tickTokens
	hits    []tickHit
	weak    []tickWeak
	unknown []tickUnknown
	chips   int  // hits[:chips] come from the chip pass
	title   bool // this is the title: everything named here is primary
}

func (d *tickIndex) scan(text string) *tickScan {
	s := &tickScan{d: d}
	s.tt = tickTokenize(text, make([]tickTok, 0, len(text)/6+8))
	s.hits = make([]tickHit, 0, len(s.tt.toks)/8+8)
	// Chips go first: the company name glued to a chip ("Berkshire
	// HathawayBRK.B--") is part of that one mention, not an alias of its own.
	for i := range s.tt.toks {
		if s.tt.toks[i].flags&tickIsChip != 0 && s.chipMarked(i) {
			s.chip(i)
		}
	}
	s.chips = len(s.hits)
	toks, text, d := s.tt.toks, s.tt.text, s.d
	for i := range toks {
		t := toks[i]
		if t.flags&(tickIsCaps|tickIsSep) == 0 {
			// Most words of an article are plain words: rule them out
			// here, without a call, unless they might start an alias or
			// be an exchange prefix.
			if t.start > 0 && text[t.start-1] == '$' {
				s.token(i) // a cashtag in lower case: "$nvda"
				continue
			}
			w := text[t.start:t.end()]
			starts := &d.starts
			if t.flags&tickIsLower != 0 {
				starts = &d.lowerStarts
			} else if e := int(t.end()); e < len(text) && text[e] == ':' {
				starts = nil // a capitalised word may be an exchange: "Nasdaq: AAPL"
			}
			if starts != nil && starts[tickStartKey(w)]&tickLenBit(w) == 0 {
				continue
			}
		}
		s.token(i)
	}
	return s
}

func (s *tickScan) token(i int) {
	flags := s.tt.toks[i].flags
	if flags&(tickIsUsed|tickIsAmp) != 0 {
		return
	}
	w := s.tt.str(i)
	if st := s.tt.toks[i].start; st > 0 && s.tt.text[st-1] == '$' {
		// A word glued to "$" is a cashtag or nothing: in ".$NG" or
		// "text$NO" it is not a bare symbol or a name either.
		if tickCashtagLead(s.tt.text, int(st)-1) && !s.cashtag(i, w) && flags&tickIsSep != 0 && flags&tickIsCaps != 0 {
			s.suffix(i, w)
		}
		return
	}
	if flags&tickIsCaps == 0 {
		// Most words: a lower-case word can only start an alias, a
		// capitalised one also an exchange prefix ("Nasdaq: AAPL").
		if flags&tickIsLower == 0 && s.exchange(i, w) {
			return
		}
		s.alias(i, w)
		return
	}
	sep := flags&tickIsSep != 0
	if s.exchange(i, w) || sep && s.suffix(i, w) || sep && s.classForm(i, w) || s.abbreviates(i, w) || s.paren(i) {
		return
	}
	info := s.d.capsInfo(w)
	if len(info.cands) > 0 && s.aliasFrom(i, info.cands) {
		return
	}
	s.bare(i, w, info)
}

func (s *tickScan) use(from, to int) {
	for k := from; k <= to; k++ {
		s.tt.toks[k].flags |= tickIsUsed
	}
}

func (s *tickScan) hit(rank uint8, sec int32, sym string, from, to int) {
	h := tickHit{sec: sec, sig: rank, tok: int32(from), last: int32(to)}
	if sec < 0 {
		h.unk = s.addUnknown(sym, symbol.Exchange(sym))
	}
	s.hits = append(s.hits, h)
	s.use(from, to)
}

func (s *tickScan) addUnknown(sym, exch string) int32 {
	s.unknown = append(s.unknown, tickUnknown{sym, exch})
	return int32(len(s.unknown) - 1)
}

// gap is the text between words a and b.
func (s *tickScan) gap(a, b int) string {
	return s.tt.text[s.tt.toks[a].fullEnd():s.tt.toks[b].start]
}

// followedBy reports whether the character right after word i is c.
func (s *tickScan) followedBy(i int, c byte) bool {
	e := int(s.tt.toks[i].fullEnd())
	return e < len(s.tt.text) && s.tt.text[e] == c
}

// sameSentence reports whether words a < b are in one sentence.
func (s *tickScan) sameSentence(a, b int) bool {
	for k := a + 1; k <= b; k++ {
		if s.tt.toks[k].flags&tickIsSentStart != 0 {
			return false
		}
	}
	return true
}

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
	if j := strings.IndexAny(base, ".-"); j >= 0 {
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

// classForm: a class share or crypto pair written out, "BRK-B", "BRK/B",
// "BTC-USD", which only a symbol looks like; it counts when known.
func (s *tickScan) classForm(i int, w string) bool {
	if strings.IndexAny(w, ".-/") < 0 {
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

// paren: "Alibaba Group (BABA)", "Coupang Inc. (CPNG)", and lists such as
// "(AAPL, MSFT)". A known symbol counts unless it is a common word, which
// then needs its own company's name before it ("Citigroup (C)"). An unknown
// one needs a capitalised name before it that it does not abbreviate:
// "Coupang Inc. (CPNG)" is a ticker, "International Monetary Fund (IMF)"
// is not.
func (s *tickScan) paren(i int) bool {
	toks, text := s.tt.toks, s.tt.text
	open := tickOpenParen(text, int(toks[i].start))
	if open == 0 {
		return false
	}
	var buf [6]int
	members := append(buf[:0], i)
	for k := i; ; {
		if e := int(toks[k].fullEnd()); e < len(text) && (text[e] == ')' || strings.HasPrefix(text[e:], "）")) {
			break
		}
		if k+1 >= len(toks) || len(members) == len(buf) {
			return false
		}
		switch s.gap(k, k+1) {
		case ", ", ",", "/", " / ", "; ", ";", "、", "，":
		default:
			return false
		}
		k++
		members = append(members, k)
	}
	p := i - 1
	if p >= 0 {
		g := text[toks[p].fullEnd() : int(toks[i].start)-open]
		g = strings.TrimRight(g, " ")
		if len(g) > 1 || (g != "" && g != "." && g != ",") {
			p = -1
		}
	}
	handled := false
	for _, k := range members {
		if toks[k].flags&tickIsUsed == 0 && s.parenSymbol(k, p) {
			handled = true
		}
	}
	return handled
}

// tickOpenParen returns the length of the opening parenthesis right
// before text[i], "(" or the full-width "（" of Chinese and Japanese copy,
// or 0.
func tickOpenParen(text string, i int) int {
	switch {
	case i > 0 && text[i-1] == '(':
		return 1
	case strings.HasSuffix(text[:i], "（"):
		return len("（")
	}
	return 0
}

func (s *tickScan) parenSymbol(k, p int) bool {
	w := s.tt.str(k)
	base, ok := tickClassSymbol(w)
	if !ok || s.tt.toks[k].flags&tickIsPossessive != 0 {
		return false
	}
	norm := symbol.Normalize(w)
	if tickerAbbrevs[norm] || tickerAbbrevs[base] {
		return false
	}
	if sec := s.d.lookup(norm); sec >= 0 {
		// A common word, or the initials of the words before it, is a
		// ticker only after its company's own name: "Citigroup (C)",
		// "Advanced Micro Devices (AMD)", but not "Department of Government
		// Efficiency (DOGE)".
		if s.d.wordLike(sec) || p >= 0 && s.acronym(p, base) {
			named := p >= 0 && (s.aliasEndsWith(sec, p, s.tt.str(p), s.tt.toks[p].flags) >= 0 || s.nameEndsAt(sec, p))
			if !named {
				return false
			}
		}
		s.hit(tickRankParen, sec, "", k, k)
		return true
	}
	if p < 0 || !s.capitalisedName(p) || len(base) < 2 || len(base) > 5 || tickerWords[base] || s.acronym(p, base) {
		return false
	}
	s.hit(tickRankParen, -1, norm, k, k)
	return true
}

// nameEndsAt reports whether the words ending at p are the security's
// registered name, or its start, in any case: "AAR Corp. (AIR)" for an
// imported "AAR CORP", which has no aliases.
func (s *tickScan) nameEndsAt(sec int32, p int) bool {
	a, ok := compileAlias(s.d.secs[sec].Name, sec, new([]tickTok))
	if !ok {
		return false
	}
	words := a.words
	if words[0] == "The" || words[0] == "THE" {
		words = words[1:]
	}
	for k := 0; k < len(words) && k <= p; k++ {
		first := p - k
		match := true
		for x := 0; x <= k; x++ {
			if !strings.EqualFold(s.tt.str(first+x), words[x]) || x > 0 && !tickAliasGap(s.gap(first+x-1, first+x)) {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

// tickFunctionWords start sentences without naming anything.
var tickFunctionWords = tickerSet(`The A An And Of In On At For To By With From Its Their Our This That These Those Both`)

func (s *tickScan) capitalisedName(p int) bool {
	w := s.tt.str(p)
	c := w[0]
	return ('A' <= c && c <= 'Z' || '0' <= c && c <= '9') && !tickFunctionWords[w]
}

// acronym reports whether sym abbreviates the capitalised words ending at
// word p: "Chief Executive Officer" → CEO, "Department of Government
// Efficiency" → DOGE. Such a parenthesis defines an abbreviation.
func (s *tickScan) acronym(p int, sym string) bool {
	var initials [32]byte
	n := 0
	from := p
	for k := p; k >= 0 && p-k < 8; k-- {
		w := s.tt.str(k)
		if s.tt.toks[k].flags&tickIsLower != 0 && !tickAcronymGlue[w] {
			break
		}
		from = k
		if s.tt.toks[k].flags&tickIsSentStart != 0 {
			break
		}
	}
	for k := from; k <= p && n < len(initials); k++ {
		w := s.tt.str(k)
		if s.tt.toks[k].flags&tickIsCaps != 0 {
			initials[n] = w[0]
			n++
			continue
		}
		for j := 0; j < len(w) && n < len(initials); j++ {
			if c := w[j]; 'A' <= c && c <= 'Z' {
				initials[n] = c
				n++
			}
		}
	}
	j := 0
	for k := 0; k < n && j < len(sym); k++ {
		if initials[k] == sym[j] {
			j++
		}
	}
	return j == len(sym)
}

var tickAcronymGlue = tickerSet(`of and for the de on in to &`)

// abbreviates reports whether word w, opening parentheses, spells the
// initials of the lower-case words right before them: it defines an
// abbreviation ("adjustable-rate mortgage (ARM)"), and is neither a
// symbol nor a name. Small words may count or not: "cost of goods sold"
// is COGS or CGS.
func (s *tickScan) abbreviates(i int, w string) bool {
	if i == 0 || len(w) < 2 {
		return false
	}
	switch s.gap(i-1, i) {
	case " (", "(", " （", "（":
	default:
		return false
	}
	j := len(w) - 1
	for k := i - 1; k >= 0 && i-k <= 8 && j >= 0; k-- {
		if s.tt.toks[k].flags&tickIsLower == 0 || k < i-1 && s.gap(k, k+1) != " " {
			return false
		}
		word := s.tt.str(k)
		for end := len(word); end > 0 && j >= 0; {
			start := strings.LastIndexAny(word[:end], "-/") + 1
			part := word[start:end]
			switch {
			case part == "":
			case tickUpperByte(part[0]) == w[j]:
				j--
			case !tickAcronymGlue[part]:
				return false
			}
			end = start - 1
		}
	}
	return j < 0
}

// alias: a company name the directory knows, matched word by word.
func (s *tickScan) alias(i int, w string) bool {
	t := s.tt.toks[i]
	cut := 0
	if t.flags&tickIsSep != 0 {
		cut = tickHyphenCut(w)
	}
	if !s.d.mayStart(w, t.flags) && (cut == 0 || !s.d.mayStart(w[:cut], t.flags)) {
		return false
	}
	for pass := 0; pass < 2; pass++ {
		key := w
		if pass == 1 {
			if cut == 0 {
				break
			}
			key = w[:cut]
		}
		if s.aliasFrom(i, s.aliasCands(key)) {
			return true
		}
	}
	return false
}

// aliasFrom matches the first of cands that fits at word i.
func (s *tickScan) aliasFrom(i int, cands []tickAlias) bool {
	start := s.tt.toks[i].start
	for ai := range cands {
		a := &cands[ai]
		m := s.matchAliasAt(a, i)
		if m == 0 {
			continue
		}
		if a.digitLead && start > 0 && strings.IndexByte("$€£¥", s.tt.text[start-1]) >= 0 {
			continue
		}
		last := i + m - 1
		if a.ambiguous {
			s.weakAlias(a.sec, i, last)
			s.use(i, last)
		} else {
			s.hit(tickRankAlias, a.sec, "", i, last)
		}
		return true
	}
	return false
}

// aliasCands returns the aliases whose first word is w in any case.
func (s *tickScan) aliasCands(w string) []tickAlias {
	var buf [48]byte
	if len(w) > len(buf) {
		return nil
	}
	for j := 0; j < len(w); j++ {
		buf[j] = tickLowerByte(w[j])
	}
	return s.d.aliases[string(buf[:len(w)])]
}

// tickHyphenCut returns where a company name ends in "Nvidia-backed", or 0.
func tickHyphenCut(w string) int {
	j := strings.IndexByte(w, '-')
	if j <= 0 || !tickHyphenTails[w[j+1:]] {
		return 0
	}
	return j
}

// matchAliasAt returns how many words alias a covers starting at word i, or
// 0 if it does not match there.
func (s *tickScan) matchAliasAt(a *tickAlias, i int) int {
	m := len(a.words)
	if i+m > len(s.tt.toks) {
		return 0
	}
	for x := 0; x < m; x++ {
		k := i + x
		t := s.tt.toks[k]
		if x > 0 && (t.flags&tickIsUsed != 0 || !tickAliasGap(s.gap(k-1, k))) {
			return 0
		}
		if !tickAliasWord(s.tt.str(k), t.flags, a, x) {
			return 0
		}
	}
	return m
}

// aliasEndsWith reports whether an alias of sec ends at word p, whose text
// is last (the whole word, or the name part of a glued chip). It returns
// how many words before p the alias takes, or -1.
func (s *tickScan) aliasEndsWith(sec int32, p int, last string, lastFlags uint16) int {
	if sec < 0 {
		return -1
	}
next:
	for ai := range s.d.secAliases[sec] {
		a := &s.d.secAliases[sec][ai]
		m := len(a.words)
		first := p - (m - 1)
		if first < 0 || !tickAliasWord(last, lastFlags, a, m-1) {
			continue
		}
		for x := 0; x < m-1; x++ {
			k := first + x
			if !tickAliasWord(s.tt.str(k), s.tt.toks[k].flags, a, x) || !tickAliasGap(s.gap(k, k+1)) {
				continue next
			}
		}
		return m - 1
	}
	return -1
}

// tickAliasGap accepts what may stand between two words of a name:
// spaces, and the punctuation some names carry ("Warner Bros. Discovery",
// "Yum! Brands", "Becton, Dickinson").
func tickAliasGap(g string) bool {
	if g == "" || len(g) > 3 {
		return false
	}
	for j := 0; j < len(g); j++ {
		switch g[j] {
		case ' ', ',', '.', '!':
		default:
			return false
		}
	}
	return g[len(g)-1] == ' '
}

// tickAliasWord matches word x of alias a against a word of the text. An
// all-capitals alias word (PDD, TSMC) must match exactly; otherwise the
// first letter must match exactly and the rest in any case, so "Nvidia"
// finds "NVIDIA" but "Apple" never finds "apple".
func tickAliasWord(w string, flags uint16, a *tickAlias, x int) bool {
	aw := a.words[x]
	if a.poss&(1<<x) != 0 && flags&tickIsPossessive == 0 {
		return false
	}
	if x == len(a.words)-1 && len(w) > len(aw) {
		if cut := tickHyphenCut(w); cut == len(aw) {
			w = w[:cut]
		}
	}
	if len(w) != len(aw) {
		return false
	}
	if a.anyCase {
		return strings.EqualFold(w, aw)
	}
	if !tickHasLower(aw) {
		return w == aw
	}
	return w[0] == aw[0] && strings.EqualFold(w[1:], aw[1:])
}

func tickHasLower(w string) bool {
	for j := 0; j < len(w); j++ {
		if c := w[j]; 'a' <= c && c <= 'z' || c >= 0x80 {
			return true
		}
	}
	return false
}

func (s *tickScan) weakAlias(sec int32, i, last int) {
	wk := tickWeak{tickHit: tickHit{sec: sec, sig: tickRankAlias, tok: int32(i), last: int32(last)}, ambiguous: true}
	toks := s.tt.toks
	if toks[last].flags&tickIsPossessive != 0 {
		wk.ok = true
	}
	if n := last + 1; n < len(toks) && toks[n].flags&tickIsSentStart == 0 && !strings.ContainsRune(s.gap(last, n), '\n') {
		if w := s.tt.str(n); tickerCompanyWords[w] || tickerCompanyWords[strings.ToLower(w)] {
			wk.ok = true
		}
	}
	if p := i - 1; p >= 0 && toks[i].flags&tickIsSentStart == 0 {
		if w := s.tt.str(p); w == "the" || w == "The" {
			wk.veto = true
		}
	}
	s.weak = append(s.weak, wk)
}

// bare: an all-caps word the directory knows, kept as a candidate until
// the context says it is a security.
func (s *tickScan) bare(i int, w string, info tickCapsInfo) {
	sec := info.sec
	if sec < 0 || info.abbrev || info.word || len(w) < 2 || len(w) > 5 || !tickAllLetters(w) || s.d.wordLike(sec) {
		return
	}
	s.weak = append(s.weak, tickWeak{
		tickHit: tickHit{sec: sec, sig: tickRankDirectory, tok: int32(i), last: int32(i)},
		ok:      s.bareContext(i),
	})
}

// bareContext: "UNH stock", "AVGO rose 2.6%", "stake in MSFT", and the
// possessive "NVDA's", which only a name takes.
func (s *tickScan) bareContext(i int) bool {
	toks, text := s.tt.toks, s.tt.text
	if toks[i].flags&tickIsPossessive != 0 {
		return true
	}
	for k := i + 1; k < len(toks) && k <= i+3; k++ {
		if toks[k].flags&tickIsSentStart != 0 || strings.ContainsRune(s.gap(k-1, k), '\n') {
			break
		}
		w := s.tt.str(k)
		if k == i+1 && tickerStockWords[w] {
			return true
		}
		if '0' <= w[0] && w[0] <= '9' && int(toks[k].end()) < len(text) && text[toks[k].end()] == '%' {
			return true
		}
	}
	if toks[i].flags&tickIsSentStart != 0 || i == 0 {
		return false
	}
	p := s.tt.str(i - 1)
	if tickerBeforeWords[p] {
		return true
	}
	return i >= 2 && toks[i-1].flags&tickIsSentStart == 0 && tickBeforePair(s.tt.str(i-2), p)
}

// chipMarked reports whether word i is followed by a ticker chip's change
// placeholder: "BABA--" or a glued percentage "BABA+2.31%".
func (s *tickScan) chipMarked(i int) bool {
	t := s.tt.toks[i]
	text, e := s.tt.text, int(t.fullEnd())
	if e >= len(text) || text[e] != '-' && text[e] != '+' && text[e] != 0xE2 {
		return false
	}
	if t.flags&(tickIsAmp|tickIsPossessive) != 0 || t.flags&tickIsLower != 0 && !tickHasUpper(s.tt.str(i)) {
		return false
	}
	if e+1 < len(text) && text[e] == '-' && text[e+1] == '-' {
		return e+2 == len(text) || !(tickWordByte(text[e+2]) || text[e+2] == '-')
	}
	if e < len(text) && (text[e] == '+' || text[e] == '-') {
		return tickPercentAt(text, e+1)
	}
	if strings.HasPrefix(text[e:], "−") {
		return tickPercentAt(text, e+len("−"))
	}
	return false
}

func tickHasUpper(w string) bool {
	for j := 0; j < len(w); j++ {
		if c := w[j]; 'A' <= c && c <= 'Z' {
			return true
		}
	}
	return false
}

// chip resolves a chip word: the symbol is a tail of the word, and the
// rest, with the words before it, is the company's name ("AlibabaBABA",
// "Li AutoLI", "NVIDIANVDA"). The tail that agrees with the name wins;
// failing that, the capitals after the last lower-case letter.
func (s *tickScan) chip(i int) {
	if s.tt.toks[i].flags&tickIsUsed != 0 {
		return
	}
	w := s.tt.str(i)
	// A symbol is at most six capitals and a four-letter class or pair.
	for k := max(0, len(w)-11); k < len(w); k++ {
		if c := w[k]; !('A' <= c && c <= 'Z' || '0' <= c && c <= '9') || k > 0 && w[k-1] == '.' {
			continue
		}
		sym := w[k:]
		if _, ok := tickClassSymbol(sym); !ok {
			continue
		}
		sec := s.d.lookup(symbol.Normalize(sym))
		if sec < 0 {
			continue
		}
		if k == 0 {
			if s.d.wordLike(sec) {
				return
			}
			s.hit(tickRankChip, sec, "", i, i)
			return
		}
		if n := s.aliasEndsWith(sec, i, w[:k], 0); n >= 0 {
			s.hit(tickRankChip, sec, "", i, i)
			s.use(i-n, i)
			return
		}
	}
	j := strings.LastIndexFunc(w, func(r rune) bool { return 'a' <= r && r <= 'z' })
	if j < 0 {
		return
	}
	sym := w[j+1:]
	base, ok := tickClassSymbol(sym)
	if !ok {
		return
	}
	norm := symbol.Normalize(sym)
	sec := s.d.lookup(norm)
	if sec < 0 && (len(base) < 2 || tickerAbbrevs[norm]) {
		return
	}
	s.hit(tickRankChip, sec, norm, i, i)
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
	if j := strings.IndexAny(w, ".-/"); j >= 0 {
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
