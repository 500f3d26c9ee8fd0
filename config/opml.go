package config

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"brief/internal/sanitize"
)

// maxOutlineDepth bounds folder nesting. Real lists nest two or three
// levels; a file nested thousands deep is an attack or an accident, and
// would turn into thousands of tags per feed.
const maxOutlineDepth = 64

// ParseOPML reads an OPML 1.0 or 2.0 subscription list. Every <outline>
// with an xmlUrl attribute (matched in any letter case, as exporters
// disagree) is a feed; its title comes from the title attribute, else text.
// Outlines without xmlUrl are folders, and the names of the folders around a
// feed become its tags, together with the entries of its category attribute
// ("/Markets/Asia,Tech" gives Markets, Asia and Tech).
//
// The file's charset is chosen as a feed's is (see readImport): the one the
// XML declaration names (ISO-8859-1, windows-1252, Shift_JIS...), UTF-16 or
// UTF-32 with or without a byte order mark, and for undeclared text that is
// not UTF-8 a guess among legacy charsets.
//
// The XML is parsed strictly: malformed files are an error that gives the
// line. Entities declared in a DOCTYPE are refused rather than expanded;
// the predefined XML entities and the HTML ones (&amp;, &nbsp;, &eacute;)
// that sloppy exporters write are understood.
func ParseOPML(r io.Reader) (ImportResult, error) {
	data, err := readImport(r)
	if err != nil {
		return ImportResult{}, err
	}
	return parseOPML(data)
}

func parseOPML(data []byte) (ImportResult, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charsetReader

	col := newCollector()
	var (
		folders []string // tag each open <outline> adds; "" adds none
		depth   int      // element depth
		sawRoot bool
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return ImportResult{}, opmlSyntaxError(d, err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			if bytes.Contains(bytes.ToUpper(t), []byte("<!ENTITY")) {
				line, _ := d.InputPos()
				return ImportResult{}, &FileError{Line: line, Msg: "the file declares XML entities (<!ENTITY>), which brief does not expand; remove the DOCTYPE"}
			}
		case xml.StartElement:
			depth++
			if depth == 1 {
				if !strings.EqualFold(t.Name.Local, "opml") {
					return ImportResult{}, fmt.Errorf("not an OPML file: the document is <%s>, not <opml>%s", sanitize.Line(t.Name.Local), notOPMLHint(t.Name.Local))
				}
				sawRoot = true
				continue
			}
			if !strings.EqualFold(t.Name.Local, "outline") {
				continue
			}
			if len(folders) >= maxOutlineDepth {
				line, _ := d.InputPos()
				return ImportResult{}, &FileError{Line: line, Msg: fmt.Sprintf("outlines are nested more than %d levels deep", maxOutlineDepth)}
			}
			folders = append(folders, outline(d, t, folders, col))
		case xml.EndElement:
			depth--
			if strings.EqualFold(t.Name.Local, "outline") && len(folders) > 0 {
				folders = folders[:len(folders)-1]
			}
		}
	}
	if !sawRoot {
		return ImportResult{}, errors.New("not an OPML file: there is no <opml> element")
	}
	return col.result(), nil
}

// outline handles one <outline> start tag and returns the tag it gives the
// outlines inside it.
func outline(d *xml.Decoder, t xml.StartElement, folders []string, col *collector) string {
	var xmlURL, title, text, category, typ, exact string
	hasURL, hasExact := false, false
	for _, a := range t.Attr {
		switch strings.ToLower(a.Name.Local) {
		case "xmlurl":
			xmlURL, hasURL = a.Value, true
		case "title":
			title = a.Value
		case "text":
			text = a.Value
		case "category":
			category = a.Value
		case "type":
			typ = strings.ToLower(strings.TrimSpace(a.Value))
		case "tags":
			if a.Name.Space == briefNS {
				exact, hasExact = a.Value, true
			}
		}
	}
	name := title
	if strings.TrimSpace(name) == "" {
		name = text
	}
	if !hasURL {
		if typ == "rss" || typ == "atom" {
			line, _ := d.InputPos()
			col.skip("line %d: %s is marked as a feed but has no xmlUrl", line, quoteShort(sanitize.Line(name)))
		}
		// A folder: its name tags every feed inside it.
		return sanitize.Line(name)
	}

	// Exporters that have no title write the URL as the text.
	if strings.TrimSpace(name) == strings.TrimSpace(xmlURL) {
		name = ""
	}
	var tags []string
	for _, f := range folders {
		if f != "" {
			tags = append(tags, f)
		}
	}
	var own []string
	if hasExact && json.Unmarshal([]byte(exact), &own) == nil {
		// brief's own export: the tags as they were.
		tags = append(tags, own...)
	} else {
		tags = append(tags, categoryTags(category)...)
	}
	line, _ := d.InputPos()
	col.add(fmt.Sprintf("line %d", line), Feed{URL: xmlURL, Title: name, Tags: tags})
	// Outlines inside a feed are not in a folder named after the feed.
	return ""
}

// categoryTags splits an OPML category attribute: comma-separated entries,
// each either a plain tag or a slash-delimited path whose parts are tags.
func categoryTags(category string) []string {
	var tags []string
	for _, entry := range strings.Split(category, ",") {
		entry = strings.TrimSpace(entry)
		if !strings.HasPrefix(entry, "/") {
			tags = append(tags, entry)
			continue
		}
		tags = append(tags, strings.Split(entry, "/")...)
	}
	return tags
}

func notOPMLHint(root string) string {
	switch strings.ToLower(root) {
	case "rss", "feed", "rdf":
		return " (it looks like a feed itself; subscribe to its URL instead)"
	}
	return ""
}

func opmlSyntaxError(d *xml.Decoder, err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return &FileError{Line: se.Line, Msg: "not a well-formed OPML file: " + sanitize.Line(se.Msg), Err: err}
	}
	line, _ := d.InputPos()
	return &FileError{Line: line, Msg: "not a readable OPML file: " + sanitize.Line(err.Error()), Err: err}
}

// charsetReader lets encoding/xml read a document whose declaration names
// a charset other than UTF-8. readImport has already decoded the text to
// UTF-8 (xmlprep.Decode, which follows that declaration where the bytes
// agree with it), so the text goes on as it is.
func charsetReader(_ string, input io.Reader) (io.Reader, error) {
	return input, nil
}

// briefNS is the namespace of the attribute that carries a feed's tags
// exactly, for brief's own import: the category attribute other readers
// read splits tags at commas and slashes.
const briefNS = "urn:brief:opml"

// WriteOPML writes feeds as an OPML 2.0 document that other readers (and
// ParseOPML) can import: one outline of type "rss" per feed, its tags in the
// category attribute. A comma would split a tag in two on the way back, so
// commas in tags are written there as semicolons; the tags as they are go
// in a brief:tags attribute (a JSON list), which ParseOPML prefers, so that
// importing an export gives back the same feeds. Absolute local paths are
// written as file:// URLs, which other readers understand; relative paths
// are kept. No control, bidi or invisible character is written raw: each
// becomes a character reference, which reads back as itself.
func WriteOPML(w io.Writer, feeds []Feed, title string) error {
	if strings.TrimSpace(title) == "" {
		title = "brief subscriptions"
	}
	doc := opmlDoc{Version: "2.0", NS: briefNS}
	doc.Head.Title = title
	for _, f := range feeds {
		u := strings.TrimSpace(f.URL)
		if _, kind, err := checkSource(u); err == nil && kind == kindPath && filepath.IsAbs(u) {
			u = (&url.URL{Scheme: "file", Path: filepath.ToSlash(u)}).String()
		}
		text := f.Title
		if text == "" {
			text = u
		}
		tags := make([]string, 0, len(f.Tags))
		for _, t := range f.Tags {
			if t = strings.TrimSpace(strings.ReplaceAll(t, ",", ";")); t != "" {
				tags = append(tags, t)
			}
		}
		o := opmlOutline{
			Type:     "rss",
			Text:     text,
			Title:    f.Title,
			XMLURL:   u,
			Category: strings.Join(tags, ","),
		}
		if len(f.Tags) > 0 {
			exact, err := json.Marshal(f.Tags)
			if err != nil {
				return fmt.Errorf("cannot write OPML: %w", err)
			}
			o.Tags = string(exact)
		}
		doc.Body.Outlines = append(doc.Body.Outlines, o)
	}
	out, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		return fmt.Errorf("cannot write OPML: %w", err)
	}
	out = referenceInvisible(out)
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("cannot write OPML: %w", err)
	}
	if _, err := w.Write(append(out, '\n')); err != nil {
		return fmt.Errorf("cannot write OPML: %w", err)
	}
	return nil
}

type opmlDoc struct {
	XMLName xml.Name `xml:"opml"`
	Version string   `xml:"version,attr"`
	NS      string   `xml:"xmlns:brief,attr"`
	Head    struct {
		Title string `xml:"title"`
	} `xml:"head"`
	Body struct {
		Outlines []opmlOutline `xml:"outline"`
	} `xml:"body"`
}

type opmlOutline struct {
	Type     string `xml:"type,attr"`
	Text     string `xml:"text,attr"`
	Title    string `xml:"title,attr,omitempty"`
	XMLURL   string `xml:"xmlUrl,attr"`
	Category string `xml:"category,attr,omitempty"`
	Tags     string `xml:"brief:tags,attr,omitempty"`
}

// referenceInvisible writes the C1 controls and the format characters
// (bidi marks and overrides, zero-width characters) of an XML document as
// character references. encoding/xml writes them raw, and an export goes
// to a terminal as often as to a file.
func referenceInvisible(doc []byte) []byte {
	if !bytes.ContainsFunc(doc, invisible) {
		return doc
	}
	var b bytes.Buffer
	for len(doc) > 0 {
		r, n := utf8.DecodeRune(doc)
		if invisible(r) {
			fmt.Fprintf(&b, "&#x%X;", r)
		} else {
			b.Write(doc[:n])
		}
		doc = doc[n:]
	}
	return b.Bytes()
}

func invisible(r rune) bool {
	return r >= 0x80 && r <= 0x9f || unicode.Is(unicode.Cf, r)
}
