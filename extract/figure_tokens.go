package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// prevWordIs reports whether the word before s[i] is w.
func prevWordIs(s string, i int, w string) bool {
	t := prevToken(s, i)
	return t.kind == tokWord && strings.EqualFold(t.word, w)
}

type tokKind uint8

const (
	tokEnd    tokKind = iota // nothing before: start of the text
	tokWord                  // a word, returned without quotes
	tokComma                 // a word ending in a comma
	tokColon                 // a word ending in a colon
	tokClause                // a word ending a clause, or one that is no word at all
)

type token struct {
	word  string
	start int // where the token starts in s
	punct int // for a comma or colon: its index in s
	kind  tokKind
}

// prevToken reads the token before s[i], skipping a run of spaces and up
// to two parentheticals ("Bitcoin (BTC) fell 6.4%", "Nintendo (7974.T),
// which reports"). Its look-back is bounded, so that a walk costs the same
// on any input.
func prevToken(s string, i int) token {
	for skipped := 0; ; skipped++ {
		for n := 0; i > 0 && s[i-1] == ' '; n++ {
			if n == maxSpaceRun {
				return token{kind: tokClause, start: i}
			}
			i--
		}
		if i == 0 {
			return token{kind: tokEnd}
		}
		// "(7974.T)," carries the comma of the clause around it.
		trail := 0
		if s[i-1] == ',' && i > 1 && s[i-2] == ')' {
			trail = 1
		}
		if s[i-1-trail] != ')' {
			break
		}
		lo := max(0, i-1-trail-40)
		open := strings.LastIndexByte(s[lo:i-1-trail], '(')
		if open < 0 || skipped == 2 {
			return token{kind: tokClause, start: i}
		}
		if trail == 1 {
			return token{kind: tokComma, start: lo + open, punct: i - 1}
		}
		i = lo + open
	}
	j := i
	for j > 0 && s[j-1] != ' ' {
		if i-j == maxTokenBytes {
			return token{kind: tokClause, start: j}
		}
		j--
	}
	tok := s[j:i]
	t := token{start: j}
	switch last := tok[len(tok)-1]; {
	case last == ',':
		t.kind, t.punct, t.word = tokComma, i-1, trimQuotesLeft(tok[:len(tok)-1])
		return t
	case last == ':':
		t.kind, t.punct, t.word = tokColon, i-1, tok[:len(tok)-1]
		return t
	case last == '.' && strings.Count(tok, ".") > 1 && isContentWord(tok):
		// "U.S." and "U.K." are words, not ends of sentences.
	case strings.ContainsRune(";.!?(\"”", rune(last)), strings.HasPrefix(tok, "("),
		tok == "—", tok == "–", tok == "-":
		t.kind = tokClause
		return t
	}
	t.kind, t.word = tokWord, trimQuotesLeft(tok)
	if t.word == "" {
		t.kind = tokClause
	}
	return t
}

// tokenAfter reads the word after s[i] (skipping a few spaces). stop
// reports clause punctuation right after it; a word starting a
// parenthesis or quote is not read.
func tokenAfter(s string, i int) (tok string, next int, stop bool) {
	for n := 0; i < len(s) && s[i] == ' '; n++ {
		if n == maxSpaceRun {
			return "", i, true
		}
		i++
	}
	j := i
	for j < len(s) && s[j] != ' ' {
		if j-i == maxTokenBytes {
			return "", j, true
		}
		j++
	}
	tok = s[i:j]
	// Of a set of runes, one byte can only match an ASCII one.
	if tok == "" || tokOpeners[tok[0]] {
		return "", j, true
	}
	trimmed := tok
	if c := tok[len(tok)-1]; c >= utf8.RuneSelf || tokClosers[c] {
		trimmed = strings.TrimRight(tok, ",;:.!?)]\"”'’—")
	}
	return trimmed, j, len(trimmed) < len(tok)
}

// tokOpeners and tokClosers are the ASCII characters of the sets
// tokenAfter checks: a token that starts or ends with neither them nor a
// multi-byte rune is read as it is.
var tokOpeners, tokClosers = newASCIISet(`(["'-`), newASCIISet(`,;:.!?)]"'`)

// trimQuotesLeft is strings.TrimLeft(s, "\"“'‘"), without decoding a rune
// when s starts with a byte none of them starts with (most words).
func trimQuotesLeft(s string) string {
	if s == "" || s[0] != '"' && s[0] != '\'' && s[0] != 0xE2 {
		return s
	}
	return strings.TrimLeft(s, "\"“'‘")
}

// isContentWord reports a word made of letters (with inner hyphens,
// apostrophes, ampersands or dots: "S&P", "U.S.", "non-IFRS"), or a
// listing code such as "6758.T" or "9988.HK".
func isContentWord(w string) bool {
	if w == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsLetter(r) {
		return isListingCode(w)
	}
	for _, r := range w {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("-'’&./", r) {
			return false
		}
	}
	return true
}

// isListingCode reports digits, a dot and capitals: "6758.T", "0700.HK".
func isListingCode(w string) bool {
	dot := strings.IndexByte(w, '.')
	if dot <= 0 || dot == len(w)-1 || !isDigits(w[:dot]) {
		return false
	}
	for i := dot + 1; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

func hasDigit(s string) bool {
	return asciiDigits.contains(s)
}
