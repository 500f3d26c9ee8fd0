package xmlprep

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
)

// corpusDir is the feedparser test corpus, shared read-only with CI.
const corpusDir = "../../../shared/corpus/feedparser"

// corpusExceptions lists checks from the corpus that Prepare deliberately
// does not meet; feedparser's expectations encode its own policies.
var corpusExceptions = map[string]string{
	"encoding/http_application_atom_xml_gb2312_charset_overrides_encoding.xml/encoding": "the XML declaration outranks the HTTP charset",
	"encoding/http_text_atom_xml_default.xml/encoding":                                  "RFC 3023's us-ascii default for text/* is obsolete (RFC 7303); no label means UTF-8",
	"encoding/demoronize-1.xml/value":                                                   "C1 controls are legal XML and are not reinterpreted as windows-1252",
	"encoding/demoronize-3.xml/value":                                                   "&amp;#146; is an escaped ampersand, not a reference, and stays text",
	"encoding/double-encoded-html.xml/value":                                            "double-encoded UTF-8 is left as the publisher wrote it",
	"illformed/chardet/koi8r.xml/encoding":                                              "only CJK charsets are guessed; other undeclared text reads as windows-1252",
	"illformed/chardet/tis620.xml/encoding":                                             "only CJK charsets are guessed; other undeclared text reads as windows-1252",
	"illformed/chardet/windows1255.xml/encoding":                                        "only CJK charsets are guessed; other undeclared text reads as windows-1252",
}

type corpusMeta struct{ description, expect, contentType string }

func readCorpusMeta(doc []byte) corpusMeta {
	var m corpusMeta
	for _, line := range strings.Split(string(doc), "\n") {
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		value = strings.TrimSpace(value)
		switch strings.TrimSpace(key) {
		case "Description":
			m.description = value
		case "Expect":
			m.expect = value
		case "Header":
			if k, v, ok := strings.Cut(value, ":"); ok && strings.EqualFold(strings.TrimSpace(k), "content-type") {
				m.contentType = strings.TrimSpace(v)
			}
		}
	}
	return m
}

// pythonString decodes a single-quoted Python literal from an Expect line.
func pythonString(s string) (string, bool) {
	if len(s) < 2 || s[0] != '\'' || s[len(s)-1] != '\'' {
		return "", false
	}
	s = s[1 : len(s)-1]
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		width := map[byte]int{'x': 2, 'u': 4}[s[i]]
		if width == 0 {
			b.WriteByte(s[i])
			continue
		}
		r, err := strconv.ParseUint(s[i+1:i+1+width], 16, 32)
		if err != nil {
			return "", false
		}
		b.WriteRune(rune(r))
		i += width
	}
	return b.String(), true
}

// charsetName brings a corpus charset name to the names decode reports.
func charsetName(label string) string {
	label = strings.ToLower(label)
	if strings.HasPrefix(label, "utf-16") || strings.HasPrefix(label, "utf-32") {
		return label
	}
	if name, _, ok := lookup(label); ok {
		return name
	}
	return label
}

func TestFeedparserCorpus(t *testing.T) {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("feedparser corpus not found at %s: %v", corpusDir, err)
	}
	var files []string
	for _, pattern := range []string{"encoding/*.xml", "illformed/chardet/*.xml"} {
		m, err := filepath.Glob(filepath.Join(corpusDir, pattern))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 40 {
		t.Fatalf("only %d corpus files found", len(files))
	}
	for _, path := range files {
		rel, _ := filepath.Rel(corpusDir, path)
		rel = filepath.ToSlash(rel)
		t.Run(rel, func(t *testing.T) {
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			// The metadata comment is ASCII; a first decode without the
			// header is enough to read it, even from UTF-32.
			probe, err := decode(raw, "")
			if err != nil {
				t.Fatal(err)
			}
			meta := readCorpusMeta(probe.text)
			if meta.expect == "" {
				t.Fatal("no Expect line")
			}
			except := func(check string) bool {
				if why, ok := corpusExceptions[rel+"/"+check]; ok {
					t.Logf("%s check skipped: %s", check, why)
					return true
				}
				return false
			}

			out, err := Prepare(raw, meta.contentType)
			if err != nil {
				t.Fatalf("Prepare: %v", err)
			}
			if !utf8.Valid(out) {
				t.Fatal("output is not UTF-8")
			}
			d, _ := decode(raw, meta.contentType)
			feed, perr := gofeed.NewParser().Parse(bytes.NewReader(out))
			notBozo := strings.HasPrefix(meta.expect, "not bozo")
			if perr != nil {
				if notBozo || strings.HasPrefix(rel, "illformed/chardet/") {
					t.Fatalf("%s: gofeed: %v", meta.description, perr)
				}
				t.Logf("%s: gofeed rejects this malformed feed: %v", meta.description, perr)
			}

			for _, clause := range strings.Split(meta.expect, " and ") {
				field, literal, ok := strings.Cut(clause, " == ")
				if !ok {
					continue
				}
				field = strings.TrimSpace(field)
				want, ok := pythonString(strings.TrimSpace(literal))
				if !ok {
					continue
				}
				switch field {
				case "encoding":
					if !except("encoding") && d.charset != charsetName(want) {
						t.Errorf("%s: read as %s (from %s), want %s", meta.description, d.charset, d.source, charsetName(want))
					}
				case "feed['title']", "entries[0]['description']", "entries[0].summary":
					if !notBozo || except("value") || feed == nil {
						continue
					}
					got := feed.Title
					if field != "feed['title']" {
						got = firstDesc(feed)
					}
					if got != want {
						t.Errorf("%s: %s = %q, want %q", meta.description, field, got, want)
					}
				}
			}
			if strings.Contains(meta.expect, "ord(") && notBozo && !except("value") {
				t.Errorf("unhandled expectation %q", meta.expect)
			}

			// For undeclared legacy text, the whole feed must read as it
			// does when decoded with the charset it was written in.
			if _, skip := corpusExceptions[rel+"/encoding"]; strings.HasPrefix(rel, "illformed/chardet/") && !skip {
				_, label, _ := strings.Cut(meta.expect, "encoding == ")
				label, _ = pythonString(label)
				enc, err := htmlindex.Get(label)
				if err != nil {
					t.Fatal(err)
				}
				ref := parse(t, decodeWith(t, enc, raw))
				if feed.Title != ref.Title || firstDesc(feed) != firstDesc(ref) || itemTitle(feed) != itemTitle(ref) {
					t.Errorf("text differs from a %s decoding:\n got %q %q\nwant %q %q", label,
						itemTitle(feed), firstDesc(feed), itemTitle(ref), firstDesc(ref))
				}
			}
		})
	}
}

func itemTitle(f *gofeed.Feed) string {
	if f == nil || len(f.Items) == 0 {
		return ""
	}
	return f.Items[0].Title
}

// decodeWith decodes raw with enc, the reference reading of a corpus file.
func decodeWith(t *testing.T, enc encoding.Encoding, raw []byte) []byte {
	t.Helper()
	b, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
