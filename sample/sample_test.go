package sample

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"html"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
)

// parsed is one document together with what gofeed made of it.
type parsed struct {
	doc  Doc
	feed *gofeed.Feed
}

func parseAll(t *testing.T) []parsed {
	t.Helper()
	var out []parsed
	for _, d := range Docs() {
		f, err := gofeed.NewParser().Parse(bytes.NewReader(d.Body))
		if err != nil {
			t.Fatalf("%s: parse: %v", d.Name, err)
		}
		out = append(out, parsed{d, f})
	}
	return out
}

func itemsOf(t *testing.T, name string) []*gofeed.Item {
	t.Helper()
	for _, p := range parseAll(t) {
		if p.doc.Name == name {
			return p.feed.Items
		}
	}
	t.Fatalf("no document %s", name)
	return nil
}

var (
	tagRE      = regexp.MustCompile(`<[^>]*>`)
	sentenceRE = regexp.MustCompile(`[.!?](\s|$)`)
)

// stripTags removes markup the way a naive scraper does: tags vanish without
// leaving a space, so adjacent elements run together.
func stripTags(s string) string {
	return html.UnescapeString(tagRE.ReplaceAllString(s, ""))
}

// words counts the words of an HTML body, treating tags as separators.
func words(s string) int {
	return len(strings.Fields(html.UnescapeString(tagRE.ReplaceAllString(s, " "))))
}

func body(it *gofeed.Item) string {
	if it.Content != "" {
		return it.Content
	}
	return it.Description
}

func TestDocs(t *testing.T) {
	want := []struct{ name, ct string }{
		{"briefings.rss", "application/rss+xml"},
		{"filings.atom", "application/atom+xml"},
		{"markets.json", "application/feed+json"},
	}
	docs := Docs()
	if len(docs) != len(want) {
		t.Fatalf("Docs() returned %d documents, want %d", len(docs), len(want))
	}
	for i, w := range want {
		if docs[i].Name != w.name || docs[i].ContentType != w.ct {
			t.Errorf("doc %d = %s (%s), want %s (%s)", i, docs[i].Name, docs[i].ContentType, w.name, w.ct)
		}
		if len(docs[i].Body) == 0 {
			t.Errorf("%s is empty", w.name)
		}
	}

	// Callers get their own copies.
	docs[0].Body[0] = 'X'
	if again := Docs(); again[0].Body[0] == 'X' {
		t.Error("modifying a returned body changed the embedded document")
	}
}

// forbidden mirrors what the app refuses to print: C0 controls other than
// newline (tabs are not used either), DEL, C1 controls, bidi overrides and
// isolates, and the byte-order mark.
func forbidden(r rune) bool {
	switch {
	case r == '\n':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0xfeff:
		return true
	}
	return false
}

func TestNoControlCharacters(t *testing.T) {
	for _, d := range Docs() {
		if !utf8.Valid(d.Body) {
			t.Errorf("%s is not valid UTF-8", d.Name)
			continue
		}
		line := 1
		for i, r := range string(d.Body) {
			if forbidden(r) {
				t.Errorf("%s: line %d (byte %d): forbidden character %U", d.Name, line, i, r)
			}
			if r == '\n' {
				line++
			}
		}
	}
}

func TestWellFormed(t *testing.T) {
	for _, d := range Docs() {
		if strings.HasSuffix(d.Name, ".json") {
			if !json.Valid(d.Body) {
				t.Errorf("%s is not valid JSON", d.Name)
			}
			continue
		}
		dec := xml.NewDecoder(bytes.NewReader(d.Body))
		dec.Strict = true
		for {
			_, err := dec.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Errorf("%s is not well-formed XML: %v", d.Name, err)
				break
			}
		}
	}
}

func TestParse(t *testing.T) {
	wantType := map[string]string{"briefings.rss": "rss", "filings.atom": "atom", "markets.json": "json"}
	wantItems := map[string]int{"briefings.rss": 12, "filings.atom": 3, "markets.json": 2}
	first := time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC)
	last := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)

	total := 0
	for _, p := range parseAll(t) {
		name := p.doc.Name
		if p.feed.FeedType != wantType[name] {
			t.Errorf("%s parsed as %q, want %q", name, p.feed.FeedType, wantType[name])
		}
		if p.feed.Title == "" {
			t.Errorf("%s has no feed title", name)
		}
		if n := len(p.feed.Items); n != wantItems[name] {
			t.Errorf("%s has %d items, want %d", name, n, wantItems[name])
		}
		total += len(p.feed.Items)

		guids := map[string]bool{}
		for i, it := range p.feed.Items {
			if strings.TrimSpace(it.Title) == "" {
				t.Errorf("%s item %d has no title", name, i)
			}
			if !strings.HasPrefix(it.Link, "https://") {
				t.Errorf("%s item %q: link %q is not https", name, it.Title, it.Link)
			}
			if it.GUID != "" {
				if guids[it.GUID] {
					t.Errorf("%s: duplicate guid %q", name, it.GUID)
				}
				guids[it.GUID] = true
			}
			when := it.PublishedParsed
			if when == nil {
				when = it.UpdatedParsed
			}
			if when == nil {
				t.Errorf("%s item %q has no parseable date", name, it.Title)
			} else if when.Before(first) || !when.Before(last) {
				t.Errorf("%s item %q dated %v, outside 2026-11-10..2026-11-26", name, it.Title, when)
			}
		}
	}
	if total < 14 {
		t.Errorf("sample has %d items in all, want at least 14", total)
	}
	if p := parseAll(t)[0]; p.feed.Title != Title {
		t.Errorf("RSS channel title %q, want %q", p.feed.Title, Title)
	}
}

func TestSeekingAlphaExtension(t *testing.T) {
	var found bool
	for _, it := range itemsOf(t, "briefings.rss") {
		stocks := it.Extensions["sa"]["stock"]
		if len(stocks) == 0 {
			continue
		}
		found = true
		var symbols, names []string
		for _, s := range stocks {
			if sym := s.Children["symbol"]; len(sym) == 1 {
				symbols = append(symbols, sym[0].Value)
			}
			if cn := s.Children["company_name"]; len(cn) == 1 {
				names = append(names, cn[0].Value)
			}
		}
		if got := strings.Join(symbols, ","); got != "AAPL,AVGO" {
			t.Errorf("sa:symbol values = %q, want AAPL,AVGO", got)
		}
		if got := strings.Join(names, "|"); got != "Apple Inc.|Broadcom Inc." {
			t.Errorf("sa:company_name values = %q", got)
		}
		if !contains(it.Categories, "AAPL") || !contains(it.Categories, "Technology") {
			t.Errorf("categories = %q, want symbol and topic categories", it.Categories)
		}
		if strings.Contains(it.Content, "Summary") {
			t.Error("the Seeking Alpha-style item should carry no summary block")
		}
		if n := len(sentenceRE.FindAllString(stripTags(it.Content), -1)); n < 5 || n > 7 {
			t.Errorf("Seeking Alpha-style body has %d sentences, want 5-7", n)
		}
		for _, w := range []string{"expects", "guidance", "risk"} {
			if !strings.Contains(it.Content, w) {
				t.Errorf("Seeking Alpha-style body lacks forward-looking %q", w)
			}
		}
	}
	if !found {
		t.Error("no item exposes sa:stock through Extensions")
	}
}

func TestNasdaqExtension(t *testing.T) {
	var found bool
	for _, it := range itemsOf(t, "briefings.rss") {
		tickers := it.Extensions["nasdaq"]["tickers"]
		if len(tickers) == 0 {
			continue
		}
		found = true
		if got := tickers[0].Value; got != "MSFT,MSFT,ORCL" {
			t.Errorf("nasdaq:tickers = %q, want MSFT,MSFT,ORCL", got)
		}
		if !strings.Contains(it.GUID, "?time=") {
			t.Errorf("Nasdaq-style guid %q lacks the ?time= parameter", it.GUID)
		}
		if !strings.Contains(it.Link, "?utm_source=rss&utm_medium=feed") {
			t.Errorf("Nasdaq-style link %q lacks tracking parameters", it.Link)
		}
	}
	if !found {
		t.Error("no item exposes nasdaq:tickers through Extensions")
	}
}

func TestRSSShapes(t *testing.T) {
	var teasers, plain int
	for _, it := range itemsOf(t, "briefings.rss") {
		switch {
		case it.GUID == "":
			teasers++
			if it.Description != "" || it.Content != "" || it.Author != nil {
				t.Errorf("teaser %q should carry only title, link and date", it.Title)
			}
		case it.Content == "":
			plain++
			if strings.ContainsAny(it.Description, "<>") {
				t.Errorf("plain item %q has markup in its description", it.Title)
			}
		default:
			if it.Description == "" || it.Author == nil || it.Author.Name == "" {
				t.Errorf("item %q lacks a description or dc:creator", it.Title)
			}
		}
	}
	if teasers != 1 {
		t.Errorf("%d items without a guid, want exactly 1 teaser", teasers)
	}
	if plain != 1 {
		t.Errorf("%d items without content:encoded, want exactly 1", plain)
	}
}

func TestBriefings(t *testing.T) {
	var all []*gofeed.Item
	for _, p := range parseAll(t) {
		all = append(all, p.feed.Items...)
	}

	var briefings, aime int
	var text strings.Builder
	for _, it := range all {
		b := body(it)
		text.WriteString(stripTags(b))
		text.WriteString("\n")
		if !strings.Contains(b, "Summary") || !strings.Contains(b, "Key takeaways for investors:") {
			continue
		}
		briefings++
		if n := words(b); n < 250 || n > 600 {
			t.Errorf("briefing %q has %d words, want 250-600", it.Title, n)
		}
		if !strings.Contains(b, "Generated by AI Agent") || !strings.Contains(b, "Aime Summary") {
			continue
		}
		aime++
		for _, s := range []string{"Reviewed by", "3min read", `alt="Aime Robot"`, "<ol>",
			"Comments", "Add a public comment...", "Stay ahead of the market.", "Latest Articles",
			"Get the morning brief in your inbox", "Listen to this article 00:00 / 03:12"} {
			if !strings.Contains(b, s) {
				t.Errorf("briefing %q lacks %q", it.Title, s)
			}
		}
	}
	if briefings < 5 {
		t.Errorf("%d items contain Summary and Key takeaways for investors:, want at least 5", briefings)
	}
	if aime < 5 {
		t.Errorf("%d AI-briefing-shaped items, want at least 5", aime)
	}

	plain := text.String()
	for _, s := range []string{
		"AlibabaBABA-- Cloud", "XPengXPEV--", "NVIDIANVDA--", "TencentTCEHY--",
		"(NYSE: BABA)", "HKEX:9988", "9988.HK", "$NVDA", "BTC",
		"$53B", "$4.67 billion", "HK$", "¥380 billion", "€2.1 billion", "25 bps", "18x forward earnings",
	} {
		if !strings.Contains(plain, s) {
			t.Errorf("no item text contains %q", s)
		}
	}

	raw := ""
	for _, it := range all {
		raw += body(it) + "\n"
	}
	for _, s := range []string{
		`<p><img alt="Aime Robot" src="https://briefs.example/aime.png">Aime Summary</p>`,
		"<h2>Key Takeaways</h2>", "<p><strong>Key Points</strong></p>", "TL;DR:", "The Bottom Line", "What to watch",
	} {
		if !strings.Contains(raw, s) {
			t.Errorf("no item body contains %q", s)
		}
	}
}

func TestFilings(t *testing.T) {
	items := itemsOf(t, "filings.atom")
	var results int
	for _, it := range items {
		if !strings.HasPrefix(it.Title, "8-K - ") || !strings.HasSuffix(it.Title, "(Filer)") {
			t.Errorf("filing title %q is not in the EDGAR shape", it.Title)
		}
		// gofeed flattens an Atom category to its label when it has one.
		if !contains(it.Categories, "form type") {
			t.Errorf("filing %q categories = %q, want the form-type category", it.Title, it.Categories)
		}
		if !strings.Contains(it.Link, "/Archives/edgar/data/") {
			t.Errorf("filing link %q is not an archive link", it.Link)
		}
		d := stripTags(it.Description)
		if !strings.Contains(d, "Filed: 2026-11-") || !strings.Contains(d, "AccNo: ") || !strings.Contains(d, "Item 9.01: Financial Statements and Exhibits") {
			t.Errorf("filing summary %q lacks the EDGAR fields", d)
		}
		if strings.Contains(d, "Item 2.02: Results of Operations and Financial Condition") {
			results++
		}
	}
	if results < 2 {
		t.Errorf("%d filings report Item 2.02, want at least 2", results)
	}
	if !strings.Contains(stripTags(items[1].Description), "Filed: 2026-11-20 AccNo: 0001234567-26-000123 Size: 245 KB") {
		t.Errorf("second filing summary = %q", stripTags(items[1].Description))
	}

	// The form type itself is in the category term.
	raw, err := (&atom.Parser{}).Parse(bytes.NewReader(Docs()[1].Body))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range raw.Entries {
		if len(e.Categories) != 1 || e.Categories[0].Term != "8-K" || e.Categories[0].Label != "form type" {
			t.Errorf("entry %q: want one category term=8-K label=form type", e.Title)
		}
	}
}

func TestJSONFeed(t *testing.T) {
	items := itemsOf(t, "markets.json")
	var withSummary, without int
	for _, it := range items {
		if it.GUID == "" || len(it.Authors) == 0 || it.Authors[0].Name == "" {
			t.Errorf("JSON item %q lacks an id or authors", it.Title)
		}
		if strings.Contains(it.Content, "<h3>Summary</h3>") && strings.Contains(it.Content, "Key takeaways") {
			withSummary++
			if !contains(it.Categories, "TSM") || !contains(it.Categories, "semiconductors") {
				t.Errorf("JSON briefing tags = %q, want TSM and semiconductors", it.Categories)
			}
		} else {
			without++
		}
	}
	if withSummary < 1 || without < 1 {
		t.Errorf("JSON items: %d with a summary block, %d without; want at least one of each", withSummary, without)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
