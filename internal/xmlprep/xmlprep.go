// Package xmlprep turns raw feed bytes into UTF-8 that the gofeed parser can
// read without failing or running away.
//
// gofeed (through encoding/xml) gives up on a whole feed for problems that are
// routine on the open web: a charset it was not told about, a single stray
// control byte, a character reference such as &#27; that XML forbids. It also
// recurses once per element level, so a hostile feed nested a few million
// levels deep can exhaust the stack, which kills the program rather than
// failing the feed. Prepare repairs the first kind of problem and refuses the
// second, so one bad feed costs only that feed.
//
// # Charset
//
// The charset is chosen in this order, first match wins:
//
//  1. a byte order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
//  2. the UTF-16/UTF-32 byte pattern of a leading '<' or '{' (XML 1.0
//     Appendix F), for wide documents without a mark;
//  3. the encoding named in the XML declaration;
//  4. the charset parameter of the HTTP Content-Type;
//  5. a guess: valid UTF-8 stays UTF-8, and so does UTF-8 with a few stray
//     bytes of something else; otherwise the candidate among GB18030, Big5,
//     Shift_JIS, EUC-JP and EUC-KR whose decoding reads most like its
//     language wins, and windows-1252 is the fallback. Other undeclared
//     charsets (KOI8-R, windows-1251, ...) are not recognised.
//
// The document's own declaration outranks the HTTP header, unlike RFC 7303,
// because feeds are usually written by the publisher and served by a host
// that stamps a default charset on everything. A label the bytes contradict
// is skipped: UTF-8 named for bytes that are not UTF-8, or another charset
// named for non-ASCII bytes that form valid UTF-8 (text in another charset
// practically never does). Labels are resolved as browsers do (WHATWG), so
// iso-8859-1 and us-ascii mean windows-1252 and gb2312 means GB18030. Labels
// naming UTF-16 for a byte-oriented document are ignored, since the bytes
// prove otherwise.
//
// Bytes that are invalid in UTF-8 input become U+FFFD. After decoding, every
// encoding="..." in an <?xml ...?> declaration is rewritten to UTF-8, since
// encoding/xml would otherwise decode the text a second time, and a version
// other than 1.0, which it refuses, becomes 1.0.
//
// # Cleaning
//
// In XML documents Prepare removes what encoding/xml rejects outright: raw
// C0 control characters other than tab, LF and CR, raw U+FFFE and U+FFFF, and
// character references to code points that XML 1.0 does not allow (&#0;,
// &#x1B;, &#xD800;, &#xFFFE;, ...). References inside CDATA sections and
// comments are text, not references, and stay. Where removing a reference
// would join its neighbours into new markup ("&#&#0;27;"), a space is left in
// its place.
//
// A DOCTYPE with an internal subset is removed entirely. encoding/xml never
// expands the entities declared there, so dropping it loses nothing and
// leaves no entity tricks (billion laughs and friends) in the document;
// references to such entities stay as literal text.
//
// # Depth
//
// Element depth is counted in the same single pass, without recursion and
// in constant memory; a document nesting deeper than MaxDepth is refused with
// an error wrapping ErrTooDeep.
//
// JSON Feed documents (first character '{') are only decoded to UTF-8.
package xmlprep

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
)

// MaxDepth is the deepest element nesting accepted. Real feeds nest fewer
// than 30 levels even with XHTML content; the margin is for odd but honest
// documents, while the limit keeps gofeed's per-level recursion bounded.
const MaxDepth = 512

// ErrTooDeep is returned (wrapped) when a document nests elements more than
// MaxDepth levels deep.
var ErrTooDeep = errors.New("feed nests elements deeper than " + strconv.Itoa(MaxDepth) + " levels")

// Prepare returns body as UTF-8 XML/JSON ready for gofeed.
// contentType is the HTTP Content-Type header ("" when unknown).
//
// When nothing needs changing, the result is body itself, not a copy.
func Prepare(body []byte, contentType string) ([]byte, error) {
	d, err := decode(body, contentType)
	if err != nil {
		return nil, err
	}
	if d.json {
		return d.text, nil
	}
	out, err := scan(d.text)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Decode returns body as UTF-8, its charset chosen as for Prepare (see
// Charset above) and its byte order mark removed, and does nothing else: no
// cleaning and no depth check. It is for documents from outside that brief
// parses by rules of its own (OPML subscription lists), so that every
// document is read by one charset policy. An XML declaration in the result
// still names the charset the bytes were in; whoever parses it takes the
// text as UTF-8 whatever the declaration says.
func Decode(body []byte, contentType string) ([]byte, error) {
	d, err := decode(body, contentType)
	if err != nil {
		return nil, err
	}
	return d.text, nil
}

// tooDeep reports where the limit was crossed, so that a user looking at the
// feed source can find the spot.
func tooDeep(src []byte, at int) error {
	line := bytes.Count(src[:at], []byte{'\n'}) + 1
	return fmt.Errorf("%w (line %d)", ErrTooDeep, line)
}
