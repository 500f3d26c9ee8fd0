package symbol

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
	Symbol   string `json:"symbol"` // normalised, see Normalize
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

// Directory is the set of securities brief knows by symbol, name and
// alias: the built-in list (symbols.tsv) and what the user adds. It is
// immutable once built and safe for concurrent use. Securities keep their
// positions in Securities for the directory's life, so a caller that
// indexes them (the ticker detector) can use Find's positions.
type Directory struct {
	secs     []Security
	bySymbol map[string]int32
	// crypto maps a bare crypto code to its pair: BTC → BTC-USD. Codes are
	// kept apart from the symbol index so that an exchange-qualified
	// equity that happens to share the letters is never taken for a coin.
	crypto map[string]int32
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
		e.Symbol = Normalize(e.Symbol)
		if !Valid(e.Symbol) {
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
		if s = Normalize(s); Valid(s) && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// Lookup finds a security by symbol in any spelling Normalize accepts. A
// bare crypto code finds its pair: Lookup("BTC") is BTC-USD.
func (d *Directory) Lookup(symbol string) (Security, bool) {
	i := d.Find(Normalize(symbol))
	if i < 0 {
		return Security{}, false
	}
	return cloneSecurity(d.secs[i]), true
}

// Len returns the number of securities in the directory.
func (d *Directory) Len() int { return len(d.secs) }

// Securities returns a copy of the directory's securities, ordered by
// symbol; a security's position is the one Find and FindListed report.
func (d *Directory) Securities() []Security {
	out := make([]Security, len(d.secs))
	for i, s := range d.secs {
		out[i] = cloneSecurity(s)
	}
	return out
}

func cloneSecurity(s Security) Security {
	s.Aliases = slices.Clone(s.Aliases)
	s.Listings = slices.Clone(s.Listings)
	return s
}

// Find returns the position in Securities of a symbol in normal form,
// bare crypto codes included (BTC finds BTC-USD), or -1 when the directory
// does not know it. It is Lookup for a symbol already normalised, without
// copying.
func (d *Directory) Find(sym string) int {
	if i, ok := d.bySymbol[sym]; ok {
		return int(i)
	}
	if i, ok := d.crypto[sym]; ok {
		return int(i)
	}
	return -1
}

// FindListed is Find for a symbol as an exchange lists it, where a crypto
// code means nothing: "NYSE Arca: BTC" is a fund, not bitcoin.
func (d *Directory) FindListed(sym string) int {
	if i, ok := d.bySymbol[sym]; ok {
		return int(i)
	}
	return -1
}

func buildDirectory(secs []Security) *Directory {
	d := &Directory{
		secs:     secs,
		bySymbol: make(map[string]int32, len(secs)),
		crypto:   map[string]int32{},
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
	return d
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
			Symbol:   Normalize(f[0]),
			Kind:     strings.TrimSpace(f[1]),
			Exchange: strings.TrimSpace(f[2]),
			Name:     strings.TrimSpace(f[3]),
		}
		if !Valid(s.Symbol) || s.Symbol != strings.TrimSpace(f[0]) {
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
