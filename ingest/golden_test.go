package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"brief/extract"
	"brief/feed"
	"brief/store"
)

var update = flag.Bool("update", false, "rewrite the golden briefings in testdata/sample-briefings.json")

// TestSampleBriefingsGolden pins the briefing of every built-in sample
// article: summary, takeaways, tickers and figures. The golden file was
// read through by hand; when extraction changes on purpose, rerun with
// -update and read the diff.
func TestSampleBriefingsGolden(t *testing.T) {
	type entry struct {
		Title    string           `json:"title"`
		Briefing extract.Briefing `json:"briefing"`
	}
	var got []entry
	for _, a := range sampleArticles(t) {
		var stored extract.Briefing
		if err := json.Unmarshal(a.Briefing, &stored); err != nil {
			t.Fatalf("%s: stored briefing is not JSON: %v", a.Title, err)
		}
		if stored.Figures != nil || stored.SummaryGenerated || stored.TakeawaysGenerated {
			t.Errorf("%s: the fetch stored %s; it leaves the figures and a generated summary or takeaways to the first showing", a.Title, a.Briefing)
		}
		// The briefing as shown: what the fetch left to the card worked
		// out from what the store keeps, which must be what extracting it
		// all at fetch found (the golden file holds that).
		b, ok := Briefing(a)
		if !ok {
			t.Fatalf("%s: no briefing", a.Title)
		}
		got = append(got, entry{Title: a.Title, Briefing: b})
	}
	data, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	data = append(data, '\n')
	path := filepath.Join("testdata", "sample-briefings.json")
	if *update {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(data, want) {
		var w []entry
		json.Unmarshal(want, &w)
		for i := range max(len(w), len(got)) {
			switch {
			case i >= len(w):
				t.Errorf("new article %q", got[i].Title)
			case i >= len(got):
				t.Errorf("missing article %q", w[i].Title)
			default:
				g, _ := json.Marshal(got[i])
				e, _ := json.Marshal(w[i])
				if !bytes.Equal(g, e) {
					t.Errorf("briefing of %q changed:\n got %s\nwant %s", got[i].Title, g, e)
				}
			}
		}
	}
	// Facts that must hold whatever the golden file says.
	briefs := map[string]extract.Briefing{}
	for _, e := range got {
		briefs[e.Title] = e.Briefing
	}
	for title, b := range briefs {
		// A figure says what it measures, and says it once.
		texts := map[string]bool{}
		for _, f := range b.Figures {
			if f.Context == f.Text || !strings.Contains(f.Context, f.Text) {
				t.Errorf("%s: figure %q has context %q", title, f.Text, f.Context)
			}
			if texts[f.Text] {
				t.Errorf("%s: figure %q appears twice", title, f.Text)
			}
			texts[f.Text] = true
		}
		if regexp.MustCompile(`Alibaba Cloud Revenue`).MatchString(title) {
			if b.SummaryGenerated || len(b.Summary) < 3 || len(b.Takeaways) < 3 || b.TakeawaysGenerated {
				t.Errorf("Alibaba briefing should use the article's own blocks: %+v", b)
			}
			if len(b.Tickers) == 0 || b.Tickers[0].Symbol != "BABA" || !b.Tickers[0].Primary {
				t.Errorf("Alibaba briefing should lead with BABA: %+v", b.Tickers)
			}
		}
	}
}

// sampleArticles converts the built-in sample's items as a fetch does and
// returns them as the store would give them back.
func sampleArticles(tb testing.TB) []store.Article {
	tb.Helper()
	f := feed.NewFetcher(feed.Options{Offline: true})
	res := f.Fetch(context.Background(), feed.Request{URL: "builtin:sample"})
	if res.Err != nil {
		tb.Fatal(res.Err)
	}
	ex := extract.New(nil)
	var arts []store.Article
	for _, it := range res.Items {
		a := Article(it, res.SiteLink, ex)
		arts = append(arts, store.Article{Title: a.Title, Link: a.Link, HTML: a.HTML, Markdown: a.Markdown, Briefing: a.Briefing})
	}
	return arts
}
