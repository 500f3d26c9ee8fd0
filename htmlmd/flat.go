package htmlmd

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// flatText is the text of an HTML document read token by token, with no
// tree and so no limit on nesting: a block element's start and end break
// the paragraph, a <br> the line, a list item starts a "- " line, and
// script, style and template contents are dropped. It is the fallback for
// HTML too deep for the parser. It runs in one pass over the document.
func flatText(doc string) string {
	z := html.NewTokenizer(strings.NewReader(doc))
	var w flatWriter
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return w.b.String() + "\n"
		case html.TextToken:
			if skip == 0 {
				w.text(string(z.Text()))
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			tok := z.Token()
			end := tok.Type == html.EndTagToken
			switch tok.DataAtom {
			case atom.Script, atom.Style, atom.Template, atom.Noscript:
				if !end {
					skip++
				} else if skip > 0 {
					skip--
				}
			case atom.Br:
				w.breakLines(1)
			case atom.Li:
				if !end {
					w.breakLines(1)
					w.word("- ")
					w.space = false
				}
			case atom.P, atom.Div, atom.Section, atom.Article, atom.Blockquote, atom.Ul, atom.Ol,
				atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Tr, atom.Table,
				atom.Pre, atom.Header, atom.Footer, atom.Aside, atom.Figure, atom.Hr, atom.Dl, atom.Dd, atom.Dt:
				w.breakLines(2)
			}
		}
	}
}

// flatWriter writes words and breaks without ever rewriting what it wrote.
type flatWriter struct {
	b     strings.Builder
	nl    int  // newlines that end what is written
	space bool // a space is due before the next word on this line
}

func (w *flatWriter) text(raw string) {
	if raw == "" {
		return
	}
	if isSpace(raw[0]) {
		w.space = true
	}
	for _, f := range strings.Fields(raw) {
		w.word(f)
		w.space = true
	}
	if !isSpace(raw[len(raw)-1]) {
		w.space = false
	}
}

func (w *flatWriter) word(s string) {
	if w.b.Len() > 0 && w.nl == 0 && w.space {
		w.b.WriteByte(' ')
	}
	w.b.WriteString(s)
	w.nl, w.space = 0, false
}

// breakLines ends the line (n = 1) or the paragraph (n = 2).
func (w *flatWriter) breakLines(n int) {
	if w.b.Len() == 0 {
		return
	}
	for w.nl < n {
		w.b.WriteByte('\n')
		w.nl++
	}
	w.space = false
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
