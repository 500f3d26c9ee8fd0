package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tickTok is one word of an article, found in a single pass over the text.
// It is kept to eight bytes: a megabyte article has some 200,000 words.
type tickTok struct {
	start int32  // offset of the word
	n     uint16 // its length, without a possessive 's
	flags uint16
}

// tickMaxWord bounds a word's length to what tickTok.n holds; a longer
// run of letters is split, which no name or symbol ever needs.
const tickMaxWord = 1<<16 - 1

func (t tickTok) end() int32 { return t.start + int32(t.n) }

// fullEnd is where the word ends with its possessive, if any.
func (t tickTok) fullEnd() int32 {
	switch {
	case t.flags&tickIsPossessive == 0:
		return t.end()
	case t.flags&tickIsCurly != 0:
		return t.end() + int32(len("’s"))
	default:
		return t.end() + 2
	}
}

const (
	tickIsPossessive uint16 = 1 << iota // written "Apple's"
	tickIsSentStart                     // first word of a sentence, line or list item
	tickIsAmp                           // a standalone "&", part of names such as "Procter & Gamble"
	tickIsUsed                          // already taken by a signal
	tickIsLower                         // starts with a lower-case letter
	tickIsCaps                          // letters all upper-case, at least one letter
	tickIsSep                           // joined by ".", "-" or "/" (BRK.B, 9988.HK, Nvidia-backed)
	tickIsListed                        // a symbol mention, for spotting lists of symbols
	tickIsCurly                         // the possessive is written with ’
	tickIsChip                          // followed by "-", "+" or "−", as ticker chips are
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

func (tt *tickTokens) str(i int) string { t := tt.toks[i]; return tt.text[t.start:t.end()] }

// tickAbbrevDots are words whose trailing full stop does not end a
// sentence: "Microsoft Corp. said", "U.S. retail sales".
var tickAbbrevDots = tickerSet(`Corp Inc Co Ltd Bros U.S U.K U.N Mr Mrs Ms Dr St Jr Sr vs No Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec e.g i.e J.P W.W D.R`)

// tickHyphenTails may follow a company name after a hyphen without making
// another word of it: "Nvidia-backed", "Alibaba-owned".
var tickHyphenTails = tickerSet(`backed owned led based made funded controlled listed branded designed built linked related run operated supplied`)

// tickTokenize splits text into words, reusing toks' storage. Links and
// bare URLs are skipped: a path segment is not a ticker.
//
// A word is a run of letters and digits, joined by ".", "&", "'", "’", "-"
// or "/" when a letter or digit follows, so that "JD.com", "AT&T",
// "BRK.B", "9988.HK", "Coca-Cola" and "BRK/B" are one word each. A hyphen
// before a percentage is not a joiner: "NIONIO-1.20%" is a ticker chip.
func tickTokenize(text string, toks []tickTok) tickTokens {
	toks = toks[:0]
	var paras []tickPara
	para := int32(-1)
	newPara, sentStart, lineStart := true, true, true
	newlines := 0
	n := len(text)
	for i := 0; i < n; {
		c := text[i]
		class := tickClass[c]
		if class == tickChWord && !newPara && !lineStart && (c != 'h' && c != 'w' || !tickURLAt(text, i)) {
			// The common case, a word inside a line of prose.
			end, full, flags := tickWord(text, i)
			if sentStart {
				flags |= tickIsSentStart
				sentStart = false
			}
			toks = append(toks, tickTok{start: int32(i), n: uint16(end - i), flags: flags})
			i = full
			if i < n && text[i] == ' ' {
				i++ // the usual single space, without another turn of the loop
			}
			continue
		}
		switch class {
		case tickChSpace:
			i++
			continue
		case tickChNewline:
			newlines++
			if newlines >= 2 {
				newPara = true
			}
			sentStart, lineStart = true, true
			i++
			continue
		}
		newlines = 0
		if lineStart {
			lineStart = false
			if end, ok := tickLinkLine(text, i); ok {
				i = end
				continue
			}
		}
		if newPara {
			para++
			paras = append(paras, tickPara{firstTok: int32(len(toks)), heading: c == '#'})
			newPara = false
		}
		switch {
		case class == tickChAmp:
			toks = append(toks, tickTok{start: int32(i), n: 1, flags: tickIsAmp})
			i++
			continue
		case class == tickChOther && c != ']':
			i++ // punctuation and signs
			continue
		}
		if next, stop := tickMark(text, i, class, toks); next > i {
			if stop {
				sentStart = true
				paras[para].sentences = true
			}
			i = next
			continue
		}
		end, full, flags := tickWord(text, i)
		if sentStart {
			flags |= tickIsSentStart
			sentStart = false
		}
		toks = append(toks, tickTok{start: int32(i), n: uint16(end - i), flags: flags})
		i = full
	}
	tickParaLengths(paras, len(toks))
	return tickTokens{text: text, toks: toks, paras: paras}
}

// tickMark reads what stands at text[i] that is no word: punctuation, a
// symbol, or a URL or link target, which is skipped. It returns where
// reading goes on, or i itself when a word starts there, and whether a
// sentence ends at text[i].
func tickMark(text string, i int, class uint8, toks []tickTok) (next int, stop bool) {
	c := text[i]
	switch class {
	case tickChStop:
		if i+1 == len(text) || tickClass[text[i+1]] == tickChSpace || tickClass[text[i+1]] == tickChNewline || text[i+1] == '*' || text[i+1] == '"' || text[i+1] == ')' {
			stop = c != '.' || !tickAbbrevBefore(text, toks)
		}
		return i + 1, stop
	case tickChOther:
		if c == ']' && i+1 < len(text) && text[i+1] == '(' {
			return tickSkipURL(text, i+2), false
		}
		return i + 1, false
	case tickChHigh:
		if r, size := utf8.DecodeRuneInString(text[i:]); !unicode.IsLetter(r) {
			return i + size, tickFullStop(r)
		}
	case tickChWord:
		if (c == 'h' || c == 'w') && tickURLAt(text, i) {
			return tickSkipURL(text, i), false
		}
	}
	return i, false
}

// tickParaLengths counts the words of each paragraph, up to the next one
// or to the end, n words in all.
func tickParaLengths(paras []tickPara, n int) {
	for p := range paras {
		next := int32(n)
		if p+1 < len(paras) {
			next = paras[p+1].firstTok
		}
		paras[p].toks = next - paras[p].firstTok
	}
}

// tickAbbrevBefore reports whether the full stop after the last word
// belongs to an abbreviation rather than ending a sentence.
func tickAbbrevBefore(text string, toks []tickTok) bool {
	if len(toks) == 0 {
		return false
	}
	t := toks[len(toks)-1]
	if t.n > 4 || t.flags&tickIsLower != 0 && text[t.start] != 'v' && text[t.start] != 'e' && text[t.start] != 'i' {
		return false
	}
	return tickAbbrevDots[text[t.start:t.end()]]
}

// Byte classes for the tokenizer's hot loop.
const (
	tickChOther uint8 = iota
	tickChSpace
	tickChNewline
	tickChWord // ASCII letter or digit
	tickChStop // . ! ?
	tickChAmp
	tickChHigh // start or part of a multi-byte rune
)

var tickClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			t[c] = tickChSpace
		case c == '\n':
			t[c] = tickChNewline
		case tickWordByte(byte(c)):
			t[c] = tickChWord
		case c == '.' || c == '!' || c == '?':
			t[c] = tickChStop
		case c == '&':
			t[c] = tickChAmp
		case c >= utf8.RuneSelf:
			t[c] = tickChHigh
		}
	}
	return t
}()

// tickWord scans the word starting at text[i]. A word is a run of
// letters and digits, joined by ".", "&", "'", "’", "-" or "/" when a letter
// or digit follows; a hyphen before a percentage is not a joiner. A
// trailing possessive 's is split off and noted: end is where the word
// proper ends, full where the possessive does.
func tickWord(text string, i int) (end, full int, flags uint16) {
	n := min(len(text), i+tickMaxWord-utf8.UTFMax) // a rune may run past n
	if text[i] >= utf8.RuneSelf {
		if r, _ := utf8.DecodeRuneInString(text[i:]); !tickLatin(r) {
			end = tickOtherWord(text, i, n)
			return end, end, tickChipAfter(text, end)
		}
	}
	start := i
	upper, lower, high := 0, 0, false
	if c := text[i]; 'a' <= c && c <= 'z' {
		flags |= tickIsLower
	}
scan:
	for i < n {
		c := text[i]
		if 'a' <= c && c <= 'z' {
			lower++
			i++
			continue
		}
		if 'A' <= c && c <= 'Z' {
			upper++
			i++
			continue
		}
		switch tickClass[c] {
		case tickChWord:
			i++
		case tickChHigh:
			r, size := utf8.DecodeRuneInString(text[i:])
			if unicode.IsLetter(r) {
				if !tickLatin(r) {
					break scan // another script: "腾讯00700.HK股价"
				}
				high = true
				i += size
				continue
			}
			if r == '’' && i+size < n && tickWordStart(text, i+size) {
				i += size
				continue
			}
			break scan
		default:
			if c != '.' && c != '&' && c != '\'' && c != '/' && c != '-' {
				break scan
			}
			if i+1 >= n || !tickWordStart(text, i+1) || c == '-' && tickPercentAt(text, i+1) {
				break scan
			}
			if c != '&' && c != '\'' {
				flags |= tickIsSep
			}
			i++
		}
	}
	end, full = i, i
	if w := text[start:i]; len(w) > 2 && w[len(w)-2] == '\'' && (w[len(w)-1] == 's' || w[len(w)-1] == 'S') {
		end -= 2
	} else if len(w) > 4 && strings.HasSuffix(w, "’s") {
		end -= 4
		flags |= tickIsCurly
	}
	if end != full {
		flags |= tickIsPossessive
		if text[i-1] == 's' {
			lower--
		} else {
			upper--
		}
	}
	if upper > 0 && lower == 0 && !high {
		flags |= tickIsCaps
	}
	return end, full, flags | tickChipAfter(text, i)
}

// tickChipAfter flags a word that a ticker chip's change may follow.
func tickChipAfter(text string, i int) uint16 {
	if i < len(text) && (text[i] == '-' || text[i] == '+' || text[i] == 0xE2) {
		return tickIsChip
	}
	return 0
}

// tickLatin reports whether r is written in the Latin script (or is not
// a letter): such letters make words with ASCII ones ("Nestlé"), while
// Chinese, Japanese, Korean, Arabic and other scripts are words of their
// own, so that a symbol written against them ("腾讯00700.HK股价",
// "أرامكو2222.SR") stands apart.
func tickLatin(r rune) bool {
	return r < 0x250 || !unicode.IsLetter(r) || unicode.Is(unicode.Latin, r)
}

// tickOtherWord returns the end of a word of a script other than Latin
// starting at text[i]: its letters and combining marks (Arabic vowel
// signs), up to n.
func tickOtherWord(text string, i, n int) int {
	for i < n && text[i] >= utf8.RuneSelf {
		r, size := utf8.DecodeRuneInString(text[i:])
		if tickLatin(r) && !unicode.Is(unicode.Mn, r) {
			break
		}
		i += size
	}
	return i
}

// tickFullStop reports the sentence ends of other scripts: "。", "！",
// "？" and the Arabic question mark.
func tickFullStop(r rune) bool {
	return r == '。' || r == '！' || r == '？' || r == '؟' || r == '．'
}

func tickWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// tickWordStart reports whether a Latin word goes on at text[i]: an ASCII
// letter or digit, or another Latin letter (Nestlé, Estée).
func tickWordStart(text string, i int) bool {
	c := text[i]
	if c < utf8.RuneSelf {
		return tickWordByte(c)
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLetter(r) && tickLatin(r)
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

// tickURLAt reports whether a URL starts at text[i], which starts a word.
func tickURLAt(text string, i int) bool {
	rest := text[i:]
	return strings.HasPrefix(rest, "https://") || strings.HasPrefix(rest, "http://") || strings.HasPrefix(rest, "www.")
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

// tickLinkLine reports whether the line starting at text[i] is nothing but
// a link or an image, optionally as a list item ("- [Title](url)"), and
// returns its end. Such lines are navigation ("Latest Articles", related
// stories, chart images): the headlines they carry belong to other
// articles.
func tickLinkLine(text string, i int) (int, bool) {
	if c := text[i]; !(c == '-' || c == '*' || c == '+' || c == '[' || c == '!' || '0' <= c && c <= '9') {
		return 0, false // no list item, link or image starts so
	}
	end := strings.IndexByte(text[i:], '\n')
	if end < 0 {
		end = len(text)
	} else {
		end += i
	}
	line := strings.TrimSpace(text[i:end])
	if len(line) > 2 && (line[0] == '-' || line[0] == '*' || line[0] == '+') && line[1] == ' ' {
		line = strings.TrimSpace(line[2:])
	} else if j := strings.IndexAny(line, ".)"); j > 0 && j < 4 && tickAllDigits(line[:j]) {
		line = strings.TrimSpace(line[j+1:])
	}
	line = strings.TrimPrefix(line, "!")
	if len(line) < 4 || line[0] != '[' || line[len(line)-1] != ')' {
		return 0, false
	}
	mid := strings.Index(line, "](")
	if mid < 0 || strings.IndexByte(line[mid+2:], ' ') >= 0 || strings.IndexByte(line[1:mid], ']') >= 0 {
		return 0, false
	}
	return end, true
}
