package extract

import "strings"

// The cheap test in front of the furniture rules: most lines of an
// article are turned away by their first word.

// boilerFirstWords are the words a boilerplate line can start with. Looking
// at the first word alone rules out almost every line of an article, which
// keeps Clean fast on a megabyte of text.
var boilerFirstWords = firstWordsOf()

func firstWordsOf() map[string]bool {
	m := map[string]bool{}
	add := func(s string) {
		if w := firstWord(s); w != "" {
			m[w] = true
		}
	}
	for k := range boilerExact {
		add(k)
	}
	for k := range relatedHeads {
		add(k)
	}
	for k := range shareWords {
		add(k)
	}
	for _, p := range boilerPrefixes {
		add(p.prefix)
	}
	for _, w := range [...]string{"get", "our", "join", "sign", "subscribe", "follow", "written", "thanks"} {
		m[w] = true
	}
	for _, w := range furnitureFirstWords {
		m[w] = true
	}
	// Datelines start with a day or a month ("Tuesday, Sep 2, 2025"),
	// not with "at" or a time zone, which open many a sentence.
	for w := range stampWeekdays {
		m[w] = true
	}
	for w := range stampMonths {
		m[w] = true
	}
	return m
}

// mayBeBoilerplate is the cheap test in front of isBoilerplate: the line's
// first word (after markdown markers, and after the number of an ordered
// list item, which boilerKey takes off as it takes off a bullet) is one a
// boilerplate line can start with, or a number ("3min read", "00:00 /
// 03:12"), or the line holds an image. The numbered takeaways of a
// briefing are read by their first word, as bullets are, not all passed on
// to boilerKey for starting with a digit.
func mayBeBoilerplate(t string) bool {
	i := skipLineMarks(t, 0)
	if i < len(t) && t[i] >= '0' && t[i] <= '9' {
		j := i
		for j < len(t) && j-i < 9 && t[j] >= '0' && t[j] <= '9' {
			j++
		}
		if j+1 < len(t) && (t[j] == '.' || t[j] == ')') && (t[j+1] == ' ' || t[j+1] == '\t') {
			i = skipLineMarks(t, j+2)
		}
		if i < len(t) && t[i] >= '0' && t[i] <= '9' {
			return true
		}
	}
	var buf [24]byte
	n := 0
	for ; i < len(t) && isLetter(t[i]); i++ {
		if n == len(buf) {
			return false
		}
		buf[n] = t[i] | 0x20
		n++
	}
	return boilerFirstWords[string(buf[:n])] || len(t) <= 32 && shortFirstWords[string(buf[:n])] ||
		strings.Contains(t, "![") || badgeSuffix(t)
}

// skipLineMarks returns where the text of t starts from i on, past
// markdown's block and emphasis marks, spaces and bullets ("• ").
func skipLineMarks(t string, i int) int {
	for {
		for i < len(t) && strings.IndexByte("#>*_-+[ \t", t[i]) >= 0 {
			i++
		}
		if !strings.HasPrefix(t[i:], "•") {
			return i
		}
		i += len("•")
	}
}

// shortFirstWords start widget labels ("In this article:") but also many
// a sentence, so they let only short lines through.
var shortFirstWords = map[string]bool{"in": true, "tickers": true}
