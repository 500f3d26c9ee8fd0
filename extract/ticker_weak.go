package extract

import "strings"

// weakAlias keeps an alias that is also a common word as a candidate: a
// possessive or a company word after it confirms it ("Target Corp."), a
// "the" before it rules it out.
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
