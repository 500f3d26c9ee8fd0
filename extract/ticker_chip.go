package extract

import (
	"strings"

	"brief/symbol"
)

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
