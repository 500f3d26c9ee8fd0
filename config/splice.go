package config

import (
	"strings"
)

// lineKind classifies the lines of a TOML file for the splice.
type lineKind int

const (
	lineContent lineKind = iota // a key/value line or part of a multi-line value
	lineBlank
	lineComment
	lineHeader
)

type tomlLine struct {
	text   string // with its line ending
	kind   lineKind
	header string // table name, for header lines
	array  bool   // [[header]]
}

// classifyLines splits a TOML document into lines and tells table headers
// from the rest. It follows strings and brackets only as far as needed to
// know that a "[" at the start of a line inside a multi-line array or string
// is not a header; Save reads its result back, so a misjudged line costs
// only the splice, never the config.
func classifyLines(text string) []tomlLine {
	raw := strings.SplitAfter(text, "\n")
	if raw[len(raw)-1] == "" {
		raw = raw[:len(raw)-1]
	}
	var st lexState
	lines := make([]tomlLine, len(raw))
	for i, l := range raw {
		lines[i].text = l
		if st.open() {
			st.scan(l)
			continue
		}
		t := strings.TrimLeft(l, " \t")
		switch {
		case strings.TrimSpace(t) == "":
			lines[i].kind = lineBlank
		case t[0] == '#':
			lines[i].kind = lineComment
		case t[0] == '[':
			lines[i].kind = lineHeader
			lines[i].header, lines[i].array = parseHeader(t)
		default:
			st.scan(l)
		}
	}
	return lines
}

func parseHeader(t string) (name string, array bool) {
	array = strings.HasPrefix(t, "[[")
	inner := strings.TrimLeft(t, "[")
	if end := strings.IndexByte(inner, ']'); end >= 0 {
		inner = inner[:end]
	}
	name = strings.TrimSpace(inner)
	if len(name) >= 2 && (name[0] == '"' || name[0] == '\'') && name[len(name)-1] == name[0] {
		name = name[1 : len(name)-1]
	}
	return name, array
}

// lexState is what carries over from one line of TOML to the next.
type lexState struct {
	mlBasic, mlLiteral bool // inside """ or ''' strings
	depth              int  // open [ and { of values
}

func (st *lexState) open() bool { return st.mlBasic || st.mlLiteral || st.depth > 0 }

// scan follows line and returns where a comment starts on it, or -1.
func (st *lexState) scan(line string) int {
	for i := 0; i < len(line); {
		switch {
		case st.mlBasic:
			switch {
			case line[i] == '\\':
				i += 2
			case strings.HasPrefix(line[i:], `"""`):
				i += quoteRun(line[i:], '"')
				st.mlBasic = false
			default:
				i++
			}
		case st.mlLiteral:
			if strings.HasPrefix(line[i:], `'''`) {
				i += quoteRun(line[i:], '\'')
				st.mlLiteral = false
			} else {
				i++
			}
		default:
			switch c := line[i]; c {
			case '#':
				return i
			case '"':
				if strings.HasPrefix(line[i:], `"""`) {
					st.mlBasic = true
					i += 3
					continue
				}
				for i++; i < len(line) && line[i] != '"'; i++ {
					if line[i] == '\\' {
						i++
					}
				}
				i++
			case '\'':
				if strings.HasPrefix(line[i:], `'''`) {
					st.mlLiteral = true
					i += 3
					continue
				}
				for i++; i < len(line) && line[i] != '\''; i++ {
				}
				i++
			case '[', '{':
				st.depth++
				i++
			case ']', '}':
				if st.depth > 0 {
					st.depth--
				}
				i++
			default:
				i++
			}
		}
	}
	return -1
}

// quoteRun is the length of a closing delimiter: TOML lets a multi-line
// string end with up to two quotes of its own just before the three that
// close it.
func quoteRun(s string, q byte) int {
	n := 0
	for n < len(s) && n < 5 && s[n] == q {
		n++
	}
	return n
}

// spliceFeeds rewrites the [[feed]] tables of a config file from old (the
// feeds the file holds now, in order) to want, keeping every other line. It
// keeps unchanged tables verbatim, rewrites changed ones in place, drops
// removed ones and appends new ones after the last feed table. It reports
// false when the file's layout is not one it can follow.
func spliceFeeds(text string, old, want []Feed) (string, bool) {
	lines := classifyLines(text)

	// Comment lines directly above a header describe that table, so they
	// move and vanish with it; a comment run at the very top of the file is
	// the file's own header and stays.
	type section struct {
		start, header, end int // [start, header) leading comments; [header, end) the table
		feed               bool
	}
	var secs []section
	for i, l := range lines {
		if l.kind != lineHeader {
			continue
		}
		start := i
		for start > 0 && lines[start-1].kind == lineComment {
			start--
		}
		if start == 0 {
			start = i
		}
		secs = append(secs, section{start: start, header: i, feed: l.array && l.header == "feed"})
	}
	for i := range secs {
		if i+1 < len(secs) {
			secs[i].end = secs[i+1].start
		} else {
			secs[i].end = len(lines)
		}
	}

	nFeeds := 0
	for _, s := range secs {
		if s.feed {
			nFeeds++
		}
	}
	if nFeeds != len(old) {
		return "", false
	}

	keyOf := func(f Feed) string {
		_, key, err := normalizeFeed(f, false)
		if err != nil {
			return "\x00" + f.URL
		}
		return key
	}
	wantByKey := map[string]Feed{}
	for _, f := range want {
		wantByKey[keyOf(f)] = f
	}
	kept := map[string]bool{}

	var b strings.Builder
	write := func(from, to int) {
		for _, l := range lines[from:to] {
			b.WriteString(l.text)
		}
	}
	appendNew := func() {
		for _, f := range want {
			if kept[keyOf(f)] {
				continue
			}
			s := b.String()
			if s != "" && !strings.HasSuffix(s, "\n") {
				b.WriteString("\n")
			}
			if s != "" && !strings.HasSuffix(s, "\n\n") {
				b.WriteString("\n")
			}
			b.WriteString(renderFeed(f))
		}
	}

	pos, k, lastFeed := 0, 0, -1
	for i, s := range secs {
		if s.feed {
			lastFeed = i
		}
	}
	if len(secs) > 0 {
		write(0, secs[0].start)
		pos = secs[0].start
	}
	for i, s := range secs {
		if !s.feed {
			write(s.start, s.end)
		} else {
			o := old[k]
			k++
			key := keyOf(o)
			nf, stays := wantByKey[key]
			switch {
			case !stays || kept[key]:
				// removed (or a repeat, which Load would have refused)
			case sameFeed(nf, o):
				kept[key] = true
				write(s.start, s.end)
			default:
				kept[key] = true
				write(s.start, s.header)
				b.WriteString(renderFeed(nf))
				// keep the blank lines and comments that end the table
				tail := s.end
				for tail > s.header+1 && lines[tail-1].kind != lineContent && lines[tail-1].kind != lineHeader {
					tail--
				}
				write(tail, s.end)
			}
		}
		pos = s.end
		if i == lastFeed {
			before := b.Len()
			appendNew()
			if b.Len() > before && i+1 < len(secs) {
				b.WriteString("\n")
			}
		}
	}
	write(pos, len(lines))
	if lastFeed < 0 {
		appendNew()
	}
	return b.String(), true
}

// spliceWatchlist sets the top-level watchlist of a config file to want and
// keeps every other line. An assignment already there is replaced where it
// stands, keeping a comment after it (comments inside a multi-line array go
// with the old value); a file without one gets it after its last top-level
// setting, or at the top. It reports false when the layout is not one it can
// follow; Save reads the result back either way.
func spliceWatchlist(text string, want []string) (string, bool) {
	lines := classifyLines(text)
	top := len(lines)
	for i, l := range lines {
		if l.kind == lineHeader {
			top = i
			break
		}
	}
	assign := "watchlist = " + quoteList(want)
	var b strings.Builder
	write := func(ls []tomlLine) {
		for _, l := range ls {
			b.WriteString(l.text)
		}
	}
	after := -1 // the line after the last top-level setting
	for i := 0; i < top; i++ {
		if lines[i].kind != lineContent {
			continue
		}
		var st lexState
		j, comment := i, -1
		for j < len(lines) {
			comment = st.scan(lines[j].text)
			j++
			if !st.open() {
				break
			}
		}
		if st.open() {
			return "", false // a value that never closes
		}
		if isAssignment(lines[i].text, "watchlist") {
			last := lines[j-1].text
			trail := ""
			if comment >= 0 {
				trail = " " + strings.TrimRight(last[comment:], "\r\n")
			}
			write(lines[:i])
			b.WriteString(leadingSpace(lines[i].text) + assign + trail + lineEnding(last))
			write(lines[j:])
			return b.String(), true
		}
		after = j
		i = j - 1
	}
	if after < 0 {
		// Nothing at the top level: the watchlist goes first, after a
		// comment block that a blank line sets apart from what follows.
		after = 0
		for k := 0; k < top && lines[k].kind != lineContent; k++ {
			if lines[k].kind == lineBlank {
				after = k + 1
			}
		}
		write(lines[:after])
		b.WriteString(assign + "\n")
		if after < len(lines) && lines[after].kind != lineBlank {
			b.WriteString("\n")
		}
		write(lines[after:])
		return b.String(), true
	}
	write(lines[:after])
	if after > 0 && !strings.HasSuffix(lines[after-1].text, "\n") {
		b.WriteString("\n")
	}
	b.WriteString(assign + "\n")
	write(lines[after:])
	return b.String(), true
}

// isAssignment reports whether a TOML line assigns the bare key key.
func isAssignment(line, key string) bool {
	t := strings.TrimLeft(line, " \t")
	if !strings.HasPrefix(t, key) {
		return false
	}
	return strings.HasPrefix(strings.TrimLeft(t[len(key):], " \t"), "=")
}

func leadingSpace(line string) string {
	return line[:len(line)-len(strings.TrimLeft(line, " \t"))]
}

func lineEnding(line string) string {
	switch {
	case strings.HasSuffix(line, "\r\n"):
		return "\r\n"
	case strings.HasSuffix(line, "\n"):
		return "\n"
	}
	return ""
}
