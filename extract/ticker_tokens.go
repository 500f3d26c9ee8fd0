package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tickTok is one word of an article, found in a single pass over the text.
// Offsets are int32 to keep a megabyte article's tokens small.
type tickTok struct {
	start, end int32 // the word, without a possessive 's
	full       int32 // end including the possessive
	para       int32 // paragraph number, counting the title's
	flags      uint16
}

const (
	tokPossessive uint16 = 1 << iota // written "Apple's"
	tokSentStart                     // first word of a sentence, line or list item
	tokTitle                         // in the article's title
	tokAmp                           // a standalone "&", part of names such as "Procter & Gamble"
	tokUsed                          // already taken by a signal
	tokLower                         // starts with a lower-case letter
	tokCaps                          // letters all upper-case, at least one letter
)

// tickPara is what the scanner needs to know of a paragraph to find the
// first one that is prose rather than a byline, an image or a heading.
type tickPara struct {
	firstTok, toks int32
	heading        bool
	sentences      bool // has a full stop followed by space or the end
}

// tickTokens is a tokenised text.
type tickTokens struct {
	text  string
	toks  []tickTok
	paras []tickPara
}

func (tt *tickTokens) str(i int) string { t := tt.toks[i]; return tt.text[t.start:t.end] }

// tickAbbrevDots are words whose trailing full stop does not end a
// sentence: "Microsoft Corp. said", "U.S. retail sales".
var tickAbbrevDots = tickerSet(`Corp Inc Co Ltd Bros U.S U.K U.N Mr Mrs Ms Dr St Jr Sr vs No Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec e.g i.e J.P W.W D.R`)

// tickHyphenTails may follow a company name after a hyphen without making
// another word of it: "Nvidia-backed", "Alibaba-owned".
var tickHyphenTails = tickerSet(`backed owned led based made funded controlled listed branded designed built linked related run operated supplied`)

// tickTokenize splits text into words. titleEnd is the length of the title
// prefix of text (0 when there is none); its words get tokTitle. Links and
// bare URLs are skipped: a path segment is not a ticker.
//
// A word is a run of letters and digits, joined by ".", "&", "'", "’", "-"
// or "/" when a letter or digit follows, so that "JD.com", "AT&T",
// "BRK.B", "9988.HK", "Coca-Cola" and "BRK/B" are one word each. A hyphen
// before a percentage is not a joiner: "NIONIO-1.20%" is a ticker chip.
func tickTokenize(text string, titleEnd int, toks []tickTok) tickTokens {
	tt := tickTokens{text: text, toks: toks[:0]}
	para := int32(0)
	newPara := true
	sentStart := true
	newlines := 0
	n := len(text)
	for i := 0; i < n; {
		c := text[i]
		if titleEnd > 0 && i == titleEnd {
			para++
			newPara, sentStart = true, true
		}
		switch {
		case c == '\n':
			newlines++
			if newlines >= 2 && !newPara {
				para++
				newPara = true
			}
			sentStart = true
			i++
			continue
		case c == ' ' || c == '\t' || c == '\r':
			i++
			continue
		}
		newlines = 0
		if newPara {
			for int32(len(tt.paras)) <= para {
				tt.paras = append(tt.paras, tickPara{firstTok: int32(len(tt.toks))})
			}
			tt.paras[para].heading = c == '#'
			newPara = false
		}
		switch {
		case c == 'h' && (strings.HasPrefix(text[i:], "https://") || strings.HasPrefix(text[i:], "http://")),
			c == 'w' && strings.HasPrefix(text[i:], "www.") && (i == 0 || !tickWordByte(text[i-1])):
			i = tickSkipURL(text, i)
			continue
		case c == ']' && i+1 < n && text[i+1] == '(':
			i = tickSkipURL(text, i+2)
			continue
		case c == '.' || c == '!' || c == '?':
			if i+1 == n || text[i+1] == ' ' || text[i+1] == '\n' || text[i+1] == '\t' || text[i+1] == '\r' || text[i+1] == '*' || text[i+1] == '"' || text[i+1] == ')' {
				if c != '.' || len(tt.toks) == 0 || !tickAbbrevDots[tt.str(len(tt.toks)-1)] {
					sentStart = true
					tt.paras[para].sentences = true
				}
			}
			i++
			continue
		case c == '&':
			tt.toks = append(tt.toks, tickTok{start: int32(i), end: int32(i + 1), full: int32(i + 1), para: para, flags: tokAmp})
			i++
			continue
		}
		if !tickWordStart(text, i) {
			i++
			continue
		}
		start := i
		end := tickWordEnd(text, i)
		t := tickTok{start: int32(start), end: int32(end), full: int32(end), para: para}
		if w := text[start:end]; len(w) > 2 && (strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "'S")) {
			t.end -= 2
			t.flags |= tokPossessive
		} else if len(w) > 4 && strings.HasSuffix(w, "’s") {
			t.end -= 4
			t.flags |= tokPossessive
		}
		if sentStart {
			t.flags |= tokSentStart
			sentStart = false
		}
		if titleEnd > 0 && start < titleEnd {
			t.flags |= tokTitle
		}
		t.flags |= tickCaseFlags(text[t.start:t.end])
		tt.toks = append(tt.toks, t)
		tt.paras[para].toks++
		i = end
	}
	return tt
}

// tickCaseFlags says whether a word starts lower-case and whether its
// letters are all capitals.
func tickCaseFlags(w string) uint16 {
	var f uint16
	if c := w[0]; 'a' <= c && c <= 'z' {
		f |= tokLower
	}
	letters, caps := 0, true
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case 'A' <= c && c <= 'Z':
			letters++
		case 'a' <= c && c <= 'z', c >= 0x80:
			caps = false
		}
	}
	if caps && letters > 0 {
		f |= tokCaps
	}
	return f
}

func tickWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// tickWordStart reports whether a word starts at text[i]: an ASCII letter
// or digit, or a non-ASCII letter (Nestlé, Estée).
func tickWordStart(text string, i int) bool {
	c := text[i]
	if c < utf8.RuneSelf {
		return tickWordByte(c)
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLetter(r)
}

// tickWordEnd returns the end of the word starting at text[i].
func tickWordEnd(text string, i int) int {
	n := len(text)
	for i < n {
		c := text[i]
		switch {
		case tickWordByte(c):
			i++
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(text[i:])
			if unicode.IsLetter(r) {
				i += size
				continue
			}
			if r == '’' && i+size < n && tickWordStart(text, i+size) {
				i += size
				continue
			}
			return i
		case c == '.' || c == '&' || c == '\'' || c == '/' || c == '-':
			if i+1 >= n || !tickWordStart(text, i+1) {
				return i
			}
			if c == '-' && tickPercentAt(text, i+1) {
				return i
			}
			i++
		default:
			return i
		}
	}
	return i
}

// tickPercentAt reports whether a percentage ("1.20%") starts at text[i].
func tickPercentAt(text string, i int) bool {
	j := i
	for j < len(text) && '0' <= text[j] && text[j] <= '9' {
		j++
	}
	if j == i {
		return false
	}
	if j < len(text) && text[j] == '.' {
		j++
		for j < len(text) && '0' <= text[j] && text[j] <= '9' {
			j++
		}
	}
	return j < len(text) && text[j] == '%'
}

// tickSkipURL returns the end of a URL or link target starting at text[i].
func tickSkipURL(text string, i int) int {
	for i < len(text) {
		switch text[i] {
		case ' ', '\n', '\t', '\r', ')', ']', '>', '"':
			return i
		}
		i++
	}
	return i
}
