package extract

import "brief/symbol"

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

// scan reads text, its tokens going into buf (which may be nil).
func (d *tickIndex) scan(text string, buf []tickTok) *tickScan {
	s := &tickScan{d: d}
	if want := len(text)/6 + 8; cap(buf) < want {
		buf = make([]tickTok, 0, want)
	}
	s.tt = tickTokenize(text, buf)
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
