package xmlprep

import (
	"bytes"
	"errors"
	"unicode"
)

// The scanner makes one pass over valid UTF-8, keeping only an element
// counter and a few flags, so its cost is linear in the input and constant in
// memory however the document is nested. It copies nothing until the first
// edit; a clean document comes back as the same slice.
//
// Its notion of markup follows encoding/xml's tokenizer rather than the XML
// grammar, because what matters is what that tokenizer will do: it must
// never see an element this scanner did not count, and it must not meet a
// character it rejects. Where the two could disagree on malformed input, the
// scanner errs towards counting more elements.
//
// Removing text can splice its neighbours into new markup: "<\x01a>" becomes
// "<a>", "-\x01->" closes a comment early, "&#&#0;27;" becomes "&#27;".
// Forbidden raw characters are therefore stripped in a separate pass before
// the structural one, which then sees exactly what the tokenizer will see;
// they are rare, so the first pass only runs when the second finds one. The
// structural pass's own removals are safe by construction: where one would
// follow an unfinished "&#..." or a lone "<", it leaves a space instead, which
// continues neither.

// Per-state tables of bytes that need a closer look; everything else is
// skipped one comparison at a time.
var (
	textSpecial = byteSet("<&\xef")
	tagSpecial  = byteSet("<>&\"'\xef")
	rawSpecial  = byteSet("\xef")
	// nameByte is what encoding/xml accepts as the first byte of a name:
	// its isNameByte, plus every non-ASCII byte.
	nameByte = func() (t [256]bool) {
		for c := 0; c < 256; c++ {
			t[c] = 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' ||
				'0' <= c && c <= '9' || c == '_' || c == ':' || c == '.' ||
				c == '-' || c >= 0x80
		}
		return t
	}()
)

// byteSet marks the given bytes and every C0 control that XML forbids.
func byteSet(s string) (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = c != '\t' && c != '\n' && c != '\r'
	}
	for i := 0; i < len(s); i++ {
		t[s[i]] = true
	}
	return t
}

type scanner struct {
	src    []byte
	out    []byte // the edited copy, valid once edited is set
	last   int    // src[last:] is not yet in out
	edited bool
	// dangling is the index just after an unfinished reference or a lone
	// '<', where a removal would splice new markup together.
	dangling int
}

// errRaw stops the structural pass when it meets a forbidden raw character.
var errRaw = errors.New("forbidden raw character")

// replace drops src[i:j] from the output, putting with in its place. Calls
// must come in increasing order of i.
func (s *scanner) replace(i, j int, with string) {
	if !s.edited {
		s.out = make([]byte, 0, len(s.src))
		s.edited = true
	}
	s.out = append(s.out, s.src[s.last:i]...)
	s.out = append(s.out, with...)
	s.last = j
}

// remove drops src[i:j] from the output.
func (s *scanner) remove(i, j int) {
	if i == s.dangling {
		s.replace(i, j, " ")
		return
	}
	s.replace(i, j, "")
}

func (s *scanner) result() []byte {
	if !s.edited {
		return s.src
	}
	return append(s.out, s.src[s.last:]...)
}

// scan cleans src (see the package comment) and checks its element depth.
func scan(src []byte) ([]byte, error) {
	out, err := structure(src)
	if err == errRaw {
		out, err = structure(removeRaw(src))
	}
	return out, err
}

// structure is the structural pass: depth, references, declarations.
func structure(src []byte) ([]byte, error) {
	s := scanner{src: src, dangling: -1}
	depth := 0
	i := 0
	for i < len(src) {
		c := src[i]
		if !textSpecial[c] {
			i++
			continue
		}
		switch c {
		case '&':
			i = s.ref(i)
		case '<':
			next, open, close, err := s.markup(i)
			if err != nil {
				return nil, err
			}
			switch {
			case open:
				if depth++; depth > MaxDepth {
					return nil, tooDeep(src, i)
				}
			case close:
				// A stray end tag makes encoding/xml fail; for counting,
				// it only must not take the depth below zero.
				if depth > 0 {
					depth--
				}
			}
			i = next
		default:
			if forbiddenRaw(src, i) > 0 {
				return nil, errRaw
			}
			i++
		}
	}
	return s.result(), nil
}

// markup handles the markup starting at src[i] == '<' and returns where
// scanning continues and whether it opened or closed an element. A
// self-closing tag does neither.
func (s *scanner) markup(i int) (next int, open, close bool, err error) {
	src := s.src
	if i+1 < len(src) {
		switch c := src[i+1]; {
		case nameByte[c]:
			next, selfClosing, err := s.tag(i + 1)
			return next, !selfClosing, false, err
		case c == '/':
			next, _, err = s.tag(i + 2)
			return next, false, true, err
		case c == '?':
			next, err = s.procInst(i)
			return next, false, false, err
		case c == '!':
			rest := src[i+2:]
			switch {
			case bytes.HasPrefix(rest, []byte("--")):
				next = past(src, i+4, "-->")
				return next, false, false, checkRaw(src[i:next])
			case bytes.HasPrefix(rest, []byte("[CDATA[")):
				next = past(src, i+9, "]]>")
				return next, false, false, checkRaw(src[i:next])
			}
			next, err = s.directive(i)
			return next, false, false, err
		}
	}
	// A '<' that starts no markup is a syntax error for encoding/xml; here
	// it is just a byte, but nothing may be spliced onto it.
	s.dangling = i + 1
	return i + 1, false, false, nil
}

// past returns the index just after the first sep at or after from, or
// len(src) when the construct is never closed.
func past(src []byte, from int, sep string) int {
	if from > len(src) {
		return len(src)
	}
	k := bytes.Index(src[from:], []byte(sep))
	if k < 0 {
		return len(src)
	}
	return from + k + len(sep)
}

// tag scans the inside of a start or end tag from i and returns the index
// after its '>' and whether it ended in "/>".
func (s *scanner) tag(i int) (int, bool, error) {
	src := s.src
	var quote byte
	for i < len(src) {
		c := src[i]
		if !tagSpecial[c] {
			i++
			continue
		}
		switch c {
		case '"', '\'':
			if quote == 0 {
				quote = c
			} else if quote == c {
				quote = 0
			}
			i++
		case '>':
			if quote == 0 {
				return i + 1, src[i-1] == '/', nil
			}
			i++
		case '<':
			// encoding/xml rejects '<' anywhere inside a tag, quoted or
			// not. Reading it as the start of new markup means no element
			// can hide inside a runaway attribute value.
			return i, false, nil
		case '&':
			if quote != 0 {
				i = s.ref(i)
			} else {
				i++
			}
		default:
			if forbiddenRaw(src, i) > 0 {
				return 0, false, errRaw
			}
			i++
		}
	}
	return i, false, nil
}

// procInst handles "<?...?>" at src[i]. In an <?xml ...?> declaration, and
// encoding/xml honours one anywhere in a document, it neutralises the two
// pseudo-attributes the decoder acts on: a version other than 1.0 makes it
// fail, and an encoding other than UTF-8 makes it decode the already
// decoded text again.
func (s *scanner) procInst(i int) (int, error) {
	src := s.src
	end := past(src, i+2, "?>")
	if err := checkRaw(src[i:end]); err != nil {
		return 0, err
	}
	body := i + 2 + len("xml")
	if !bytes.HasPrefix(src[i+2:], []byte("xml")) || (body < len(src) && nameByte[src[body]]) {
		return end, nil
	}
	contentEnd := end
	if bytes.HasSuffix(src[:end], []byte("?>")) && end-len("?>") >= body {
		contentEnd = end - len("?>")
	}
	content := src[body:contentEnd]
	type edit struct {
		from, to int
		with     string
	}
	var edits [2]edit
	n := 0
	if a, b, ok := procInstValue(content, "version"); ok && string(content[a:b]) != "1.0" {
		edits[n] = edit{body + a, body + b, "1.0"}
		n++
	}
	if a, b, ok := procInstValue(content, "encoding"); ok && !bytes.EqualFold(content[a:b], []byte("utf-8")) {
		edits[n] = edit{body + a, body + b, "UTF-8"}
		n++
	}
	if n == 2 && edits[1].from < edits[0].from {
		edits[0], edits[1] = edits[1], edits[0]
	}
	if n == 2 && edits[1].from < edits[0].to {
		// One value contains the other's name, as in
		// version="encoding='x'". No rewrite of such a declaration is
		// sure to read right, and without it the document is plain UTF-8.
		s.remove(i, end)
		return end, nil
	}
	for _, e := range edits[:n] {
		s.replace(e.from, e.to, e.with)
	}
	return end, nil
}

// procInstValue locates param's value in a declaration exactly as
// encoding/xml's procInst does, quirks included, so that the value
// rewritten is the one the decoder would act on.
func procInstValue(content []byte, param string) (from, to int, ok bool) {
	p := []byte(param + "=")
	i := 0
	var sep byte
	for i < len(content) {
		sub := content[i:]
		k := bytes.Index(sub, p)
		if k < 0 || len(p)+k >= len(sub) {
			return 0, 0, false
		}
		i += len(p) + k + 1
		if c := sub[len(p)+k]; c == '\'' || c == '"' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return 0, 0, false
	}
	j := bytes.IndexByte(content[i:], sep)
	if j < 0 {
		return 0, 0, false
	}
	return i, i + j, true
}

// directive handles "<!...>" at src[i] that is neither a comment nor CDATA,
// finding its end the way encoding/xml does: quotes hide brackets, nested
// '<' and '>' pair up, and comments inside are skipped. A DOCTYPE with an
// internal subset is removed; see the package comment.
func (s *scanner) directive(i int) (int, error) {
	src := s.src
	var quote byte
	depth := 0
	subset := false
	end := len(src)
scan:
	for j := i + 2; j < len(src); j++ {
		c := src[j]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[':
			subset = true
		case c == '>':
			if depth == 0 {
				end = j + 1
				break scan
			}
			depth--
		case c == '<':
			if bytes.HasPrefix(src[j+1:], []byte("!--")) {
				j = past(src, j+4, "-->") - 1
				continue
			}
			depth++
		}
	}
	if err := checkRaw(src[i:end]); err != nil {
		return 0, err
	}
	if subset && bytes.HasPrefix(src[i+2:], []byte("DOCTYPE")) {
		s.remove(i, end)
	}
	return end, nil
}

// ref handles '&' at src[i]. A character reference to a code point XML
// does not allow is removed; anything else is left alone. The syntax
// accepted mirrors encoding/xml: "&#" decimal or "&#x" hex digits, then ';'.
func (s *scanner) ref(i int) int {
	src := s.src
	if i+1 >= len(src) || src[i+1] != '#' {
		// A bare '&' (or an entity name, which only ever expands to text).
		s.dangling = i + 1
		return i + 1
	}
	j := i + 2
	base := uint32(10)
	if j < len(src) && src[j] == 'x' {
		base = 16
		j++
	}
	start := j
	var v uint32
	for ; j < len(src); j++ {
		d := digit(src[j])
		if d >= base {
			break
		}
		if v <= unicode.MaxRune { // saturate instead of overflowing
			v = v*base + d
		}
	}
	if j >= len(src) || src[j] != ';' {
		// Not a reference; encoding/xml keeps it as text.
		s.dangling = j
		return j
	}
	if j > start && xmlChar(v) {
		return j + 1
	}
	s.remove(i, j+1)
	return j + 1
}

func digit(c byte) uint32 {
	switch {
	case '0' <= c && c <= '9':
		return uint32(c - '0')
	case 'a' <= c && c <= 'f':
		return uint32(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return uint32(c-'A') + 10
	}
	return 255
}

// xmlChar reports whether XML 1.0 allows the code point (production [2]
// Char).
func xmlChar(v uint32) bool {
	switch {
	case v == 0x9, v == 0xA, v == 0xD:
		return true
	case v < 0x20:
		return false
	case v <= 0xD7FF:
		return true
	case v < 0xE000:
		return false
	case v <= 0xFFFD:
		return true
	case v < 0x10000:
		return false
	}
	return v <= unicode.MaxRune
}

// forbiddenRaw returns the length of the forbidden raw character at src[i]:
// a C0 control other than tab, LF and CR, U+FFFE or U+FFFF. It returns 0 for
// anything else. Raw surrogates cannot occur, since the input is valid UTF-8.
func forbiddenRaw(src []byte, i int) int {
	c := src[i]
	if c < 0x20 {
		if c == '\t' || c == '\n' || c == '\r' {
			return 0
		}
		return 1
	}
	if c == 0xEF && i+2 < len(src) && src[i+1] == 0xBF && (src[i+2] == 0xBE || src[i+2] == 0xBF) {
		return 3
	}
	return 0
}

// checkRaw returns errRaw if b holds a forbidden raw character.
func checkRaw(b []byte) error {
	for i := 0; i < len(b); i++ {
		if rawSpecial[b[i]] && forbiddenRaw(b, i) > 0 {
			return errRaw
		}
	}
	return nil
}

// removeRaw returns a copy of b without its forbidden raw characters.
func removeRaw(b []byte) []byte {
	out := make([]byte, 0, len(b))
	last := 0
	for i := 0; i < len(b); {
		if !rawSpecial[b[i]] {
			i++
			continue
		}
		n := forbiddenRaw(b, i)
		if n == 0 {
			i++
			continue
		}
		out = append(out, b[last:i]...)
		i += n
		last = i
	}
	return append(out, b[last:]...)
}
