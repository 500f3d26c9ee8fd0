package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// sectionKind says what an article's own labelled section holds.
type sectionKind uint8

const (
	secNone sectionKind = iota
	secSummary
	secTakeaways
)

// maxSectionItems caps what is taken from a labelled section: a briefing
// is read in ten seconds, and a "Summary" label with no heading after it
// would otherwise swallow the article.
const maxSectionItems = 6

// section is one labelled section found in the body.
type section struct {
	kind  sectionKind
	rank  int      // preference of its label among sections of the same kind
	list  bool     // its content is a list (stronger than paragraphs)
	items []string // plain text, one per list item or paragraph
	label int      // index of the label block
	end   int      // index just past its last content block
}

// takeawayRanks orders takeaway labels when an article has several
// takeaway-like sections with lists of equal length: the explicit "Key
// takeaways" list wins over "Key points", which wins over the prose
// "Bottom line" and "What to watch".
var takeawayRanks = [...]struct {
	prefix string
	rank   int
}{
	{"key takeaway", 4},
	{"the key takeaway", 4},
	{"takeaway", 3},
	{"key points", 2},
	{"key point", 2},
	{"the bottom line", 1},
	{"bottom line", 1},
	{"what to watch", 0},
}

// summaryLabels are the labels that introduce the article's own summary,
// besides "<anything> Summary".
var summaryLabels = map[string]bool{
	"at a glance":           true,
	"story highlights":      true,
	"highlights":            true,
	"key highlights":        true,
	"what you need to know": true,
	"tl;dr":                 true,
	"tldr":                  true,
	"tl dr":                 true,
	"tl; dr":                true,
}

// classifyLabel reports what a label names. key is the label as
// normalised by labelKey.
func classifyLabel(key string) (sectionKind, int) {
	if key == "" {
		return secNone, 0
	}
	if summaryLabels[key] {
		return secSummary, 0
	}
	if key == "summary" || strings.HasSuffix(key, " summary") && strings.Count(key, " ") <= 3 {
		// "Aime Summary", "AI Summary", "Executive summary", and the
		// scraped "Aime RobotAime Summary" where an image's alt text is
		// glued to the label.
		return secSummary, 0
	}
	for _, t := range takeawayRanks {
		if !strings.HasPrefix(key, t.prefix) {
			continue
		}
		rest := strings.TrimPrefix(key[len(t.prefix):], "s")
		if rest != "" && rest[0] != ' ' {
			continue // "key pointers" is not "key points"
		}
		rest = strings.TrimPrefix(rest, " ")
		// "Key takeaways for investors", "What to watch next": a few
		// words may follow, a sentence may not.
		if rest == "" || strings.Count(rest, " ") <= 2 && len(rest) <= 24 && !strings.ContainsAny(rest, ".,;") {
			return secTakeaways, t.rank
		}
	}
	return secNone, 0
}

// labelKey normalises a would-be label for matching: inline markdown,
// case, surrounding punctuation and emoji, and inner runs of spaces do not
// matter. Text too long to be a label yields "".
func labelKey(s string) string {
	if len(s) > 120 {
		return ""
	}
	s = plainInline(s)
	s = strings.TrimFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	if s == "" || len(s) > 80 {
		return ""
	}
	if k, ok := foldASCII(s); ok {
		return k
	}
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// blockLabel reads a block as a label. It returns the label's kind and
// rank, and inline when the label shares its line with its content
// ("**TL;DR:** The Fed cut..."): then inline is that content.
func blockLabel(b mdBlock) (kind sectionKind, rank int, inline string) {
	switch b.kind {
	case mdHeading:
		kind, rank = classifyLabel(labelKey(b.text))
		return kind, rank, ""
	case mdPara:
	default:
		return secNone, 0, ""
	}
	if len(b.text) <= 120 {
		if kind, rank = classifyLabel(labelKey(b.text)); kind != secNone {
			return kind, rank, ""
		}
	}
	// Same-line label: "**TL;DR:** text", "**Bottom line**: text",
	// "TL;DR: text".
	head, rest, ok := splitLeadLabel(b.text)
	if !ok {
		return secNone, 0, ""
	}
	if kind, rank = classifyLabel(labelKey(head)); kind == secNone {
		return secNone, 0, ""
	}
	return kind, rank, rest
}

// splitLeadLabel splits "**Label:** rest", "**Label**: rest" or
// "Label: rest" into label and rest.
func splitLeadLabel(s string) (head, rest string, ok bool) {
	limit := min(len(s), 64)
	for _, mark := range [...]string{"**", "__"} {
		if !strings.HasPrefix(s, mark) {
			continue
		}
		end := strings.Index(s[len(mark):limit], mark)
		if end < 0 {
			return "", "", false
		}
		head = s[len(mark) : len(mark)+end]
		rest = s[len(mark)+end+len(mark):]
		colon := strings.HasSuffix(strings.TrimSpace(head), ":")
		rest = strings.TrimLeft(rest, " ")
		if !colon {
			if !strings.HasPrefix(rest, ":") {
				return "", "", false
			}
			rest = rest[1:]
		}
		rest = strings.TrimSpace(rest)
		return head, rest, rest != ""
	}
	i := strings.IndexByte(s[:limit], ':')
	if i <= 0 || i+1 >= len(s) || s[i+1] != ' ' {
		return "", "", false
	}
	rest = strings.TrimSpace(s[i+1:])
	return s[:i], rest, rest != ""
}

// isBoundary reports whether a block ends the section before it: any
// heading, and any paragraph that reads as a label (bold-only, or a short
// line ending in a colon, or a known label).
func isBoundary(b mdBlock) bool {
	switch b.kind {
	case mdHeading:
		return true
	case mdPara:
		if k, _, _ := blockLabel(b); k != secNone {
			return true
		}
		return isLabelLine(b.text) || isDisclosure(b.text)
	}
	return false
}

// isDisclosure reports a paragraph that opens with a disclosure or
// disclaimer label ("Analyst's Disclosure: I am long ..."). It ends a
// "Bottom line" section: it is no takeaway, and it must stay in the body.
func isDisclosure(s string) bool {
	if !mayLeadLabel(s) && !strings.HasPrefix(s, "**") && !strings.HasPrefix(s, "__") {
		return false
	}
	head, _, ok := splitLeadLabel(s)
	if !ok {
		return false
	}
	k := labelKey(head)
	if strings.Count(k, " ") > 3 {
		return false
	}
	return strings.HasSuffix(k, "disclosure") || strings.HasSuffix(k, "disclosures") ||
		strings.HasSuffix(k, "disclaimer") || k == "editor's note" || k == "editors' note"
}

// isLabelLine reports a short paragraph that introduces what follows:
// entirely bold ("**Key Points**", "__Analysis__") or ending in a colon.
func isLabelLine(s string) bool {
	if len(s) > 100 || strings.IndexByte(s, '\n') >= 0 {
		return false
	}
	t := strings.TrimSpace(s)
	for _, mark := range [...]string{"**", "__"} {
		if len(t) > 2*len(mark) && strings.HasPrefix(t, mark) && strings.HasSuffix(t, mark) &&
			!strings.Contains(t[len(mark):len(t)-len(mark)], mark) {
			return true
		}
	}
	t = strings.TrimRight(t, "*_ ")
	return strings.HasSuffix(t, ":") && strings.Count(t, " ") < 10
}

// findSections finds the article's own summary and takeaway sections. The
// section of a label is the list right after it, or else the paragraphs
// (and lists) after it up to the next heading or label. A same-line label
// holds just the rest of its line.
func findSections(blocks []mdBlock) []section {
	var out []section
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		if b.kind != mdHeading && b.kind != mdPara {
			continue
		}
		// Labels are short; the checks below are cheap enough for every
		// heading, but long paragraphs are only worth a prefix check.
		if b.kind == mdPara && len(b.text) > 120 && !strings.HasPrefix(b.text, "**") &&
			!strings.HasPrefix(b.text, "__") && !mayLeadLabel(b.text) {
			continue
		}
		kind, rank, inline := blockLabel(b)
		if kind == secNone {
			continue
		}
		s := section{kind: kind, rank: rank, label: i, end: i + 1}
		if inline != "" {
			if item := plainItem(inline); item != "" {
				s.items = []string{item}
				out = append(out, s)
			}
			continue
		}
		s.items, s.list, s.end = sectionContent(blocks, i+1)
		if len(s.items) > 0 {
			out = append(out, s)
		}
	}
	return out
}

// mayLeadLabel is a cheap test for "TL;DR: ..." style openings of a long
// paragraph: a colon early on.
func mayLeadLabel(s string) bool {
	i := strings.IndexByte(s[:min(len(s), 40)], ':')
	return i > 0
}

// sectionContent collects the content of a section that starts at
// blocks[j].
func sectionContent(blocks []mdBlock, j int) (items []string, list bool, end int) {
	j = skipEmpty(blocks, j)
	// "## Key Takeaways" then "Here is what matters:" then the list: an
	// unlabelled intro line does not end the section.
	if j < len(blocks) && blocks[j].kind == mdPara && isLabelLine(blocks[j].text) && labelKindOf(blocks[j]) == secNone {
		if k := skipEmpty(blocks, j+1); k < len(blocks) && blocks[k].kind == mdItem {
			j = k
		}
	}
	if j < len(blocks) && blocks[j].kind == mdItem {
		id := blocks[j].list
		for ; j < len(blocks) && blocks[j].kind == mdItem && blocks[j].list == id; j++ {
			if len(items) < maxSectionItems {
				if item := plainItem(blocks[j].text); item != "" {
					items = append(items, item)
				}
			}
		}
		return items, true, j
	}
	for ; j < len(blocks); j++ {
		b := blocks[j]
		if b.kind == mdHeading || b.kind == mdPara && isBoundary(b) {
			break
		}
		if b.kind == mdOther || len(items) >= maxSectionItems {
			continue
		}
		if item := plainItem(b.text); item != "" {
			items = append(items, item)
		}
	}
	return items, false, j
}

func labelKindOf(b mdBlock) sectionKind {
	k, _, _ := blockLabel(b)
	return k
}

// skipEmpty skips paragraphs with nothing to read, such as a lone image.
func skipEmpty(blocks []mdBlock, j int) int {
	for j < len(blocks) && blocks[j].kind == mdPara && strings.TrimSpace(plainInline(blocks[j].text)) == "" {
		j++
	}
	return j
}

// plainItem is the briefing text of one list item or paragraph: plain,
// one line, safe for a terminal, without a leftover bullet.
func plainItem(md string) string {
	s := lineText(plainInline(md))
	for {
		r, size := utf8.DecodeRuneInString(s)
		if size == 0 || !strings.ContainsRune("•·▪◦‣-–—*", r) || size < len(s) && s[size] != ' ' {
			break
		}
		s = strings.TrimLeft(s[size:], " ")
	}
	return s
}

// pickSection chooses among sections of one kind: a list beats paragraphs
// (an explicit list is what the author meant as the takeaways), then more
// items, then the stronger label, then the earlier section.
func pickSection(secs []section, kind sectionKind) *section {
	var best *section
	for i := range secs {
		s := &secs[i]
		if s.kind != kind {
			continue
		}
		if best == nil || better(s, best) {
			best = s
		}
	}
	return best
}

func better(a, b *section) bool {
	if a.list != b.list {
		return a.list
	}
	if len(a.items) != len(b.items) {
		return len(a.items) > len(b.items)
	}
	if a.rank != b.rank {
		return a.rank > b.rank
	}
	return a.label < b.label
}
