package extract

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"

	"brief/htmlmd"
	"brief/sample"
)

type sampleArticle struct {
	title string
	md    string
	raw   string // the HTML or text body as the feed had it
}

func sampleArticles(t testing.TB) []sampleArticle {
	t.Helper()
	var out []sampleArticle
	for _, d := range sample.Docs() {
		f, err := gofeed.NewParser().Parse(bytes.NewReader(d.Body))
		if err != nil {
			t.Fatalf("%s: %v", d.Name, err)
		}
		for _, it := range f.Items {
			body := it.Content
			if body == "" {
				body = it.Description
			}
			md, err := htmlmd.Markdown(body, it.Link)
			if err != nil {
				t.Fatalf("%s: %v", it.Title, err)
			}
			out = append(out, sampleArticle{it.Title, md, body})
		}
	}
	return out
}

// TestBriefSampleArticles checks every builtin sample article: a briefing
// with its own summary block keeps that summary and its own takeaways; the
// article without one (the Seeking Alpha news item) gets a generated
// summary of 2-4 sentences.
func TestBriefSampleArticles(t *testing.T) {
	e := New(nil)
	arts := sampleArticles(t)
	briefings, generated := 0, 0
	for _, a := range arts {
		b := e.Brief(Input{Title: a.title, Markdown: a.md})
		checkPlain(t, a.title, b)
		if strings.Contains(a.md, "Summary") {
			briefings++
			if b.SummaryGenerated || len(b.Summary) < 3 {
				t.Errorf("%s: summary %q (generated %v), want the article's own", a.title, b.Summary, b.SummaryGenerated)
			}
			if b.TakeawaysGenerated || len(b.Takeaways) < 3 {
				t.Errorf("%s: takeaways %q (generated %v), want the article's own", a.title, b.Takeaways, b.TakeawaysGenerated)
			}
			// Each item is a list item of the article, not boilerplate.
			for _, s := range append(slices.Clone(b.Summary), b.Takeaways...) {
				if !strings.Contains(a.raw, s[:min(len(s), 30)]) && !strings.Contains(a.md, s[:min(len(s), 30)]) {
					t.Errorf("%s: item %q is not from the article", a.title, s)
				}
			}
		}
		if strings.HasPrefix(a.title, "Apple expands Broadcom") {
			generated++
			if !b.SummaryGenerated || len(b.Summary) < 2 || len(b.Summary) > 4 {
				t.Errorf("%s: summary %q (generated %v), want 2-4 generated sentences", a.title, b.Summary, b.SummaryGenerated)
			}
		}
		if a.md == "" && (len(b.Summary) != 0 || len(b.Takeaways) != 0) {
			t.Errorf("%s: empty body gave %q / %q", a.title, b.Summary, b.Takeaways)
		}
		for _, f := range b.Figures {
			if f.Context == "" || !strings.Contains(f.Context, f.Text) {
				t.Errorf("%s: figure %+v has no context", a.title, f)
			}
		}
	}
	if briefings < 8 || generated != 1 {
		t.Errorf("sample has %d briefing-shaped articles and %d Seeking Alpha item; the fixture changed", briefings, generated)
	}
}

// TestBriefSampleSpecifics pins details of three sample articles whose
// shapes are the hard cases: a heading followed by a label line (Alibaba),
// a summary plus a same-line TL;DR (Fed), and a "What to watch" section
// before an explicit takeaways list (XPeng).
func TestBriefSampleSpecifics(t *testing.T) {
	e := New(nil)
	for _, a := range sampleArticles(t) {
		b := e.Brief(Input{Title: a.title, Markdown: a.md})
		switch {
		case strings.HasPrefix(a.title, "Alibaba Cloud"):
			if len(b.Summary) != 4 || !strings.HasPrefix(b.Summary[0], "Alibaba Cloud Intelligence revenue rose 34%") {
				t.Errorf("Alibaba summary = %q", b.Summary)
			}
			if len(b.Takeaways) != 4 || !strings.HasPrefix(b.Takeaways[0], "Cloud growth of 34%") {
				t.Errorf("Alibaba takeaways = %q", b.Takeaways)
			}
		case strings.HasPrefix(a.title, "Fed Minutes"):
			if len(b.Summary) != 3 || !strings.HasPrefix(b.Summary[0], "Minutes of the Oct. 27–28 FOMC meeting") {
				t.Errorf("Fed summary = %q", b.Summary)
			}
			if !slices.ContainsFunc(b.Figures, func(f Figure) bool { return f.Text == "25 bps" && f.Kind == kindBps }) {
				t.Errorf("Fed figures miss 25 bps: %+v", b.Figures)
			}
		case strings.HasPrefix(a.title, "XPeng"):
			if len(b.Takeaways) != 4 || !strings.HasPrefix(b.Takeaways[0], "XPEV's guidance implies") {
				t.Errorf("XPeng takeaways = %q", b.Takeaways)
			}
		case strings.HasPrefix(a.title, "Berkshire"):
			if len(b.Takeaways) != 4 || !strings.HasPrefix(b.Takeaways[0], "Cash now exceeds $400 billion") {
				t.Errorf("Berkshire takeaways = %q", b.Takeaways)
			}
		case strings.HasPrefix(a.title, "8-K"):
			for _, f := range b.Figures {
				t.Errorf("filing notice has figure %+v", f)
			}
		}
	}
}

// TestCardLaterSampleArticles checks, on every builtin sample article,
// that what a fetch leaves for the card (LeaveForCard) comes out of
// Complete as Process finds it. The sample has articles with their own
// summary and takeaways and articles whose are generated, and figures in
// both.
func TestCardLaterSampleArticles(t *testing.T) {
	e := New(nil)
	figures, generated := 0, 0
	for _, a := range sampleArticles(t) {
		in := Input{Title: a.title, Markdown: a.md}
		r := e.Process(in)
		figures += len(r.Briefing.Figures)
		if r.Briefing.SummaryGenerated && r.Briefing.TakeawaysGenerated {
			generated++
		}
		checkCardLater(t, e, in, r)
	}
	if figures < 20 || generated < 2 {
		t.Errorf("the sample has %d figures in all and %d articles with a generated summary and takeaways: too few to compare", figures, generated)
	}
}
