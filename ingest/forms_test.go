package ingest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"brief/extract"
	"brief/feed"
)

// TestOneArticleEveryForm feeds one briefing through the real parsing and
// ingest as each form a feed may deliver it in: RSS with an HTML
// description, Atom with HTML content, JSON Feed with content_html, and
// RSS with a plain-text description. A reader must see the same card
// whichever form the feed chose.
func TestOneArticleEveryForm(t *testing.T) {
	forms := []struct{ file, contentType string }{
		{"html.rss", "application/rss+xml"},
		{"html.atom", "application/atom+xml"},
		{"html.json", "application/feed+json"},
		{"text.rss", "application/rss+xml"},
	}
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	ex := extract.New(nil)
	briefs := make([]extract.Briefing, len(forms))
	for i, f := range forms {
		body, err := os.ReadFile(filepath.Join("testdata", "forms", f.file))
		if err != nil {
			t.Fatal(err)
		}
		p, err := feed.Parse(body, f.contentType, now)
		if err != nil {
			t.Fatalf("%s: %v", f.file, err)
		}
		if len(p.Items) != 1 {
			t.Fatalf("%s: %d items, want 1", f.file, len(p.Items))
		}
		a := Article(p.Items[0], p.SiteLink, ex)
		if err := json.Unmarshal(a.Briefing, &briefs[i]); err != nil {
			t.Fatalf("%s: stored briefing is not JSON: %v", f.file, err)
		}
	}
	want := briefs[0]
	if want.SummaryGenerated || len(want.Summary) != 4 || want.TakeawaysGenerated || len(want.Takeaways) != 4 {
		t.Fatalf("%s: want the article's own four summary bullets and four takeaways, got %+v", forms[0].file, want)
	}
	for i, f := range forms[1:] {
		got := briefs[i+1]
		if !reflect.DeepEqual(got.Summary, want.Summary) || got.SummaryGenerated != want.SummaryGenerated {
			t.Errorf("%s: summary differs from %s:\n got %q\nwant %q", f.file, forms[0].file, got.Summary, want.Summary)
		}
		if !reflect.DeepEqual(got.Takeaways, want.Takeaways) || got.TakeawaysGenerated != want.TakeawaysGenerated {
			t.Errorf("%s: takeaways differ from %s:\n got %q\nwant %q", f.file, forms[0].file, got.Takeaways, want.Takeaways)
		}
		if !reflect.DeepEqual(got.Tickers, want.Tickers) {
			t.Errorf("%s: tickers differ from %s:\n got %+v\nwant %+v", f.file, forms[0].file, got.Tickers, want.Tickers)
		}
		if !reflect.DeepEqual(got.Figures, want.Figures) {
			t.Errorf("%s: figures differ from %s:\n got %+v\nwant %+v", f.file, forms[0].file, got.Figures, want.Figures)
		}
	}
}
