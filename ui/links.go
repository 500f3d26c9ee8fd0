package ui

import (
	"fmt"
	"strings"

	"brief/internal/sanitize"
)

// bodyLink is one numbered link of an article body.
type bodyLink struct {
	N         int
	Text, URL string
}

// numberLinks rewrites the inline links of a markdown body, [text](url),
// as "text [n]", numbering web links in order of first appearance (the
// same URL keeps its number), and returns them: the body reads without
// long URLs in the way, and u opens one by its number. Images, code spans
// and fenced code are left alone; a link to anything but http(s) keeps its
// text and loses its target.
func numberLinks(md string) (string, []bodyLink) {
	if !strings.Contains(md, "](") {
		return md, nil
	}
	var out strings.Builder
	out.Grow(len(md) + 64)
	var links []bodyLink
	seen := map[string]int{}
	fenced := false
	for line := range strings.Lines(md) {
		trim := strings.TrimLeft(line, " ")
		if strings.HasPrefix(trim, "```") || strings.HasPrefix(trim, "~~~") {
			fenced = !fenced
		}
		if fenced || strings.HasPrefix(line, "    ") || strings.HasPrefix(line, "\t") || !strings.Contains(line, "](") {
			out.WriteString(line)
			continue
		}
		out.WriteString(numberLine(line, &links, seen))
	}
	return out.String(), links
}

// numberLine rewrites the links of one line.
func numberLine(s string, links *[]bodyLink, seen map[string]int) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			b.WriteString(s[i : i+2])
			i += 2
			continue
		case c == '`':
			// A code span runs to the next run of as many backticks.
			n := 0
			for i+n < len(s) && s[i+n] == '`' {
				n++
			}
			ticks := s[i : i+n]
			end := strings.Index(s[i+n:], ticks)
			if end < 0 {
				b.WriteString(ticks)
				i += n
				continue
			}
			b.WriteString(s[i : i+n+end+n])
			i += n + end + n
			continue
		case c == '[' && !(i > 0 && s[i-1] == '!'):
			if text, url, n, ok := inlineLink(s[i:]); ok {
				b.WriteString(linkText(text, url, links, seen))
				i += n
				continue
			}
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}

// inlineLink parses "[text](url "title")" at the start of s.
func inlineLink(s string) (text, url string, n int, ok bool) {
	depth := 0
	close := -1
	for j := 0; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				close = j
			}
		}
		if close >= 0 {
			break
		}
	}
	if close < 0 || close+1 >= len(s) || s[close+1] != '(' {
		return "", "", 0, false
	}
	rest := s[close+2:]
	var dest string
	var used int
	if strings.HasPrefix(rest, "<") {
		end := strings.IndexByte(rest, '>')
		if end < 0 {
			return "", "", 0, false
		}
		dest, used = rest[1:end], end+1
	} else {
		parens := 0
		j := 0
		for ; j < len(rest); j++ {
			c := rest[j]
			if c == ' ' || c == ')' && parens == 0 {
				break
			}
			if c == '(' {
				parens++
			} else if c == ')' {
				parens--
			}
		}
		dest, used = rest[:j], j
	}
	// An optional title, then the closing parenthesis.
	tail := rest[used:]
	k := len(tail) - len(strings.TrimLeft(tail, " "))
	if k < len(tail) && (tail[k] == '"' || tail[k] == '\'') {
		q := tail[k]
		end := strings.IndexByte(tail[k+1:], q)
		if end < 0 {
			return "", "", 0, false
		}
		k += end + 2
		k += len(tail[k:]) - len(strings.TrimLeft(tail[k:], " "))
	}
	if k >= len(tail) || tail[k] != ')' {
		return "", "", 0, false
	}
	return s[1:close], dest, close + 2 + used + k + 1, true
}

func linkText(text, url string, links *[]bodyLink, seen map[string]int) string {
	url = strings.TrimSpace(url)
	if _, err := linkURL(url); err != nil {
		return text // not a web link: its text alone
	}
	n, ok := seen[url]
	if !ok {
		n = len(*links) + 1
		seen[url] = n
		*links = append(*links, bodyLink{N: n, Text: sanitize.Line(plainLinkText(text)), URL: sanitize.Line(url)})
	}
	return fmt.Sprintf("%s [%d]", text, n)
}

// plainLinkText drops markdown emphasis and escapes from a link's text,
// for the link list.
func plainLinkText(s string) string {
	s = strings.NewReplacer("**", "", "__", "", "`", "").Replace(s)
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
