package feed

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/mmcdole/gofeed"

	"brief/internal/sanitize"
	"brief/internal/xmlprep"
)

// Parsed is one feed document, parsed and normalised.
type Parsed struct {
	Title    string
	SiteLink string
	Items    []Item
}

var (
	// ErrNotFeed means the document is readable but is not RSS, Atom or
	// JSON Feed: typically a web page served where a feed used to be.
	ErrNotFeed = errors.New("not a feed")
	// ErrEmptyBody means the server sent nothing to parse.
	ErrEmptyBody = errors.New("empty response")
)

// crashError is a panic caught inside Parse. It is a type of its own so that
// tests can tell a crash from a rejected document, and it keeps the stack for
// them without putting it in the message a user sees.
type crashError struct {
	value string
	stack []byte
}

func (e *crashError) Error() string {
	return "parse feed: the feed parser crashed on this document: " + e.value
}

// Parse prepares body for the parser (charset, forbidden character
// references, nesting depth), parses it as RSS, Atom or JSON Feed and
// normalises its items. now stands in for missing dates.
//
// Items come in feed order; a later item with the GUID key of an earlier one
// is dropped. An item dated more than 48 hours after now shows now instead
// (its Updated is then left zero), so a typo'd year cannot pin it to the top
// of the list; the key still uses the feed's own date.
//
// The errors a user may see: ErrEmptyBody, ErrNotFeed (a web page, or XML
// that is no feed), and "parse feed: ..." for a feed that cannot be read,
// including one nested deeper than xmlprep allows (xmlprep.ErrTooDeep).
//
// A panic anywhere in parsing or normalising becomes an error on this one
// feed: a hostile document must not take the whole program down. (A stack
// overflow cannot be recovered, which is why xmlprep limits nesting first.)
func Parse(body []byte, contentType string, now time.Time) (p Parsed, err error) {
	return parse(body, contentType, now, true)
}

// parse is Parse, with lifting (see parseFeed) on or off.
func parse(body []byte, contentType string, now time.Time, lift bool) (p Parsed, err error) {
	defer func() {
		if r := recover(); r != nil {
			p = Parsed{}
			err = &crashError{value: sanitize.Line(fmt.Sprint(r)), stack: debug.Stack()}
		}
	}()

	if isBlank(body) {
		return Parsed{}, ErrEmptyBody
	}
	if looksLikeHTML(body) {
		return Parsed{}, errHTMLPage()
	}
	gf, err := prepareAndParse(body, contentType, lift)
	if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
		// Junk before the XML declaration (a PHP warning, a proxy's
		// banner, a cache file's header line) hides the feed from gofeed's
		// type detection. The declaration may only open a document, so
		// whatever precedes it can go.
		if start := xmlDeclAfterJunk(body); start > 0 {
			gf, err = prepareAndParse(body[start:], contentType, lift)
		}
	}
	if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
		return Parsed{}, fmt.Errorf("%w: found no RSS, Atom or JSON Feed in it", ErrNotFeed)
	}
	if err != nil {
		return Parsed{}, err
	}
	return normalizeFeed(gf, now), nil
}

func prepareAndParse(body []byte, contentType string, lift bool) (*gofeed.Feed, error) {
	prepared, err := xmlprep.Prepare(body, contentType)
	if err != nil {
		return nil, fmt.Errorf("parse feed: %w", err)
	}
	if isBlank(prepared) {
		return nil, ErrEmptyBody
	}
	// Checked again after charset decoding: a UTF-16 web page only shows
	// its <html> once it is UTF-8.
	if looksLikeHTML(prepared) {
		return nil, errHTMLPage()
	}
	if n := itemsUpperBound(prepared); n > MaxItems {
		return nil, fmt.Errorf("parse feed: it lists about %s items; brief reads feeds of at most %s",
			thousands(n), thousands(MaxItems))
	}
	gf, err := parseFeed(newGofeedParser(), prepared, lift)
	switch {
	case errors.Is(err, gofeed.ErrFeedTypeNotDetected):
		return nil, err // Parse may retry, then words it for the user
	case err != nil:
		return nil, fmt.Errorf("parse feed: %w", err)
	case gf == nil:
		return nil, fmt.Errorf("%w: the document holds no feed", ErrNotFeed)
	}
	return gf, nil
}

// newGofeedParser returns the parser Parse uses.
func newGofeedParser() *gofeed.Parser {
	fp := gofeed.NewParser()
	// The source documents give Atom category terms and RSS category
	// domains, which the universal feed drops (see detailsOf).
	fp.KeepOriginalFeed = true
	// Item has no image, and gofeed's image fallback runs a full HTML parse
	// of every RSS item's body: about a third of the parse time.
	fp.RSSTranslator = &gofeed.DefaultRSSTranslator{DisableContentImageScan: true}
	return fp
}

// MaxItems is the most items a feed may list. gofeed holds every item
// twice (its own record and the universal one) at close to a kilobyte each
// even when empty, so ten megabytes of "<item/>" would take more than a
// gigabyte; real feeds list tens or hundreds.
const MaxItems = 50_000

// itemsUpperBound counts the places an item or entry could open (or, in a
// JSON Feed, the "id" keys items must have). It never undercounts a feed
// gofeed would read, and it is a few memchr-speed passes over the body.
func itemsUpperBound(doc []byte) int {
	if b := bytes.TrimLeft(doc, " \t\r\n"); len(b) > 0 && b[0] == '{' {
		return bytes.Count(doc, []byte(`"id"`))
	}
	n := 0
	for _, tag := range [...]string{"item", "entry"} {
		n += bytes.Count(doc, []byte("<"+tag)) + bytes.Count(doc, []byte(":"+tag))
	}
	return n
}

// thousands writes n with comma separators: 300,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func errHTMLPage() error {
	return fmt.Errorf("%w: looks like an HTML page", ErrNotFeed)
}

func normalizeFeed(gf *gofeed.Feed, now time.Time) Parsed {
	p := Parsed{
		Title:    cleanLine(gf.Title),
		SiteLink: safeLink(CanonicalLink(absoluteHTTP(nil, gf.Link))),
	}
	var base *url.URL
	if p.SiteLink != "" {
		base, _ = url.Parse(p.SiteLink)
	}
	p.Items = make([]Item, 0, len(gf.Items))
	seen := make(map[string]struct{}, len(gf.Items))
	for i, gi := range gf.Items {
		if gi == nil {
			continue
		}
		it := normalizeItem(gi, detailsOf(gf, i), base, now)
		// Feeds repeat items (syndicated twice, paginated overlap); the
		// first copy wins so that order and content stay the feed's own.
		if _, dup := seen[it.GUIDKey]; dup {
			continue
		}
		seen[it.GUIDKey] = struct{}{}
		p.Items = append(p.Items, it)
	}
	return p
}

// isBlank reports whether b holds nothing but whitespace and byte order
// marks.
func isBlank(b []byte) bool {
	b = bytes.TrimLeft(b, " \t\r\n\x00\xef\xbb\xbf\xfe\xff")
	return len(b) == 0
}

// looksLikeHTML reports whether the document opens as a web page. Only the
// start is examined: the XML declaration and comments are skipped, and the
// first element must be <html>, or an HTML doctype must come first and no
// feed root after it (some feed templates do carry an XHTML doctype).
func looksLikeHTML(b []byte) bool {
	const window = 4096
	if len(b) > window {
		b = b[:window]
	}
	doctype := false
	for {
		b = bytes.TrimLeft(b, " \t\r\n\xef\xbb\xbf")
		var end []byte
		switch {
		case hasPrefixFold(b, "<?xml"):
			end = []byte("?>")
		case bytes.HasPrefix(b, []byte("<!--")):
			end = []byte("-->")
		case markupNamed(b, "<!doctype html"):
			doctype, end = true, []byte(">")
		case markupNamed(b, "<html"):
			return true
		case len(b) == 0:
			return doctype
		default:
			return doctype && !(markupNamed(b, "<rss") || markupNamed(b, "<feed") || markupNamed(b, "<rdf:rdf"))
		}
		i := bytes.Index(b, end)
		if i < 0 {
			return doctype
		}
		b = b[i+len(end):]
	}
}

// markupNamed reports whether b starts with tag (case-insensitively) followed
// by the end of the name, so that <htmlfeed> is not mistaken for <html>.
func markupNamed(b []byte, tag string) bool {
	if !hasPrefixFold(b, tag) {
		return false
	}
	if len(b) == len(tag) {
		return true
	}
	switch b[len(tag)] {
	case ' ', '\t', '\r', '\n', '>', '/':
		return true
	}
	return false
}

func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && bytes.EqualFold(b[:len(prefix)], []byte(prefix))
}

// xmlDeclAfterJunk returns where an XML declaration starts when something
// other than whitespace precedes it near the top of the document, or 0.
func xmlDeclAfterJunk(b []byte) int {
	const window = 64 << 10
	if len(b) > window {
		b = b[:window]
	}
	i := bytes.Index(b, []byte("<?xml"))
	if i <= 0 || isBlank(b[:i]) {
		return 0
	}
	return i
}
