package htmlmd

import (
	"bytes"
	"unicode"
)

// appendFoldedNewlines appends src with every run of more than two line
// breaks cut to two, so that blocks are parted by one blank line. Spaces
// before a break that is cut go with it; the others stay. dst may be
// src[:0]: what it writes never overtakes what it reads.
func appendFoldedNewlines(dst, src []byte) []byte {
	for {
		i := bytes.IndexByte(src, '\n')
		if i < 0 {
			return append(dst, src...)
		}
		dst = append(dst, src[:i+1]...)
		src = src[i+1:]
		// Spaces and line breaks after the first break: the next break
		// is kept with its spaces, any further one dropped with them.
		for newlines := 1; ; {
			j := 0
			for j < len(src) && src[j] == ' ' {
				j++
			}
			if j == len(src) || src[j] != '\n' {
				break
			}
			if newlines++; newlines <= 2 {
				dst = append(dst, src[:j+1]...)
			}
			src = src[j+1:]
		}
	}
}

func appendSpaces(b []byte, n int) []byte {
	for ; n > 0; n-- {
		b = append(b, ' ')
	}
	return b
}

// trimHardBreaks drops the hard line break ("  \n") that ends a paragraph
// or stands before another, in b[from:]: a blank line already parts what
// is around it.
func trimHardBreaks(b []byte, from int) []byte {
	if !hasHardBreak(b[from:]) {
		return b
	}
	t := b[from:]
	t = bytes.ReplaceAll(t, []byte("  \n\n"), []byte("\n\n"))
	t = bytes.ReplaceAll(t, []byte("  \n  \n"), []byte("\n\n"))
	t = bytes.ReplaceAll(t, []byte("  \n \n"), []byte("\n\n"))
	return append(b[:from], t...)
}

// hasHardBreak reports whether b holds "  \n". It looks from line break
// to line break: searching for the spaces first stops at every word.
func hasHardBreak(b []byte) bool {
	for i := bytes.IndexByte(b, '\n'); i >= 0; {
		if i >= 2 && b[i-1] == ' ' && b[i-2] == ' ' {
			return true
		}
		j := bytes.IndexByte(b[i+1:], '\n')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

// surroundingSpaces splits b into its leading white space, its text and
// its trailing white space.
func surroundingSpaces(b []byte) (left, text, right []byte) {
	r := bytes.TrimRightFunc(b, unicode.IsSpace)
	text = bytes.TrimLeftFunc(r, unicode.IsSpace)
	return b[:len(r)-len(text)], text, b[len(r):]
}

// appendDelimited writes content with delim around the text of each line,
// for emphasis that markdown ends at every line break; spaces stay
// outside the delimiters.
func appendDelimited(dst, content []byte, delim string) []byte {
	for {
		line, rest, more := bytes.Cut(content, []byte{'\n'})
		left, text, right := surroundingSpaces(line)
		dst = append(dst, left...)
		if len(text) > 0 {
			dst = append(dst, delim...)
			dst = append(dst, text...)
			dst = append(dst, delim...)
		}
		dst = append(dst, right...)
		if !more {
			return dst
		}
		dst = append(dst, '\n')
		content = rest
	}
}

// appendMultiLine writes link text that spans lines so that it stays one
// link: each line but the last ends in a hard break, and an empty line
// becomes a backslash break.
func appendMultiLine(dst, content []byte) []byte {
	for {
		line, rest, more := bytes.Cut(content, []byte{'\n'})
		line = bytes.TrimLeftFunc(line, unicode.IsSpace)
		switch {
		case len(line) == 0:
			dst = append(dst, '\\', '\n')
		case !more:
			dst = append(dst, line...)
		case bytes.HasSuffix(line, []byte("  ")):
			dst = append(dst, line...)
			dst = append(dst, '\n')
		default:
			dst = append(dst, line...)
			dst = append(dst, "  \n"...)
		}
		if !more {
			return dst
		}
		content = rest
	}
}

// appendIndented writes a list item's text, its lines after the first
// (code lines too) indented by n spaces.
func appendIndented(dst, item []byte, n int) []byte {
	// Where the next line break and the next code line break are, each
	// looked for again only once passed: searching the rest of the item
	// for every line made a long code block in a list quadratic.
	nl := bytes.IndexByte(item, '\n')
	code := bytes.Index(item, []byte(codeNewline))
	for {
		i := nl
		if code >= 0 && (i < 0 || code < i) {
			i = code + len(codeNewline) - 1
		}
		if i < 0 {
			return append(dst, item...)
		}
		dst = append(dst, item[:i+1]...)
		dst = appendSpaces(dst, n)
		item = item[i+1:]
		if nl >= 0 {
			if nl -= i + 1; nl < 0 {
				nl = bytes.IndexByte(item, '\n')
			}
		}
		if code >= 0 {
			if code -= i + 1; code < 0 {
				code = bytes.Index(item, []byte(codeNewline))
			}
		}
	}
}

// appendOneLine appends s as one line: each line break, and each byte
// also, becomes a space, and a run of spaces becomes one.
func appendOneLine(out, s []byte, also byte) []byte {
	space := false
	for _, c := range s {
		if c == '\n' || c == also {
			c = ' '
		}
		if c == ' ' && space {
			continue
		}
		space = c == ' '
		out = append(out, c)
	}
	return out
}
