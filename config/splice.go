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
	secs := sections(lines)
	nFeeds, lastFeed := 0, -1
	for i, s := range secs {
		if s.feed {
			nFeeds++
			lastFeed = i
		}
	}
	if nFeeds != len(old) {
		return "", false
	}
	sp := &feedSplicer{lines: lines, want: want, wantByKey: map[string]Feed{}, kept: map[string]bool{}}
	for _, f := range want {
		sp.wantByKey[feedKey(f)] = f
	}
	pos, k := 0, 0
	if len(secs) > 0 {
		sp.write(0, secs[0].start)
		pos = secs[0].start
	}
	for i, s := range secs {
		if s.feed {
			sp.feedSection(s, old[k])
			k++
		} else {
			sp.write(s.start, s.end)
		}
		pos = s.end
		if i == lastFeed {
			before := sp.b.Len()
			sp.appendNew()
			if sp.b.Len() > before && i+1 < len(secs) {
				sp.b.WriteString("\n")
			}
		}
	}
	sp.write(pos, len(lines))
	if lastFeed < 0 {
		sp.appendNew()
	}
	return sp.b.String(), true
}

// A section is one table of a config file and the comment lines directly
// above its header.
type section struct {
	start, header, end int // [start, header) leading comments; [header, end) the table
	feed               bool
}

// sections finds the tables of a config file. Comment lines directly above
// a header describe that table, so they move and vanish with it; a comment
// run at the very top of the file is the file's own header and stays.
func sections(lines []tomlLine) []section {
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
	return secs
}

// feedKey identifies a feed across the old and the wanted list.
func feedKey(f Feed) string {
	_, key, err := normalizeFeed(f, false)
	if err != nil {
		return "\x00" + f.URL
	}
	return key
}

// feedSplicer writes a config file out again with its [[feed]] tables
// changed: spliceFeeds' state.
type feedSplicer struct {
	lines     []tomlLine
	want      []Feed
	wantByKey map[string]Feed
	kept      map[string]bool // feeds of want already written
	b         strings.Builder
}

// write copies lines[from:to] as they are.
func (sp *feedSplicer) write(from, to int) {
	for _, l := range sp.lines[from:to] {
		sp.b.WriteString(l.text)
	}
}

// feedSection writes the section s, which holds the table of feed o: as it
// is when o is wanted unchanged, rewritten when o changed, not at all when
// o is removed.
func (sp *feedSplicer) feedSection(s section, o Feed) {
	key := feedKey(o)
	nf, stays := sp.wantByKey[key]
	switch {
	case !stays || sp.kept[key]:
		// removed (or a repeat, which Load would have refused)
	case sameFeed(nf, o):
		sp.kept[key] = true
		sp.write(s.start, s.end)
	default:
		sp.kept[key] = true
		sp.write(s.start, s.header)
		sp.b.WriteString(renderFeed(nf))
		// keep the blank lines and comments that end the table
		tail := s.end
		for tail > s.header+1 && sp.lines[tail-1].kind != lineContent && sp.lines[tail-1].kind != lineHeader {
			tail--
		}
		sp.write(tail, s.end)
	}
}

// appendNew writes the wanted feeds the file did not hold, each after a
// blank line.
func (sp *feedSplicer) appendNew() {
	for _, f := range sp.want {
		if sp.kept[feedKey(f)] {
			continue
		}
		s := sp.b.String()
		if s != "" && !strings.HasSuffix(s, "\n") {
			sp.b.WriteString("\n")
		}
		if s != "" && !strings.HasSuffix(s, "\n\n") {
			sp.b.WriteString("\n")
		}
		sp.b.WriteString(renderFeed(f))
	}
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
