package htmlmd

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// appendCode appends the text of n and everything under it as written, a
// <br> or <div> starting a line, and returns the language its class names
// ("language-go", "lang-go") on n or the first code or pre under it.
func appendCode(dst []byte, root *html.Node) ([]byte, string) {
	lang := ""
	n := root
	for n != nil {
		if n.Type == html.TextNode {
			dst = append(dst, n.Data...)
		} else if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Code, atom.Pre:
				if lang == "" {
					lang = codeLanguage(attr(n, "class"))
				}
			case atom.Br, atom.Div:
				dst = append(dst, '\n')
			}
			if n.FirstChild != nil {
				n = n.FirstChild
				continue
			}
		}
		if n == root {
			break
		}
		n = following(n, root)
	}
	return dst, lang
}

func codeLanguage(class string) string {
	for part := range strings.SplitSeq(class, " ") {
		if strings.Contains(part, "language-") || strings.Contains(part, "lang-") {
			part = strings.Replace(part, "language-", "", 1)
			return strings.Replace(part, "lang-", "", 1)
		}
	}
	return ""
}

// codeBlock writes a <pre> as a fenced block, the fence longer than any run
// of backticks in the code.
func (r *renderer) codeBlock(n *html.Node) {
	code, lang := appendCode(r.scratch[:0], n)
	r.scratch = code
	code = bytes.TrimSuffix(code, []byte{'\n'})
	fence := max(3, longestRun(code, '`')+1)
	r.out = append(r.out, "\n\n"...)
	r.out = appendRepeat(r.out, '`', fence)
	r.out = append(r.out, lang...)
	r.out = append(r.out, '\n')
	for {
		i := bytes.IndexByte(code, '\n')
		if i < 0 {
			break
		}
		r.out = append(r.out, code[:i]...)
		r.out = append(r.out, codeNewline...)
		code = code[i+1:]
	}
	r.out = append(r.out, code...)
	r.out = append(r.out, '\n')
	r.out = appendRepeat(r.out, '`', fence)
	r.out = append(r.out, "\n\n"...)
}

// writeInlineCode writes code in a line between backtick fences longer than any
// run of backticks in it, its white space collapsed.
func (r *renderer) writeInlineCode(n *html.Node) {
	code, _ := appendCode(r.scratch[:0], n)
	r.scratch = code
	if len(bytes.TrimSpace(code)) == 0 {
		r.out = append(r.out, '`')
		r.out = append(r.out, code...)
		r.out = append(r.out, '`')
		return
	}
	code = bytes.TrimSpace(code)
	fence := longestRun(code, '`') + 1
	r.out = appendRepeat(r.out, '`', fence)
	if code[0] == '`' {
		r.out = append(r.out, ' ')
	}
	r.out = appendOneLine(r.out, code, '\t')
	if code[len(code)-1] == '`' {
		r.out = append(r.out, ' ')
	}
	r.out = appendRepeat(r.out, '`', fence)
}

func longestRun(b []byte, c byte) int {
	longest, run := 0, 0
	for _, x := range b {
		if x == c {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}

func appendRepeat(b []byte, c byte, n int) []byte {
	for ; n > 0; n-- {
		b = append(b, c)
	}
	return b
}
