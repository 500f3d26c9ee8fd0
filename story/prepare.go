package story

import (
	"math"
	"slices"
	"strings"
	"sync"
	"time"
)

const (
	nSketch       = 5  // MinHash values per article: [0, prefixSketch) read
	prefixSketch  = 1  // the word pairs of the lead's first prefixWords
	titleSketch   = 2  // content words, [prefixSketch, titleSketch) the
	prefixWords   = 16 // title's, and the rest those of the lead's first
	leadWordsRead = 60 // leadWordsRead
	minNamed      = 3  // named pairs a sketch source needs to read only them
	maxLeadNames  = 4
	maxLead       = 1200
	maxTitle      = 300
)

var sketchSeeds = [nSketch]uint64{
	0x243f6a8885a308d3, 0x13198a2e03707344, 0xa4093822299f31d0,
	0x082efa98ec4e6c89, 0x452821e638d01377,
}

// prep is a Doc read for comparison. A fetch keeps one for every article
// it saved (see Prepared), so it holds what comparing needs in few words
// and two pointers, which is also what the collector has to scan.
type prep struct {
	// ids are the keys (appendKeys) of what identifies the article: its
	// canonical link, its GUID's when that is another address, a GUID
	// long enough, and a filing's accession number; 0 for none.
	ids    [nIDs]uint64
	filing bool
	series bool  // the title is a recurring template
	text   bool  // there is text to sketch
	t      int64 // published, in Unix milliseconds; 0 when unknown

	// words holds, back to back and as short hashes (see short): the
	// title's sorted content words, those outside a template (rest), the
	// lead's sorted word pairs, the lead's first content words in order
	// (head), the title's names and the lead's first maxLeadNames names.
	// ends[i] is where the i-th of them ends.
	words []uint32
	ends  [nParts]uint16
	// figs holds the figures of title and lead, then the title's own
	// (titleNums), which start at nNums. titleShape is a hash of the
	// title's words with every figure alike: two headlines that say the
	// same words around different figures ("Acme sells 12 million
	// phones", "Acme sells 13 million phones"; a numbered series) are two
	// stories, whatever their leads share. Copies that reword the
	// headline, or convert a currency, are judged by the rest of the rule.
	figs       []figure
	nNums      uint16
	titleShape uint64
	sketch     [nSketch]uint64
}

const (
	idLink, idGUIDLink, idGUID, idAccession, nIDs = 0, 1, 2, 3, 4

	partTitle, partRest, partLead, partHead, partNames, partLeadNames, nParts = 0, 1, 2, 3, 4, 5, 6
)

func (p *prep) part(i int) []uint32 {
	from := uint16(0)
	if i > 0 {
		from = p.ends[i-1]
	}
	return p.words[from:p.ends[i]:p.ends[i]]
}

func (p *prep) title() []uint32     { return p.part(partTitle) }
func (p *prep) rest() []uint32      { return p.part(partRest) }
func (p *prep) lead() []uint32      { return p.part(partLead) }
func (p *prep) head() []uint32      { return p.part(partHead) }
func (p *prep) names() []uint32     { return p.part(partNames) }
func (p *prep) leadNames() []uint32 { return p.part(partLeadNames) }
func (p *prep) nums() []figure      { return p.figs[:p.nNums:p.nNums] }
func (p *prep) titleNums() []figure { return p.figs[p.nNums:] }

// unixMilli is t in Unix milliseconds, 0 for the zero time.
func unixMilli(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

var tokPool = sync.Pool{New: func() any { return &tokenizer{buf: make([]byte, 0, 32), toks: make([]token, 0, 160)} }}

func prepare(d Doc) *prep {
	p := &prep{filing: d.Filing, t: unixMilli(d.Published)}
	p.readIDs(d.Link, d.GUID)
	if d.Filing {
		return p
	}
	t := tokPool.Get().(*tokenizer)
	defer tokPool.Put(t)
	nTitle, start, n := t.readTitleLead(d.Title, d.Lead)
	p.series = n > 0
	p.readFigures(t, nTitle)
	p.readWords(t, nTitle, start, n)
	if p.t == 0 {
		return p
	}
	p.readSketch(t)
	return p
}

// readIDs reads what identifies the article: its canonical link, its
// GUID's when that is another address, or else a GUID long enough, and a
// filing's accession number.
func (p *prep) readIDs(link, guid string) {
	links := [2]string{articleLink(link)}
	var id, acc string
	if g := strings.TrimSpace(guid); g != "" && g != strings.TrimSpace(link) {
		if hasPrefixFold(g, "http://") || hasPrefixFold(g, "https://") {
			links[1] = articleLink(g)
			if links[1] == links[0] {
				links[1] = ""
			}
		} else if len(g) >= MinGUID {
			id = g
		}
	}
	if p.filing {
		acc = accession(link)
		if acc == "" {
			acc = accession(guid)
		}
	}
	for i, v := range [nIDs]string{links[0], links[1], id, acc} {
		if v != "" {
			p.ids[i] = hashStrings(idPrefixes[i], v)
		}
	}
}

// idPrefixes keep the kinds of identity apart in their keys; a GUID that
// is an address is one more link.
var idPrefixes = [nIDs]string{"L\x00", "L\x00", "G\x00", "A\x00"}

// readTitleLead reads the title and then the lead into t.toks. It returns
// how many tokens the title has, and where in them a recurring template
// starts and how many it takes (n is 0 for none).
func (t *tokenizer) readTitleLead(title, lead string) (nTitle, start, n int) {
	t.toks, t.vals = t.toks[:0], t.vals[:0]
	t.title = true
	if len(title) > maxTitle {
		title = title[:maxTitle]
	}
	t.add(cleanTitle(title))
	t.title = false
	nTitle = len(t.toks)
	start, n = matchSeries(t.toks)

	if len(lead) > maxLead {
		lead = lead[:maxLead]
	}
	t.addLead(lead)
	if len(t.toks) == nTitle && strings.TrimSpace(lead) != "" {
		t.add(lead) // all of it looked like furniture: read it whole
	}
	return nTitle, start, n
}

// readFigures reads the figures of title and lead, the title's own, and
// the title's shape.
func (p *prep) readFigures(t *tokenizer, nTitle int) {
	toks := t.toks
	// A title is never cut off, so its last figure counts (figures drops
	// the last token, which in a lead may be a figure cut in half). Both
	// lists are read into scratch and kept in one allocation of their
	// size.
	all := figuresOf(t.nums[:0], toks, t.vals, true)
	nAll := len(all)
	all = figuresOf(all, toks[:nTitle], t.vals, false)
	t.nums = all
	if len(all) > 0 {
		p.figs, p.nNums = slices.Clone(all), uint16(nAll)
	}
	p.titleShape = fnvOffset
	for _, tk := range toks[:nTitle] {
		h := tk.h
		if tk.num {
			h = 0 // every figure alike: the shape is the words around them
		}
		p.titleShape = mix(p.titleShape ^ h)
	}
}

// readWords reads the content words: the title's, the rest of the title
// outside a template (the tokens [start, start+n)), and the lead's word
// pairs, in one allocation. It leaves the words, pairs and names in t's
// buffers for readSketch.
func (p *prep) readWords(t *tokenizer, nTitle, start, n int) {
	words, rest, leadWords := t.words[:0], t.rest[:0], t.lead[:0]
	titleNames, leadNames := t.titleNames[:0], t.leadNames[:0]
	names, firstNames := t.names[:0], t.firstNames[:0]
	for i, tk := range t.toks[:nTitle] {
		if tk.stop {
			continue
		}
		words = append(words, tk.h)
		titleNames = append(titleNames, tk.name || tk.num)
		if tk.name && !tk.num {
			names = append(names, tk.h)
		}
		if p.series && (i < start || i >= start+n) {
			rest = append(rest, tk.h)
		}
	}
	// Every lead token is written and only a content word kept, by moving
	// on past it: whether a word is a stop word is a coin toss that a
	// branch would guess wrong half the time.
	lead := t.toks[nTitle:]
	leadWords = slices.Grow(leadWords, len(lead))[:len(lead)]
	leadNames = slices.Grow(leadNames, len(lead))[:len(lead)]
	k := 0
	for _, tk := range lead {
		leadWords[k] = tk.h
		leadNames[k] = tk.name || tk.num
		k += b2i(!tk.stop)
		if tk.name && !tk.num && !tk.stop && len(firstNames) < maxLeadNames && k <= leadWordsRead {
			firstNames = append(firstNames, tk.h)
		}
	}
	leadWords, leadNames = leadWords[:k], leadNames[:k]
	t.titleNames, t.leadNames, t.names, t.firstNames = titleNames, leadNames, names, firstNames
	leadPairs := appendPairs(t.pairs[:0], leadWords)
	titlePairs := appendPairs(t.tpairs[:0], words)
	t.words, t.rest, t.lead, t.pairs, t.tpairs = words, rest, leadWords, leadPairs, titlePairs
	p.keepWords(t, words, rest, leadPairs, leadWords[:min(len(leadWords), leadWordsRead)], names, firstNames)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// keepWords keeps the sets and lists a comparison reads, as short hashes,
// in one allocation (see prep.words).
func (p *prep) keepWords(t *tokenizer, words, rest, leadPairs, head, names, firstNames []uint64) {
	parts := [nParts][]uint64{words, rest, leadPairs, head, names, firstNames}
	size := 0
	for _, part := range parts {
		size += len(part)
	}
	if size == 0 {
		return
	}
	store := make([]uint32, 0, size)
	for i, part := range parts {
		from := len(store)
		for _, h := range part {
			store = append(store, short(h))
		}
		if i <= partLead { // sets: sorted, each value once
			set := store[from:]
			t.sorted = sortHashes(set, t.sorted)
			store = store[:from+len(slices.Compact(set))]
		}
		p.ends[i] = uint16(len(store))
	}
	p.words = store
}

// short is the hash a prep keeps of a word or pair: the high half of its
// 64-bit hash. Two different words of two articles share one with odds of
// one in four billion, far below any threshold a comparison applies.
func short(h uint64) uint32 { return uint32(h >> 32) }

// readSketch computes the MinHash sketch from the words and pairs
// readWords left in t. The first values read the lead's first words,
// which a trimmed copy keeps; the next the title; the others the title
// and more of the lead, which a copy with a rewritten first sentence
// keeps. Each reads the word pairs with a name or a figure in them when
// there are a few: they tell one company's story from another's under the
// same phrasing ("X names new chief executive").
func (p *prep) readSketch(t *tokenizer) {
	words, leadPairs, titlePairs := t.words, t.pairs, t.tpairs
	leadNames, titleNames := t.leadNames, t.titleNames
	if len(leadPairs)+len(titlePairs) == 0 && len(words) != 1 {
		return
	}
	// The three sources are read back to back into one scratch buffer,
	// made large enough first: one that grew while they were appended
	// would be dropped, and another allocated next time.
	if need := min(len(leadPairs), prefixWords-1) + len(titlePairs) + min(len(leadPairs), leadWordsRead-1); cap(t.named) < need {
		t.named = make([]uint64, 0, need)
	}
	prefix := namedPairs(t.named[:0], leadPairs, leadNames, prefixWords-1, minNamed)
	titleSrc := namedPairs(prefix[len(prefix):len(prefix)], titlePairs, titleNames, len(titlePairs), 1)
	if len(titlePairs) == 0 && len(words) == 1 {
		titleSrc = words // a one-word title
	}
	more := namedPairs(titleSrc[len(titleSrc):len(titleSrc)], leadPairs, leadNames, leadWordsRead-1, minNamed)
	t.named = prefix[:0]
	if len(prefix) == 0 {
		prefix = titleSrc
	}
	if len(titleSrc) == 0 {
		titleSrc = prefix
	}
	p.text = true
	for i := range p.sketch {
		p.sketch[i] = math.MaxUint64
	}
	for _, h := range prefix {
		minHash(&p.sketch, 0, prefixSketch, h)
	}
	if len(more) == 0 {
		more = titleSrc
	}
	for _, h := range titleSrc {
		minHash(&p.sketch, prefixSketch, titleSketch, h)
	}
	for _, h := range more {
		minHash(&p.sketch, titleSketch, nSketch, h)
	}
}

// namedPairs appends the first limit of pairs (the pairs of words) that
// have a name or a figure in them, or all first limit when fewer than least
// do.
func namedPairs(out, pairs []uint64, names []bool, limit, least int) []uint64 {
	pairs = pairs[:min(len(pairs), limit)]
	start := len(out)
	for i, h := range pairs {
		if names[i] || names[i+1] {
			out = append(out, h)
		}
	}
	if len(out)-start < least {
		out = append(out[:start], pairs...)
	}
	return out
}

// minHash lowers sketch[from:to] to h's values under their permutations.
func minHash(sketch *[nSketch]uint64, from, to int, h uint64) {
	for i := from; i < to; i++ {
		v := (h ^ sketchSeeds[i]) * 0x9fb21c651e98df25
		v ^= v >> 28
		if v < sketch[i] {
			sketch[i] = v
		}
	}
}

// articleLink is CanonicalLink of an address that can name one article: a
// site's front page cannot.
func articleLink(link string) string {
	c := CanonicalLink(link)
	if !strings.Contains(c, "/") {
		return ""
	}
	return c
}

// appendPairs appends the hashes of adjacent words, in order.
func appendPairs(out, words []uint64) []uint64 {
	for i := 1; i < len(words); i++ {
		out = append(out, mix(words[i-1]*31+words[i]))
	}
	return out
}

// sortHashes sorts s, using tmp as scratch, and returns tmp to keep. A
// lead's word pairs, dozens or more, are sorted by their top bits into
// buckets and then within each: hashes spread evenly, so that the buckets
// hold one or two and the sort is faster than slices.Sort, about twice
// for a hundred.
func sortHashes(s, tmp []uint32) []uint32 {
	if len(s) < 24 {
		slices.Sort(s)
		return tmp
	}
	bits := 6
	if len(s) < 64 {
		bits = 4
	}
	if cap(tmp) < len(s) {
		tmp = make([]uint32, len(s))
	}
	tmp = tmp[:len(s)]
	var buckets [1 << 6]int32
	next := buckets[:1<<bits] // where the next value of each bucket goes
	for _, v := range s {
		next[v>>(32-bits)]++
	}
	sum := int32(0)
	for b, n := range next {
		next[b] = sum
		sum += n
	}
	for _, v := range s {
		b := v >> (32 - bits)
		tmp[next[b]] = v
		next[b]++
	}
	from := int32(0)
	for _, to := range next {
		bucket := tmp[from:to]
		if len(bucket) > 12 {
			slices.Sort(bucket) // a text that repeats itself
		} else {
			for i := 1; i < len(bucket); i++ {
				v, j := bucket[i], i
				for ; j > 0 && bucket[j-1] > v; j-- {
					bucket[j] = bucket[j-1]
				}
				bucket[j] = v
			}
		}
		from = to
	}
	copy(s, tmp)
	return tmp
}

// accession returns the digits of an EDGAR accession number in s
// (0001234567-26-000131 or 000123456726000131), or "".
func accession(s string) string {
	for i := 0; i+20 <= len(s); i++ {
		if isDigit(s[i]) && (i == 0 || !isDigit(s[i-1])) {
			if isAccession(s[i : i+20]) {
				return s[i:i+10] + s[i+11:i+13] + s[i+14:i+20]
			}
			if i+18 <= len(s) && allDigits(s[i:i+18]) && (i+18 == len(s) || !isDigit(s[i+18])) {
				return s[i : i+18]
			}
		}
	}
	return ""
}

func isAccession(s string) bool {
	return allDigits(s[:10]) && s[10] == '-' && allDigits(s[11:13]) && s[13] == '-' && allDigits(s[14:20])
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}
