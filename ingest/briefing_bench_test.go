package ingest

import (
	"context"
	"testing"

	"brief/extract"
	"brief/feed"
	"brief/store"
)

// BenchmarkBriefingShown is what showing an article adds for what a fetch
// leaves to the card (Briefing on a briefing stored without it: figures,
// and a generated summary and takeaways where the article has none), over
// the built-in sample's articles.
func BenchmarkBriefingShown(b *testing.B) {
	f := feed.NewFetcher(feed.Options{Offline: true})
	res := f.Fetch(context.Background(), feed.Request{URL: "builtin:sample"})
	if res.Err != nil {
		b.Fatal(res.Err)
	}
	ex := extract.New(nil)
	var arts []store.Article
	for _, it := range res.Items {
		a := Article(it, res.SiteLink, ex)
		arts = append(arts, store.Article{Title: a.Title, Link: a.Link, HTML: a.HTML, Markdown: a.Markdown, Briefing: a.Briefing})
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if br, ok := Briefing(arts[i%len(arts)]); !ok || br.Figures == nil {
			b.Fatal("no figures worked out")
		}
	}
}
