package config

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// FileError is a problem at a place in a file.
type FileError struct {
	Path string // file name as the user gave it; may be empty
	Line int    // 1-based; 0 when unknown
	Msg  string
	Err  error // the underlying error, if any
}

func (e *FileError) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		if e.Path != "" {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "line %d", e.Line)
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

func (e *FileError) Unwrap() error { return e.Err }

// typeErrorRE matches the decoder's type-mismatch errors, which are plain
// errors rather than toml.ParseError, so the line has to be read from the
// text to report it the same way as syntax errors.
var typeErrorRE = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): incompatible types: TOML value has type (\S+); destination has type (.+)$`)

func tomlError(path string, err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		msg := pe.Message
		if pe.LastKey != "" && !strings.Contains(msg, pe.LastKey) {
			msg = pe.LastKey + ": " + msg
		}
		return &FileError{Path: path, Line: pe.Position.Line, Msg: msg, Err: err}
	}
	if m := typeErrorRE.FindStringSubmatch(err.Error()); m != nil {
		line := 0
		fmt.Sscan(m[1], &line)
		msg := fmt.Sprintf("%s should be %s, not %s", m[2], friendlyType(m[4]), friendlyType(m[3]))
		return &FileError{Path: path, Line: line, Msg: msg, Err: err}
	}
	return &FileError{Path: path, Msg: strings.TrimPrefix(err.Error(), "toml: "), Err: err}
}

func friendlyType(t string) string {
	switch {
	case t == "string" || strings.HasPrefix(t, "primitive"):
		return "text in quotes"
	case t == "int64" || t == "integer":
		return "a whole number"
	case t == "float64" || t == "float":
		return "a number"
	case t == "bool" || t == "boolean":
		return "true or false"
	case strings.HasPrefix(t, "map"):
		return "a table"
	case strings.HasPrefix(t, "[]") || t == "slice":
		return "a list"
	}
	return t
}

func unknownKeysError(path string, keys []toml.Key) error {
	known := knownKeys()
	var names []string
	for _, k := range keys {
		name := k.String()
		if slices.Contains(names, name) {
			continue
		}
		names = append(names, name)
	}
	for i, name := range names {
		_, last, nested := strings.Cut(name, ".")
		switch {
		case name == "sync.password" || name == "sync.token":
			names[i] = name + " (a password or token never goes in the config file: name where it is with password_env or password_file)"
		case nested && !strings.Contains(last, ".") && slices.Contains(known, last):
			// TOML puts every key after a [table] header into that table.
			names[i] = fmt.Sprintf("%s (move %s above the first [section] header)", name, last)
		default:
			if s := closest(name, known); s != "" {
				names[i] = fmt.Sprintf("%s (did you mean %s?)", name, s)
			}
		}
	}
	word := "setting"
	if len(names) > 1 {
		word = "settings"
	}
	return &FileError{Path: path, Msg: fmt.Sprintf("unknown %s: %s", word, strings.Join(names, ", "))}
}

// miscasedKeys refuses keys written in another case than brief's. TOML
// keys are case-sensitive, but the decoder matches them to settings
// ignoring case, so "Watchlist" would quietly set the watchlist, next to
// a "watchlist" that also does, and which one wins would be chance.
func miscasedKeys(path string, keys []toml.Key) error {
	known := knownKeys()
	var msgs []string
	for _, k := range keys {
		for i := range k {
			name := strings.Join(k[:i+1], ".")
			if slices.Contains(known, name) {
				continue
			}
			for _, kn := range known {
				if strings.EqualFold(kn, name) {
					msg := fmt.Sprintf("%q must be written %q", k[i], kn[strings.LastIndexByte(kn, '.')+1:])
					if !slices.Contains(msgs, msg) {
						msgs = append(msgs, msg)
					}
				}
			}
			break // below a name brief does not define (an action under [keys]) anything goes
		}
	}
	if len(msgs) == 0 {
		return nil
	}
	return &FileError{Path: path, Msg: "setting names are case-sensitive: " + strings.Join(msgs, ", ")}
}

// knownKeys lists every dotted key a config file may use, read from the
// struct tags so that it cannot drift from the types.
func knownKeys() []string {
	var keys []string
	var walk func(prefix string, t reflect.Type)
	walk = func(prefix string, t reflect.Type) {
		for i := range t.NumField() {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ",")
			if name == "" || name == "-" {
				continue
			}
			full := prefix + name
			keys = append(keys, full)
			ft := t.Field(i).Type
			if ft.Kind() == reflect.Slice {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct && ft != reflect.TypeFor[Duration]() {
				walk(full+".", ft)
			}
		}
	}
	walk("", reflect.TypeFor[Config]())
	return keys
}

// closest returns the known key within two edits of name, if any.
func closest(name string, known []string) string {
	best, bestDist := "", 3
	for _, k := range known {
		if d := editDistance(strings.ToLower(name), k); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// prefixErrors puts the file name in front of each of the joined problems
// so that every line of the message says where it comes from.
func prefixErrors(path string, err error) error {
	var joined interface{ Unwrap() []error }
	if !errors.As(err, &joined) {
		return &FileError{Path: path, Msg: err.Error(), Err: err}
	}
	var out []error
	for _, e := range joined.Unwrap() {
		out = append(out, &FileError{Path: path, Msg: e.Error(), Err: e})
	}
	return errors.Join(out...)
}
