package render

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/clipperhouse/uax29/v2/graphemes"
	"golang.org/x/text/unicode/norm"
)

// Highlight marks every occurrence of any of terms in rendered, text that
// is already laid out and styled (a Render result, the reader's card),
// with style, and returns the marked text and the indices of the lines
// that hold a mark, in order, for jumping from match to match.
//
// Terms match the text as shown: escape sequences do not count, case does
// not matter (Unicode case folding, as strings.EqualFold), and a term
// matches whether it and the text are composed (é) or decomposed (e and
// U+0301). A match lies within one line and never starts or ends inside
// a grapheme cluster: "e" does not match the e of a decomposed é. The
// styling around a mark stays as it was, and resumes after it.
//
// lipgloss.StyleRanges does a similar job but counts its ranges in cells
// and rebuilds each piece with ansi.Cut, one pass per range; this finds
// the matches on byte offsets of the stripped line and copies the styled
// line once.
func Highlight(rendered string, terms []string, style lipgloss.Style) (out string, lines []int) {
	pats := foldTerms(terms)
	if len(pats) == 0 || rendered == "" {
		return rendered, nil
	}
	// A tab in a mark stays a tab, as it is in the text around it.
	h := highlighter{pats: pats, style: style.TabWidth(lipgloss.NoTabConversion)}
	var b strings.Builder
	done := 0 // rendered[:done] is in b
	n := 0
	for start := 0; start <= len(rendered); n++ {
		end := strings.IndexByte(rendered[start:], '\n')
		if end < 0 {
			end = len(rendered)
		} else {
			end += start
		}
		line := rendered[start:end]
		h.saved = append(h.saved[:0], h.sgr...)
		h.strip(line)
		if h.find() {
			if b.Len() == 0 {
				b.Grow(len(rendered) + len(rendered)/8)
			}
			b.WriteString(rendered[done:start])
			h.sgr = append(h.sgr[:0], h.saved...)
			h.mark(&b, line)
			done = end
			lines = append(lines, n)
		}
		start = end + 1
	}
	if b.Len() == 0 {
		return rendered, nil
	}
	b.WriteString(rendered[done:])
	return b.String(), lines
}

// highlighter holds the buffers one Highlight call reuses line after line.
type highlighter struct {
	pats  [][]byte
	style lipgloss.Style

	plain  []byte // the line without escape sequences
	folded []byte // plain case-folded
	// at maps an offset in folded to one in plain, unless ascii: then
	// the two are the same.
	at       []int
	ascii    bool
	boundary []bool // grapheme cluster boundaries of plain
	matches  [][2]int

	// sgr replays the styling in force: the SGR sequences since the last
	// reset. A mark ends with a reset, and this puts the styling back.
	sgr, saved []byte
	match      strings.Builder
}

// strip sets h.plain to line without its escape sequences, and follows the
// styling they set.
func (h *highlighter) strip(line string) {
	h.plain = h.plain[:0]
	for i := 0; i < len(line); {
		if line[i] != 0x1b {
			j := strings.IndexByte(line[i:], 0x1b)
			if j < 0 {
				j = len(line) - i
			}
			h.plain = append(h.plain, line[i:i+j]...)
			i += j
			continue
		}
		n, sgr := escapeLen(line[i:])
		if sgr {
			h.follow(line[i : i+n])
		}
		i += n
	}
}

// follow adds the SGR sequence seq to the styling in force.
func (h *highlighter) follow(seq string) {
	params := seq[2 : len(seq)-1]
	switch {
	case params == "" || params == "0":
		h.sgr = h.sgr[:0]
	case strings.HasPrefix(params, "0;"):
		h.sgr = append(h.sgr[:0], seq...)
	default:
		h.sgr = append(h.sgr, seq...)
	}
}

// find sets h.matches to the merged ranges of plain that match a term and
// reports whether there are any.
func (h *highlighter) find() bool {
	h.matches = h.matches[:0]
	if len(h.plain) == 0 {
		return false
	}
	h.fold()
	bounded := false
	for _, p := range h.pats {
		for from := 0; from < len(h.folded); {
			i := bytes.Index(h.folded[from:], p)
			if i < 0 {
				break
			}
			fs, fe := from+i, from+i+len(p)
			from = fs + 1
			s, e := fs, fe
			if !h.ascii {
				if !bounded {
					h.findBoundaries()
					bounded = true
				}
				s, e = h.at[fs], h.at[fe]
				if !h.boundary[s] || !h.boundary[e] {
					continue
				}
			}
			h.matches = append(h.matches, [2]int{s, e})
			from = fe
		}
	}
	if len(h.matches) == 0 {
		return false
	}
	slices.SortFunc(h.matches, func(a, b [2]int) int { return a[0] - b[0] })
	merged := h.matches[:1]
	for _, m := range h.matches[1:] {
		if last := &merged[len(merged)-1]; m[0] <= last[1] {
			last[1] = max(last[1], m[1])
		} else {
			merged = append(merged, m)
		}
	}
	h.matches = merged
	return true
}

// fold case-folds plain into folded. An ASCII line folds byte for byte;
// any other keeps a map back to plain, since folding can change a rune's
// length (K, the Kelvin sign, folds to K).
func (h *highlighter) fold() {
	h.folded = h.folded[:0]
	h.ascii = true
	for _, c := range h.plain {
		if c >= utf8.RuneSelf {
			h.ascii = false
			break
		}
	}
	if h.ascii {
		for _, c := range h.plain {
			h.folded = append(h.folded, foldASCII(c))
		}
		return
	}
	h.at = h.at[:0]
	for i := 0; i < len(h.plain); {
		r, size := utf8.DecodeRune(h.plain[i:])
		n := len(h.folded)
		h.folded = utf8.AppendRune(h.folded, foldRune(r))
		for range len(h.folded) - n {
			h.at = append(h.at, i)
		}
		i += size
	}
	h.at = append(h.at, len(h.plain))
}

func (h *highlighter) findBoundaries() {
	h.boundary = slices.Grow(h.boundary[:0], len(h.plain)+1)[:len(h.plain)+1]
	clear(h.boundary)
	for g := graphemes.FromBytes(h.plain); g.Next(); {
		h.boundary[g.Start()] = true
	}
	h.boundary[len(h.plain)] = true
}

// mark writes line to b with its matches styled. Escape sequences inside
// a match are held back: the mark shows in its own style, and the styling
// they set is put back after it.
func (h *highlighter) mark(b *strings.Builder, line string) {
	var held strings.Builder
	p, m := 0, 0 // offset in plain, next match
	in := false
	for i := 0; i < len(line); {
		if line[i] == 0x1b {
			n, sgr := escapeLen(line[i:])
			seq := line[i : i+n]
			switch {
			case sgr:
				h.follow(seq)
				if !in {
					b.WriteString(seq)
				}
			case in:
				held.WriteString(seq)
			default:
				b.WriteString(seq)
			}
			i += n
			continue
		}
		if !in && m < len(h.matches) && p == h.matches[m][0] {
			in = true
			h.match.Reset()
		}
		_, size := utf8.DecodeRuneInString(line[i:])
		if in {
			h.match.WriteString(line[i : i+size])
		} else {
			b.WriteString(line[i : i+size])
		}
		i += size
		p += size
		if in && p >= h.matches[m][1] {
			b.WriteString(h.style.Render(h.match.String()))
			b.Write(h.sgr)
			b.WriteString(held.String())
			held.Reset()
			in = false
			m++
		}
	}
}

// foldTerms returns the distinct case-folded forms of terms, composed and
// decomposed; blank terms match nothing.
func foldTerms(terms []string) [][]byte {
	var pats [][]byte
	for _, t := range terms {
		if strings.TrimSpace(t) == "" {
			continue
		}
		for _, form := range []string{norm.NFC.String(t), norm.NFD.String(t)} {
			var f []byte
			for _, r := range form {
				f = utf8.AppendRune(f, foldRune(r))
			}
			if !slices.ContainsFunc(pats, func(p []byte) bool { return bytes.Equal(p, f) }) {
				pats = append(pats, f)
			}
		}
	}
	return pats
}

// foldRune maps r to the smallest rune of its case-folding orbit, so that
// runes strings.EqualFold takes as equal fold to the same rune.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		return rune(foldASCII(byte(r)))
	}
	m := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		m = min(m, f)
	}
	return m
}

func foldASCII(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}
