package story

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word or number of a title or lead, lower-cased and stemmed,
// as a hash. A number's value is kept aside (tokenizer.vals): most tokens
// are words, and a token that carried one would be three times as large
// to append and to read.
type token struct {
	h    uint64
	stop bool // a function word or a word every market story has
	num  bool
	term bool  // a number in a compound word, "30-year", "10-for-1": no figure
	name bool  // capitalized inside a sentence (or anywhere in a title): a name
	val  int32 // a number's value is vals[val]
}

// number is a figure as written: its value and the place of its last digit,
// so that a rounded figure ($6.3 billion) equals a precise one ($6.27
// billion).
type number struct {
	v, step float64
	pct     bool
	sig     uint32 // the first three significant digits, without trailing zeros
	mag     int16  // digits before the point, or minus the zeros after it
}

// figure is what a prep keeps of a number: what near compares, in half
// the space (the place of the last digit needs no more than a float32).
type figure struct {
	v    float64
	step float32
	pct  bool
}

func (a number) figure() figure { return figure{v: a.v, step: float32(a.step), pct: a.pct} }

func (a figure) near(b figure) bool { return a.nearBy(b, a.slack()) }

// nearBy is near, given a.slack().
func (a figure) nearBy(b figure, slack float64) bool {
	return a.pct == b.pct && math.Abs(a.v-b.v) <= float64(max(a.step, b.step))/2+slack
}

// slack is the part of near's tolerance that is a's own: a figure read
// from text and the same figure computed agree to far less.
func (a figure) slack() float64 { return 1e-9 * math.Max(math.Abs(a.v), 1) }

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
	// fnvPrimeInverse * fnvPrime is 1 (mod 2^64): it undoes an FNV step.
	fnvPrimeInverse = 0xce965057aff6957b
)

func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// hashStrings hashes a + b without making it.
func hashStrings(a, b string) uint64 { return mix(fnv(fnv(fnvOffset, a), b)) }

// fnv continues the FNV-1a hash h over s.
func fnv(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// tokenizer turns text into tokens. It reuses its buffer across words.
type tokenizer struct {
	buf  []byte
	toks []token
	vals []number // the numbers' values (token.val)
	sep  byte     // the byte before the current word
	cap  bool     // the current word is capitalized inside a sentence
	// title makes a capitalized first word a name too: a headline starts
	// with its subject.
	title bool

	// Scratch for prepare.
	words, rest, lead, pairs, tpairs, named []uint64
	names, firstNames                       []uint64
	titleNames, leadNames                   []bool
	nums                                    []figure
	sorted                                  []uint32
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// byteClass tells the ASCII letters and digits, which make most words,
// from the other bytes.
const (
	letterByte = 1
	digitByte  = 2
)

var byteClass = func() (c [256]uint8) {
	for b := 'a'; b <= 'z'; b++ {
		c[b], c[b-'a'+'A'] = letterByte, letterByte
	}
	for b := '0'; b <= '9'; b++ {
		c[b] = digitByte
	}
	return c
}()

// add tokenizes s and appends its tokens. Markdown link targets and bare
// addresses are skipped; "S&P" and "AT&T" stay one word; "34.5%" is one
// number; "'s" is dropped.
func (t *tokenizer) add(s string) {
	i := 0
	for i < len(s) {
		c := s[i]
		r := rune(c)
		if c < utf8.RuneSelf {
			if byteClass[c] == 0 {
				// Markdown link target: "](...)".
				if c == ']' && i+1 < len(s) && s[i+1] == '(' {
					j := strings.IndexByte(s[i+2:], ')')
					if j < 0 {
						return
					}
					i += j + 3
					continue
				}
				i++
				continue
			}
		} else {
			var size int
			r, size = utf8.DecodeRuneInString(s[i:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				i += size
				continue
			}
		}
		// A bare address is no word of the story.
		if (c == 'h' || c == 'H') && (hasPrefixFold(s[i:], "http://") || hasPrefixFold(s[i:], "https://")) ||
			(c == 'w' || c == 'W') && hasPrefixFold(s[i:], "www.") {
			for i < len(s) && s[i] != ' ' && s[i] != '\n' && s[i] != ')' && s[i] != '\t' {
				i++
			}
			continue
		}
		t.sep = ' '
		if i > 0 {
			t.sep = s[i-1]
		}
		t.cap = (c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf && unicode.IsUpper(r)) && (t.title || !sentenceStart(s, i))
		i = t.word(s, i)
	}
}

// word reads the word or number starting at s[i] and returns the index after
// it.
func (t *tokenizer) word(s string, i int) int {
	buf := t.buf[:0]
	var seen uint8 // letterByte and digitByte: what the word has so far
	// h is the FNV hash of buf, kept as it grows: the stem's is then a
	// step or two away (see emit) rather than another pass over the word.
	h := uint64(fnvOffset)
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if byteClass[c] != 0 {
				// A run of ASCII letters and digits, most words whole, is
				// copied in one tight loop and lower-cased: the digits
				// have the lower-case bit already.
				for ; i < len(s); i++ {
					c := s[i]
					class := byteClass[c]
					if class == 0 {
						break
					}
					seen |= class
					buf = append(buf, c|0x20)
					h = (h ^ uint64(c|0x20)) * fnvPrime
				}
				continue
			}
			switch {
			case (c == '.' || c == ',') && seen == digitByte && i+1 < len(s) && isDigit(s[i+1]) &&
				len(buf) > 0 && isDigit(buf[len(buf)-1]):
				if c == '.' {
					buf = append(buf, '.')
					h = (h ^ '.') * fnvPrime
				}
				i++
				continue
			case c == '&' && seen == letterByte && i+1 < len(s) && isLetterByte(s[i+1]):
				buf = append(buf, '&')
				h = (h ^ '&') * fnvPrime
				i++
				continue
			case c == '\'' && seen&letterByte != 0:
				i = t.apostrophe(s, i, 1)
				continue
			case c == '%' && seen&digitByte != 0:
				buf = append(buf, '%')
				h = (h ^ '%') * fnvPrime
				i++
			}
			break
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '’' && seen&letterByte != 0 {
			i = t.apostrophe(s, i, size)
			continue
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		if unicode.IsDigit(r) {
			seen |= digitByte
		} else {
			seen |= letterByte
		}
		n := len(buf)
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
		for _, b := range buf[n:] {
			h = (h ^ uint64(b)) * fnvPrime
		}
		i += size
	}
	if cap(buf) != cap(t.buf) {
		t.buf = buf // it grew; storing it each time would cost a write barrier
	}
	if len(buf) > 0 {
		t.endWord(buf, h, s, i)
	}
	return i
}

// endWord emits the word in buf (h its hash), which ends at s[i]. A number
// that a hyphen joins to a word ("30-year") is marked as part of a term.
func (t *tokenizer) endWord(buf []byte, h uint64, s string, i int) {
	t.emit(buf, h)
	if i+1 < len(s) && s[i] == '-' && isLetterByte(s[i+1]) {
		if n := len(t.toks) - 1; t.toks[n].num {
			t.toks[n].term = true
		}
	}
}

// apostrophe handles a quote after letters: "'s" ends the word and is
// dropped, "n't" and "O'Neill" stay in it.
func (t *tokenizer) apostrophe(s string, i, size int) int {
	j := i + size
	if j < len(s) && (s[j] == 's' || s[j] == 'S') && (j+1 == len(s) || !isLetterByte(s[j+1])) {
		return j + 1
	}
	return j // letters after the quote continue the word; anything else ends it
}

// sentenceStart reports whether the word at s[i] starts a sentence, a line
// or a list item.
func sentenceStart(s string, i int) bool {
	for j := i - 1; j >= 0; j-- {
		switch s[j] {
		case ' ', '\t', '"', '\'', '*', '_', '(', '[', '#', '>':
			continue
		case '.', '!', '?', '\n', ':', ';', 0x94, 0x93: // 0x94, 0x93 end an em or en dash
			return true
		}
		return false
	}
	return true
}

func isLetterByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// emit turns the word w, whose FNV hash (before mix) is fw, into a token,
// folding unit words into the number before them ("34 percent" is "34%",
// "6.3 billion" is 6.3e9).
func (t *tokenizer) emit(w []byte, fw uint64) {
	if isDigit(w[0]) {
		if n, ok := parseNumber(w); ok {
			t.toks = append(t.toks, token{h: numberHash(n), num: true, val: int32(len(t.vals))})
			t.vals = append(t.vals, n)
			return
		}
	}
	if n := len(t.toks); n > 0 && t.toks[n-1].num && (t.sep == ' ' || t.sep == 0xa0) {
		if exp, pct, ok := unitWord(w); ok {
			p := &t.vals[t.toks[n-1].val]
			if pct {
				p.pct = true
			} else if !p.pct {
				p.scale(exp)
			}
			t.toks[n-1].h = numberHash(*p)
			return
		}
	}
	if string(w) == "cent" {
		// "34 per cent" is "34%".
		if n := len(t.toks); n >= 2 && t.toks[n-1].h == perHash && t.toks[n-2].num {
			t.toks = t.toks[:n-1]
			p := &t.vals[t.toks[n-2].val]
			p.pct = true
			t.toks[n-2].h = numberHash(*p)
			return
		}
	}
	// The stem's hash is hashBytes(stemWord(w)): FNV steps back over the
	// ending dropped (a step multiplies by an odd number, which has an
	// inverse) and on over a 'y' put in its place.
	m, y := stemLen(w)
	for k := len(w) - 1; k >= m; k-- {
		fw = fw*fnvPrimeInverse ^ uint64(w[k])
	}
	if y {
		fw = (fw ^ 'y') * fnvPrime
	}
	h := mix(fw)
	t.toks = append(t.toks, token{h: h, stop: stopWords.has(h), name: t.cap})
}

func hashBytes(b []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return mix(h)
}

// numberHash spells a number by its first three significant digits and
// its magnitude, so that "215,000" and "215k", "4.20" and "4.2" are one.
func numberHash(n number) uint64 {
	h := uint64(n.sig)<<20 ^ uint64(uint16(n.mag))<<4 ^ 0x9e3779b97f4a7c15
	if n.pct {
		h ^= 1
	}
	return mix(h)
}

// parseNumber reads "1234", "44.6", "34%", "6.3bn", "215k".
func parseNumber(w []byte) (number, bool) {
	var n number
	i := 0
	v, step, frac := 0.0, 1.0, false
	sigDigits, intDigits, leadZeros := 0, 0, 0
	for ; i < len(w); i++ {
		c := w[i]
		switch {
		case isDigit(c):
			d := c - '0'
			if frac {
				step /= 10
				v += float64(d) * step
			} else {
				v = v*10 + float64(d)
			}
			switch {
			case sigDigits == 0 && d == 0:
				if frac {
					leadZeros++
				}
			case sigDigits < 3:
				n.sig = n.sig*10 + uint32(d)
				sigDigits++
			}
			if !frac && sigDigits > 0 {
				intDigits++
			}
		case c == '.' && !frac:
			frac = true
		default:
			goto unit
		}
	}
unit:
	for n.sig != 0 && n.sig%10 == 0 {
		n.sig /= 10
	}
	if intDigits > 0 {
		n.mag = int16(intDigits)
	} else {
		n.mag = int16(-leadZeros)
	}
	n.v, n.step = v, step
	rest := w[i:]
	if len(rest) == 0 {
		return n, true
	}
	if rest[0] == '%' {
		n.pct = true
		return n, true
	}
	if exp, pct, ok := unitWord(rest); ok && !pct {
		n.scale(exp)
		return n, true
	}
	return n, false // "8k" as in 8-K, "q3", "5g": a word
}

// scale multiplies n by 10^exp.
func (n *number) scale(exp int) {
	f := math.Pow10(exp)
	n.v *= f
	n.step *= f
	n.mag += int16(exp)
}

// unitWord reports the power of ten of a unit written after a figure, or
// that it is a percent sign.
func unitWord(w []byte) (exp int, pct, ok bool) {
	switch string(w) {
	case "percent", "pct", "%":
		return 0, true, true
	case "thousand", "k":
		return 3, false, true
	case "million", "mln", "mn", "m", "mm":
		return 6, false, true
	case "billion", "bln", "bn", "b":
		return 9, false, true
	case "trillion", "tln", "tn", "t":
		return 12, false, true
	}
	return 0, false, false
}

// stemWord strips common English endings so that "raises", "raised" and
// "raising" are one word. It works in place on w.
func stemWord(w []byte) []byte {
	m, y := stemLen(w)
	if y {
		return append(w[:m], 'y')
	}
	return w[:m]
}

// stemLen is the stem of w: its first m bytes, and a 'y' after them when
// y.
func stemLen(w []byte) (m int, y bool) {
	n := len(w)
	switch {
	case n > 5 && string(w[n-3:]) == "ing":
		m = n - 3
	case n > 4 && string(w[n-3:]) == "ies":
		return n - 3, true // ends in 'y': no 'e' to drop
	case n > 4 && string(w[n-2:]) == "ed":
		m = n - 2
	case n > 4 && string(w[n-2:]) == "es":
		m = n - 2
	case n > 3 && w[n-1] == 's' && w[n-2] != 's' && w[n-2] != 'u' && w[n-2] != 'i':
		m = n - 1
	default:
		m = n
	}
	if m > 3 && w[m-1] == 'e' {
		m--
	}
	return m, false
}

var perHash = hashBytes([]byte("per"))

// stopWords are hashes of stemmed words that say nothing about which story
// an article tells.
var stopWords = func() *hashSet {
	words := strings.Fields(`a an the and or but nor of to in on at by for from with as into onto
	over under after before about above below than then that this these those there their they them
	it its is are was were be been being am has have had having do does did doing will would shall
	should can could may might must not no so if while when where which who whom whose what why how
	all any both each few more most other some such only own same too very just also up down out off
	again further once here he she his her him we our us you your i me my mine
	said say says saying according told tell reuters bloomberg ap afp inc corp co ltd plc llc
	company companies group holding holdings new per cent year years day days week weeks month months
	monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
	jan feb mar apr jun jul aug sep sept oct nov dec january february march april may june july
	august september october november december amid vs via filer form`)
	var hs []uint64
	for _, w := range words {
		hs = append(hs, hashBytes(stemWord([]byte(w))))
	}
	return newHashSet(hs)
}()

// hashSet is a set of hashes, open addressing: faster than a map for the
// one lookup every word makes. A hash is found within hashProbes slots of
// its own (the table grows until each is), and has looks at all of them
// without a branch: whether a word is a stop word is a coin toss, which a
// branch on it guesses wrong half the time. The slots run past the mask
// rather than wrapping around.
type hashSet struct {
	slots []uint64
	mask  uint64
}

const hashProbes = 4

func newHashSet(hs []uint64) *hashSet {
	size := 16
	for size < 4*len(hs) {
		size *= 2
	}
fill:
	for {
		s := &hashSet{slots: make([]uint64, size+hashProbes-1), mask: uint64(size - 1)}
		for _, h := range hs {
			if h == 0 {
				panic("story: zero hash")
			}
			i := h & s.mask
			for s.slots[i] != 0 && s.slots[i] != h {
				i++
				if i == (h&s.mask)+hashProbes {
					if size *= 2; size > 1<<20 {
						panic("story: hashes crowd one slot")
					}
					// Too far from its slot: a larger table.
					continue fill
				}
			}
			s.slots[i] = h
		}
		return s
	}
}

func (s *hashSet) has(h uint64) bool {
	w := s.slots[h&s.mask:][:hashProbes]
	return b2i(w[0] == h)|b2i(w[1] == h)|b2i(w[2] == h)|b2i(w[3] == h) != 0
}
