package ui

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"brief/config"
	"brief/extract"
	"brief/feed"
	"brief/ingest"
	"brief/internal/sanitize"
	"brief/internal/testtext"
	"brief/store"
)

// The tests in this file check the promise of DESIGN.md §6 on the bytes
// the reader hands the terminal: whatever a feed carries, the only escape
// sequences in a frame are brief's own SGR styling, and they are exactly the
// ones the same screen has when the feed's hostile runes were never there.

// hostileBits are the sequences a feed can use against a terminal.
var hostileBits = []string{
	"\x1b[2J",                // CSI: clear the screen
	"\x1b]52;c;aGVsbG8=\x07", // OSC 52: write the clipboard
	"\x1b]8;;https://evil.example/\x1b\\here\x1b]8;;\x1b\\", // OSC 8 hyperlink
	"\x1b]0;pwned\x1b\\",       // OSC 0: set the window title, ST-terminated
	"\x1bP+q544e\x1b\\",        // DCS: request terminfo
	"\x1bc",                    // RIS: reset the terminal
	"\a", "\b", "\x7f", "\x00", // BEL, BS, DEL, NUL
	"\u0085\u008d\u0090\u009c",       // C1: NEL, RI, DCS, ST
	"\u009b31m",                      // one-rune CSI
	"\u009d0;pwned\u009c",            // one-rune OSC ... ST
	"\x9b2J",                         // 8-bit CSI: a raw byte, invalid UTF-8
	"\u202a\u202b\u202c\u202d\u202e", // bidi embeddings and overrides
	"\u2066\u2067\u2068\u2069",       // bidi isolates
}

// hostile is every hostile sequence at once.
var hostile = strings.Join(hostileBits, "")

// strip is the hostile text as the sanitiser leaves it: the twin of every
// hostile field. That the sanitiser drops exactly the forbidden runes is
// internal/sanitize's own test; these tests check that every screen puts
// outside text through it.
func strip(s string) string { return sanitize.Text(s) }

// escapeSeqs returns the escape sequences of s in order: each introduced by
// ESC, parsed as ECMA-48 does (CSI to its final byte, OSC, DCS, SOS, PM and
// APC to BEL or ST, others two bytes), and each C1 control on its own.
func escapeSeqs(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		if s[i] == 0x1b {
			n := escLen(s[i:])
			out = append(out, s[i:i+n])
			i += n
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= 0x80 && r <= 0x9f {
			out = append(out, string(r))
		}
		i += size
	}
	return out
}

// escLen is the length of the escape sequence at the start of s, which
// begins with ESC; an unterminated one runs to the end.
func escLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[':
		for j := 2; j < len(s); j++ {
			if s[j] >= 0x40 && s[j] <= 0x7e {
				return j + 1
			}
		}
		return len(s)
	case ']', 'P', 'X', '^', '_':
		for j := 2; j < len(s); j++ {
			if s[j] == 0x07 {
				return j + 1
			}
			if s[j] == 0x1b && j+1 < len(s) && s[j+1] == '\\' {
				return j + 2
			}
		}
		return len(s)
	}
	return 2
}

// isSGR reports whether seq is a Select Graphic Rendition sequence: the
// only kind brief writes itself.
func isSGR(seq string) bool {
	body, ok := strings.CutPrefix(seq, "\x1b[")
	if !ok || !strings.HasSuffix(body, "m") {
		return false
	}
	return strings.Trim(body[:len(body)-1], "0123456789;:") == ""
}

// checkFrame fails when frame carries anything but SGR sequences, or a
// forbidden rune outside them.
func checkFrame(t *testing.T, name, frame string) {
	t.Helper()
	if !utf8.ValidString(frame) {
		t.Errorf("%s: frame is not valid UTF-8", name)
	}
	for i := 0; i < len(frame); {
		if frame[i] == 0x1b {
			n := escLen(frame[i:])
			if seq := frame[i : i+n]; !isSGR(seq) {
				t.Errorf("%s: escape sequence %q that brief did not write, at byte %d, line %d:\n%q", name, seq, i, strings.Count(frame[:i], "\n")+1, lineAt(frame, i))
				return
			}
			i += n
			continue
		}
		r, size := utf8.DecodeRuneInString(frame[i:])
		if testtext.Forbidden(r) {
			t.Errorf("%s: forbidden rune %U at byte %d, line %d:\n%q", name, r, i, strings.Count(frame[:i], "\n")+1, lineAt(frame, i))
			return
		}
		i += size
	}
}

// lineAt is the line of s that holds byte i.
func lineAt(s string, i int) string {
	start := strings.LastIndexByte(s[:i], '\n') + 1
	end := strings.IndexByte(s[i:], '\n')
	if end < 0 {
		return s[start:]
	}
	return s[start : i+end]
}

// compareFrames checks a hostile frame against its twin: the same escape
// sequences in the same order, and nothing forbidden in between.
func compareFrames(t *testing.T, name, hostileFrame, twinFrame string) {
	t.Helper()
	checkFrame(t, name, hostileFrame)
	got, want := escapeSeqs(hostileFrame), escapeSeqs(twinFrame)
	if !slices.Equal(got, want) {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		g, w := "(none)", "(none)"
		if i < len(got) {
			g = fmt.Sprintf("%q", got[i])
		}
		if i < len(want) {
			w = fmt.Sprintf("%q", want[i])
		}
		t.Errorf("%s: escape sequences differ from the clean twin's at #%d: %s, want %s (%d vs %d sequences); %s",
			name, i, g, w, len(got), len(want), firstDiff(hostileFrame, twinFrame))
	}
}

// firstDiff describes the first line where two frames differ.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range max(len(al), len(bl)) {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n  got  %q\n  twin %q", i+1, x, y)
		}
	}
	return "no line differs"
}

// colourOptions are the test options with colour on, so that frames carry
// brief's own styling next to whatever might leak.
func colourOptions(st *store.Store) Options {
	o := testOptions(st)
	o.NoColor = false
	o.Theme = "dark"
	// A watched ticker has styles of its own.
	o.Config.Watchlist = []string{"ACME"}
	return o
}

// screenStep is one thing to do before taking a frame.
type screenStep struct {
	name string
	do   func(d *driver)
}

func keys(names ...string) func(d *driver) {
	return func(d *driver) { d.key(names...) }
}

// shot is the frame after one step.
type shot struct{ name, frame string }

// walkScreens drives a reader through every screen that shows feed text
// and returns the frame after each step. paste is pasted into the search
// box (the user's clipboard is outside text too).
func walkScreens(t *testing.T, st *store.Store, w, h int, search, paste string) []shot {
	t.Helper()
	steps := []screenStep{
		{"list", func(*driver) {}},
		{"reader", keys("enter")},
		{"reader chip", keys("right")},
		{"copy link", keys("y")},
		{"reader page 2", keys("pgdown")},
		{"reader page 3", keys("pgdown")},
		{"next article", keys("J")},
		{"open link", keys("o")},
		{"next article page 2", keys("pgdown")},
		{"tickers", keys("esc", "esc", "t")},
		{"tickers sorted", keys("S")},
		{"ticker articles", keys("enter")},
		{"feed errors", keys("esc", "esc", "e")},
		{"filter menu", keys("esc", "f")},
		{"sidebar", keys("esc", "F")},
		{"search paste", func(d *driver) { d.key("/"); d.send(tea.PasteMsg{Content: paste}) }},
		{"search", func(d *driver) { d.key("ctrl+u"); d.typeText(search) }},
		{"search results", keys("enter")},
		{"search result open", keys("enter")},
		{"help", keys("esc", "esc", "?")},
	}
	d := newDriver(t, colourOptions(st), w, h)
	d.m.openURL = func(link string) error {
		if strings.ContainsFunc(link, testtext.Forbidden) {
			t.Errorf("asked the browser to open %q", link)
		}
		return nil
	}
	shots := make([]shot, 0, len(steps))
	for _, s := range steps {
		s.do(d)
		shots = append(shots, shot{s.name, d.m.View().Content})
	}
	// What goes to the clipboard (OSC 52) is pasted somewhere later.
	copied := false
	for _, msg := range d.out {
		if c, ok := clipboardText(msg); ok {
			copied = true
			if strings.ContainsFunc(c, testtext.Forbidden) {
				t.Errorf("copied %q to the clipboard", c)
			}
		}
	}
	if !copied {
		t.Error("y copied nothing")
	}
	return shots
}

// compareWalks compares every hostile frame with its twin; exact also
// wants them equal to the byte. wants are texts a screen must show, to
// prove the walk went where it meant to; they are checked on the widest
// terminal only, where nothing is scrolled out of sight.
func compareWalks(t *testing.T, hostile, twin []shot, exact bool, wants map[string][]string) {
	t.Helper()
	for i, h := range hostile {
		compareFrames(t, h.name, h.frame, twin[i].frame)
		if exact && h.frame != twin[i].frame {
			t.Errorf("%s: the screen differs from the clean twin's: %s", h.name, firstDiff(h.frame, twin[i].frame))
		}
		screen := ansi.Strip(twin[i].frame)
		for _, want := range wants[h.name] {
			if !strings.Contains(screen, want) {
				t.Errorf("%s: screen lacks %q:\n%s", h.name, want, screen)
			}
		}
	}
}

var safetySizes = [][2]int{{200, 60}, {110, 40}, {70, 30}}

// TestTerminalSafetyStoredText puts hostile text straight into the store,
// the way an older brief or a damaged database could have left it, so that
// every screen's own sanitising is what stands between it and the terminal:
// titles, authors, feed names and addresses, links, bodies, every part of
// the briefing card, ticker names and symbols, and feed errors.
func TestTerminalSafetyStoredText(t *testing.T) {
	t.Parallel()
	hostileStore := storedTextStore(t, func(s string) string { return s })
	twinStore := storedTextStore(t, strip)
	// A paste that tries to end bracketed paste early and type on.
	paste := hostile + "\x1b[201~ beats"
	for n, sz := range safetySizes {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			wants := map[string][]string{
				"list": {"Acme"}, "reader": {"Jane", "Summary", "Key takeaways", "Key figures"},
				"reader chip": {"ACME: Acme"}, "next article": {"Only"}, "open link": {"Opened https://evil.example/b"},
				"tickers": {"*ACME", "Evil"}, "ticker articles": {"$ACME"},
				"feed errors": {"Feed errors", "HTTP 503", "HTTP 500"}, "filter menu": {"Feed: Hostile"},
				"search paste": {"beats"}, "search results": {`Search "Acme"`},
			}
			if n > 0 {
				wants = nil
			}
			// Every screen sanitises what it shows, so the user sees the
			// screen of the twin, whose text is sanitised already, to the
			// byte.
			compareWalks(t, walkScreens(t, hostileStore, sz[0], sz[1], "Acme", paste),
				walkScreens(t, twinStore, sz[0], sz[1], "Acme", strip(paste)), true, wants)
		})
	}
}

func storedTextStore(t *testing.T, clean func(string) string) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "brief.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	h := func(format string) string {
		return clean(strings.ReplaceAll(format, "%H", hostile))
	}

	f, err := st.EnsureFeed(ctx, h("https://evil.example/rss?%H"), h("Hostile %H Wire"), nil)
	if err != nil {
		t.Fatal(err)
	}
	brief := extract.Briefing{
		Summary:   []string{h("Acme %H raised its outlook."), h("Shares %H rose\r 19%.")},
		Takeaways: []string{h("Revenue %H beat estimates."), h("Margins %H widened.")},
		Tickers: []extract.Ticker{
			{Symbol: "ACME", Name: h("Acme %H Corp"), Kind: "equity", Mentions: 3, Signal: extract.SignalParen, Primary: true},
			{Symbol: h("EV%HIL"), Name: h("Evil %H Inc"), Kind: "equity", Mentions: 1, Signal: extract.SignalCashtag},
		},
		Figures: []extract.Figure{
			{Text: h("19%H%"), Kind: "percent", Context: h("19% %H stock surge")},
			{Text: "$4.67 billion", Kind: "money", Context: h("$4.67 billion %H revenue")},
		},
	}
	briefJSON, err := json.Marshal(brief)
	if err != nil {
		t.Fatal(err)
	}
	body := h(`# Acme %H results

Acme %H Corp (NASDAQ: ACME) said revenue rose 19%.

- one %H item
- two [a %H link](https://evil.example/%H)

> quoted %H text

` + "```" + `
code %H block
` + "```" + `

| col %H | b |
|---|---|
| x %H | y |

**bold %H** and _italic %H_ and ` + "`code %H`" + `
`)
	arts := []store.NewArticle{
		{
			GUIDKey: "a1", Link: h("https://evil.example/a?%H"), Title: h("Acme %H beats estimates"),
			Author: h("Jane %H Doe"), Published: testNow.Add(-2 * 3600e9), Markdown: body,
			HTML: h("<p>Acme %H</p>"),
			Tickers: []store.Ticker{
				{Symbol: "ACME", Name: h("Acme %H Corp"), Mentions: 3, Signal: "paren", Primary: true},
				{Symbol: h("EV%HIL"), Name: h("Evil %H Inc"), Mentions: 1, Signal: "cashtag"},
			},
			Briefing: briefJSON, ExtractorVersion: extract.Version,
		},
		{
			GUIDKey: "a2", Link: "https://evil.example/b", Title: h("Second %H story"),
			Author: h("%H"), Published: testNow.Add(-3 * 3600e9), Markdown: h("Plain %H body.\r\nNext line."),
			Tickers:  []store.Ticker{{Symbol: "ACME", Name: h("Acme %H Corp"), Mentions: 1}},
			Briefing: []byte(`{"summary":["` + jsonText(h("Only %H summary")) + `"]}`),
		},
	}
	if _, err := st.SaveFetch(ctx, f.ID, store.FetchOK{Title: h("Hostile %H Wire"), At: testNow}, arts); err != nil {
		t.Fatal(err)
	}
	if err := st.RecordFailure(ctx, f.ID, h("HTTP 500 %H Internal Server Error"), false, testNow); err != nil {
		t.Fatal(err)
	}
	down, err := st.EnsureFeed(ctx, h("https://down.example/%H"), h("Down %H Feed"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.RecordFailure(ctx, down.ID, h("HTTP 503 %H Service Unavailable"), true, testNow); err != nil {
		t.Fatal(err)
	}
	return st
}

// jsonText is s as the inside of a JSON string.
func jsonText(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

// TestTerminalSafetyIngestedFeed takes hostile feeds through the real
// chain (xmlprep and gofeed in feed/, html to markdown in htmlmd/, the
// extractor, the store) and then through every screen. Hostile runes come
// raw, as character references (which XML forbids and xmlprep lets
// through as text), as HTML references inside the XML, and as doubly
// escaped references (&amp;#27;) that become one only when the HTML is
// parsed.
//
// The twin feed has each hostile run replaced by what it would be without
// its hostile runes. Conversion to markdown collapses whitespace before it
// sanitises (only the HTML parser knows what a reference decodes to), so a
// stripped control can leave a doubled space behind and the twin's screen
// need not match to the byte (nor does the failing feed's address, which
// names the twin's directory); its escape sequences must.
func TestTerminalSafetyIngestedFeed(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	hostileStore := ingestedStore(t, dir, "h", 0)
	twinStore := ingestedStore(t, dir, "t", 1)
	for n, sz := range safetySizes {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			wants := map[string][]string{
				"list": {"Acme"}, "reader": {"Jane", "Summary", "Margins", "Read", "code"}, "tickers": {"*ACME"},
				"feed errors": {"Feed errors", "missing"}, "search results": {`Search "Acme"`},
			}
			if n > 0 {
				wants = nil
			}
			compareWalks(t, walkScreens(t, hostileStore, sz[0], sz[1], "Acme", hostile),
				walkScreens(t, twinStore, sz[0], sz[1], "Acme", strip(hostile)), false, wants)
		})
	}
}

// feedForms are a hostile run as it is written in each place of a feed
// file, [0] for the hostile feed and [1] for its twin.
type feedForms struct {
	text  [2]string // XML text: titles, categories
	plain [2]string // XML text read as plain text: authors
	html  [2]string // escaped HTML, a <description> without CDATA
	cdata [2]string // HTML inside CDATA
}

func hostileFeedForms() feedForms {
	var f feedForms
	raw := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(hostile)
	clean := strip(hostile)
	// References to forbidden runes. In titles and HTML, &#155; means
	// U+203A (the windows-1252 reading HTML gives the C1 range); &#0; is
	// U+FFFD in HTML.
	f.text = [2]string{raw + "&#27;[2J&#x9b;31m&#x202e;&#7;", clean + "[2J›31m"}
	f.plain = [2]string{raw + "&#27;[2J&#x202e;&#7;", clean + "[2J"}
	f.html = [2]string{raw + "&amp;#27;[2J&amp;#x9b;1m&amp;#x202E;&amp;amp;#27;", clean + "[2J›1m&amp;amp;#27;"}
	f.cdata = [2]string{hostile + "&#27;[2J&#x9b;1m&#x202e;&#x7f;&#0;&amp;#27;", clean + "[2J›1m\uFFFD&amp;#27;"}
	return f
}

func ingestedStore(t *testing.T, dir, sub string, which int) *store.Store {
	t.Helper()
	ctx := context.Background()
	f := hostileFeedForms()
	T, P, H, C := f.text[which], f.plain[which], f.html[which], f.cdata[which]
	doc := `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Hostile ` + T + ` Wire</title>
<link>https://evil.example/</link>
<description>Feed ` + T + ` description</description>
<item>
<title>Acme ` + T + ` beats estimates</title>
<link>https://evil.example/a</link>
<guid>a1</guid>
<dc:creator>Jane ` + P + ` Doe</dc:creator>
<pubDate>Thu, 26 Nov 2026 12:00:00 GMT</pubDate>
<category>ACME</category>
<category>Earnings ` + T + `</category>
<content:encoded><![CDATA[<h2>Acme ` + C + ` results</h2>
<p>Acme Corp (NASDAQ: ACME) said revenue rose 19% to $4.67 billion ` + C + `, beating estimates.</p>
<p>Shares of Acme ` + C + ` jumped 12% in early trading.</p>
<ul><li>Margins ` + C + ` widened to 31%.</li><li><a href="https://evil.example/x">Read ` + C + ` more</a></li></ul>
<blockquote>We are pleased ` + C + ` said the CEO.</blockquote>
<pre><code>code ` + C + `</code></pre>
<table><tr><th>Q ` + C + `</th><th>Rev</th></tr><tr><td>Q3</td><td>$4.67B ` + C + `</td></tr></table>]]></content:encoded>
</item>
<item>
<title>Second ` + T + ` story</title>
<link>https://evil.example/b</link>
<guid>a2</guid>
<author>desk@evil.example (Desk ` + P + `)</author>
<pubDate>Thu, 26 Nov 2026 11:00:00 GMT</pubDate>
<description>&lt;p&gt;Acme Corp (NASDAQ: ACME) ` + H + ` cut costs by 5%.&lt;/p&gt;&lt;p&gt;Second ` + H + ` paragraph.&lt;/p&gt;</description>
</item>
</channel>
</rss>
`
	base := filepath.Join(dir, sub)
	if err := os.MkdirAll(base, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(base, "feed.xml")
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	// A feed that fails, with hostile runes in its address, which the
	// error quotes.
	missing := filepath.Join(base, "missing "+[]string{hostile, strip(hostile)}[which]+".xml")

	st, err := store.Open(ctx, filepath.Join(base, "brief.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	in := &ingest.Ingester{Store: st, Fetcher: feed.NewFetcher(feed.Options{Offline: true}), Now: func() time.Time { return testNow }}
	rep, err := in.Run(ctx, []config.Feed{{URL: path}, {URL: missing}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Feeds[0].Err != nil || rep.Feeds[0].New != 2 {
		t.Fatalf("hostile feed did not ingest: %+v", rep.Feeds[0])
	}
	if rep.Feeds[1].Err == nil {
		t.Fatalf("missing feed did not fail")
	}
	return st
}
