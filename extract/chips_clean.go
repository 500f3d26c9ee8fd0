package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sites that quote tickers inline show them as chips: the company name,
// then a box with the symbol and the day's change. Scraped into text, a
// chip is glued to the name and ends in the change or, before the quote
// loaded, a "--" placeholder: "AlibabaBABA-- Cloud", "NVIDIANVDA--",
// "NvidiaNVDA+2.31%". The ticker search reads chips as they are (see
// SignalChip); the body a person reads gets them back as "Alibaba (BABA)",
// the form financial news prints and that the ticker search also reads
// (SignalParen), and the full-text index finds under both words.

// maxChipWord bounds how far back from a chip's change the name and symbol
// are looked for: a name glued to a symbol is one word, never a paragraph.
const maxChipWord = 64

// repairChips joins chips that the scrape broke across lines:
// "AlibabaBABA-" at the end of one line (maybe as a hard break) and "-"
// opening the next. The ticker search then sees the chip whole. A line
// ending in a symbol and a hyphen ("rated BBB-") only joins a lone "-"
// line, never a list item.
func repairChips(md string) string {
	var b strings.Builder
	at := 0 // md[:at] is written (or unchanged, while b is empty)
	for off := 0; off < len(md); {
		nl := strings.IndexByte(md[off:], '\n')
		if nl < 0 {
			break
		}
		line := md[off : off+nl]
		lineEnd := off + nl
		off = lineEnd + 1
		if line == "" || strings.IndexByte("- \t\\", line[len(line)-1]) < 0 {
			continue // the common case: the line ends in text
		}
		t := strings.TrimRight(line, " \t\\")
		i := len(t) - 1
		if i < 1 || t[i] != '-' || !chipSymbolByte(t[i-1]) {
			continue
		}
		// The next line with text, and whether blank lines come first.
		next, blanks := off, false
		for next < len(md) {
			e := strings.IndexByte(md[next:], '\n')
			if e < 0 {
				e = len(md) - next
			}
			if strings.TrimSpace(md[next:next+e]) != "" {
				break
			}
			blanks = true
			next += e + 1
			if next > len(md) {
				next = len(md)
			}
		}
		rest := strings.TrimLeft(md[min(next, len(md)):], " \t")
		if !strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, "--") {
			continue
		}
		after := rest[1:]
		lone := after == "" || after[0] == '\n'
		glued := gluedNameSymbol(t[chipWordStart(t, i):i])
		// A blank line between the halves is only bridged for a lone
		// "-", the one shape that is never text of its own.
		if !lone && !(glued && !blanks && (after[0] == ' ' || after[0] == '\t')) {
			continue
		}
		lineStart := lineEnd - len(line)
		b.WriteString(md[at : lineStart+i])
		b.WriteString("--")
		at = len(md) - len(after)
		off = at
		if lone && at < len(md) {
			off++ // past the lone "-" line's newline: that line is done
		}
	}
	if at == 0 {
		return md
	}
	b.WriteString(md[at:])
	return b.String()
}

// unchip rewrites the chips of a body for reading: "AlibabaBABA--"
// becomes "Alibaba (BABA)", "PDDPDD--" and a bare "BABA--" become "PDD"
// and "BABA", and a line of nothing but chips (a widget listing the
// article's tickers) goes. known holds the symbols the ticker search
// found, which tell where a name in capitals ends and its symbol begins
// ("NVIDIANVDA"). Chips in code are left alone.
func unchip(md string, known map[string]bool) string {
	if !mayHoldChips(md) {
		return md
	}
	var b strings.Builder
	changed := false
	fence := ""
	dropped := false // the last line was dropped: a blank line after it goes too
	lastBlank := true
	var chips []chipSpan
	for off := 0; off < len(md); {
		line := md[off:]
		next := len(md)
		if i := strings.IndexByte(line, '\n'); i >= 0 {
			line, next = line[:i], off+i+1
		}
		start := off
		off = next
		trimmed := strings.TrimLeft(line, " \t")
		if fence != "" || strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			switch {
			case fence == "":
				fence = trimmed[:3]
			case strings.HasPrefix(trimmed, fence):
				fence = ""
			}
			chips = chips[:0]
		} else {
			chips = findChips(line, known, chips[:0])
		}
		if len(chips) == 0 {
			if dropped && trimmed == "" && lastBlank {
				dropped = false
				changed = true
				continue
			}
			dropped = false
			if changed {
				b.WriteString(md[start:next])
			}
			lastBlank = trimmed == ""
			continue
		}
		if !changed {
			b.Grow(len(md))
			b.WriteString(md[:start])
			changed = true
		}
		if loneChips(line, chips) {
			dropped = true
			continue
		}
		dropped = false
		lastBlank = false
		at := 0
		for _, c := range chips {
			if c.weak {
				continue
			}
			b.WriteString(line[at:c.start])
			b.WriteString(c.name)
			if c.name != "" && !strings.EqualFold(c.name, c.sym) && !parenHasSymbol(line[c.end:], c.sym) {
				b.WriteString(" (")
				b.WriteString(c.sym)
				b.WriteByte(')')
			} else if c.name == "" {
				b.WriteString(c.sym)
			}
			at = c.end
		}
		b.WriteString(line[at:])
		if next > start+len(line) {
			b.WriteByte('\n')
		}
	}
	if !changed {
		return md
	}
	return strings.TrimRight(b.String(), "\n")
}

// parenHasSymbol reports whether rest opens with a parenthesis that
// already gives the symbol: "HathawayBRK.B-- (NYSE: BRK.B)" needs no
// second "(BRK.B)".
func parenHasSymbol(rest, sym string) bool {
	if !strings.HasPrefix(rest, " (") {
		return false
	}
	end := strings.IndexByte(rest[:min(len(rest), 48)], ')')
	if end < 0 {
		return false
	}
	in := rest[2:end]
	i := strings.Index(in, sym)
	return i >= 0 && (i == 0 || !chipSymbolByte(in[i-1])) &&
		(i+len(sym) == len(in) || !chipSymbolByte(in[i+len(sym)]))
}

// mayHoldChips is the quick test in front of unchip: some "--" or signed
// percentage follows a capital, a digit or a link, as a chip's change
// does. Most articles have none; a megabyte is searched in well under a
// millisecond.
func mayHoldChips(md string) bool {
	for i := strings.Index(md, "--"); i >= 0; i = indexFrom(md, "--", i+2) {
		if i > 0 && (chipSymbolByte(md[i-1]) || md[i-1] == ')') {
			return true
		}
	}
	for p := strings.IndexByte(md, '%'); p >= 0; p = indexByteFrom(md, '%', p+1) {
		if i := chipSignBefore(md, p); i > 0 && (chipSymbolByte(md[i-1]) || md[i-1] == ')') {
			return true
		}
	}
	return false
}

// chipSpan is one chip of a line: line[start:end] is the glued word and
// its change; name and sym are its halves (name may be empty). A weak
// chip ("Q3--", a word in capitals that no ticker matched) is rewritten
// only on a line of chips alone.
type chipSpan struct {
	start, end int
	name, sym  string
	weak       bool
}

// findChips appends the chips of one line to out. A chip's change is a
// "--" or ends in "%", so a line with neither (most of them) is passed
// over at the speed of a byte search.
func findChips(line string, known map[string]bool, out []chipSpan) []chipSpan {
	dash := strings.Index(line, "--")
	pct := strings.IndexByte(line, '%')
	if dash < 0 && pct < 0 {
		return out
	}
	next := 0 // chips do not overlap: candidates before next are inside the last one
	for dash >= 0 || pct >= 0 {
		var i int
		if dash >= 0 && (pct < 0 || dash < pct) {
			i = dash
			dash = indexFrom(line, "--", dash+1)
		} else {
			i = chipSignBefore(line, pct)
			pct = indexByteFrom(line, '%', pct+1)
			if i < 0 {
				continue
			}
		}
		if i < next || i == 0 || !chipSymbolByte(line[i-1]) && line[i-1] != ')' {
			continue
		}
		n := chipChangeLen(line, i)
		if n == 0 {
			continue
		}
		next = i + n
		if line[i-1] == ')' {
			if c, ok := linkedChip(line, i, n); ok {
				out = append(out, c)
			}
			continue
		}
		ws := chipWordStart(line, i)
		if ws > 0 && (line[ws-1] == '/' || line[ws-1] == '=' || line[ws-1] == '_') {
			continue // a URL or an identifier, not text
		}
		name, sym, strong := splitChip(line[ws:i], known)
		if sym != "" {
			out = append(out, chipSpan{start: ws, end: i + n, name: name, sym: sym, weak: !strong})
		}
	}
	return out
}

// linkedChip reads a chip whose symbol is a link to a quote page, glued to
// the name before it and the change after it: "Nvidia[NVDA](…/NVDA)+2.3%".
// The chip reads "Nvidia (NVDA)": the quote page is not the story's.
func linkedChip(line string, i, n int) (chipSpan, bool) {
	from := max(0, i-maxLinkScan)
	k := strings.LastIndex(line[from:i], "](")
	if k < 0 {
		return chipSpan{}, false
	}
	k += from
	j := strings.LastIndexByte(line[:k], '[')
	if j < 0 || k-j > 16 {
		return chipSpan{}, false
	}
	text, end, ok := linkAt(line, j)
	sym := strings.TrimPrefix(text, "$")
	if !ok || end != i || !chipSymbolShape(sym) {
		return chipSpan{}, false
	}
	ws := chipWordStart(line, j)
	return chipSpan{start: ws, end: i + n, name: line[ws:j], sym: sym}, true
}

// chipSignBefore returns where the signed percentage that ends at the "%"
// at s[p] starts ("+2.31%"), or -1.
func chipSignBefore(s string, p int) int {
	j := p
	for j > 0 && p-j < 14 && (chipDigit(s[j-1]) || s[j-1] == '.') {
		j--
	}
	switch {
	case j == p:
		return -1
	case j > 0 && (s[j-1] == '+' || s[j-1] == '-'):
		return j - 1
	case strings.HasSuffix(s[:j], "−"):
		return j - len("−")
	}
	return -1
}

func indexFrom(s, sub string, from int) int {
	if from >= len(s) {
		return -1
	}
	if i := strings.Index(s[from:], sub); i >= 0 {
		return from + i
	}
	return -1
}

func indexByteFrom(s string, c byte, from int) int {
	if from >= len(s) {
		return -1
	}
	if i := strings.IndexByte(s[from:], c); i >= 0 {
		return from + i
	}
	return -1
}

// chipChangeLen returns the length of the change that closes a chip at
// s[i]: "--" (the placeholder), or a signed percentage glued to the symbol
// ("+2.31%", "-1.20%", "−0.4%"). 0 means none.
func chipChangeLen(s string, i int) int {
	switch {
	case strings.HasPrefix(s[i:], "--"):
		if j := i + 2; j < len(s) && (isWordByte(s[j]) || s[j] == '-') {
			return 0 // "Q3--a record" is a dash between words
		}
		return 2
	case s[i] == '+' || s[i] == '-':
		if n := chipPercentLen(s[i+1:]); n > 0 {
			return 1 + n
		}
	case strings.HasPrefix(s[i:], "−"):
		if n := chipPercentLen(s[i+len("−"):]); n > 0 {
			return len("−") + n
		}
	}
	return 0
}

// chipPercentLen returns the length of "2.31%" at the start of s, or 0.
func chipPercentLen(s string) int {
	j := 0
	for j < len(s) && j < 8 && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j == 0 {
		return 0
	}
	if j < len(s) && s[j] == '.' {
		k := j + 1
		for k < len(s) && k < j+5 && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		if k == j+1 {
			return 0
		}
		j = k
	}
	if j < len(s) && s[j] == '%' {
		return j + 1
	}
	return 0
}

// chipWordStart returns where the word ending at s[i] begins: letters and
// digits joined by ".", "&" and "'" ("JD.com", "AT&T", "McDonald's"), at
// most maxChipWord bytes back.
func chipWordStart(s string, i int) int {
	j := i
	for j > 0 && i-j < maxChipWord {
		c := s[j-1]
		if chipSymbolByte(c) || c >= 'a' && c <= 'z' || c == '.' || c == '&' || c == '\'' {
			j--
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeLastRuneInString(s[:j])
			if unicode.IsLetter(r) || r == '’' {
				j -= size
				continue
			}
		}
		break
	}
	for j < i && (s[j] == '.' || s[j] == '&' || s[j] == '\'') {
		j++
	}
	return j
}

// splitChip splits a chip's word into the company's name and its symbol.
// In order: the longest tail that is a symbol the ticker search found
// ("NVIDIANVDA"), a word that is a symbol twice ("PDDPDD"), the capitals
// after the last lower-case letter ("AlibabaBABA", "JD.comJD"). strong is
// false when the word may be no chip at all (a bare word in capitals that
// no ticker matched).
func splitChip(w string, known map[string]bool) (name, sym string, strong bool) {
	if w == "" {
		return "", "", false
	}
	for k := max(0, len(w)-12); k < len(w); k++ {
		// A symbol starts at a capital or digit, not after a dot ("BRK.B"
		// is not "B") nor inside a number ("9988" is not "88").
		if !chipSymbolByte(w[k]) || k > 0 && (w[k-1] == '.' || chipDigit(w[k-1]) && chipDigit(w[k])) {
			continue
		}
		if known[w[k:]] && chipSymbolShape(w[k:]) {
			return w[:k], w[k:], true
		}
	}
	if n := len(w); n%2 == 0 && n >= 2 && w[:n/2] == w[n/2:] && chipSymbolShape(w[:n/2]) {
		return w[:n/2], w[n/2:], true
	}
	j := strings.LastIndexFunc(w, unicode.IsLower)
	if j < 0 {
		if chipSymbolShape(w) {
			return "", w, false
		}
		return "", "", false
	}
	_, size := utf8.DecodeRuneInString(w[j:])
	tail := w[j+size:]
	if !chipSymbolShape(tail) {
		return "", "", false
	}
	return w[:j+size], tail, true
}

// gluedNameSymbol reports a word that is a name with a symbol glued to
// it: lower-case letters, then capitals to the end ("AlibabaBABA").
func gluedNameSymbol(w string) bool {
	j := strings.LastIndexFunc(w, unicode.IsLower)
	if j < 0 {
		return false
	}
	_, size := utf8.DecodeRuneInString(w[j:])
	return chipSymbolShape(w[j+size:])
}

// chipSymbolShape accepts what a ticker symbol looks like: one to six capitals
// or digits, optionally a class or market after a dot ("BRK.B",
// "0700.HK").
func chipSymbolShape(s string) bool {
	base, class, _ := strings.Cut(s, ".")
	if base == "" || len(base) > 6 || len(class) > 4 || strings.Contains(s, ".") && class == "" {
		return false
	}
	letter := false
	for _, part := range [...]string{base, class} {
		for i := 0; i < len(part); i++ {
			c := part[i]
			switch {
			case c >= 'A' && c <= 'Z':
				letter = true
			case c >= '0' && c <= '9':
			default:
				return false
			}
		}
	}
	return letter || len(base) >= 4 // "0700.HK" has letters; "9988" alone is a code too
}

// loneChips reports a line that holds nothing but chips and markdown
// marks: "BABA--", "- NVDANVDA+1.2% AMDAMD--".
func loneChips(line string, chips []chipSpan) bool {
	at := 0
	for _, c := range chips {
		if !onlyMarks(line[at:c.start]) {
			return false
		}
		at = c.end
	}
	return onlyMarks(line[at:])
}

func onlyMarks(s string) bool {
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(" \t#>*_-+|,;·•", s[i]) < 0 && s[i] < utf8.RuneSelf {
			return false
		}
		if s[i] >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r != '·' && r != '•' {
				return false
			}
			i += size - 1
		}
	}
	return true
}

func chipSymbolByte(c byte) bool { return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' }

func chipDigit(c byte) bool { return c >= '0' && c <= '9' }
