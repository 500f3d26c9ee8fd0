package extract

import (
	"slices"
	"sort"
	"strings"
	"sync"

	"brief/symbol"
)

// tickIndex is a symbol.Directory as the ticker scanner reads it: the
// securities by position, with the indexes that rule most words of an
// article out in one lookup. It is immutable once built and safe for
// concurrent use.
type tickIndex struct {
	dir  *symbol.Directory
	secs []symbol.Security // dir's securities, by the positions dir.Find reports
	// aliases maps the lower-cased first word of an alias to the aliases
	// starting with it, longest first.
	aliases map[string][]tickAlias
	// secAliases lists each security's aliases, for checking that a glued
	// ticker chip ("AlibabaBABA") follows its own company's name.
	secAliases [][]tickAlias
	// starts marks, by the first two letters in lower case, the lengths of
	// alias first words, so that most words of an article are ruled out
	// without a map lookup. lowerStarts does the same for the first words
	// that may appear in lower case ("iShares", "eBay", "~bitcoin").
	starts, lowerStarts [27 * 27]uint64
	// wordy[i] says security i's symbol must not count bare (see wordLike).
	wordy []bool
	// caps answers, in one lookup, every question the scanner asks of an
	// all-capitals word: is it a symbol, an abbreviation, an English word,
	// the start of an alias?
	caps map[string]tickCapsInfo
}

// tickCapsInfo is what the directory knows of an all-capitals word.
type tickCapsInfo struct {
	sec    int32 // the security with this symbol (crypto codes included), or -1
	abbrev bool  // in tickerAbbrevs
	word   bool  // in tickerWords
	cands  []tickAlias
}

// tickAlias is an alias split into words the way article text is.
type tickAlias struct {
	words     []string
	poss      uint64 // bit i: word i must be possessive ("McDonald's")
	sec       int32
	ambiguous bool
	anyCase   bool
	digitLead bool // starts with a digit ("3M"), so "$3M" is money, not the company
}

// defaultTickIndex indexes the built-in directory once, however many
// extractors use it.
var defaultTickIndex = sync.OnceValue(func() *tickIndex { return buildTickIndex(symbol.DefaultDirectory()) })

// newTickIndex indexes dir; nil means the built-in directory.
func newTickIndex(dir *symbol.Directory) *tickIndex {
	if dir == nil || dir == symbol.DefaultDirectory() {
		return defaultTickIndex()
	}
	return buildTickIndex(dir)
}

// lookup finds a normalised symbol, crypto codes included; -1 if unknown.
func (d *tickIndex) lookup(sym string) int32 { return int32(d.dir.Find(sym)) }

// lookupListed finds a normalised symbol as a listing, without crypto
// codes: "NYSE Arca: BTC" is a fund, not bitcoin.
func (d *tickIndex) lookupListed(sym string) int32 { return int32(d.dir.FindListed(sym)) }

// linked reports whether two securities are listings of one company.
func (d *tickIndex) linked(a, b int32) bool {
	if a < 0 || b < 0 || a == b {
		return false
	}
	sa, sb := &d.secs[a], &d.secs[b]
	return slices.Contains(sa.Listings, sb.Symbol) || slices.Contains(sb.Listings, sa.Symbol) ||
		(sa.Name != "" && sa.Name == sb.Name)
}

// wordLike reports whether a security's symbol must not count bare: it
// is flagged so, a single letter, or an English word or abbreviation.
func (d *tickIndex) wordLike(i int32) bool { return d.wordy[i] }

func buildTickIndex(dir *symbol.Directory) *tickIndex {
	secs := dir.Securities()
	d := &tickIndex{
		dir:        dir,
		secs:       secs,
		aliases:    map[string][]tickAlias{},
		secAliases: make([][]tickAlias, len(secs)),
		wordy:      make([]bool, len(secs)),
	}
	for i, s := range secs {
		d.wordy[i] = s.Word || len(s.Symbol) == 1 || tickerWords[s.Symbol] || tickerAbbrevs[s.Symbol]
	}
	var toks []tickTok
	for i, s := range secs {
		for _, raw := range s.Aliases {
			a, ok := compileAlias(raw, int32(i), &toks)
			if !ok {
				continue
			}
			key := strings.ToLower(a.words[0])
			d.aliases[key] = append(d.aliases[key], a)
			d.secAliases[i] = append(d.secAliases[i], a)
			d.starts[tickStartKey(a.words[0])] |= tickLenBit(a.words[0])
			if c := a.words[0][0]; 'a' <= c && c <= 'z' || a.anyCase {
				d.lowerStarts[tickStartKey(a.words[0])] |= tickLenBit(a.words[0])
			}
		}
	}
	for key, list := range d.aliases {
		// Longest first, so "Berkshire Hathaway Class A" wins over
		// "Berkshire Hathaway"; the first-listed security wins a tie.
		sort.SliceStable(list, func(i, j int) bool { return len(list[i].words) > len(list[j].words) })
		d.aliases[key] = list
	}
	d.caps = map[string]tickCapsInfo{}
	info := func(w string) tickCapsInfo {
		if in, ok := d.caps[w]; ok {
			return in
		}
		return tickCapsInfo{sec: d.lookup(w), abbrev: tickerAbbrevs[w], word: tickerWords[w], cands: d.aliases[strings.ToLower(w)]}
	}
	add := func(w string) { d.caps[w] = info(w) }
	for w := range tickerAbbrevs {
		add(w)
	}
	for w := range tickerWords {
		add(w)
	}
	for _, s := range secs {
		add(s.Symbol)
		if code, _, ok := strings.Cut(s.Symbol, "-"); ok && s.Kind == "crypto" {
			add(code) // a bare crypto code: BTC for BTC-USD
		}
	}
	for key := range d.aliases {
		add(strings.ToUpper(key))
	}
	return d
}

// capsInfo looks up an all-capitals word.
func (d *tickIndex) capsInfo(w string) tickCapsInfo {
	if in, ok := d.caps[w]; ok {
		return in
	}
	return tickCapsInfo{sec: -1}
}

// mayStart reports whether an alias might start with word w.
func (d *tickIndex) mayStart(w string, flags uint16) bool {
	if flags&tickIsLower != 0 {
		return d.lowerStarts[tickStartKey(w)]&tickLenBit(w) != 0
	}
	return d.starts[tickStartKey(w)]&tickLenBit(w) != 0
}

func tickStartKey(w string) int {
	k := int(tickLetterIndex[w[0]]) * 27
	if len(w) > 1 {
		k += int(tickLetterIndex[w[1]])
	}
	return k
}

// tickLetterIndex numbers letters 1–26 in either case, anything else 0.
var tickLetterIndex = func() (t [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = uint8(c-'a') + 1
		t[c-'a'+'A'] = uint8(c-'a') + 1
	}
	return t
}()

func tickLenBit(w string) uint64 { return 1 << min(len(w), 63) }

// compileAlias splits an alias into words with the article tokenizer, so
// that an alias matches exactly the words the scanner sees.
func compileAlias(raw string, sec int32, toks *[]tickTok) (tickAlias, bool) {
	a := tickAlias{sec: sec}
	raw = strings.TrimSpace(raw)
	for len(raw) > 0 && (raw[0] == '?' || raw[0] == '~') {
		if raw[0] == '?' {
			a.ambiguous = true
		} else {
			a.anyCase = true
		}
		raw = strings.TrimSpace(raw[1:])
	}
	if raw == "" {
		return a, false
	}
	tt := tickTokenize(raw, *toks)
	*toks = tt.toks
	if len(tt.toks) == 0 || len(tt.toks) > 63 {
		return a, false
	}
	for i, t := range tt.toks {
		a.words = append(a.words, raw[t.start:t.end()])
		if t.flags&tickIsPossessive != 0 {
			a.poss |= 1 << i
		}
	}
	c := a.words[0][0]
	a.digitLead = '0' <= c && c <= '9'
	return a, true
}

func tickLowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c - 'A' + 'a'
	}
	return c
}

func tickUpperByte(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}

func tickAllDigits(s string) bool {
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

func tickAllLetters(s string) bool {
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
