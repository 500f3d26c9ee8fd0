package wrap

import (
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/clipperhouse/uax29/v2/graphemes"
	"github.com/clipperhouse/uax29/v2/words"
)

// A unit is the smallest piece of text the wrapper places: a UAX #29 word
// (a Latin word, a number with its separators, one punctuation mark, a run
// of spaces) or, inside ideographic text, one grapheme cluster.
type unit struct {
	start, end int // byte offsets in the text
	width      int // terminal cells
	flags      flag
}

type flag uint16

const (
	space      flag = 1 << iota // a break opportunity, dropped at a line end
	ideo                        // CJK ideograph, kana or emoji: breaks on either side
	wide                        // two cells, as CJK punctuation is
	closing                     // no break before it: ，。）」％ and the like
	opening                     // no break after it: （「“$ and the like
	hyphen                      // a break after it between letters
	letterHead                  // starts with a letter
	alnumTail                   // ends with a letter or digit
	glueBefore                  // no break before it: no-break space, word joiner
	glueAfter                   // no break after it
)

// scanner yields the units of a text in order.
type scanner struct {
	text  string
	base  int // text starts at this offset of the caller's text
	words *words.Iterator[string]
	// sub walks the grapheme clusters of an ideographic word that UAX #29
	// keeps whole (a katakana run), so that each is a unit of its own.
	sub    *graphemes.Iterator[string]
	subOff int
}

func newScanner(text string, base int) *scanner {
	return &scanner{text: text, base: base, words: words.FromString(text)}
}

func (s *scanner) next() (unit, bool) {
	if s.sub != nil {
		if s.sub.Next() {
			start := s.subOff + s.sub.Start()
			end := s.subOff + s.sub.End()
			return s.classify(start, end, true), true
		}
		s.sub = nil
	}
	if !s.words.Next() {
		return unit{}, false
	}
	start, end := s.words.Start(), s.words.End()
	tok := s.text[start:end]
	r, size := utf8.DecodeRuneInString(tok)
	if size < len(tok) && isIdeo(r) {
		s.sub = graphemes.FromString(tok)
		s.subOff = start
		s.sub.Next()
		return s.classify(start, start+s.sub.End(), true), true
	}
	return s.classify(start, end, false), true
}

func (s *scanner) classify(start, end int, inIdeo bool) unit {
	tok := s.text[start:end]
	u := unit{start: s.base + start, end: s.base + end, width: cells(tok)}
	first, _ := utf8.DecodeRuneInString(tok)
	last, _ := utf8.DecodeLastRuneInString(tok)
	if isSpace(first) && allSpace(tok) {
		u.flags = space
		if first == '\t' {
			// A tab is shown as one space: its width on a terminal
			// depends on the column it lands in.
			u.width = len(tok)
		}
		return u
	}
	if inIdeo || isIdeo(first) || u.width == 2 && isPictograph(first) {
		u.flags |= ideo
	}
	if u.width >= 2 && utf8.RuneCountInString(tok) == 1 {
		u.flags |= wide
	}
	if isClosing(first) {
		u.flags |= closing
	}
	if isOpening(last) {
		u.flags |= opening
	}
	if isHyphen(first) && end-start == utf8.RuneLen(first) {
		u.flags |= hyphen
	}
	if unicode.IsLetter(first) {
		u.flags |= letterHead
	}
	if unicode.IsLetter(last) || unicode.IsDigit(last) {
		u.flags |= alnumTail
	}
	if isGlue(first) {
		u.flags |= glueBefore
	}
	if isGlue(last) {
		u.flags |= glueAfter
	}
	return u
}

// canBreak reports whether a line may end between the adjacent units a and
// b; beforeA is the unit before a (zero at the start). These are the rules
// of UAX #14 that matter for news text: runs of letters, digits and number
// punctuation stay whole ("1,879", "12.5%", "COVID-19"), ideographs break
// anywhere, and kinsoku keeps closing marks off the start of a line and
// opening marks off its end.
func canBreak(beforeA, a, b unit) bool {
	switch {
	case a.flags&(glueAfter|opening) != 0, b.flags&(glueBefore|closing) != 0:
		return false
	case a.flags&ideo != 0, b.flags&ideo != 0:
		return true
	case a.flags&hyphen != 0:
		// "well-|known", but not "-|5" nor "COVID-|19".
		return beforeA.flags&alnumTail != 0 && beforeA.end == a.start && b.flags&letterHead != 0
	case a.flags&(closing|wide) == closing|wide, b.flags&(opening|wide) == opening|wide:
		// CJK punctuation next to Latin text: "，|Apple", "Apple|（".
		return true
	}
	return false
}

// canBreakAtSpace reports whether a line may end at the spaces between a
// and b. It may not when b is a closing mark ("Bonjour !") or a an opening
// one.
func canBreakAtSpace(a, b unit) bool {
	return a.flags&opening == 0 && b.flags&closing == 0
}

func cells(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\v', '\f', '\r', '\u1680', '\u205f', '\u3000', '\u200b':
		return true
	}
	// U+2007 FIGURE SPACE does not break.
	return r >= '\u2000' && r <= '\u200a' && r != '\u2007'
}

// allSpace reports whether s is only spaces: a space with a combining mark
// on it is a visible character.
func allSpace(s string) bool {
	for _, r := range s {
		if !isSpace(r) {
			return false
		}
	}
	return true
}

func isGlue(r rune) bool {
	switch r {
	case '\u00a0', '\u2007', '\u202f', '\u2060', '\ufeff':
		return true
	}
	return false
}

func isHyphen(r rune) bool {
	return r == '-' || r == '\u2010' || r == '\u2013'
}

var ideoScripts = []*unicode.RangeTable{unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Bopomofo, unicode.Yi}

// isIdeo reports whether r belongs to a script written without spaces
// whose characters are each a break opportunity, or is one of the
// ideographic marks that go with them (ー, 々, 〆).
func isIdeo(r rune) bool {
	if r < 0x2e80 {
		return false
	}
	if r == 'ー' || r >= 0x3000 && r <= 0x303f && !isClosing(r) && !isOpening(r) && r != 0x3000 {
		return true
	}
	return unicode.IsOneOf(ideoScripts, r)
}

// isPictograph reports whether r starts an emoji or a flag: shown two cells
// wide, breakable on either side like an ideograph.
func isPictograph(r rune) bool {
	return r >= 0x1f000 && r <= 0x1faff || r >= 0x2600 && r <= 0x27bf || r >= 0x2b00 && r <= 0x2bff
}

// isClosing reports whether r may not start a line: closing brackets and
// quotes, sentence and clause punctuation, percent and degree signs, and
// the Japanese small kana and iteration marks that kinsoku keeps off a line
// start.
func isClosing(r rune) bool {
	if r < 0x80 {
		switch r {
		case '!', ')', ',', '.', ':', ';', '?', ']', '}', '%':
			return true
		}
		return false
	}
	switch r {
	case '、', '。', '，', '．', '：', '；', '！', '？', '％', '‰', '‱', '′', '″', '℃', '℉', '°', '¢',
		'・', '･', 'ー', 'ｰ', '…', '‥', '々', '〻', 'ゝ', 'ゞ', 'ヽ', 'ヾ', '゛', '゜',
		'ぁ', 'ぃ', 'ぅ', 'ぇ', 'ぉ', 'っ', 'ゃ', 'ゅ', 'ょ', 'ゎ', 'ゕ', 'ゖ',
		'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ッ', 'ャ', 'ュ', 'ョ', 'ヮ', 'ヵ', 'ヶ',
		'｡', '､', '｣', '﹐', '﹑', '﹒', '﹔', '﹕', '﹖', '﹗', '‼', '⁇', '⁈', '⁉':
		return true
	}
	if r >= 0x31f0 && r <= 0x31ff || r >= 0xff67 && r <= 0xff6f { // small katakana
		return true
	}
	return unicode.In(r, unicode.Pe, unicode.Pf)
}

// isOpening reports whether r may not end a line: opening brackets and
// quotes, and currency signs written before the amount.
func isOpening(r rune) bool {
	if r < 0x80 {
		switch r {
		case '(', '[', '{', '$', '#':
			return true
		}
		return false
	}
	switch r {
	case '£', '¥', '€', '￥', '￡', '＄', '＃', '¿', '¡', '₩', '₹':
		return true
	}
	return unicode.In(r, unicode.Ps, unicode.Pi)
}
