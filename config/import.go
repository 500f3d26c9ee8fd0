package config

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"brief/internal/sanitize"
	"brief/internal/xmlprep"
)

// MaxImportSize caps how much of a subscription list is read. Real lists
// are kilobytes; the cap keeps a wrong file (a disk image, /dev/zero) from
// exhausting memory.
const MaxImportSize = 10 << 20

// maxSkipped bounds ImportResult.Skipped, so that importing a large file
// that is not a feed list gives a readable report rather than one line per
// line of the file.
const maxSkipped = 200

// ImportResult is what an import found.
type ImportResult struct {
	// Feeds are the subscriptions found, in file order, each URL once (a
	// feed listed twice, say in two OPML folders, gets the tags of both).
	Feeds []Feed
	// Skipped says, one entry per entry not imported, where it was and why.
	Skipped []string
}

// Import reads a subscription list from another reader: OPML (any XML file
// whose root is <opml>) or a newsboat "urls" file. name is the file's name,
// used in errors and as a hint (a .opml or .xml file is parsed as OPML even
// if it does not look like XML, to say clearly what is wrong with it).
//
// Importing never runs anything: newsboat's command and filter sources
// ("|cmd", exec:, filter:), its query feeds, local paths and every scheme
// other than http, https and file are skipped with a reason, not imported.
// An error means the file as a whole could not be read.
func Import(r io.Reader, name string) (ImportResult, error) {
	data, err := readImport(r)
	if err != nil {
		return ImportResult{}, fmt.Errorf("%s: %w", name, err)
	}
	ext := strings.ToLower(filepath.Ext(name))
	if looksLikeXML(data) || ext == ".opml" || ext == ".xml" {
		res, err := parseOPML(data)
		if err != nil {
			if fe, ok := err.(*FileError); ok {
				named := *fe
				named.Path = name
				return res, &named
			}
			return res, fmt.Errorf("%s: %w", name, err)
		}
		return res, nil
	}
	return parseNewsboat(data), nil
}

// readImport reads at most MaxImportSize bytes and decodes them to UTF-8
// by the charset policy feeds are read by (xmlprep.Decode): a byte order
// mark, UTF-16 or UTF-32 without one (as Windows tools write them), the
// encoding an XML declaration names, else a guess among legacy charsets
// for text that is not UTF-8.
func readImport(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxImportSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read the subscription list: %w", err)
	}
	if len(data) > MaxImportSize {
		return nil, fmt.Errorf("the file is larger than %d MiB, too large for a subscription list", MaxImportSize>>20)
	}
	text, err := xmlprep.Decode(data, "")
	if err != nil {
		return nil, fmt.Errorf("cannot decode the file's text: %w", err)
	}
	return text, nil
}

func looksLikeXML(data []byte) bool {
	t := bytes.TrimLeft(data, " \t\r\n")
	return len(t) > 0 && t[0] == '<'
}

// collector gathers imported feeds: it checks each address, cleans titles
// and tags (they come from files other programs wrote, and end up on the
// terminal), merges repeats and records why entries were skipped.
type collector struct {
	res     ImportResult
	index   map[string]int // source key -> position in res.Feeds
	dropped int            // skip reasons beyond maxSkipped
}

func newCollector() *collector {
	return &collector{index: map[string]int{}}
}

// add takes one entry; where says where it was ("line 12").
func (c *collector) add(where string, f Feed) {
	f.Title = sanitize.Line(f.Title)
	tags := make([]string, 0, len(f.Tags))
	for _, t := range f.Tags {
		if t = sanitize.Line(t); t != "" {
			tags = append(tags, t)
		}
	}
	f.Tags = tags
	nf, key, err := normalizeFeed(f, true)
	if err != nil {
		c.skip("%s: %v", where, err)
		return
	}
	if i, ok := c.index[key]; ok {
		prev := &c.res.Feeds[i]
		if prev.Title == "" {
			prev.Title = nf.Title
		}
		prev.Tags = cleanList(append(prev.Tags, nf.Tags...))
		return
	}
	c.index[key] = len(c.res.Feeds)
	c.res.Feeds = append(c.res.Feeds, nf)
}

func (c *collector) skip(format string, args ...any) {
	if len(c.res.Skipped) >= maxSkipped {
		c.dropped++
		return
	}
	c.res.Skipped = append(c.res.Skipped, fmt.Sprintf(format, args...))
}

func (c *collector) result() ImportResult {
	if c.dropped > 0 {
		c.res.Skipped = append(c.res.Skipped, fmt.Sprintf("and %d more entries skipped", c.dropped))
	}
	return c.res
}
