package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxFigures is how many key figures a briefing keeps.
const maxFigures = 8

// A figure is a number with a unit that makes it a market figure: a
// percentage, an amount of money, basis points or a multiple. Bare numbers
// are never figures, which is what keeps years (2026), dates, times, item
// numbers ("Item 2.02"), accession numbers and numeric tickers (9988.HK)
// out without a list of exceptions.
const (
	kindPercent  = "percent"
	kindMoney    = "money"
	kindBps      = "bps"
	kindMultiple = "multiple"
)

// currencySymbols are written before the amount. Letter prefixes of "$"
// (US$, HK$, NT$, C$, A$, S$) are read separately.
var currencySymbols = [...]string{"$", "€", "£", "¥", "₹", "₩", "￥"}

// currencyCodes are written before the amount as words: "RMB 5 billion".
var currencyCodes = map[string]bool{
	"RMB": true, "CNY": true, "USD": true, "EUR": true, "GBP": true, "JPY": true,
	"HKD": true, "CHF": true, "INR": true, "CAD": true, "AUD": true, "TWD": true,
	"KRW": true, "SGD": true,
}

// dollarPrefixes are the letters that can precede "$": US$, HK$, NT$ ...
var dollarPrefixes = map[string]bool{
	"US": true, "HK": true, "NT": true, "C": true, "A": true, "S": true,
	"NZ": true, "MX": true, "R": true, "CA": true, "AU": true, "SG": true,
}

// magnitudes follow an amount: "$4.67 billion", "$53B", "¥1.2tn".
var magnitudes = map[string]bool{
	"thousand": true, "million": true, "billion": true, "trillion": true,
	"mln": true, "bln": true, "bn": true, "tn": true, "mn": true, "mm": true,
	"k": true, "m": true, "b": true, "t": true,
}

// currencyWords follow an amount: "5 billion yuan".
var currencyWords = map[string]bool{
	"yuan": true, "renminbi": true, "dollars": true, "dollar": true, "euros": true,
	"euro": true, "pounds": true, "yen": true, "won": true, "rupees": true,
	"francs": true, "usd": true, "rmb": true, "hkd": true, "eur": true,
}

// figure is a figure found in text: its span and kind. A range
// ("3% to 5%") also keeps where its first part ends and its second
// begins.
type figure struct {
	start, end int
	kind       string
	firstEnd   int // 0 unless a range
	secondAt   int
}

// figureScanBytes bounds how much body text is searched for figures once
// the summary and takeaways have been: the first figures of an article are
// the ones that matter, and a megabyte of tables must not cost more.
const figureScanBytes = 256 << 10

// maxFigureLookups bounds how many mentions of figures are read for
// their context: an article quotes a few dozen figures, and a table or
// list of thousands that nothing explains must not cost more than that.
const maxFigureLookups = 64

// keyFigures collects up to maxFigures figures with their context, first
// from the summary and takeaways, then from the body in order. A figure
// appears once, where it first appears; when no phrase there says what it
// measures, a later mention that does supplies the context, and a figure
// no mention explains is left out (a figure shown as its own context
// tells the reader nothing). Conversions ("($6.27 billion)" after a yen
// amount) are not figures of their own.
func keyFigures(summary, takeaways []string, blocks []mdBlock, skip []bool) []Figure {
	var out []Figure
	index := map[string]int{}
	explained, lookups := 0, 0
	// The ends of a range already shown are no figures of their own: with
	// "$58 billion to $62 billion" kept, "up to $62 billion" repeats it.
	covered := map[string]bool{}
	var figs []figure // the figures of one text; reused
	add := func(text string) {
		figs = appendFigures(figs[:0], text)
		for k, f := range figs {
			if explained == maxFigures || lookups == maxFigureLookups {
				return
			}
			if conversion(text, figs, k) {
				continue
			}
			t := text[f.start:f.end]
			key := figureKey(t)
			j, seen := index[key]
			if seen && out[j].Context != "" || covered[key] {
				continue
			}
			lookups++
			ctx := figureContext(text, figs, k)
			if ctx != "" {
				explained++
				if f.firstEnd > 0 {
					covered[figureKey(text[f.start:f.firstEnd])] = true
					covered[figureKey(text[f.secondAt:f.end])] = true
				}
			}
			if seen {
				out[j].Context = lineText(ctx)
				continue
			}
			index[key] = len(out)
			out = append(out, Figure{Text: lineText(t), Kind: f.kind, Context: lineText(ctx)})
		}
	}
	for _, s := range summary {
		add(s)
	}
	for _, s := range takeaways {
		add(s)
	}
	scanned := 0
	for i, b := range blocks {
		if explained == maxFigures || lookups == maxFigureLookups || scanned >= figureScanBytes {
			break
		}
		if skip[i] || b.kind != mdPara && b.kind != mdItem {
			continue
		}
		text := b.text
		if rest := figureScanBytes - scanned; len(text) > rest {
			// A cut through a figure or a word only loses that one.
			text = text[:rest]
		}
		scanned += len(text)
		if digitsAmp.index(text) < 0 {
			continue // no figure without a digit (or an entity that is one)
		}
		add(lineText(plainInline(text)))
	}
	kept := out[:0]
	for _, f := range out {
		if f.Context != "" && f.Context != f.Text {
			kept = append(kept, f)
		}
	}
	return kept
}

// digitsAmp are the bytes a paragraph with a figure holds one of.
var digitsAmp = newASCIISet("0123456789&")

// findFigures returns the figures of a plain-text string in order.
func findFigures(s string) []figure { return appendFigures(nil, s) }

// appendFigures appends the figures of s to out, so that a caller
// scanning many texts can reuse one slice.
func appendFigures(out []figure, s string) []figure {
	for i := 0; i < len(s); {
		if c := s[i]; c < 0x80 && !figureStart(c) {
			// Most bytes cannot start a figure; skip them cheaply.
			i++
			continue
		}
		f, ok := figureAt(s, i)
		if !ok {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
			continue
		}
		// A range of the same kind is one figure: "3.50%–3.75%",
		// "$58 billion to $62 billion".
		if g, ok := rangeAfter(s, f); ok {
			f.firstEnd, f.secondAt, f.end = f.end, g.start, g.end
		}
		out = append(out, f)
		i = f.end
	}
	return out
}

// figureStart reports an ASCII byte that can start a figure: a digit, a
// sign, "$", or the capital of a currency code or dollar prefix.
func figureStart(c byte) bool {
	return c >= '0' && c <= '9' || c == '$' || c == '-' || c == '+' || c >= 'A' && c <= 'Z'
}

// figureAt reads a figure starting at s[i], if there is one.
func figureAt(s string, i int) (figure, bool) {
	if i >= len(s) {
		return figure{}, false
	}
	if i > 0 {
		// Not inside a word or another number: "Q4", "A320", "9988.HK".
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		if r == '.' || r == ',' || r == '$' || unicode.IsLetter(r) || unicode.IsDigit(r) {
			return figure{}, false
		}
	}
	start := i
	// Sign: "-2.3%", "+5%", "−1.1%".
	if s[i] == '-' || s[i] == '+' {
		i++
	} else if strings.HasPrefix(s[i:], "−") {
		i += len("−")
	}
	i, currency := currencyAt(s, i)
	numEnd := scanNumber(s, i)
	if numEnd == i {
		return figure{}, false
	}
	if f, ok := gluedUnit(s, start, numEnd, currency); ok {
		return f, true
	}
	return unitWords(s, start, numEnd, currency)
}

// gluedUnit reads a unit written against the number that ends at s[j]:
// "5%", "18x", "3×".
func gluedUnit(s string, start, j int, currency bool) (figure, bool) {
	if j < len(s) {
		switch {
		case s[j] == '%':
			return figure{start: start, end: j + 1, kind: kindPercent}, true
		case strings.HasPrefix(s[j:], "％"):
			return figure{start: start, end: j + len("％"), kind: kindPercent}, true
		case (s[j] == 'x' || s[j] == 'X') && !currency && (j+1 == len(s) || !isWordByte(s[j+1])):
			return figure{start: start, end: j + 1, kind: kindMultiple}, true
		case strings.HasPrefix(s[j:], "×") && !currency:
			return figure{start: start, end: j + len("×"), kind: kindMultiple}, true
		}
	}
	return figure{}, false
}

// unitWords reads the words after the number that ends at s[numEnd]: a
// magnitude, then a unit or currency word. An amount in a currency needs
// neither.
func unitWords(s string, start, numEnd int, currency bool) (figure, bool) {
	j := numEnd
	w1, e1 := wordAt(s, j)
	lw1 := strings.ToLower(w1)
	magEnd := 0
	// Single letters (B, M, K, T) only when glued: "$53B", not "$5 m".
	if magnitudes[lw1] && (len(lw1) > 1 || e1 == j+1) {
		magEnd = e1
	}
	after := j
	if magEnd > 0 {
		after = magEnd
	}
	w2, e2 := wordAt(s, after)
	lw2 := strings.ToLower(w2)
	switch {
	case (lw2 == "percent" || lw2 == "pct") && magEnd == 0:
		return figure{start: start, end: e2, kind: kindPercent}, true
	case lw2 == "per" && magEnd == 0:
		if w3, e3 := wordAt(s, e2); strings.EqualFold(w3, "cent") {
			return figure{start: start, end: e3, kind: kindPercent}, true
		}
	case lw2 == "percentage" && magEnd == 0:
		if w3, e3 := wordAt(s, e2); strings.HasPrefix(strings.ToLower(w3), "point") {
			return figure{start: start, end: e3, kind: kindPercent}, true
		}
	case (lw2 == "bps" || lw2 == "bp" || lw2 == "bips") && magEnd == 0 && !currency:
		return figure{start: start, end: e2, kind: kindBps}, true
	case lw2 == "basis" && magEnd == 0 && !currency:
		if w3, e3 := wordAt(s, e2); strings.HasPrefix(strings.ToLower(w3), "point") {
			return figure{start: start, end: e3, kind: kindBps}, true
		}
	case currencyWords[lw2]:
		return figure{start: start, end: e2, kind: kindMoney}, true
	case lw2 == "times" && magEnd == 0 && !currency && timesIsMultiple(s, e2):
		return figure{start: start, end: e2, kind: kindMultiple}, true
	}
	if currency {
		if magEnd > 0 {
			return figure{start: start, end: magEnd, kind: kindMoney}, true
		}
		return figure{start: start, end: numEnd, kind: kindMoney}, true
	}
	return figure{}, false
}

// currencyAt reads a currency sign or code at s[i] and returns where the
// amount should start. The sign must touch the number ("$AAPL" and a
// lone "€" in prose are not amounts); a code may be followed by one space
// ("RMB 5 billion").
func currencyAt(s string, i int) (int, bool) {
	j := i
	for j < len(s) && j-i < 3 && s[j] >= 'A' && s[j] <= 'Z' {
		j++
	}
	switch {
	case j > i && j < len(s) && s[j] == '$' && dollarPrefixes[s[i:j]]:
		return j + 1, true
	case j > i && currencyCodes[s[i:j]] && (j == len(s) || !isLetter(s[j])):
		if j < len(s) && s[j] == ' ' {
			j++
		}
		return j, true
	}
	for _, sym := range currencySymbols {
		if strings.HasPrefix(s[i:], sym) {
			return i + len(sym), true
		}
	}
	return i, false
}

// timesIsMultiple tells "3.5 times forward sales" from "3 times a year".
func timesIsMultiple(s string, end int) bool {
	w, _ := wordAt(s, end)
	switch strings.ToLower(w) {
	case "a", "per", "each", "in", "during", "this", "last", "since", "so", "over", "before", "after":
		return false
	}
	return true
}

// scanNumber returns the end of a number at s[i]: digits with thousands
// separators and an optional decimal part.
func scanNumber(s string, i int) int {
	j := i
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j == i {
		return i
	}
	for j+3 < len(s) && s[j] == ',' && isDigits(s[j+1:j+4]) && (j+4 == len(s) || s[j+4] < '0' || s[j+4] > '9') {
		j += 4
	}
	if j+1 < len(s) && s[j] == '.' && s[j+1] >= '0' && s[j+1] <= '9' {
		j++
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
	}
	// A number glued to more letters or dots is something else: "9988.HK",
	// "3D", "2.02a".
	if j < len(s) && s[j] == '.' && j+1 < len(s) && isWordByte(s[j+1]) {
		return i
	}
	return j
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}

// wordAt returns the ASCII-letter word at s[i], after at most one space,
// and where it ends. Letters followed by a digit ("5G2") are not a word.
func wordAt(s string, i int) (word string, end int) {
	j := i
	if j < len(s) && s[j] == ' ' {
		j++
	}
	k := j
	for k < len(s) && isLetter(s[k]) {
		k++
	}
	if k < len(s) && s[k] >= '0' && s[k] <= '9' {
		return "", i
	}
	return s[j:k], k
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// rangeAfter reads the second half of a range after f: a dash, " to ", or
// " and " after "between", and a figure of the same kind.
func rangeAfter(s string, f figure) (figure, bool) {
	rest := s[f.end:]
	var sep int
	switch {
	case strings.HasPrefix(rest, "–"), strings.HasPrefix(rest, "—"):
		sep = len("–")
	case strings.HasPrefix(rest, "-"):
		sep = 1
	case strings.HasPrefix(rest, " to "):
		sep = len(" to ")
	case strings.HasPrefix(rest, " and ") && hasSuffixFold(s[:f.start], "between "):
		// "between $58 billion and $62 billion"
		sep = len(" and ")
	default:
		return figure{}, false
	}
	g, ok := figureAt(s, f.end+sep)
	if !ok || g.kind != f.kind {
		return figure{}, false
	}
	return g, true
}

func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}

// conversion reports a figure that restates the one before it in another
// currency, in parentheses: the "($6.27 billion)" of "¥44.6 billion
// ($6.27 billion)". It is the same amount, not a figure of its own.
func conversion(s string, figs []figure, k int) bool {
	if k == 0 || figs[k].kind != kindMoney || figs[k-1].kind != kindMoney {
		return false
	}
	open := strings.TrimRight(s[figs[k-1].end:figs[k].start], " ")
	for _, h := range [...]string{"about", "roughly", "around", "approximately", "nearly", "or", "or about", "or roughly"} {
		if w := strings.TrimSuffix(open, " "+h); w != open && (strings.HasSuffix(w, "(") || strings.HasSuffix(w, ",")) {
			open = w
			break
		}
	}
	return strings.TrimSpace(open) == "("
}

// figureKey is what makes two figures the same: case, the way a range is
// joined and the way a percentage is written do not matter ("34%" and
// "34 percent", "$58 billion to $62 billion" and "between $58 billion and
// $62 billion").
func figureKey(t string) string {
	t = strings.ToLower(t)
	if !figureKeyMayReplace(t) {
		return t
	}
	for _, r := range figureKeyReplacements {
		t = strings.ReplaceAll(t, r[0], r[1])
	}
	return t
}

var figureKeyReplacements = [...][2]string{
	{" per cent", "%"}, {" percent", "%"}, {" pct", "%"}, {"％", "%"},
	{" to ", "–"}, {" and ", "–"}, {"—", "–"}, {"−", "-"},
}

// figureKeyMayReplace reports whether t might hold one of
// figureKeyReplacements: a space before 'p', 't' or 'a', or the lead
// byte of "％", "—" or "−". Most figures ("34%", "$4.67 billion") hold
// none, and then one scan replaces eight.
func figureKeyMayReplace(t string) bool {
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case 0xE2, 0xEF:
			return true
		case ' ':
			if i+1 < len(t) && (t[i+1] == 'p' || t[i+1] == 't' || t[i+1] == 'a') {
				return true
			}
		}
	}
	return false
}
