package extract

import (
	"strings"

	"brief/symbol"
)

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
