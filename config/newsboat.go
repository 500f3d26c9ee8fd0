package config

import (
	"fmt"
	"io"
	"strings"
)

// ParseNewsboatURLs reads a newsboat "urls" file: one feed per line, the
// URL first, then whitespace-separated tags. A tag with spaces is quoted
// ("Asia markets"); a tag starting with ~ is the feed's title ("~Reuters
// Markets"); a tag starting with ! marks a feed newsboat hides, which brief
// does not, so that tag is dropped. Lines starting with # are comments.
//
// newsboat runs "|command", exec: and filter: sources as programs and
// treats query: lines as searches; none of them is imported, and each is
// listed in Skipped with its line number.
func ParseNewsboatURLs(r io.Reader) (ImportResult, error) {
	data, err := readImport(r)
	if err != nil {
		return ImportResult{}, err
	}
	return parseNewsboat(data), nil
}

func parseNewsboat(data []byte) ImportResult {
	col := newCollector()
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		tokens := tokenizeNewsboat(line)
		if len(tokens) == 0 {
			continue
		}
		f := Feed{URL: tokens[0]}
		if line[0] == '|' {
			// Show the whole command in the skip reason, not just its first word.
			f.URL = line
		}
		for _, t := range tokens[1:] {
			switch {
			case t == "":
			case t[0] == '!':
			case t[0] == '~':
				if f.Title == "" {
					f.Title = t[1:]
				}
			default:
				f.Tags = append(f.Tags, t)
			}
		}
		col.add(fmt.Sprintf("line %d", i+1), f)
	}
	return col.result()
}

// tokenizeNewsboat splits a urls line the way newsboat does: on blanks,
// with double-quoted tokens that may hold blanks and backslash escapes, and
// a # at the start of a token beginning a comment. A # inside a token is
// part of it, as URLs have fragments.
func tokenizeNewsboat(line string) []string {
	var tokens []string
	for i := 0; i < len(line); {
		switch c := line[i]; {
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case c == '#':
			return tokens
		case c == '"':
			var b strings.Builder
			for i++; i < len(line) && line[i] != '"'; i++ {
				if line[i] == '\\' && i+1 < len(line) {
					i++
				}
				b.WriteByte(line[i])
			}
			i++ // closing quote; an unclosed quote runs to the end of the line
			tokens = append(tokens, b.String())
		default:
			start := i
			for i < len(line) && line[i] != ' ' && line[i] != '\t' && line[i] != '\r' {
				i++
			}
			tokens = append(tokens, line[start:i])
		}
	}
	return tokens
}
