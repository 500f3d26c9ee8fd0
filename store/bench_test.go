package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// vocab feeds the generated bodies: common English words first, then
// finance terms, then made-up words, drawn with a Zipf distribution so the
// search index sees a realistic spread of frequent and rare terms.
var vocab = func() []string {
	v := strings.Fields(`the of and to a in that is for on it with as was at by from has
		have be are said its this an will not but were which or after more than year percent
		market shares stock index bond yield rate inflation bank earnings revenue profit
		guidance quarter growth forecast analyst upgrade downgrade dividend buyback merger
		acquisition deal regulator antitrust trade export import currency dollar yuan euro yen
		oil crude gas gold silver lithium battery cloud retail consumer demand supply chain
		factory output property developer debt default bondholder restructuring investor fund
		hedge pension volatility rally selloff slump surge record high low session close open
		futures options treasury curve spread credit`)
	syl := strings.Fields("ka to mi ra su ne lo pi ze va qu is an or el ur ba de fi go hu jo")
	for i := 0; len(v) < 20000; i++ {
		w := ""
		for n := i + 1; n > 0; n /= len(syl) {
			w += syl[n%len(syl)]
		}
		v = append(v, w)
		switch len(v) { // a few rarer words the search benchmark looks for
		case 400:
			v = append(v, "copper")
		case 900:
			v = append(v, "tariff")
		case 1500:
			v = append(v, "semiconductor", "semiconductors")
		}
	}
	return v
}()

// body returns about size bytes of text drawn from vocab.
func body(r *rand.Rand, size int) string {
	z := rand.NewZipf(r, 1.1, 2, uint64(len(vocab)-1))
	var b strings.Builder
	b.Grow(size + 16)
	for b.Len() < size {
		if b.Len() > 0 {
			if r.IntN(15) == 0 {
				b.WriteString(".\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(vocab[z.Uint64()])
	}
	return b.String()
}

var symbols = []string{"BABA", "JD", "PDD", "TCEHY", "NIO", "BIDU", "AAPL", "MSFT", "NVDA", "TSLA", "9988", "0700"}

// genArticles makes n articles with keys prefix0..prefixN and bodies of
// about bodySize bytes (markdown, and HTML of the same text).
func genArticles(r *rand.Rand, prefix string, n, bodySize int, newest time.Time) []NewArticle {
	arts := make([]NewArticle, n)
	for i := range arts {
		md := body(r, bodySize)
		arts[i] = NewArticle{
			GUIDKey:   fmt.Sprintf("%s%d", prefix, i),
			Link:      fmt.Sprintf("https://news.example/%s/%d?id=%d", prefix, i, r.Int()),
			Title:     body(r, 60),
			Author:    "Desk",
			Published: newest.Add(-time.Duration(i) * time.Minute),
			HTML:      "<article><p>" + md + "</p></article>",
			Markdown:  md,
			Tickers: []Ticker{
				{Symbol: symbols[r.IntN(len(symbols))], Mentions: 1 + r.IntN(5), Primary: true, Signal: "cashtag"},
				{Symbol: symbols[r.IntN(len(symbols))], Mentions: 1 + r.IntN(3), Signal: "name"},
			},
			Briefing:         []byte(`{"summary":"` + md[:min(len(md), 200)] + `"}`),
			ExtractorVersion: 1,
		}
	}
	return arts
}

// BenchmarkSaveFetch saves one fetch of 50 new articles with ~5 KB bodies.
func BenchmarkSaveFetch(b *testing.B) {
	ctx := context.Background()
	s := openAt(b, filepath.Join(b.TempDir(), "brief.db"))
	f := mustFeed(b, s, "https://news.example/rss", "News")
	r := rand.New(rand.NewPCG(1, 2))
	batches := make([][]NewArticle, 0, 64)
	i := 0
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		if i == len(batches) {
			batches = append(batches, genArticles(r, fmt.Sprintf("i%d-", i), 50, 5000, base))
		}
		arts := batches[i]
		i++
		b.StartTimer()
		start := cpuTime()
		st, err := s.SaveFetch(ctx, f.ID, FetchOK{At: base}, arts)
		cpu += cpuTime() - start
		if err != nil || st.New != 50 {
			b.Fatal(st, err)
		}
	}
	b.ReportMetric(float64(cpu.Microseconds())/float64(b.N)/1000, "cpu-ms/op")
}

// cpuTime is the process's user+system CPU time. The benchmarks report it
// beside wall time because on a shared machine the disk and the other
// processes make wall time noisy.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkSaveFetchUnchanged re-saves a fetch of 50 known articles, the
// common case of a feed polled again.
func BenchmarkSaveFetchUnchanged(b *testing.B) {
	ctx := context.Background()
	s := openAt(b, filepath.Join(b.TempDir(), "brief.db"))
	f := mustFeed(b, s, "https://news.example/rss", "News")
	arts := genArticles(rand.New(rand.NewPCG(1, 2)), "u", 50, 5000, base)
	mustSave(b, s, f.ID, arts...)
	for b.Loop() {
		st, err := s.SaveFetch(ctx, f.ID, FetchOK{At: base}, arts)
		if err != nil || st != (SaveStats{}) {
			b.Fatal(st, err)
		}
	}
}

// BenchmarkIngest10k saves 10,000 articles as 200 fetches of 50 across 20
// feeds, a first fetch of a big subscription list, with bodies (markdown,
// and HTML of the same size) of about 1 KB, a typical feed summary, and
// 5 KB, a full article.
func BenchmarkIngest10k(b *testing.B) {
	for _, size := range []int{1000, 5000} {
		b.Run(fmt.Sprintf("body=%dKB", size/1000), func(b *testing.B) { benchIngest(b, size) })
	}
}

// BenchmarkIngest10kBatched is BenchmarkIngest10k saved the way a fetch
// saves, several feeds per SaveFetches call (one transaction): ten feeds
// (500 articles) is what the ingest writer gathers, forty a larger batch.
func BenchmarkIngest10kBatched(b *testing.B) {
	for _, feeds := range []int{10, 40} {
		for _, size := range []int{1000, 5000} {
			b.Run(fmt.Sprintf("feeds=%d/body=%dKB", feeds, size/1000), func(b *testing.B) { benchIngestBatched(b, size, feeds) })
		}
	}
}

func benchIngestBatched(b *testing.B, bodySize, perCall int) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(3, 4))
	batches := make([][]NewArticle, 200)
	for i := range batches {
		batches[i] = genArticles(r, fmt.Sprintf("f%d-", i), 50, bodySize, base)
	}
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		s, err := Open(ctx, filepath.Join(b.TempDir(), "brief.db"))
		if err != nil {
			b.Fatal(err)
		}
		var feeds []Feed
		for i := range 20 {
			feeds = append(feeds, mustFeed(b, s, fmt.Sprintf("https://news%d.example/rss", i), ""))
		}
		b.StartTimer()
		start := cpuTime()
		for lo := 0; lo < len(batches); lo += perCall {
			var saves []FeedSave
			for i := lo; i < min(lo+perCall, len(batches)); i++ {
				saves = append(saves, FeedSave{FeedID: feeds[i%len(feeds)].ID, OK: FetchOK{At: base}, Articles: batches[i]})
			}
			for _, res := range s.SaveFetches(ctx, saves) {
				if res.Err != nil {
					b.Fatal(res.Err)
				}
			}
		}
		cpu += cpuTime() - start
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/10000, "µs/article")
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
}

// benchIngest saves one feed per call, as SaveFetch does.
func benchIngest(b *testing.B, bodySize int) { benchIngestBatched(b, bodySize, 1) }

// bulkLoad fills s with n articles spread over 50 feeds, a quarter of them
// unread, with short bodies and two tickers each. It inserts with plain SQL
// and indexes them for search in one statement per chunk, far faster than
// n SaveFetch calls.
func bulkLoad(tb testing.TB, s *Store, n int) {
	tb.Helper()
	for i := range 50 {
		mustFeed(tb, s, fmt.Sprintf("https://bulk%d.example/rss", i), fmt.Sprintf("Bulk %d", i))
	}
	const chunk = 20000
	for lo := 0; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		_, err := s.w.Exec(`
			WITH RECURSIVE seq(i) AS (SELECT ?1 UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < ?2)
			INSERT INTO articles (feed_id, guid_key, link, title, published, fetched, markdown, read, extractor_version)
			SELECT 1 + i % 50, 'bulk' || i, 'https://bulk.example/' || i,
				'Headline ' || i || ' on ' || (CASE i % 4 WHEN 0 THEN 'copper' WHEN 1 THEN 'earnings' WHEN 2 THEN 'yuan' ELSE 'chips' END),
				?3 - i * 60000, ?3, 'Body of article ' || i || ' about markets, rates and the dollar.',
				i % 4 <> 0, 1
			FROM seq;
			INSERT INTO article_tickers (article_id, symbol, mentions, is_primary, published)
			SELECT id, CASE id % 5 WHEN 0 THEN 'BABA' WHEN 1 THEN 'JD' WHEN 2 THEN 'NVDA' WHEN 3 THEN 'AAPL' ELSE 'TSLA' END,
				2, 1, published FROM articles WHERE id > ?1;
			INSERT INTO article_tickers (article_id, symbol, mentions, is_primary, published)
			SELECT id, 'SPY', 1, 0, published FROM articles WHERE id > ?1 AND id % 3 = 0;
			INSERT INTO articles_fts (rowid, title, markdown) SELECT id, title, markdown FROM articles WHERE id > ?1`,
			lo, hi, toMS(base))
		if err != nil {
			tb.Fatal(err)
		}
	}
	// One article in ten is a second copy of the story before it, as
	// when a wire story reaches two feeds.
	if _, err := s.w.Exec(`UPDATE articles SET story_keyed = 1;
		UPDATE articles SET story = id - 1 WHERE id % 10 = 0`); err != nil {
		tb.Fatal(err)
	}
	if _, err := s.w.Exec(`PRAGMA optimize`); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkListUnread50 lists the first page of unread articles in a
// 100,000-article database: the reader's opening screen.
func BenchmarkListUnread50(b *testing.B) {
	ctx := context.Background()
	s := openAt(b, filepath.Join(b.TempDir(), "brief.db"))
	bulkLoad(b, s, 100_000)
	for b.Loop() {
		arts, err := s.List(ctx, Query{Unread: true, Limit: 50})
		if err != nil || len(arts) != 50 {
			b.Fatal(len(arts), err)
		}
	}
}

// BenchmarkListPages covers the other list views on the same database.
func BenchmarkListPages(b *testing.B) {
	ctx := context.Background()
	s := openAt(b, filepath.Join(b.TempDir(), "brief.db"))
	bulkLoad(b, s, 100_000)
	for _, c := range []struct {
		name string
		q    Query
	}{
		{"All50", Query{Limit: 50}},
		{"Feed50", Query{Feed: "Bulk 7", Limit: 50}},
		{"Ticker50", Query{Ticker: "BABA", Limit: 50}},
		// A watchlist of three, two of them in 40% of the articles, one
		// in none.
		{"Watchlist50", Query{AnyTicker: []string{"BABA", "NVDA", "XXX"}, Limit: 50}},
		{"CountWatchlist", Query{AnyTicker: []string{"BABA", "NVDA", "XXX"}}},
		{"UnreadOffset5000", Query{Unread: true, Limit: 50, Offset: 5000}},
		{"CountUnread", Query{Unread: true}},
		{"Copies50", Query{Copies: true, Limit: 50}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				var err error
				if c.q.Limit == 0 {
					_, err = s.Count(ctx, c.q)
				} else {
					_, err = s.List(ctx, c.q)
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	for _, c := range []struct {
		name  string
		since time.Duration
	}{{"Stories24h", 24 * time.Hour}, {"Stories7d", 7 * 24 * time.Hour}, {"StoriesAll", 0}} {
		b.Run(c.name, func(b *testing.B) {
			since := time.Time{}
			if c.since > 0 {
				since = base.Add(-c.since)
			}
			for b.Loop() {
				if st, err := s.Stories(ctx, since, 50, 0); err != nil || len(st) != 50 {
					b.Fatal(len(st), err)
				}
			}
		})
	}
	b.Run("Search25kMatches", func(b *testing.B) {
		for b.Loop() {
			if arts, err := s.Search(ctx, "copper", 50); err != nil || len(arts) != 50 {
				b.Fatal(len(arts), err)
			}
		}
	})
	b.Run("Feeds", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.Feeds(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkSearch runs a two-word search over 10,000 articles with ~5 KB
// bodies (the size of a few weeks of a busy subscription list).
func BenchmarkSearch(b *testing.B) {
	ctx := context.Background()
	s := openAt(b, filepath.Join(b.TempDir(), "brief.db"))
	f := mustFeed(b, s, "https://news.example/rss", "News")
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 200 {
		mustSave(b, s, f.ID, genArticles(r, fmt.Sprintf("s%d-", i), 50, 5000, base.Add(-time.Duration(i)*time.Hour))...)
	}
	for _, q := range []string{"copper tariff", "semicond*"} {
		b.Run(strings.TrimSuffix(strings.Fields(q)[0], "*"), func(b *testing.B) {
			for b.Loop() {
				arts, err := s.Search(ctx, q, 50)
				if err != nil || len(arts) == 0 {
					b.Fatal(len(arts), err)
				}
			}
		})
	}
}

// BenchmarkSearchPages pages through searches of the 100,000-article
// database the reader would: a word in a quarter of the titles (25,000
// text matches), a symbol named by a fifth of the articles and never
// written in their text (20,000 ticker-only matches), and the two
// together (5,000), by relevance and by date, with the counts the reader
// shows beside them.
func BenchmarkSearchPages(b *testing.B) {
	ctx := context.Background()
	s := openAt(b, filepath.Join(b.TempDir(), "brief.db"))
	bulkLoad(b, s, 100_000)
	for _, c := range []struct {
		name string
		q    SearchQuery
	}{
		{"Word/Page300", SearchQuery{Text: "copper", Limit: 300}},
		{"Word/Page300Offset6000", SearchQuery{Text: "copper", Limit: 300, Offset: 6000}},
		{"Word/ByDate300", SearchQuery{Text: "copper", ByDate: true, Limit: 300}},
		{"Word/Count", SearchQuery{Text: "copper"}},
		{"Ticker/Page300", SearchQuery{Text: "BABA", Limit: 300}},
		{"Ticker/ByDate300", SearchQuery{Text: "BABA", ByDate: true, Limit: 300}},
		{"Ticker/Count", SearchQuery{Text: "BABA"}},
		{"WordTicker/Page300", SearchQuery{Text: "baba copper", Limit: 300}},
		{"WordTicker/Count", SearchQuery{Text: "baba copper"}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if c.q.Limit == 0 {
					if n, err := s.SearchCount(ctx, c.q.Text); err != nil || n == 0 {
						b.Fatal(n, err)
					}
				} else if arts, err := s.SearchPage(ctx, c.q); err != nil || len(arts) != c.q.Limit {
					b.Fatal(len(arts), err)
				}
			}
		})
	}
}

// BenchmarkEnsureFeedsKnown200 is what every fetch of 200 subscriptions
// asks the store before its first request: the list, unchanged since the
// last fetch, each feed with 50 articles.
func BenchmarkEnsureFeedsKnown200(b *testing.B) {
	ctx := context.Background()
	s := openTest(b)
	specs := make([]FeedSpec, 200)
	for i := range specs {
		specs[i] = FeedSpec{URL: fmt.Sprintf("https://h%d.example/feed/%d.xml", i%20, i)}
	}
	feeds, err := s.EnsureFeeds(ctx, specs)
	if err != nil {
		b.Fatal(err)
	}
	for i, f := range feeds {
		arts := make([]NewArticle, 50)
		for j := range arts {
			arts[j] = art(fmt.Sprintf("f%d-%d", i, j), fmt.Sprintf("Story %d of feed %d", j, i), j)
		}
		mustSave(b, s, f.ID, arts...)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.EnsureFeeds(ctx, specs); err != nil {
			b.Fatal(err)
		}
	}
}
