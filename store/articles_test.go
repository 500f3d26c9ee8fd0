package store

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"testing"
	"time"
)

func TestSaveFetchKeepsReadAndStarred(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://example.com/feed", "Example")

	st := mustSave(t, s, f.ID, art("a", "Alpha", 3, "BABA"), art("b", "Bravo", 2), art("c", "Charlie", 1))
	if st != (SaveStats{New: 3}) {
		t.Fatalf("first save: %+v, want 3 new", st)
	}
	before := byGUID(t, s, Query{})
	if err := s.SetRead(ctx, true, before["a"].ID, before["b"].ID); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStarred(ctx, before["a"].ID, true); err != nil {
		t.Fatal(err)
	}

	// The same feed again, later: one article edited, one unchanged, one new.
	edited := art("a", "Alpha (updated)", 3, "BABA", "JD")
	edited.Published = base.Add(-time.Minute) // feeds do move dates about
	later := FetchOK{At: base.Add(5 * time.Hour)}
	st, err := s.SaveFetch(ctx, f.ID, later, []NewArticle{edited, art("b", "Bravo", 2), art("d", "Delta", 0)})
	if err != nil {
		t.Fatal(err)
	}
	if st != (SaveStats{New: 1, Updated: 1}) {
		t.Errorf("second save: %+v, want 1 new, 1 updated", st)
	}

	after := byGUID(t, s, Query{})
	a := after["a"]
	if a.ID != before["a"].ID || !a.Read || !a.Starred || !after["b"].Read || after["c"].Read {
		t.Errorf("read/starred state changed by re-fetch: a=%+v b.read=%v c.read=%v", a, after["b"].Read, after["c"].Read)
	}
	if a.Title != "Alpha (updated)" || !slices.Equal(a.Tickers, []string{"BABA", "JD"}) {
		t.Errorf("update not applied: title %q tickers %v", a.Title, a.Tickers)
	}
	if !a.Fetched.Equal(before["a"].Fetched) || !a.Published.Equal(before["a"].Published) {
		t.Errorf("fetched/published moved: %v/%v, was %v/%v", a.Fetched, a.Published, before["a"].Fetched, before["a"].Published)
	}
	if !after["d"].Fetched.Equal(later.At) {
		t.Errorf("new article fetched = %v, want %v", after["d"].Fetched, later.At)
	}

	// Saving identical content writes nothing.
	st, err = s.SaveFetch(ctx, f.ID, later, []NewArticle{edited, art("b", "Bravo", 2)})
	if err != nil {
		t.Fatal(err)
	}
	if st != (SaveStats{}) {
		t.Errorf("identical save: %+v, want nothing changed", st)
	}
	if n, _ := s.Count(ctx, Query{}); n != 4 {
		t.Errorf("Count = %d, want 4", n)
	}
}

func TestSaveFetchDuplicateGUIDInBatch(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://example.com/feed", "")
	st := mustSave(t, s, f.ID, art("dup", "First copy", 2), art("dup", "Second copy", 1), art("other", "Other", 1))
	if st != (SaveStats{New: 2}) {
		t.Errorf("stats %+v, want 2 new", st)
	}
	arts, err := s.List(ctx, Query{})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 2 || byGUID(t, s, Query{})["dup"].Title != "First copy" {
		t.Errorf("got %s, want the first copy of dup and other", guids(arts))
	}
}

func TestSaveFetchFillsMissingKeysAndDates(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://example.com/feed", "")
	at := base.Add(time.Hour)
	noKey := NewArticle{Link: "https://example.com/x", Title: "No GUID"}
	noKeyNoLink := NewArticle{Title: "Bare"}
	future := NewArticle{GUIDKey: "future", Title: "From the future", Published: base.AddDate(5, 0, 0)}
	if _, err := s.SaveFetch(ctx, f.ID, FetchOK{At: at}, []NewArticle{noKey, noKeyNoLink, future}); err != nil {
		t.Fatal(err)
	}
	got := byGUID(t, s, Query{})
	if _, ok := got["https://example.com/x"]; !ok || len(got) != 3 {
		t.Errorf("keys = %v; want the link as key for an article without GUID", got)
	}
	for k, a := range got {
		if !a.Published.Equal(at) {
			t.Errorf("%s: published %v, want the fetch time %v", k, a.Published, at)
		}
	}
}

func TestSaveFetchValidatorsAndHealth(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	url := "https://example.com/feed"
	f := mustFeed(t, s, url, "")

	if err := s.RecordFailure(ctx, f.ID, "HTTP 503", false, base); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordFailure(ctx, f.ID, "HTTP 410 Gone", true, base.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	got, _ := s.FeedByURL(ctx, url)
	if got.Failures != 2 || got.LastError != "HTTP 410 Gone" || !got.Gone || !got.LastFetch.Equal(base.Add(time.Minute)) || !got.LastSuccess.IsZero() {
		t.Errorf("after two failures: %+v", got)
	}

	ok := FetchOK{Title: "Feed's own title", SiteLink: "https://example.com", ETag: `"v1"`, LastModified: "Mon, 10 Mar 2025 12:00:00 GMT", At: base.Add(time.Hour)}
	if _, err := s.SaveFetch(ctx, f.ID, ok, nil); err != nil {
		t.Fatal(err)
	}
	got, _ = s.FeedByURL(ctx, url)
	if got.Failures != 0 || got.LastError != "" || got.Gone || got.ETag != `"v1"` || got.Title != "Feed's own title" ||
		got.SiteLink != "https://example.com" || !got.LastSuccess.Equal(ok.At) {
		t.Errorf("after success: %+v", got)
	}

	// 304 without validators keeps the old ones.
	if _, err := s.SaveFetch(ctx, f.ID, FetchOK{NotModified: true, At: base.Add(2 * time.Hour)}, nil); err != nil {
		t.Fatal(err)
	}
	got, _ = s.FeedByURL(ctx, url)
	if got.ETag != `"v1"` || got.LastModified == "" || got.Title != "Feed's own title" {
		t.Errorf("304 lost validators or title: %+v", got)
	}
	// A full answer without validators clears them: the server stopped sending them.
	if _, err := s.SaveFetch(ctx, f.ID, FetchOK{At: base.Add(3 * time.Hour)}, nil); err != nil {
		t.Fatal(err)
	}
	got, _ = s.FeedByURL(ctx, url)
	if got.ETag != "" || got.LastModified != "" {
		t.Errorf("200 without validators kept old ones: %+v", got)
	}

	if err := s.RecordFailure(ctx, 9999, "x", false, base); !errors.Is(err, ErrNotFound) {
		t.Errorf("RecordFailure on unknown feed: %v, want ErrNotFound", err)
	}
	if _, err := s.SaveFetch(ctx, 9999, ok, nil); !errors.Is(err, ErrNotFound) {
		t.Errorf("SaveFetch on unknown feed: %v, want ErrNotFound", err)
	}
}

func TestEnsureFeed(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://b.example/feed", "Bravo Daily", "macro")
	again := mustFeed(t, s, "https://b.example/feed", "", "macro", "asia")
	if again.ID != f.ID || again.Title != "Bravo Daily" || !slices.Equal(again.Tags, []string{"macro", "asia"}) {
		t.Errorf("EnsureFeed with empty title: %+v", again)
	}
	renamed := mustFeed(t, s, "https://b.example/feed", "Bravo", "macro", "asia")
	if renamed.Title != "Bravo" {
		t.Errorf("title not updated: %+v", renamed)
	}
	// The user's title wins over the one the feed gives itself.
	if _, err := s.SaveFetch(ctx, f.ID, FetchOK{Title: "BRAVO NEWS RSS", At: base}, nil); err != nil {
		t.Fatal(err)
	}
	mustFeed(t, s, "https://a.example/feed", "alpha")
	untitled := mustFeed(t, s, "https://c.example/feed", "")
	if _, err := s.SaveFetch(ctx, untitled.ID, FetchOK{Title: "Charlie", At: base}, nil); err != nil {
		t.Fatal(err)
	}

	feeds, err := s.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, f := range feeds {
		titles = append(titles, f.Title)
	}
	if !slices.Equal(titles, []string{"alpha", "Bravo", "Charlie"}) {
		t.Errorf("Feeds titles = %q, want alpha, Bravo, Charlie in that order", titles)
	}
	if _, err := s.FeedByURL(ctx, "https://nowhere.example/"); !errors.Is(err, ErrNotFound) {
		t.Errorf("FeedByURL of unknown URL: %v", err)
	}
	if _, err := s.EnsureFeed(ctx, "", "x", nil); err == nil {
		t.Error("EnsureFeed accepted an empty URL")
	}
}

// seedQueryFixture makes two feeds with articles an hour apart:
//
//	alpha (Alpha Markets): a1 (BABA, 5h ago) a2 (JD, 4h) a3 (BABA+JD, 2h)
//	bravo (Bravo):         b1 (3h) b2 (BABA, 1h)
func seedQueryFixture(t *testing.T, s *Store) (alpha, bravo Feed) {
	alpha = mustFeed(t, s, "https://alpha.example/rss", "Alpha Markets")
	bravo = mustFeed(t, s, "https://bravo.example/rss", "Bravo")
	mustSave(t, s, alpha.ID, art("a1", "A one", 5, "BABA"), art("a2", "A two", 4, "JD"), art("a3", "A three", 2, "JD", "BABA"))
	mustSave(t, s, bravo.ID, art("b1", "B one", 3), art("b2", "B two", 1, "BABA"))
	return alpha, bravo
}

func TestListQueries(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	alpha, _ := seedQueryFixture(t, s)
	all := byGUID(t, s, Query{})
	if err := s.SetRead(ctx, true, all["a3"].ID, all["b1"].ID); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStarred(ctx, all["a1"].ID, true); err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name string
		q    Query
		want string
	}{
		{"all, newest first", Query{}, "b2,a3,b1,a2,a1"},
		{"feed by URL", Query{Feed: "https://alpha.example/rss"}, "a3,a2,a1"},
		{"feed by title, any case", Query{Feed: "alpha markets"}, "a3,a2,a1"},
		{"feed by id", Query{Feed: itoa(alpha.ID)}, "a3,a2,a1"},
		{"ticker", Query{Ticker: "BABA"}, "b2,a3,a1"},
		{"ticker, any case", Query{Ticker: "baba"}, "b2,a3,a1"},
		{"ticker in one feed", Query{Ticker: "BABA", Feed: "Bravo"}, "b2"},
		{"unread", Query{Unread: true}, "b2,a2,a1"},
		{"unread ticker", Query{Unread: true, Ticker: "JD"}, "a2"},
		{"unread in feed", Query{Unread: true, Feed: "Alpha Markets"}, "a2,a1"},
		{"starred", Query{Starred: true}, "a1"},
		{"since", Query{Since: base.Add(-3 * time.Hour)}, "b2,a3,b1"},
		{"since, ticker", Query{Since: base.Add(-3 * time.Hour), Ticker: "BABA"}, "b2,a3"},
		{"limit", Query{Limit: 2}, "b2,a3"},
		{"limit and offset", Query{Limit: 2, Offset: 2}, "b1,a2"},
		{"offset only", Query{Offset: 4}, "a1"},
		{"unknown ticker", Query{Ticker: "NOPE"}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			arts, err := s.List(ctx, c.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := guids(arts); got != c.want {
				t.Errorf("List = %q, want %q", got, c.want)
			}
			n, err := s.Count(ctx, c.q)
			if err != nil {
				t.Fatal(err)
			}
			unpaged := c.q
			unpaged.Limit, unpaged.Offset = 0, 0
			full, _ := s.List(ctx, unpaged)
			if n != len(full) {
				t.Errorf("Count = %d, want %d", n, len(full))
			}
		})
	}

	// List rows carry what the list view needs and no bodies.
	row := byGUID(t, s, Query{})["a3"]
	if row.FeedTitle != "Alpha Markets" || row.FeedURL != alpha.URL || row.HTML != "" || row.Markdown != "" ||
		!slices.Equal(row.Tickers, []string{"JD", "BABA"}) || string(row.Briefing) != `{"summary":"a3"}` {
		t.Errorf("list row = %+v", row)
	}

	if _, err := s.List(ctx, Query{Feed: "no such feed"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("List of unknown feed: %v, want ErrNotFound", err)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestArticleAndTickers(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://example.com/feed", "Example")
	a := art("x", "Alibaba and JD report", 1)
	a.Tickers = []Ticker{
		{Symbol: "JD", Exchange: "NASDAQ", Mentions: 5},
		{Symbol: "BABA", Exchange: "NYSE", Name: "Alibaba", Mentions: 2, Signal: "cashtag", Primary: true},
		{Symbol: "baba", Mentions: 1}, // same symbol, merged
		{Symbol: "  ", Mentions: 3},   // dropped
		{Symbol: "9988", Exchange: "HKEX", Mentions: 5},
	}
	mustSave(t, s, f.ID, a)
	id := byGUID(t, s, Query{})["x"].ID

	got, err := s.Article(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got.HTML != a.HTML || got.Markdown != a.Markdown || got.FeedTitle != "Example" || got.Link != a.Link ||
		!got.Published.Equal(a.Published) || !slices.Equal(got.Tickers, []string{"BABA", "9988", "JD"}) {
		t.Errorf("Article = %+v", got)
	}
	ts, err := s.ArticleTickers(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	want := []Ticker{
		{Symbol: "BABA", Exchange: "NYSE", Name: "Alibaba", Mentions: 3, Signal: "cashtag", Primary: true},
		{Symbol: "9988", Exchange: "HKEX", Mentions: 5},
		{Symbol: "JD", Exchange: "NASDAQ", Mentions: 5},
	}
	if !slices.Equal(ts, want) {
		t.Errorf("ArticleTickers = %+v\nwant %+v", ts, want)
	}

	if _, err := s.Article(ctx, id+100); !errors.Is(err, ErrNotFound) {
		t.Errorf("Article(unknown) = %v, want ErrNotFound", err)
	}
	if err := s.SetStarred(ctx, id+100, true); !errors.Is(err, ErrNotFound) {
		t.Errorf("SetStarred(unknown) = %v, want ErrNotFound", err)
	}
}

func TestMarkRead(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	seedQueryFixture(t, s)
	n, err := s.MarkRead(ctx, Query{Feed: "Alpha Markets"}, true)
	if err != nil || n != 3 {
		t.Fatalf("MarkRead(feed) = %d, %v; want 3", n, err)
	}
	if got := guids(mustList(t, s, Query{Unread: true})); got != "b2,b1" {
		t.Errorf("unread after marking alpha read: %q", got)
	}
	n, err = s.MarkRead(ctx, Query{Ticker: "BABA"}, false)
	if err != nil || n != 2 {
		t.Fatalf("MarkRead(ticker, unread) = %d, %v; want 2", n, err)
	}
	if got := guids(mustList(t, s, Query{Unread: true})); got != "b2,a3,b1,a1" {
		t.Errorf("unread after marking BABA unread: %q", got)
	}
}

func mustList(t *testing.T, s *Store, q Query) []Article {
	t.Helper()
	arts, err := s.List(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	return arts
}

func TestStaleArticlesAndUpdateBriefing(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://example.com/feed", "")
	old := art("old", "Old", 2, "BABA")
	old.ExtractorVersion = 1
	cur := art("cur", "Current", 1)
	cur.ExtractorVersion = 2
	mustSave(t, s, f.ID, old, cur)
	id := byGUID(t, s, Query{})["old"].ID
	if err := s.SetRead(ctx, true, id); err != nil {
		t.Fatal(err)
	}

	stale, err := s.StaleArticles(ctx, 2, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(stale) != 1 || stale[0].ID != id || stale[0].Markdown == "" {
		t.Fatalf("StaleArticles = %+v, want only 'old' with its body", stale)
	}
	if err := s.UpdateBriefing(ctx, id, []Ticker{{Symbol: "TCEHY", Mentions: 2, Primary: true}}, []byte(`{"v":2}`), 2); err != nil {
		t.Fatal(err)
	}
	if stale, _ := s.StaleArticles(ctx, 2, 10); len(stale) != 0 {
		t.Errorf("still stale after UpdateBriefing: %d", len(stale))
	}
	got, _ := s.Article(ctx, id)
	if string(got.Briefing) != `{"v":2}` || got.ExtractorVersion != 2 || !slices.Equal(got.Tickers, []string{"TCEHY"}) || !got.Read {
		t.Errorf("after UpdateBriefing: %+v", got)
	}
	if arts := mustList(t, s, Query{Ticker: "BABA"}); len(arts) != 0 {
		t.Errorf("old ticker still indexed: %s", guids(arts))
	}
	if arts := mustList(t, s, Query{Ticker: "TCEHY"}); len(arts) != 1 {
		t.Errorf("new ticker not indexed")
	}
	if err := s.UpdateBriefing(ctx, id+100, nil, nil, 2); !errors.Is(err, ErrNotFound) {
		t.Errorf("UpdateBriefing(unknown) = %v, want ErrNotFound", err)
	}
}

func TestTickerStats(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://example.com/feed", "")
	mustSave(t, s, f.ID, art("d1", "x", 48, "BABA"), art("d2a", "x", 24, "BABA", "JD"), art("d2b", "x", 23, "BABA"), art("d3", "x", 0, "JD"))

	days, err := s.MentionsByDay(ctx, "baba", base.AddDate(0, 0, -10))
	if err != nil {
		t.Fatal(err)
	}
	var counts []int
	for _, d := range days {
		counts = append(counts, d.Articles)
	}
	if !slices.Equal(counts, []int{1, 2}) {
		t.Errorf("MentionsByDay(BABA) articles per day = %v, want [1 2]", counts)
	}
	top, err := s.TopTickers(ctx, base.AddDate(0, 0, -10), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(top) != 2 || top[0].Symbol != "BABA" || top[0].Articles != 3 || top[1].Symbol != "JD" || top[1].Articles != 2 {
		t.Errorf("TopTickers = %+v", top)
	}
}

// TestSaveFetchesTickersAcrossFeeds saves several feeds in one call with a
// number of ticker rows that needs full and short multi-row inserts, and
// checks that each article got exactly its own tickers.
func TestSaveFetchesTickersAcrossFeeds(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	total := 2*tickerChunk + 7 // two full statements and a short one
	var saves []FeedSave
	want := map[string][]string{}
	rows := 0
	for fi := 0; rows < total; fi++ {
		f := mustFeed(t, s, "https://example.com/feed"+strconv.Itoa(fi), "")
		var arts []NewArticle
		for ai := 0; ai < 40 && rows < total; ai++ {
			guid := "f" + strconv.Itoa(fi) + "-" + strconv.Itoa(ai)
			var syms []string
			for k := 0; k <= (fi+ai)%7 && rows < total; k++ {
				syms = append(syms, "S"+strconv.Itoa(fi)+"X"+strconv.Itoa(k))
				rows++
			}
			arts = append(arts, art(guid, "Title "+guid, ai, syms...))
			want[guid] = syms
		}
		saves = append(saves, FeedSave{FeedID: f.ID, OK: FetchOK{At: base}, Articles: arts})
	}
	for i, r := range s.SaveFetches(ctx, saves) {
		if r.Err != nil || r.Stats.New != len(saves[i].Articles) {
			t.Fatalf("feed %d: %+v", i, r)
		}
	}
	got := byGUID(t, s, Query{Limit: 10000})
	if len(got) != len(want) {
		t.Fatalf("%d articles listed, want %d", len(got), len(want))
	}
	n := 0
	for guid, syms := range want {
		ts, err := s.ArticleTickers(ctx, got[guid].ID)
		if err != nil {
			t.Fatal(err)
		}
		var have []string
		for _, tk := range ts {
			have = append(have, tk.Symbol)
		}
		if !slices.Equal(have, syms) {
			t.Errorf("%s: tickers %v, want %v", guid, have, syms)
		}
		n += len(ts)
	}
	if n != total {
		t.Errorf("%d tickers read back, want %d", n, total)
	}
	var rowsSaved, infos int
	if err := s.r.QueryRow(`SELECT (SELECT count(*) FROM article_tickers), (SELECT count(*) FROM ticker_info)`).Scan(&rowsSaved, &infos); err != nil {
		t.Fatal(err)
	}
	if rowsSaved != total || infos != len(want) {
		t.Errorf("%d ticker rows and %d info rows, want %d and %d", rowsSaved, infos, total, len(want))
	}
}

// TestListAnyTicker: articles naming any of several symbols, each once,
// newest first, with the other filters, counts and marking read.
func TestListAnyTicker(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://example.com/feed", "Example")
	mustSave(t, s, f.ID,
		art("both", "JD and BABA", 1, "JD", "BABA"),
		art("jd", "JD alone", 2, "JD"),
		art("none", "Nothing", 3, "AAPL"),
		art("baba", "BABA alone", 4, "baba"),
		art("old", "Old BABA", 100, "BABA"),
	)
	titles := func(q Query) []string { t.Helper(); return listTitles(t, s, q) }
	q := Query{AnyTicker: []string{"jd", " BABA ", "JD", ""}}
	if got, want := titles(q), []string{"JD and BABA", "JD alone", "BABA alone", "Old BABA"}; !slices.Equal(got, want) {
		t.Errorf("List = %q, want %q", got, want)
	}
	if n, err := s.Count(ctx, q); err != nil || n != 4 {
		t.Errorf("Count = %d, %v; want 4", n, err)
	}
	// Ticker is one more symbol; one symbol in all is the plain ticker view.
	if got := titles(Query{Ticker: "AAPL", AnyTicker: []string{"JD"}}); !slices.Equal(got, []string{"JD and BABA", "JD alone", "Nothing"}) {
		t.Errorf("Ticker+AnyTicker = %q", got)
	}
	if got := titles(Query{AnyTicker: []string{"jd"}}); !slices.Equal(got, []string{"JD and BABA", "JD alone"}) {
		t.Errorf("one AnyTicker = %q", got)
	}
	q.Since = base.Add(-10 * time.Hour)
	q.Limit, q.Offset = 1, 1
	if got := titles(q); !slices.Equal(got, []string{"JD alone"}) {
		t.Errorf("page 2 of the last 10 hours = %q", got)
	}
	n, err := s.MarkRead(ctx, Query{AnyTicker: []string{"JD", "BABA"}, Since: base.Add(-10 * time.Hour)}, true)
	if err != nil || n != 3 {
		t.Fatalf("MarkRead = %d, %v; want 3", n, err)
	}
	if got := titles(Query{AnyTicker: []string{"JD", "BABA"}, Unread: true}); !slices.Equal(got, []string{"Old BABA"}) {
		t.Errorf("unread after MarkRead = %q", got)
	}
	if (Query{AnyTicker: []string{" ", ""}}).Filtered() || !(Query{AnyTicker: []string{"X"}}).Filtered() {
		t.Error("Filtered does not follow AnyTicker")
	}
}

// TestListByTag: a tag selects the articles of every feed carrying it,
// with the other filters; an unknown tag is ErrNotFound.
func TestListByTag(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	asia := mustFeed(t, s, "https://asia.example/rss", "Asia", "Asia", "markets")
	china := mustFeed(t, s, "https://china.example/rss", "China", "asia")
	us := mustFeed(t, s, "https://us.example/rss", "US", "markets")
	mustSave(t, s, asia.ID, art("a1", "Asia one", 1, "BABA"), art("a2", "Asia two", 3))
	mustSave(t, s, china.ID, art("c1", "China one", 2, "BABA"))
	mustSave(t, s, us.ID, art("u1", "US one", 0, "BABA"))
	titles := func(q Query) []string { t.Helper(); return listTitles(t, s, q) }
	if got := titles(Query{Tag: "ASIA"}); !slices.Equal(got, []string{"Asia one", "China one", "Asia two"}) {
		t.Errorf("tag asia = %q", got)
	}
	if got := titles(Query{Tag: "markets", Ticker: "BABA"}); !slices.Equal(got, []string{"US one", "Asia one"}) {
		t.Errorf("tag markets, BABA = %q", got)
	}
	if n, err := s.Count(ctx, Query{Tag: "asia", Feed: "China"}); err != nil || n != 1 {
		t.Errorf("tag asia, feed China: %d, %v", n, err)
	}
	if _, err := s.List(ctx, Query{Tag: "europe"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown tag: %v", err)
	}
	if !(Query{Tag: "x"}).Filtered() {
		t.Error("a tag does not count as a filter")
	}
}

// listTitles lists q and returns the titles, in order.
func listTitles(t *testing.T, s *Store, q Query) []string {
	t.Helper()
	arts, err := s.List(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range arts {
		out = append(out, a.Title)
	}
	return out
}
