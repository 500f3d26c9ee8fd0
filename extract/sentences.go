package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Abbreviations that end in a period without ending the sentence. Finance
// prose is full of them ("Microsoft Corp. (MSFT)", "the U.S. Treasury",
// "No. 2", "Nov. 25"), and splitting there would cut summary sentences in
// half.
var (
	// abbrevNever never end a sentence: titles, "e.g.", "vs.".
	abbrevNever = map[string]bool{
		"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true,
		"gov": true, "sen": true, "rep": true, "gen": true, "lt": true, "col": true,
		"sgt": true, "capt": true, "adm": true, "rev": true, "hon": true, "pres": true,
		"messrs": true, "mt": true, "ft": true, "vs": true, "v": true, "e.g": true,
		"i.e": true, "cf": true, "al": true, "approx": true, "est": true, "dept": true,
		"sr": true, "jr": true,
	}
	// abbrevBeforeNumber do not end a sentence when a number follows:
	// "No. 2", "Nov. 25", "Vol. 3".
	abbrevBeforeNumber = map[string]bool{
		"no": true, "nos": true, "vol": true, "fig": true, "pp": true, "p": true, "art": true,
		"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true,
		"aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	}
	// abbrevMaybe often sit mid-sentence ("Apple Inc. said", "U.S.
	// Treasury yields") but can end one ("...shares of Apple Inc. The
	// stock..."): they end a sentence only when the next word is one that
	// typically opens a sentence.
	abbrevMaybe = map[string]bool{
		"inc": true, "corp": true, "co": true, "ltd": true, "llc": true, "plc": true,
		"cos": true, "bros": true, "intl": true, "hldgs": true, "etc": true,
	}
	// sentenceOpeners are words that start a new sentence after an
	// ambiguous abbreviation.
	sentenceOpeners = map[string]bool{
		"the": true, "a": true, "an": true, "it": true, "its": true, "this": true,
		"that": true, "these": true, "those": true, "he": true, "she": true, "they": true,
		"we": true, "i": true, "you": true, "but": true, "and": true, "in": true, "on": true,
		"at": true, "for": true, "as": true, "while": true, "meanwhile": true,
		"however": true, "shares": true, "analysts": true, "investors": true,
		"management": true, "there": true, "after": true, "since": true, "still": true,
		"also": true, "so": true, "yet": true, "if": true, "when": true, "with": true,
		"some": true, "many": true, "both": true, "his": true, "her": true, "their": true,
	}
)

// splitSentences appends the sentences of a plain-text paragraph to out.
// A sentence ends at ".", "!", "?" or "…" (with any closing quotes or
// brackets) followed by space and something that can start a sentence,
// and at a hard line break; decimals ("4.67", "$1.2"), initials ("J. P.
// Morgan") and the abbreviations above do not end one.
func splitSentences(text string, out []string) []string {
	start := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '\n' {
			out = appendSentence(out, text[start:i])
			start = i + 1
			continue
		}
		ellipsis := c == 0xe2 && strings.HasPrefix(text[i:], "…")
		if c != '.' && c != '!' && c != '?' && !ellipsis {
			continue
		}
		end := i + 1
		if ellipsis {
			end = i + len("…")
		}
		for end < len(text) && (text[end] == '.' || text[end] == '!' || text[end] == '?') {
			end++
		}
		end = skipClosers(text, end)
		if end < len(text) && text[end] != ' ' && text[end] != '\t' && text[end] != '\n' {
			i = end - 1
			continue
		}
		next := end
		for next < len(text) && (text[next] == ' ' || text[next] == '\t') {
			next++
		}
		if next < len(text) && text[next] != '\n' && !endsSentence(text, start, i, next, c) {
			i = end - 1
			continue
		}
		out = appendSentence(out, text[start:end])
		start = next
		i = next - 1
	}
	return appendSentence(out, text[start:])
}

func appendSentence(out []string, s string) []string {
	if s = strings.TrimSpace(s); s != "" {
		out = append(out, s)
	}
	return out
}

// skipClosers skips closing quotes and brackets after a terminator.
func skipClosers(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '"', '\'', ')', ']', '”', '’', '»':
			i += size
		default:
			return i
		}
	}
	return i
}

// endsSentence decides a terminator at text[dot] followed by the word at
// text[next].
func endsSentence(text string, start, dot, next int, term byte) bool {
	r, _ := utf8.DecodeRuneInString(text[next:])
	if unicode.IsLower(r) {
		return false
	}
	if term != '.' || dot+1 < len(text) && text[dot+1] == '.' {
		return true
	}
	word := wordBefore(text, start, dot)
	if word == "" {
		return true
	}
	// Initials: "J. P. Morgan", "Jerome H. Powell".
	if len(word) == 1 && word[0] >= 'A' && word[0] <= 'Z' {
		return false
	}
	lw := strings.ToLower(word)
	if abbrevNever[lw] {
		return false
	}
	digit := r >= '0' && r <= '9'
	if abbrevBeforeNumber[lw] {
		if digit {
			return false
		}
		return sentenceOpeners[strings.ToLower(firstWord(text[next:]))]
	}
	// Dotted acronyms ("U.S.", "U.K.", "a.m.") and company suffixes.
	if abbrevMaybe[lw] || isDottedAcronym(word) {
		return sentenceOpeners[strings.ToLower(firstWord(text[next:]))]
	}
	return true
}

// isDottedAcronym reports "U.S", "U.K", "a.m", "e.u": letters separated by
// single dots (the final dot already cut off). "$62.75" is not one.
func isDottedAcronym(w string) bool {
	if len(w) < 3 || len(w) > 7 || strings.IndexByte(w, '.') < 0 {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c == '.' {
			if i == 0 || w[i-1] == '.' {
				return false
			}
			continue
		}
		if !isLetter(c) {
			return false
		}
	}
	return true
}

// wordBefore returns the word that ends at text[dot] (exclusive), without
// opening quotes or brackets.
func wordBefore(text string, start, dot int) string {
	i := dot
	for i > start && text[i-1] != ' ' && text[i-1] != '\t' && text[i-1] != '\n' {
		i--
	}
	return strings.TrimLeft(text[i:dot], "\"'([“‘")
}

// firstWord returns the leading letters of s.
func firstWord(s string) string {
	for i, r := range s {
		if !unicode.IsLetter(r) {
			return s[:i]
		}
	}
	return s
}

// wordCount counts space-separated words.
func wordCount(s string) int {
	n := 0
	in := false
	for i := 0; i < len(s); i++ {
		sp := s[i] == ' ' || s[i] == '\t' || s[i] == '\n'
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}
