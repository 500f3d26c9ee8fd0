package extract

import (
	"slices"
	"strings"
)

// Result is what Process makes of an article: its briefing, and the body
// to read under the briefing card.
type Result struct {
	Briefing Briefing
	// Body is the article's markdown without page furniture (see Clean),
	// with ticker chips written as "Alibaba (BABA)", and without the
	// summary and takeaways sections that the briefing shows: the card
	// above the body already says them. A generated summary takes
	// sentences from the body; those stay where they are.
	Body string
}

// Process makes the briefing of an article and its clean body in one
// pass. The body is what brief stores and shows; the briefing is the same
// as Brief's.
func (e *Extractor) Process(in Input) Result {
	br, body := e.brief(in, true)
	return Result{Briefing: br, Body: body}
}

// knownSymbols are the symbols the ticker search found, which tell unchip
// where a name in capitals ends and its symbol begins.
func knownSymbols(ts []Ticker) map[string]bool {
	if len(ts) == 0 {
		return nil
	}
	m := make(map[string]bool, len(ts))
	for _, t := range ts {
		m[t.Symbol] = true
	}
	return m
}

// cutSections removes from body the sections the briefing shows, label
// and all, unless nothing else would be left. A section is cut only when
// the card shows all of it: a list
// longer than the card's six items, or a section with a table in it,
// stays whole in the body. A heading that labels the same thing just above
// the label ("## Key Takeaways" over "Key takeaways for investors:"), or
// that the cut would leave with nothing under it, goes with the section.
// maxBareMarkup bounds the paragraphs cutSections looks into for text: one
// that reads as nothing (an image, a rule, emphasis markers) is short.
const maxBareMarkup = 512

// span is a byte range of a body.
type span struct{ from, to int }

func cutSections(body string, blocks []mdBlock, used ...*section) string {
	var cuts []span
	for _, s := range used {
		if s == nil || s.end <= s.label || s.end > len(blocks) || !shownWhole(blocks, s) {
			continue
		}
		first := s.label
		for first > 0 {
			p := blocks[first-1]
			if p.kind == mdHeading && labelKindOf(p) == s.kind ||
				p.kind == mdPara && len(p.text) <= maxBareMarkup && strings.TrimSpace(plainInline(p.text)) == "" {
				first--
				continue
			}
			break
		}
		if first > 0 && blocks[first-1].kind == mdHeading && !coveredByOther(blocks, first-1, used, s) {
			h := blocks[first-1]
			if s.end == len(blocks) || blocks[s.end].kind == mdHeading && blocks[s.end].level <= h.level {
				first-- // it would head nothing
			}
		}
		cuts = append(cuts, span{blocks[first].from, blocks[s.end-1].to})
	}
	if len(cuts) == 0 {
		return body
	}
	slices.SortFunc(cuts, func(a, b span) int { return a.from - b.from })
	var b strings.Builder
	b.Grow(len(body))
	at := 0
	for _, c := range cuts {
		if c.from < at {
			c.from = at // overlapping cuts (a heading both sections claimed)
		}
		if c.to <= c.from {
			continue
		}
		b.WriteString(body[at:c.from])
		at = c.to
	}
	b.WriteString(body[at:])
	if !textOutside(body, blocks, cuts) {
		// The sections were the whole article: a body that says so
		// beats an empty one that seems to have lost it.
		return body
	}
	return tidyBlankLines(b.String())
}

// textOutside reports whether a block the cuts leave has text to read. It
// stops at the first one, which is nearly always the first block.
func textOutside(body string, blocks []mdBlock, cuts []span) bool {
	for _, bl := range blocks {
		if bl.from < 0 || bl.to > len(body) || bl.from >= bl.to {
			continue
		}
		inside := false
		for _, c := range cuts {
			if bl.from >= c.from && bl.to <= c.to {
				inside = true
				break
			}
		}
		if inside {
			continue
		}
		if c := body[bl.from]; c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			return true // prose starts with a letter; markup never does
		}
		if strings.TrimSpace(plainInline(body[bl.from:bl.to])) != "" {
			return true
		}
	}
	return false
}

// coveredByOther reports whether heading i lies inside the other used
// section, which then decides about it.
func coveredByOther(blocks []mdBlock, i int, used []*section, self *section) bool {
	for _, s := range used {
		if s != nil && s != self && i >= s.label && i < s.end {
			return true
		}
	}
	return false
}

// shownWhole reports whether the card shows all of a section: each
// content block became an item, and nothing in it is left out of the card
// (tables, code, items past the sixth).
func shownWhole(blocks []mdBlock, s *section) bool {
	if s.end == s.label+1 {
		return len(s.items) == 1 // "**TL;DR:** text" on one line
	}
	n := 0
	for _, b := range blocks[s.label+1 : s.end] {
		switch {
		case b.kind == mdOther || b.kind == mdHeading:
			return false
		case plainItem(b.text) == "":
			// an image or an empty item: not shown, not missed
		case s.list && b.kind == mdPara && isLabelLine(b.text):
			// the intro line between a heading and its list
		default:
			n++
		}
	}
	return n == len(s.items)
}

// tidyBlankLines makes every run of blank lines one, outside fenced code,
// and drops blank lines at either end: a cut leaves the blank lines of
// both its sides.
func tidyBlankLines(md string) string {
	var b strings.Builder
	b.Grow(len(md))
	blank := true
	fence := ""
	for off := 0; off < len(md); {
		line := md[off:]
		next := len(md)
		if i := strings.IndexByte(line, '\n'); i >= 0 {
			line, next = line[:i], off+i+1
		}
		off = next
		trimmed := strings.TrimSpace(line)
		if fence != "" || strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			switch {
			case fence == "":
				fence = trimmed[:3]
			case strings.HasPrefix(trimmed, fence):
				fence = ""
			}
		} else if trimmed == "" {
			if blank {
				continue
			}
			blank = true
			b.WriteByte('\n')
			continue
		}
		blank = false
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return strings.TrimRight(b.String(), "\n")
}
