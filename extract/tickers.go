package extract

import (
	"sort"
	"strings"
)

// Tickers returns the securities an article names, one Ticker per
// normalised symbol:
//
//   - Signal is the strongest way the symbol was found (see Signal);
//   - Mentions counts its textual mentions in title and body, every form
//     included (symbol, cashtag, chip, company name); a symbol only the feed
//     gave counts once;
//   - Primary marks what the article is about rather than merely mentions:
//     the feed's own tags, anything named in the title or in the first
//     paragraph of prose (bylines, images and headings are skipped), and a
//     symbol mentioned at least three times and at least twice as often as
//     any other... more precisely, two mentions ahead of the runner-up.
//
// The list is ordered primary first, then by mentions, then by symbol.
//
// A company name directly qualified by one of its own other listings
// ("Tencent Holdings (HKEX:0700)", "JD shares in Hong Kong (9618.HK)")
// names that listing; a company name alone names the company's US line.
func (d *Directory) Tickers(in Input) []Ticker {
	text, titleEnd := in.Markdown, 0
	if title := strings.Join(strings.Fields(in.Title), " "); title != "" {
		text = title + "\n\n" + in.Markdown
		titleEnd = len(title)
	}
	s := d.scan(text, titleEnd)
	feed := s.feedTags(in)
	hits := s.resolve(feed)
	s.bindListings(hits)
	return s.aggregate(hits, feed, titleEnd > 0)
}

// tickSignalRank orders signals strongest first.
func tickSignalRank(s Signal) int {
	switch s {
	case SignalFeed:
		return 0
	case SignalExchange:
		return 1
	case SignalSuffix:
		return 2
	case SignalParen:
		return 3
	case SignalCashtag:
		return 4
	case SignalChip:
		return 5
	case SignalAlias:
		return 6
	default:
		return 7
	}
}

// feedTags reads the feed's own tags. FeedTickers are taken at their word
// (a comma-separated nasdaq:tickers value is split), except for generic
// abbreviations such as "AI" or "IPO" that feeds also use as tags.
// Categories count when they are exchange-qualified ("NASDAQ:NVDA") or a
// symbol the directory knows written in capitals ("BABA", not "Crypto").
func (s *tickScan) feedTags(in Input) []tickHit {
	var out []tickHit
	add := func(raw string, category bool) {
		raw = strings.TrimSpace(raw)
		if raw == "" || len(raw) > 32 {
			return
		}
		var market symbolMarket
		qualified := false
		if j := strings.IndexByte(raw, ':'); j > 0 {
			m, ok := symbolMarketOf(raw[:j])
			if !ok && category {
				return
			}
			qualified, market = ok, m
		}
		if !qualified && (strings.ContainsAny(raw, " \t") || category && raw != strings.ToUpper(raw)) {
			return
		}
		norm := NormalizeSymbol(raw)
		if !tickValidSymbol(norm) || !qualified && tickerAbbrevs[norm] {
			return
		}
		sec := s.d.lookup(norm)
		if qualified {
			sec = s.d.lookupListed(norm)
		}
		if category && !qualified && (sec < 0 || s.d.wordLike(sec)) {
			return
		}
		h := tickHit{sec: sec, sig: SignalFeed, tok: -1, last: -1}
		if sec < 0 {
			h.sym, h.exch = norm, symbolExchange(norm)
			if h.exch == "" {
				h.exch = market.Name
			}
		}
		out = append(out, h)
	}
	for _, t := range in.FeedTickers {
		for _, part := range strings.Split(t, ",") {
			add(part, false)
		}
	}
	for _, c := range in.Categories {
		add(c, true)
	}
	return out
}

// resolve decides which weak candidates count. A bare symbol counts when
// its own context supports it (UNH stock, AVGO rose 2.6%), when it sits in a
// list of symbols (TSLA, NVDA and AMD), or when the text names the same
// security another way. An ambiguous alias counts when its context
// confirms the company (Target Corp., Shell said, Target's) or the
// security is named another way; never after "the" (the Dow).
func (s *tickScan) resolve(feed []tickHit) []tickHit {
	found := map[int32]bool{}
	for _, h := range feed {
		if h.sec >= 0 {
			found[h.sec] = true
		}
	}
	listed := map[int32]bool{}
	for _, h := range s.hits {
		if h.sec >= 0 {
			found[h.sec] = true
		}
		if h.tok == h.last && s.tt.toks[h.tok].flags&tokCaps != 0 {
			listed[h.tok] = true
		}
	}
	for _, w := range s.weak {
		if !w.ambiguous {
			listed[w.tok] = true
		}
	}
	accepted := make([]bool, len(s.weak))
	confirmed := map[int32]bool{}
	for k, w := range s.weak {
		if !w.ambiguous && (w.ok || found[w.sec] || s.inList(int(w.tok), listed)) {
			accepted[k] = true
			confirmed[w.sec] = true
		}
	}
	for _, w := range s.weak {
		if w.ambiguous && w.ok && !w.veto {
			confirmed[w.sec] = true
		}
	}
	for k, w := range s.weak {
		if !accepted[k] && !w.veto && (found[w.sec] || confirmed[w.sec]) {
			accepted[k] = true
		}
	}
	hits := make([]tickHit, 0, len(s.hits)+len(s.weak))
	hits = append(hits, s.hits...)
	for k, w := range s.weak {
		if accepted[k] {
			hits = append(hits, w.tickHit)
		}
	}
	sort.Slice(hits, func(i, j int) bool { return hits[i].tok < hits[j].tok })
	return hits
}

// inList reports whether word i stands in a list with another symbol:
// "TSLA, NVDA and AMD", "XOM and CVX".
func (s *tickScan) inList(i int, listed map[int32]bool) bool {
	return s.listNeighbour(i, -1, listed) || s.listNeighbour(i, 1, listed)
}

func (s *tickScan) listNeighbour(i, dir int, listed map[int32]bool) bool {
	n := i + dir
	if n < 0 || n >= len(s.tt.toks) {
		return false
	}
	if w := s.tt.str(n); w == "and" || w == "or" {
		n += dir
		if n < 0 || n >= len(s.tt.toks) {
			return false
		}
		lo := min(i, n)
		if g := s.gap(lo, lo+1); g != " " && g != ", " || s.gap(lo+1, lo+2) != " " {
			return false
		}
	} else {
		switch s.gap(min(i, n), max(i, n)) {
		case ", ", ",", "/", " / ":
		default:
			return false
		}
	}
	return listed[int32(n)]
}

// bindListings moves a company name to the listing that directly
// qualifies it: in "Tencent Holdings (HKEX:0700)" the name is a mention of
// 0700.HK, not of the US line TCEHY its alias points to.
func (s *tickScan) bindListings(hits []tickHit) {
	for x := range hits {
		h := &hits[x]
		if h.sig != SignalAlias || h.sec < 0 {
			continue
		}
		for y := x + 1; y < len(hits); y++ {
			n := hits[y]
			if n.tok-h.last > 6 || n.sig == SignalAlias || !s.sameSentence(int(h.last), int(n.tok)) {
				break
			}
			if s.d.linked(h.sec, n.sec) {
				h.sec = n.sec
			}
			break
		}
	}
}

// firstProse returns the paragraph that opens the article's prose: the
// first with a full sentence and at least eight words, which skips
// bylines, image lines and headings. -1 if there is none.
func (s *tickScan) firstProse(hasTitle bool) int32 {
	start := 0
	if hasTitle {
		start = 1
	}
	fallback := int32(-1)
	for p := start; p < len(s.tt.paras); p++ {
		para := s.tt.paras[p]
		if para.heading || para.toks == 0 {
			continue
		}
		if para.sentences && para.toks >= 8 {
			return int32(p)
		}
		if fallback < 0 {
			fallback = int32(p)
		}
	}
	return fallback
}

type tickAgg struct {
	Ticker
	rank  int
	first int32
}

func (s *tickScan) aggregate(hits, feed []tickHit, hasTitle bool) []Ticker {
	byKey := map[string]*tickAgg{}
	var list []*tickAgg
	get := func(h tickHit) *tickAgg {
		sym := h.sym
		if h.sec >= 0 {
			sym = s.d.secs[h.sec].Symbol
		}
		if a := byKey[sym]; a != nil {
			if r := tickSignalRank(h.sig); r < a.rank {
				a.rank, a.Signal = r, h.sig
			}
			return a
		}
		a := &tickAgg{Ticker: Ticker{Symbol: sym, Signal: h.sig}, rank: tickSignalRank(h.sig), first: h.tok}
		if h.sec >= 0 {
			sec := &s.d.secs[h.sec]
			a.Exchange, a.Name, a.Kind = sec.Exchange, sec.Name, sec.Kind
		} else {
			a.Exchange, a.Kind = h.exch, "equity"
			if _, quote, ok := strings.Cut(sym, "-"); ok && cryptoQuotes[quote] {
				a.Kind = "crypto"
			}
		}
		byKey[sym] = a
		list = append(list, a)
		return a
	}
	for _, h := range feed {
		get(h).Primary = true
	}
	lead := s.firstProse(hasTitle)
	for _, h := range hits {
		a := get(h)
		a.Mentions++
		if t := s.tt.toks[h.tok]; t.flags&tokTitle != 0 || t.para == lead {
			a.Primary = true
		}
	}
	top, second := -1, 0
	for i, a := range list {
		if top < 0 || a.Mentions > list[top].Mentions {
			if top >= 0 {
				second = list[top].Mentions
			}
			top = i
		} else if a.Mentions > second {
			second = a.Mentions
		}
	}
	if top >= 0 && list[top].Mentions >= 3 && list[top].Mentions >= second+2 {
		list[top].Primary = true
	}
	out := make([]Ticker, len(list))
	for i, a := range list {
		if a.Mentions < 1 {
			a.Mentions = 1
		}
		out[i] = a.Ticker
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Primary != out[j].Primary {
			return out[i].Primary
		}
		if out[i].Mentions != out[j].Mentions {
			return out[i].Mentions > out[j].Mentions
		}
		return out[i].Symbol < out[j].Symbol
	})
	return out
}
