package extract

import (
	_ "embed"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Security is one entry of the ticker directory.
type Security struct {
	Symbol   string `json:"symbol"` // normalised, see NormalizeSymbol
	Name     string `json:"name,omitempty"`
	Exchange string `json:"exchange,omitempty"`
	Kind     string `json:"kind,omitempty"` // "equity", "etf", "crypto", "index"
	// Aliases are names the security goes by in news copy. They match whole
	// words, case-sensitively for the first letter of each word. A leading
	// "?" marks an alias that is also a common word ("?Target"): it counts
	// only when the text confirms the company (Target Corp., Target said,
	// Target's, or another signal for TGT). A leading "~" makes an alias
	// match in any case ("~bitcoin").
	Aliases []string `json:"aliases,omitempty"`
	// Listings are the same company's other listings: BABA ↔ 9988.HK.
	Listings []string `json:"listings,omitempty"`
	// Word marks a symbol that is also an English word or a common
	// abbreviation (ALL, NOW, ON, IT, GM): it never counts bare, and in
	// parentheses only after the company's own name.
	Word bool `json:"word,omitempty"`
}

// Directory is the set of securities the ticker detector knows, with the
// indexes it needs. It is immutable once built and safe for concurrent use.
type Directory struct {
	secs     []Security
	bySymbol map[string]int32
	// crypto maps a bare crypto code to its pair: BTC → BTC-USD. Codes are
	// kept apart from the symbol index so that an exchange-qualified
	// equity that happens to share the letters is never taken for a coin.
	crypto map[string]int32
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

//go:embed symbols.tsv
var symbolsTSV string

// DefaultDirectory returns the built-in directory, parsed once.
func DefaultDirectory() *Directory { return defaultDirectory() }

var defaultDirectory = sync.OnceValue(func() *Directory {
	secs, err := parseSymbolsTSV(symbolsTSV)
	if err != nil {
		// The file is embedded at build time; TestDefaultDirectory guards it.
		panic(err)
	}
	return buildDirectory(secs)
})

// NewDirectory returns the built-in directory extended with extra
// securities (from the config file or `brief symbols import`). An extra
// whose symbol the directory already has adds its aliases and listings and
// fills fields left empty, but does not replace the curated name, exchange
// or kind: an SEC import says "NVIDIA CORP" where the directory says
// "NVIDIA Corporation". Extras without a usable symbol, and extras that
// would take a crypto code (BTC, ETH) as an equity symbol, are ignored.
func NewDirectory(extra ...Security) *Directory {
	def := DefaultDirectory()
	if len(extra) == 0 {
		return def
	}
	secs := make([]Security, len(def.secs), len(def.secs)+len(extra))
	copy(secs, def.secs)
	index := make(map[string]int, len(secs)+len(extra))
	for i, s := range secs {
		index[s.Symbol] = i
	}
	for _, e := range extra {
		e.Symbol = NormalizeSymbol(e.Symbol)
		if !tickValidSymbol(e.Symbol) {
			continue
		}
		if _, ok := def.crypto[e.Symbol]; ok && e.Kind != "crypto" {
			continue
		}
		if i, ok := index[e.Symbol]; ok {
			secs[i] = mergeSecurity(secs[i], e)
			continue
		}
		e.Name = strings.TrimSpace(e.Name)
		e.Exchange = strings.TrimSpace(e.Exchange)
		if e.Kind == "" {
			e.Kind = "equity"
		}
		e.Aliases = slices.Clone(e.Aliases)
		e.Listings = normalizeSymbols(e.Listings)
		index[e.Symbol] = len(secs)
		secs = append(secs, e)
	}
	sort.Slice(secs, func(i, j int) bool { return secs[i].Symbol < secs[j].Symbol })
	return buildDirectory(secs)
}

// mergeSecurity adds what e knows to s without touching s's slices, which
// the default directory still uses.
func mergeSecurity(s, e Security) Security {
	if s.Name == "" {
		s.Name = strings.TrimSpace(e.Name)
	}
	if s.Exchange == "" {
		s.Exchange = strings.TrimSpace(e.Exchange)
	}
	if s.Kind == "" {
		s.Kind = e.Kind
	}
	s.Word = s.Word || e.Word
	aliases := slices.Clone(s.Aliases)
	for _, a := range e.Aliases {
		if a = strings.TrimSpace(a); a != "" && !slices.Contains(aliases, a) {
			aliases = append(aliases, a)
		}
	}
	s.Aliases = aliases
	listings := slices.Clone(s.Listings)
	for _, l := range normalizeSymbols(e.Listings) {
		if l != s.Symbol && !slices.Contains(listings, l) {
			listings = append(listings, l)
		}
	}
	s.Listings = listings
	return s
}

func normalizeSymbols(in []string) []string {
	var out []string
	for _, s := range in {
		if s = NormalizeSymbol(s); tickValidSymbol(s) && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// tickValidSymbol reports whether s can be a normalised symbol: short, with
// letters, digits and the separators symbols use.
func tickValidSymbol(s string) bool {
	if s == "" || len(s) > 16 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '-' || c == '^' || c == '=') {
			return false
		}
	}
	return true
}

// Lookup finds a security by symbol in any spelling NormalizeSymbol
// accepts. A bare crypto code finds its pair: Lookup("BTC") is BTC-USD.
func (d *Directory) Lookup(symbol string) (Security, bool) {
	i := d.lookup(NormalizeSymbol(symbol))
	if i < 0 {
		return Security{}, false
	}
	s := d.secs[i]
	s.Aliases = slices.Clone(s.Aliases)
	s.Listings = slices.Clone(s.Listings)
	return s, true
}

// Len returns the number of securities in the directory.
func (d *Directory) Len() int { return len(d.secs) }

// lookup finds a normalised symbol, crypto codes included; -1 if unknown.
func (d *Directory) lookup(sym string) int32 {
	if i, ok := d.bySymbol[sym]; ok {
		return i
	}
	if i, ok := d.crypto[sym]; ok {
		return i
	}
	return -1
}

// lookupListed finds a normalised symbol as a listing, without crypto
// codes: "NYSE Arca: BTC" is a fund, not bitcoin.
func (d *Directory) lookupListed(sym string) int32 {
	if i, ok := d.bySymbol[sym]; ok {
		return i
	}
	return -1
}

// linked reports whether two securities are listings of one company.
func (d *Directory) linked(a, b int32) bool {
	if a < 0 || b < 0 || a == b {
		return false
	}
	sa, sb := &d.secs[a], &d.secs[b]
	return slices.Contains(sa.Listings, sb.Symbol) || slices.Contains(sb.Listings, sa.Symbol) ||
		(sa.Name != "" && sa.Name == sb.Name)
}

// wordLike reports whether a security's symbol must not count bare: it
// is flagged so, a single letter, or an English word or abbreviation.
func (d *Directory) wordLike(i int32) bool { return d.wordy[i] }

func buildDirectory(secs []Security) *Directory {
	d := &Directory{
		secs:       secs,
		bySymbol:   make(map[string]int32, len(secs)),
		crypto:     map[string]int32{},
		aliases:    map[string][]tickAlias{},
		secAliases: make([][]tickAlias, len(secs)),
		wordy:      make([]bool, len(secs)),
	}
	for i, s := range secs {
		d.wordy[i] = s.Word || len(s.Symbol) == 1 || tickerWords[s.Symbol] || tickerAbbrevs[s.Symbol]
	}
	for i, s := range secs {
		if s.Kind == "crypto" {
			if code, _, ok := strings.Cut(s.Symbol, "-"); ok {
				d.crypto[code] = int32(i)
			}
		}
	}
	for i, s := range secs {
		if _, taken := d.crypto[s.Symbol]; taken {
			continue
		}
		if _, dup := d.bySymbol[s.Symbol]; !dup {
			d.bySymbol[s.Symbol] = int32(i)
		}
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
	for w := range d.bySymbol {
		add(w)
	}
	for w := range d.crypto {
		add(w)
	}
	for key := range d.aliases {
		add(strings.ToUpper(key))
	}
	return d
}

// capsInfo looks up an all-capitals word.
func (d *Directory) capsInfo(w string) tickCapsInfo {
	if in, ok := d.caps[w]; ok {
		return in
	}
	return tickCapsInfo{sec: -1}
}

// mayStart reports whether an alias might start with word w.
func (d *Directory) mayStart(w string, flags uint16) bool {
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

// parseSymbolsTSV reads the directory file format described at the top of
// symbols.tsv.
func parseSymbolsTSV(data string) ([]Security, error) {
	var secs []Security
	seen := map[string]bool{}
	for n, line := range strings.Split(data, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		for len(f) < 7 {
			f = append(f, "")
		}
		s := Security{
			Symbol:   NormalizeSymbol(f[0]),
			Kind:     strings.TrimSpace(f[1]),
			Exchange: strings.TrimSpace(f[2]),
			Name:     strings.TrimSpace(f[3]),
		}
		if !tickValidSymbol(s.Symbol) || s.Symbol != strings.TrimSpace(f[0]) {
			return nil, fmt.Errorf("symbols.tsv line %d: symbol %q is not in normal form", n+1, f[0])
		}
		if seen[s.Symbol] {
			return nil, fmt.Errorf("symbols.tsv line %d: %s is listed twice", n+1, s.Symbol)
		}
		seen[s.Symbol] = true
		switch s.Kind {
		case "equity", "etf", "crypto", "index":
		default:
			return nil, fmt.Errorf("symbols.tsv line %d: unknown kind %q", n+1, s.Kind)
		}
		for _, a := range strings.Split(f[4], "|") {
			if a = strings.TrimSpace(a); a != "" {
				s.Aliases = append(s.Aliases, a)
			}
		}
		for _, flag := range strings.Split(f[5], ",") {
			switch strings.TrimSpace(flag) {
			case "":
			case "word":
				s.Word = true
			default:
				return nil, fmt.Errorf("symbols.tsv line %d: unknown flag %q", n+1, flag)
			}
		}
		s.Listings = normalizeSymbols(strings.Split(f[6], ","))
		secs = append(secs, s)
	}
	sort.Slice(secs, func(i, j int) bool { return secs[i].Symbol < secs[j].Symbol })
	return secs, nil
}
