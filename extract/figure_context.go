package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The context of a figure is the few words that say what it measures. A
// figure used as a modifier names its subject right after it ("a $4.67
// billion bitcoin purchase", "18x forward earnings", "the 25 bps cut"); a
// figure after a verb has its subject before it ("revenue rose 34%",
// "Oracle gained 2.1%"). So: the content words right after the figure when
// there are any, else the subject and verb before it, within the clause.
const maxContextWords = 3

// ctxFunction words end the noun phrase after a figure and are never part
// of the subject before it.
var ctxFunction = map[string]bool{
	"in": true, "on": true, "at": true, "to": true, "from": true, "by": true, "for": true,
	"with": true, "over": true, "after": true, "before": true, "during": true, "since": true,
	"than": true, "as": true, "into": true, "through": true, "above": true, "below": true,
	"against": true, "versus": true, "vs": true, "per": true, "amid": true, "despite": true,
	"toward": true, "towards": true, "near": true, "between": true, "within": true,
	"and": true, "or": true, "but": true, "nor": true, "while": true, "which": true,
	"that": true, "who": true, "when": true, "where": true, "because": true, "so": true,
	"although": true, "though": true, "if": true, "whereas": true, "plus": true, "minus": true,
	"year": true, "year-over-year": true, "year-on-year": true, "yoy": true, "y/y": true,
	"q/q": true, "sequentially": true, "annually": true, "higher": true, "lower": true,
	"more": true, "less": true, "ago": true, "earlier": true, "later": true, "apiece": true,
	"each": true, "respectively": true, "also": true, "still": true, "again": true,
	"then": true, "now": true, "it": true, "they": true, "we": true, "he": true, "she": true,
	"this": true, "these": true, "those": true, "there": true, "here": true, "not": true,
	"the": true, "a": true, "an": true, "its": true, "their": true, "his": true, "her": true,
	"our": true, "of": true, "up": true, "down": true, "about": true, "roughly": true,
	"nearly": true, "around": true, "approximately": true, "almost": true, "some": true,
	"just": true, "only": true, "least": true, "most": true, "under": true,
	// number words and units: the next figure, not this one's subject
	"one": true, "two": true, "three": true, "four": true, "five": true, "six": true,
	"seven": true, "eight": true, "nine": true, "ten": true, "twelve": true,
	"hundred": true, "dozen": true, "several": true, "half": true,
	"thousand": true, "million": true, "billion": true, "trillion": true, "bn": true,
	"percent": true, "pct": true, "bps": true, "bp": true, "points": true, "times": true,
	// adverbs of time
	"overnight": true, "today": true, "yesterday": true, "tomorrow": true, "tonight": true,
	"last": true, "next": true, "prior": true, "previous": true, "already": true,
	"daily": true, "weekly": true, "monthly": true, "quarterly": true, "currently": true,
}

// ctxVerbs are the verbs that link a subject to a figure after it. In
// front of a figure one or two of them belong to the context ("shares were
// up 0.4%"); after it they end the noun phrase. Forms that are also nouns
// ("cut", "gain", "rise") are left out: "a 25 bps cut".
var ctxVerbs = map[string]bool{
	"rose": true, "fell": true, "gained": true, "grew": true, "jumped": true, "surged": true,
	"dropped": true, "declined": true, "slid": true, "slipped": true, "climbed": true,
	"added": true, "lost": true, "increased": true, "decreased": true, "rallied": true,
	"tumbled": true, "plunged": true, "soared": true, "sank": true, "eased": true,
	"edged": true, "advanced": true, "retreated": true, "slumped": true, "dipped": true,
	"was": true, "were": true, "is": true, "are": true, "be": true, "been": true,
	"has": true, "have": true, "had": true, "said": true, "says": true, "reported": true,
	"reached": true, "expects": true, "expected": true, "will": true, "would": true,
	"could": true, "may": true, "might": true, "should": true, "can": true, "trades": true,
	"traded": true, "trade": true, "closed": true, "ended": true, "finished": true,
	"came": true, "stood": true, "remains": true, "remained": true, "beat": true,
	"missed": true, "topped": true, "implies": true, "implied": true, "represents": true,
	"marks": true, "made": true, "gives": true, "gave": true, "helped": true,
	"lifted": true, "raised": true, "lowered": true, "narrowed": true, "widened": true,
	"improved": true, "totaled": true, "totalled": true, "hit": true, "exceeded": true,
	"value": true, "values": true, "valued": true, "bought": true, "sold": true,
	"spent": true, "paid": true, "up": true, "set": true, "put": true,
	// particles of phrasal verbs: "set aside", "paid back"
	"aside": true, "back": true, "off": true, "out": true, "down": true, "guided": true, "repurchased": true,
	"recorded": true, "posted": true, "generated": true, "estimated": true,
}

// figureContext returns the context of the figure s[f.start:f.end].
func figureContext(s string, f figure) string {
	text := s[f.start:f.end]
	if after := contextAfter(s, f.end); after != "" {
		return text + " " + after
	}
	if before := contextBefore(s, f.start); before != "" {
		return before + " " + text
	}
	return text
}

// contextAfter is the noun phrase right after a figure: up to three
// content words, with "of" and a determiner allowed between them ("$1.1
// billion of shares").
func contextAfter(s string, i int) string {
	var words []string
	content := 0
	for content < maxContextWords {
		tok, next, stop := tokenAfter(s, i)
		if tok == "" || hasDigit(tok) {
			break
		}
		lw := strings.ToLower(tok)
		switch {
		case lw == "of" && content == 0 && len(words) == 0,
			(lw == "the" || lw == "a" || lw == "an" || lw == "its") && len(words) > 0 && words[len(words)-1] == "of":
			words = append(words, tok)
		case ctxFunction[lw] || ctxVerbs[lw] || !isContentWord(tok):
			stop = true
		default:
			words = append(words, tok)
			content++
		}
		if stop {
			break
		}
		i = next
	}
	// Trailing "of the" without a noun says nothing.
	for len(words) > 0 && ctxFunction[strings.ToLower(words[len(words)-1])] {
		words = words[:len(words)-1]
	}
	if content == 0 {
		return ""
	}
	return strings.Join(words, " ")
}

// contextBefore is the subject and verb in front of a figure, within its
// clause: up to two content words and two verbs, with one linking
// preposition ("revenue of $88.6 billion", "budget to ¥480 billion") and
// hedges like "about" left out.
func contextBefore(s string, i int) string {
	var rev []string
	content, verbs := 0, 0
	linked, least := false, false
	for len(rev) < 6 {
		tok, prev, ok := tokenBefore(s, i)
		if !ok {
			break
		}
		i = prev
		lw := strings.ToLower(tok)
		switch {
		case len(rev) == 0 && (hedge(lw) || least && lw == "at"):
			least = lw == "least"
			continue
		case (lw == "of" || lw == "to" || lw == "at" || lw == "from" || lw == "near") && len(rev) == 0 && !linked:
			linked = true
			rev = append(rev, tok)
			continue
		case ctxVerbs[lw] && content == 0 && verbs < 2:
			verbs++
			rev = append(rev, tok)
			continue
		case !ctxFunction[lw] && !ctxVerbs[lw] && isContentWord(tok) && content < 2:
			content++
			rev = append(rev, tok)
			continue
		}
		break
	}
	if content == 0 {
		return ""
	}
	for l, r := 0, len(rev)-1; l < r; l, r = l+1, r-1 {
		rev[l], rev[r] = rev[r], rev[l]
	}
	return strings.Join(rev, " ")
}

// hedge reports words that qualify a figure without saying what it is.
func hedge(w string) bool {
	switch w {
	case "about", "roughly", "nearly", "around", "approximately", "almost", "some",
		"just", "only", "over", "than", "more", "less", "least", "under", "a", "an", "the",
		"now", "still", "already", "currently":
		return true
	}
	return false
}

// tokenAfter reads the word after s[i] (skipping one run of spaces). stop
// reports clause punctuation right after it; a word starting a
// parenthesis or quote is not read.
func tokenAfter(s string, i int) (tok string, next int, stop bool) {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	j := i
	for j < len(s) && s[j] != ' ' {
		j++
	}
	tok = s[i:j]
	if tok == "" || strings.ContainsAny(tok[:1], "([\"“'‘—–-") {
		return "", j, true
	}
	trimmed := strings.TrimRight(tok, ",;:.!?)]\"”'’—")
	return trimmed, j, len(trimmed) < len(tok)
}

// tokenBefore reads the word before s[i], skipping a parenthetical
// ("Bitcoin (BTC) fell 6.4%"). ok is false at the start of the clause.
func tokenBefore(s string, i int) (tok string, prev int, ok bool) {
	for skipped := 0; ; skipped++ {
		for i > 0 && s[i-1] == ' ' {
			i--
		}
		if i == 0 || s[i-1] != ')' {
			break
		}
		open := strings.LastIndexByte(s[max(0, i-40):i], '(')
		if open < 0 || skipped == 2 {
			return "", i, false
		}
		i = max(0, i-40) + open
	}
	j := i
	for j > 0 && s[j-1] != ' ' {
		j--
	}
	tok = s[j:i]
	if tok == "" || strings.ContainsAny(tok[len(tok)-1:], ",;:.!?(\"”") ||
		strings.HasPrefix(tok, "(") || tok == "—" || tok == "–" || tok == "-" {
		return "", j, false
	}
	return strings.TrimLeft(tok, "\"“'‘"), j, true
}

// isContentWord reports a word made of letters (with inner hyphens,
// apostrophes, ampersands or dots: "S&P", "U.S.", "non-IFRS").
func isContentWord(w string) bool {
	if w == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsLetter(r) {
		return false
	}
	for _, r := range w {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("-'’&./", r) {
			return false
		}
	}
	return true
}

func hasDigit(s string) bool {
	return strings.ContainsAny(s, "0123456789")
}
