// Package wrap breaks plain text into lines that fit a terminal, measured
// in cells.
//
// ansi.Wrap breaks only at spaces and hyphens, so a Chinese or Japanese
// paragraph, which has no spaces, is one long word that it cuts at the
// width, wherever that falls: in the middle of "1,879" or "12.5%". Here
// UAX #29 word boundaries (github.com/clipperhouse/uax29) find the pieces
// that must stay whole, and a small part of UAX #14 decides where a line
// may end: at spaces, between ideographs, after a hyphen inside a Latin
// word, never before closing punctuation nor after opening punctuation. A
// piece wider than the whole line is cut at grapheme cluster boundaries,
// and only then.
//
// The input is plain text: no escape sequences. Newlines are hard breaks;
// the spaces where a line breaks are dropped, as are spaces at line ends.
package wrap

import (
	"iter"
	"strings"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/graphemes"
)

// A Span is one line of wrapped text: text[Start:End].
type Span struct{ Start, End int }

// Lines wraps text to width cells. Every line fits unless it holds a single
// grapheme cluster wider than width (a CJK character at width 1). A width
// below 1 wraps nothing: lines end only at newlines. Empty text is one
// empty line. A tab is shown as one space.
func Lines(text string, width int) []string {
	spans := Spans(text, width)
	lines := make([]string, len(spans))
	for i, s := range spans {
		lines[i] = text[s.Start:s.End]
		if strings.IndexByte(lines[i], '\t') >= 0 {
			lines[i] = strings.ReplaceAll(lines[i], "\t", " ")
		}
	}
	return lines
}

// Hanging wraps text to width cells, starting the first line with first
// and the following ones with as many spaces as first is wide, as a bullet
// or a label wants. Like the reader's own hanging indent, it gives up the
// indent, first included, when it would leave fewer than 8 cells for the
// text.
func Hanging(text, first string, width int) []string {
	ind := cells(first)
	if width-ind < 8 {
		return Lines(text, width)
	}
	lines := Lines(text, width-ind)
	pad := strings.Repeat(" ", ind)
	for i := range lines {
		if i == 0 {
			lines[i] = first + lines[i]
		} else {
			lines[i] = pad + lines[i]
		}
	}
	return lines
}

// Spans wraps text to width cells as Lines does, returning where each line
// lies in text instead of copies. Callers that keep styling beside the text
// (an SGR sequence every few characters) use it to cut the styled string at
// the same places.
func Spans(text string, width int) []Span {
	// About one line per width bytes of Latin text; CJK takes three
	// bytes per two cells, so this rarely grows.
	spans := make([]Span, 0, len(text)/max(width, 1)+1)
	for start := 0; ; {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		spans = wrapParagraph(spans, text, start, end, width)
		if end == len(text) {
			return spans
		}
		start = end + 1
	}
}

// Breaks yields the byte offsets in text where a line may end although no
// space is there: between two ideographs, after "，", after the hyphen of
// "well-known". A renderer that breaks only at spaces can be given these
// as zero-width spaces.
func Breaks(text string) iter.Seq[int] {
	return func(yield func(int) bool) {
		sc := newScanner(text, 0)
		var before, prev unit
		have := false
		for {
			u, ok := sc.next()
			if !ok {
				return
			}
			if u.flags&space != 0 {
				have = false
				continue
			}
			if have && prev.end == u.start && canBreak(before, prev, u) {
				if !yield(u.start) {
					return
				}
			}
			before, prev, have = prev, u, true
		}
	}
}

// line is the state of the greedy fill of one paragraph.
type line struct {
	text  string
	width int    // the limit
	spans []Span // lines done

	start, end int  // the current line is text[start:end]
	w          int  // its width
	empty      bool // nothing placed on it yet
	first      bool // it is the paragraph's first line: leading spaces count
}

func wrapParagraph(spans []Span, text string, pstart, pend, width int) []Span {
	if width < 1 {
		return append(spans, Span{pstart, trimEnd(text, pstart, pend)})
	}
	l := line{text: text, width: width, spans: spans, start: pstart, end: pstart, empty: true, first: true}
	sc := newScanner(text[pstart:pend], pstart)

	var (
		before, prev unit // the last two units that are not spaces
		have         bool // prev is set
		sp           = -1 // start of the spaces after prev, -1 if none
		spW          int  // their width
		// The chunk is the run of units since the last break opportunity:
		// it is placed on a line whole. It follows spaces of width sepW
		// starting at sepStart (-1 if none).
		cStart, cEnd, cW = -1, -1, 0
		sepStart, sepW   = -1, 0
	)
	lead, leadW := pstart, 0 // spaces at the paragraph start
	for {
		u, ok := sc.next()
		if !ok {
			break
		}
		if u.flags&space != 0 {
			if !have {
				leadW += u.width
				continue
			}
			if sp < 0 {
				sp, spW = u.start, 0
			}
			spW += u.width
			continue
		}
		switch {
		case !have:
			cStart, cEnd, cW = u.start, u.end, u.width
			if leadW > 0 {
				sepStart, sepW = lead, leadW
			}
		case sp >= 0 && canBreakAtSpace(prev, u), sp < 0 && canBreak(before, prev, u):
			l.place(cStart, cEnd, cW, sepStart, sepW)
			cStart, cEnd, cW = u.start, u.end, u.width
			sepStart, sepW = sp, spW
			if sp < 0 {
				sepStart = -1
			}
		default:
			// No break here: the spaces, if any, are part of the chunk.
			cEnd = u.end
			cW += spW + u.width
		}
		sp, spW = -1, 0
		before, prev, have = prev, u, true
	}
	if have {
		l.place(cStart, cEnd, cW, sepStart, sepW)
	}
	return l.finish()
}

// place puts text[cs:ce], cw cells wide and preceded by spaces sepW wide
// from sepStart, on the current line or, if it does not fit, on the next.
func (l *line) place(cs, ce, cw, sepStart, sepW int) {
	if l.empty {
		if l.first && sepStart >= 0 && sepW+cw <= l.width {
			// Indentation at the start of a paragraph stays.
			l.start, l.end, l.w, l.empty = sepStart, ce, sepW+cw, false
			return
		}
		l.start = cs
	} else if l.w+sepW+cw <= l.width {
		l.end = ce
		l.w += sepW + cw
		return
	} else {
		l.flush()
		l.start = cs
	}
	if cw <= l.width {
		l.end, l.w, l.empty = ce, cw, false
		return
	}
	l.hardBreak(cs, ce)
}

// hardBreak cuts a piece wider than the line at grapheme cluster
// boundaries: the last resort, for a long URL or a number at width 3. The
// line is empty when it is called.
func (l *line) hardBreak(cs, ce int) {
	g := graphemes.FromString(l.text[cs:ce])
	for g.Next() {
		v := g.Value()
		sp := isSpaceCluster(v)
		if l.empty && sp {
			continue // no line starts with a space
		}
		w := cells(v)
		if !l.empty && l.w+w > l.width {
			l.flush()
			if sp {
				continue
			}
		}
		if l.empty {
			l.start, l.w, l.empty = cs+g.Start(), 0, false
		}
		l.end = cs + g.End()
		l.w += w
	}
}

func isSpaceCluster(s string) bool {
	r, size := utf8.DecodeRuneInString(s)
	return size == len(s) && isSpace(r)
}

func (l *line) flush() {
	l.spans = append(l.spans, Span{l.start, trimEnd(l.text, l.start, l.end)})
	l.first = false
	l.empty, l.w = true, 0
}

func (l *line) finish() []Span {
	if l.empty {
		l.end = l.start
	}
	l.flush()
	return l.spans
}

// trimEnd returns end moved back over trailing spaces.
func trimEnd(text string, start, end int) int {
	for end > start {
		r, size := utf8.DecodeLastRuneInString(text[start:end])
		if !isSpace(r) {
			break
		}
		end -= size
	}
	return end
}
