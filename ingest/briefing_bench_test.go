package ingest

import (
	"testing"
)

// BenchmarkBriefingShown is what showing an article adds for what a fetch
// leaves to the card (Briefing on a briefing stored without it: figures,
// and a generated summary and takeaways where the article has none), over
// the built-in sample's articles.
func BenchmarkBriefingShown(b *testing.B) {
	arts := sampleArticles(b)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if br, ok := Briefing(arts[i%len(arts)]); !ok || br.Figures == nil {
			b.Fatal("no figures worked out")
		}
	}
}
