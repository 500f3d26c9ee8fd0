package extract

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"sync"

	"brief/symbol"
)

// Tickers returns the securities an article names, one Ticker per
// normalised symbol:
//
//   - Signal is the strongest way the symbol was found (see Signal);
//   - Mentions counts its textual mentions in title and body, every form
//     included (symbol, cashtag, chip, company name); a symbol only the feed
//     gave counts once;
//   - Primary marks the one security the article is about: the first of
//     the list, when it was named in the title or in the first paragraph
//     of prose (bylines, images and headings are skipped), tagged by the
//     feed, or mentioned at least three times and two more than any other.
//
// The list is ordered by how the article presents each security: those
// named in the headline first, in the headline's order; then the feed's
// tags; then those named in the lead paragraph, in its order; then the
// most-mentioned one when it leads clearly; then the rest by mentions,
// then by symbol. "Disney (DIS) edges higher…" puts DIS first however
// often the body names Apple. A company that only qualifies the next name
// ("Apple supplier Foxconn", "Nvidia-backed CoreWeave") comes after the
// other names of its headline or lead.
//
// A company name directly qualified by one of its own other listings
// ("Tencent Holdings (HKEX:0700)", "JD shares in Hong Kong (9618.HK)")
// names that listing; a company name alone names the company's US line.
func (d *tickIndex) Tickers(in Input) []Ticker {
	scratch := tickScratchPool.Get().(*tickScratch)
	defer scratch.put()
	body := d.scan(in.Markdown, scratch.toks[0][:0])
	scans := []*tickScan{body}
	if title := strings.TrimSpace(in.Title); title != "" {
		t := d.scan(title, scratch.toks[1][:0])
		t.title = true
		scans = append(scans, t)
	}
	for k, s := range scans {
		scratch.toks[k] = s.tt.toks
	}
	feed := body.feedTags(in)
	hits := tickResolve(d, scans, feed)
	for k, s := range scans {
		s.bindListings(hits[k])
	}
	return tickAggregate(d, scans, hits, feed, scratch)
}

// tickScratch is what a Tickers call borrows and gives back: the tokens
// of body and title, and the aggregate of each known security by index,
// which is as long as the directory. Made anew for every article, they
// were a quarter of what extraction allocated.
type tickScratch struct {
	toks  [2][]tickTok
	bySec []*tickAgg
	used  []int32 // the indices of bySec set by the call
}

var tickScratchPool = sync.Pool{New: func() any { return new(tickScratch) }}

// bySecFor returns bySec for a directory of n securities, all nil.
func (t *tickScratch) bySecFor(n int) []*tickAgg {
	if cap(t.bySec) < n {
		t.bySec = make([]*tickAgg, n)
	}
	return t.bySec[:n]
}

// put clears what the call set and gives t back. Buffers grown by a huge
// article are dropped, not kept for every later one.
func (t *tickScratch) put() {
	for _, i := range t.used {
		t.bySec[i] = nil
	}
	t.used = t.used[:0]
	for k := range t.toks {
		if cap(t.toks[k]) > 1<<16 {
			t.toks[k] = nil
		}
	}
	tickScratchPool.Put(t)
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
		var market symbol.Market
		qualified := false
		if j := strings.IndexByte(raw, ':'); j > 0 {
			m, ok := symbol.PrefixMarket(raw[:j])
			if !ok && category {
				return
			}
			qualified, market = ok, m
		}
		if !qualified && (strings.ContainsAny(raw, " \t") || category && raw != strings.ToUpper(raw)) {
			return
		}
		norm := symbol.Normalize(raw)
		if !symbol.Valid(norm) || !qualified && tickerAbbrevs[norm] {
			return
		}
		sec := s.d.lookup(norm)
		if qualified {
			sec = s.d.lookupListed(norm)
		}
		if category && !qualified && (sec < 0 || s.d.wordLike(sec)) {
			return
		}
		h := tickHit{sec: sec, sig: tickRankFeed, tok: -1, last: -1}
		if sec < 0 {
			exch := symbol.Exchange(norm)
			if exch == "" {
				exch = market.Name
			}
			h.unk = s.addUnknown(norm, exch)
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

// tickResolve decides which weak candidates count, over title and body
// together, and returns each scan's hits in text order. A bare symbol
// counts when its own context supports it (UNH stock, AVGO rose 2.6%), when
// it sits in a list of symbols (TSLA, NVDA and AMD), or when the article
// names the same security another way, or another listing of the same
// company ("GOOGL" after "Class C shares (GOOG)"). An ambiguous alias
// counts when its context confirms the company (Target Corp., Shell said,
// Target's) or the security is named another way; never after "the" (the
// Dow).
func tickResolve(d *tickIndex, scans []*tickScan, feed []tickHit) [][]tickHit {
	found := make([]bool, len(d.secs))
	confirmed := make([]bool, len(d.secs))
	for _, h := range feed {
		if h.sec >= 0 {
			found[h.sec] = true
		}
	}
	for _, s := range scans {
		for _, h := range s.hits {
			if h.sec >= 0 {
				found[h.sec] = true
			}
			if h.tok == h.last && s.tt.toks[h.tok].flags&tickIsCaps != 0 {
				s.tt.toks[h.tok].flags |= tickIsListed
			}
		}
		for _, w := range s.weak {
			if !w.ambiguous {
				s.tt.toks[w.tok].flags |= tickIsListed
			}
		}
	}
	for _, s := range scans {
		for k := range s.weak {
			w := &s.weak[k]
			if !w.ambiguous && (w.ok || found[w.sec] || s.inList(int(w.tok)) || d.listingFound(w.sec, found)) {
				w.ok = true
				confirmed[w.sec] = true
			}
			if w.ambiguous && w.ok && !w.veto {
				confirmed[w.sec] = true
			}
		}
	}
	out := make([][]tickHit, len(scans))
	for k, s := range scans {
		var weak []tickHit
		if len(s.weak) > 0 {
			weak = make([]tickHit, 0, len(s.weak))
		}
		for _, w := range s.weak {
			if !w.veto && (w.ok || found[w.sec] || confirmed[w.sec]) {
				weak = append(weak, w.tickHit)
			}
		}
		// The chip pass, the main pass and the weak candidates each find
		// their hits (almost always) in text order: merging the runs is far
		// cheaper than sorting them together.
		out[k] = tickMergeHits(s.hits[:s.chips], s.hits[s.chips:], weak)
	}
	return out
}

// listingFound reports whether another listing of security sec is among
// those found.
func (d *tickIndex) listingFound(sec int32, found []bool) bool {
	for _, l := range d.secs[sec].Listings {
		if j := d.lookup(l); j >= 0 && found[j] {
			return true
		}
	}
	return false
}

// tickMergeHits merges runs of hits into text order, sorting a run first
// in the rare case it is out of order.
func tickMergeHits(runs ...[]tickHit) []tickHit {
	byTok := func(x, y tickHit) int { return cmp.Compare(x.tok, y.tok) }
	total := 0
	for _, r := range runs {
		if !slices.IsSortedFunc(r, byTok) {
			slices.SortFunc(r, byTok)
		}
		total += len(r)
	}
	out := make([]tickHit, 0, total)
	for {
		best := -1
		for k, r := range runs {
			if len(r) > 0 && (best < 0 || r[0].tok < runs[best][0].tok) {
				best = k
			}
		}
		if best < 0 {
			return out
		}
		out = append(out, runs[best][0])
		runs[best] = runs[best][1:]
	}
}

// inList reports whether word i stands in a list with another symbol:
// "TSLA, NVDA and AMD", "XOM and CVX".
func (s *tickScan) inList(i int) bool {
	return s.listNeighbour(i, -1) || s.listNeighbour(i, 1)
}

func (s *tickScan) listNeighbour(i, dir int) bool {
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
	return s.tt.toks[n].flags&tickIsListed != 0
}

// bindListings moves a company name to the listing that directly
// qualifies it: in "Tencent Holdings (HKEX:0700)" the name is a mention of
// 0700.HK, not of the US line TCEHY its alias points to. A listing the
// directory lacks qualifies the name when it is the company's own symbol
// on another market ("Infosys (INFY.NS)"), or when it stands in
// parentheses after the name on a market where the directory knows no
// listing of the company: "HDFC Bank (HDFCBANK.NS)", "Deutsche Bank
// (DBK.DE)", "Infosys shares on the BSE (500209.BO)".
func (s *tickScan) bindListings(hits []tickHit) {
	for x := range hits {
		h := &hits[x]
		if h.sig != tickRankAlias || h.sec < 0 {
			continue
		}
		for y := x + 1; y < len(hits); y++ {
			n := hits[y]
			if n.tok-h.last > 6 || n.sig == tickRankAlias || !s.sameSentence(int(h.last), int(n.tok)) {
				break
			}
			if s.d.linked(h.sec, n.sec) {
				h.sec = n.sec
			} else if n.sec < 0 && (n.sig == tickRankSuffix || n.sig == tickRankExchange) {
				if sym := s.unknown[n.unk].sym; s.homeListing(h.sec, sym) || s.inParens(int(h.last), int(n.tok)) && s.foreignListing(h.sec, sym) {
					h.sec, h.unk = -1, n.unk
				}
			}
			break
		}
	}
}

// homeListing reports whether sym, a listing the directory lacks, is the
// security's own symbol on another market: "Infosys (INFY.NS)" for INFY.
func (s *tickScan) homeListing(sec int32, sym string) bool {
	dot := strings.LastIndexByte(sym, '.')
	return dot > 0 && sym[:dot] == s.d.secs[sec].Symbol
}

// inParens reports whether word b stands in the parentheses that open
// after word a: "Deutsche Bank (DBK.DE)", "Infosys shares (NSE: INFY)".
func (s *tickScan) inParens(a, b int) bool {
	gap := s.tt.text[s.tt.toks[a].fullEnd():s.tt.toks[b].start]
	open := max(strings.LastIndexByte(gap, '('), strings.LastIndex(gap, "（"))
	if open < 0 || strings.ContainsAny(gap[open:], ")）") {
		return false
	}
	e := int(s.tt.toks[b].fullEnd())
	return e < len(s.tt.text) && (s.tt.text[e] == ')' || strings.HasPrefix(s.tt.text[e:], "）"))
}

// foreignListing reports whether sym, a listing the directory lacks, is
// on a market where the directory knows no listing of the security.
func (s *tickScan) foreignListing(sec int32, sym string) bool {
	dot := strings.LastIndexByte(sym, '.')
	if dot <= 0 {
		return false
	}
	suffix := sym[dot:]
	if strings.HasSuffix(s.d.secs[sec].Symbol, suffix) {
		return false
	}
	for _, l := range s.d.secs[sec].Listings {
		if strings.HasSuffix(l, suffix) {
			return false
		}
	}
	return true
}

// firstProse returns the paragraph that opens the article's prose: the
// first with a full sentence and at least eight words, which skips
// bylines, image lines and headings. -1 if there is none.
func (s *tickScan) firstProse() int32 {
	fallback := int32(-1)
	for p := range s.tt.paras {
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
	rank uint8
	// Where the article puts it, for ordering: its first token in the
	// title and in the lead paragraph (-1: not there), and whether the
	// feed tagged it.
	titleAt, leadAt int32
	tagged          bool
	candidate       bool // in the title, tagged, in the lead, or dominant
}

// tickQualifierWords, between two companies, make the first a qualifier
// of the second: "Apple supplier Foxconn", "Tesla rival BYD". Forms that
// headlines also use as verbs ("partners", "rivals") are left out.
var tickQualifierWords = tickerSet(`rival peer peers supplier suppliers partner customer customers client clients parent owner backer investor`)

// qualifier reports whether mention h only qualifies the name that follows
// it, as headlines and leads write them: "Apple supplier Foxconn", "Tesla
// rival BYD", "Nvidia-backed CoreWeave (CRWV)". The article is about the
// company named next, whether or not the directory knows it.
func (s *tickScan) qualifier(h tickHit) bool {
	last := int(h.last)
	n := last + 1
	if tickHyphenCut(s.tt.str(last)) == 0 {
		if n >= len(s.tt.toks) || s.gap(last, n) != " " || !tickQualifierWords[strings.ToLower(s.tt.str(n))] {
			return false
		}
		n++
	}
	if n >= len(s.tt.toks) || s.gap(n-1, n) != " " {
		return false
	}
	c := s.tt.text[s.tt.toks[n].start]
	return 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// place orders a ticker by how the article presents it: named in the
// headline, then tagged by the feed, then named in the lead paragraph,
// then the rest.
func (a *tickAgg) place() (class int, at int32) {
	switch {
	case a.titleAt >= 0:
		return 0, a.titleAt
	case a.tagged:
		return 1, 0
	case a.leadAt >= 0:
		return 2, a.leadAt
	}
	return 3, 0
}

func tickAggregate(d *tickIndex, scans []*tickScan, hits [][]tickHit, feed []tickHit, scratch *tickScratch) []Ticker {
	// Known securities are found by index, the few unknown symbols by
	// name; a megabyte of news has tens of thousands of hits to count.
	bySec := scratch.bySecFor(len(d.secs))
	byKey := map[string]*tickAgg{}
	var list []*tickAgg
	var chunk []tickAgg // where newTickAgg puts the tallies
	get := func(s *tickScan, h tickHit) *tickAgg {
		var sym string
		var a *tickAgg
		if h.sec >= 0 {
			sym, a = d.secs[h.sec].Symbol, bySec[h.sec]
		} else {
			sym = s.unknown[h.unk].sym
			a = byKey[sym]
		}
		if a != nil {
			if h.sig < a.rank {
				a.rank, a.Signal = h.sig, tickSignals[h.sig]
			}
			return a
		}
		a = newTickAgg(d, s, h, sym, &chunk)
		if h.sec >= 0 {
			bySec[h.sec] = a
			scratch.used = append(scratch.used, int32(h.sec))
		} else {
			byKey[sym] = a
		}
		list = append(list, a)
		return a
	}
	for _, h := range feed {
		a := get(scans[0], h)
		a.tagged, a.candidate = true, true
	}
	for k, s := range scans {
		tickCount(s, hits[k], get)
	}
	tickMarkDominant(list)
	tickOrder(list)
	out := make([]Ticker, len(list))
	for i, a := range list {
		if a.Mentions < 1 {
			a.Mentions = 1
		}
		out[i] = a.Ticker
	}
	// One primary: what the article is about, first in that order.
	if len(list) > 0 && list[0].candidate {
		out[0].Primary = true
	}
	return out
}

// newTickAgg starts the tally of the security hit h names, found in scan
// s under sym. Tallies are taken from chunk, eight to an allocation; a
// full chunk is replaced, never grown, so the tallies do not move.
func newTickAgg(d *tickIndex, s *tickScan, h tickHit, sym string, chunk *[]tickAgg) *tickAgg {
	if len(*chunk) == cap(*chunk) {
		*chunk = make([]tickAgg, 0, 8)
	}
	*chunk = append(*chunk, tickAgg{Ticker: Ticker{Symbol: sym, Signal: tickSignals[h.sig]}, rank: h.sig, titleAt: -1, leadAt: -1})
	a := &(*chunk)[len(*chunk)-1]
	if h.sec >= 0 {
		sec := &d.secs[h.sec]
		a.Exchange, a.Name, a.Kind = sec.Exchange, sec.Name, sec.Kind
	} else {
		a.Exchange, a.Kind = s.unknown[h.unk].exch, "equity"
		if _, quote, ok := strings.Cut(sym, "-"); ok && symbol.CryptoQuote(quote) {
			a.Kind = "crypto"
		}
	}
	return a
}

// tickCount counts the hits of scan s on the tallies get returns, and
// notes where the title or the lead paragraph first names each security.
func tickCount(s *tickScan, hits []tickHit, get func(*tickScan, tickHit) *tickAgg) {
	leadFrom, leadTo := int32(-1), int32(-1)
	if s.title {
		leadFrom, leadTo = 0, int32(len(s.tt.toks))
	} else if lead := s.firstProse(); lead >= 0 {
		leadFrom = s.tt.paras[lead].firstTok
		leadTo = leadFrom + s.tt.paras[lead].toks
	}
	for _, h := range hits {
		a := get(s, h)
		a.Mentions++
		if h.tok >= leadFrom && h.tok < leadTo {
			a.candidate = true
			at := h.tok - leadFrom
			if s.qualifier(h) {
				at += leadTo - leadFrom // after the mentions it qualifies
			}
			if s.title && (a.titleAt < 0 || at < a.titleAt) {
				a.titleAt = at
			} else if !s.title && (a.leadAt < 0 || at < a.leadAt) {
				a.leadAt = at
			}
		}
	}
}

// tickMarkDominant makes a candidate of the security named far more often
// than any other: three mentions at least, and two more than the next.
func tickMarkDominant(list []*tickAgg) {
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
		list[top].candidate = true
	}
}

// tickOrder puts the candidates first, each group in the order the
// article presents them, then by mentions and symbol.
func tickOrder(list []*tickAgg) {
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.candidate != b.candidate {
			return a.candidate
		}
		ca, pa := a.place()
		cb, pb := b.place()
		if ca != cb {
			return ca < cb
		}
		if pa != pb {
			return pa < pb
		}
		if a.Mentions != b.Mentions {
			return a.Mentions > b.Mentions
		}
		return a.Symbol < b.Symbol
	})
}
