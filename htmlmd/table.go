package htmlmd

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// table writes a table as a markdown table with aligned columns and
// reports whether it did. A table markdown cannot hold (one inside a link
// or emphasis, one with lists, quotes, headings, rules or tables in it, a
// cell that spans lines, a layout table) is left to the caller, which
// writes its rows as paragraphs.
func (r *renderer) table(n *html.Node) bool {
	if attr(n, "role") == "presentation" || !plainTable(n) {
		return false
	}
	for p := n.Parent; p != nil; p = p.Parent {
		switch p.DataAtom {
		case atom.A, atom.Strong, atom.B, atom.Em, atom.I, atom.Del, atom.S, atom.Strike:
			return false
		}
	}
	header := headerRow(n)
	rows := [][]string{nil}
	t := tableSpans{rows: 1}
	for tr := range descendants(n) {
		if tr.DataAtom == atom.Tr && tr != header {
			t.rows++
		}
	}
	if header != nil {
		rows[0] = r.cells(header, 0, &t)
	}
	for tr := range descendants(n) {
		if tr.DataAtom == atom.Tr && tr != header {
			rows = append(rows, r.cells(tr, len(rows), &t))
		}
	}
	if t.over {
		return false // a hostile table: its text, not its layout
	}
	spans := t.spans
	for _, row := range rows {
		for _, c := range row {
			if strings.IndexByte(c, '\n') >= 0 {
				return false
			}
		}
	}
	rows = dropEmptyRows(applySpans(rows, spans))
	if rows == nil {
		return false
	}
	first := header
	if first == nil {
		for tr := range descendants(n) {
			if tr.DataAtom == atom.Tr {
				first = tr
				break
			}
		}
	}
	r.writeTable(rows, alignments(first))
	if c := firstOf(n, atom.Caption); c != nil {
		start := len(r.out)
		r.walk(c)
		caption := bytes.TrimSpace(r.tail(start))
		if len(caption) > 0 {
			r.out = append(r.out, "\n\n"...)
			r.out = append(r.out, caption...)
		}
	}
	r.out = append(r.out, "\n\n"...)
	return true
}

// plainTable reports whether a table holds only what fits in markdown
// table cells.
func plainTable(n *html.Node) bool {
	for d := range descendants(n) {
		switch d.DataAtom {
		case atom.Table, atom.Hr, atom.Ul, atom.Ol, atom.Blockquote,
			atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			return false
		}
	}
	return true
}

// descendants yields the elements under n in document order. The walk
// stops early when the caller does, which keeps plainTable linear: it
// stops at the first nested table, so no node is looked at for two tables.
func descendants(n *html.Node) func(func(*html.Node) bool) {
	return func(yield func(*html.Node) bool) {
		d := n.FirstChild
		for d != nil {
			if d.Type == html.ElementNode && !yield(d) {
				return
			}
			if d.FirstChild != nil {
				d = d.FirstChild
				continue
			}
			d = following(d, n)
		}
	}
}

func firstOf(n *html.Node, a atom.Atom) *html.Node {
	for d := range descendants(n) {
		if d.DataAtom == a {
			return d
		}
	}
	return nil
}

// headerRow is the first row of the table's head, else the row of its
// first header cell.
func headerRow(n *html.Node) *html.Node {
	if thead := firstOf(n, atom.Thead); thead != nil {
		if tr := firstOf(thead, atom.Tr); tr != nil {
			return tr
		}
	}
	if th := firstOf(n, atom.Th); th != nil {
		return th.Parent
	}
	return nil
}

// A cellSpan is a place a cell spanning rows or columns covers, filled
// with an empty cell.
type cellSpan struct{ src, row, col int }

// tableSpans gathers the places a table's spanning cells cover. rows is
// how many rows the table has: a span past the last row would add rows
// with nothing in them, which are dropped anyway.
type tableSpans struct {
	rows  int
	spans []cellSpan
	over  bool // more than maxSpanCells
}

// maxSpanCells bounds the places spanning cells may cover in one table. A
// real table covers a few dozen; rowspan="60000" colspan="1000" on one cell
// would have taken minutes and gigabytes, so such a table is written as
// text instead.
const maxSpanCells = 20000

// cells renders the cells of a row, each trimmed, and notes in t the
// places its spanning cells cover, until there are more than
// maxSpanCells.
func (r *renderer) cells(tr *html.Node, row int, t *tableSpans) []string {
	var cells []string
	for td := range descendants(tr) {
		if td.DataAtom != atom.Td && td.DataAtom != atom.Th {
			continue
		}
		start := len(r.out)
		r.walk(td)
		cells = append(cells, string(bytes.TrimSpace(r.out[start:])))
		r.out = r.out[:start]
		col := len(cells) - 1
		rowSpan := min(spanOf(td, "rowspan"), t.rows-row)
		colSpan := spanOf(td, "colspan")
		if t.over || len(t.spans)+rowSpan*colSpan > maxSpanCells {
			t.over = true
			continue
		}
		for dx := 1; dx < colSpan; dx++ {
			t.spans = append(t.spans, cellSpan{row, row, col + dx})
		}
		for dy := 1; dy < rowSpan; dy++ {
			for dx := range colSpan {
				t.spans = append(t.spans, cellSpan{row, row + dy, col + dx})
			}
		}
	}
	return cells
}

// spanOf is a cell's rowspan or colspan, 1 when missing or not a positive
// number, and at most what browsers take (65534 rows, 1000 columns).
func spanOf(td *html.Node, key string) int {
	v, err := strconv.Atoi(attrOr(td, key, "1"))
	if err != nil || v < 1 {
		return 1
	}
	if key == "colspan" {
		return min(v, 1000)
	}
	return min(v, 65534)
}

// applySpans inserts the empty cells that spanning cells cover, those of
// the last row's cells first and each row's in order, growing the table
// where a span reaches past it.
func applySpans(rows [][]string, spans []cellSpan) [][]string {
	for end := len(spans); end > 0; {
		begin := end - 1
		for begin > 0 && spans[begin-1].src == spans[end-1].src {
			begin--
		}
		for _, s := range spans[begin:end] {
			for len(rows) <= s.row {
				rows = append(rows, nil)
			}
			for len(rows[s.row]) < s.col {
				rows[s.row] = append(rows[s.row], "")
			}
			rows[s.row] = append(rows[s.row], "")
			copy(rows[s.row][s.col+1:], rows[s.row][s.col:])
			rows[s.row][s.col] = ""
		}
		end = begin
	}
	return rows
}

// dropEmptyRows removes the rows after the first whose cells are all
// empty; a table left with one empty row is no table.
func dropEmptyRows(rows [][]string) [][]string {
	kept := rows[:1]
	for _, row := range rows[1:] {
		if !emptyRow(row) {
			kept = append(kept, row)
		}
	}
	if len(kept) == 1 && emptyRow(kept[0]) {
		return nil
	}
	return kept
}

func emptyRow(row []string) bool {
	for _, c := range row {
		if c != "" {
			return false
		}
	}
	return true
}

func alignments(tr *html.Node) []string {
	if tr == nil {
		return nil
	}
	var out []string
	for td := range descendants(tr) {
		if td.DataAtom == atom.Td || td.DataAtom == atom.Th {
			out = append(out, attr(td, "align"))
		}
	}
	return out
}

// writeTable writes the rows, the first as the header, each column padded
// to its widest cell.
func (r *renderer) writeTable(rows [][]string, align []string) {
	var widths []int
	for _, row := range rows {
		for i, c := range row {
			if i == len(widths) {
				widths = append(widths, 1)
			}
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	r.out = append(r.out, "\n\n"...)
	r.writeRow(rows[0], widths)
	r.out = append(r.out, '\n')
	for i, w := range widths {
		a := ""
		if i < len(align) {
			a = align[i]
		}
		if i == 0 {
			r.out = append(r.out, '|')
		}
		r.out = append(r.out, "-:"[b2i(a == "left" || a == "center")])
		r.out = appendRepeat(r.out, '-', w)
		r.out = append(r.out, "-:"[b2i(a == "right" || a == "center")], '|')
	}
	r.out = append(r.out, '\n')
	for _, row := range rows[1:] {
		r.writeRow(row, widths)
		r.out = append(r.out, '\n')
	}
}

func (r *renderer) writeRow(row []string, widths []int) {
	r.out = append(r.out, '|')
	for i, w := range widths {
		c := ""
		if i < len(row) {
			c = row[i]
		}
		r.out = append(r.out, ' ')
		r.out = append(r.out, c...)
		r.out = appendSpaces(r.out, w-utf8.RuneCountInString(c))
		r.out = append(r.out, " |"...)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
