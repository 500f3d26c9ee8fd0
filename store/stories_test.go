package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"brief/story"
)

// copyOf is the same article as a (same link) under another feed's GUID.
func copyOf(a NewArticle, guid string) NewArticle {
	a.GUIDKey = guid
	return a
}

// wireStory is one of two wire stories published hoursAgo hours before
// base, under its own link: 1 is Acme's dividend, 2 Globex's new chief.
func wireStory(n, hoursAgo int) NewArticle {
	if n == 1 {
		a := art("wire-1", "Acme raises its dividend", hoursAgo, "ACME")
		a.Link = "https://news.example/acme-dividend"
		return a
	}
	b := art("wire-2", "Globex names a new chief executive", hoursAgo, "GBX")
	b.Link = "https://news.example/globex-ceo"
	return b
}

func storyFeeds(t *testing.T, s *Store, n int) []Feed {
	t.Helper()
	feeds := make([]Feed, n)
	for i := range feeds {
		feeds[i] = mustFeed(t, s, fmt.Sprintf("https://f%d.example/feed", i), fmt.Sprintf("Feed %d", i))
	}
	return feeds
}

func TestCopiesAcrossFeedsAreOneStory(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	feeds := storyFeeds(t, s, 5)
	a := wireStory(1, 2)
	for i, f := range feeds[:4] {
		mustSave(t, s, f.ID, copyOf(a, fmt.Sprint("guid-", i)))
	}
	mustSave(t, s, feeds[4].ID, art("other", "Other news", 1))

	list, err := s.List(ctx, Query{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 {
		t.Fatalf("List: %d rows, want 2 (one story of four copies, one article)", len(list))
	}
	var st Article
	for _, x := range list {
		if x.Title == a.Title {
			st = x
		}
	}
	if st.Sources != 4 || st.Story != st.ID {
		t.Errorf("story row: sources %d story %d id %d, want 4 sources headed by itself", st.Sources, st.Story, st.ID)
	}
	if n, _ := s.Count(ctx, Query{Unread: true}); n != 2 {
		t.Errorf("unread count %d, want 2 stories", n)
	}
	copies, err := s.List(ctx, Query{Copies: true})
	if err != nil || len(copies) != 5 {
		t.Fatalf("List(Copies): %d rows, %v; want 5", len(copies), err)
	}
	byFeed, err := s.List(ctx, Query{Feed: "Feed 2"})
	if err != nil || len(byFeed) != 1 || byFeed[0].Sources != 4 || byFeed[0].Story != st.ID {
		t.Fatalf("List(Feed 2) = %+v, %v; want its copy, 4 sources, in the story", byFeed, err)
	}

	// Reading one copy (not the head) reads the story.
	if err := s.SetRead(ctx, true, byFeed[0].ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Count(ctx, Query{Unread: true, Copies: true}); n != 1 {
		t.Errorf("after reading one copy, %d unread copies, want 1 (the other article)", n)
	}
	if err := s.SetStarred(ctx, byFeed[0].ID, true); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Count(ctx, Query{Starred: true, Copies: true}); n != 4 {
		t.Errorf("starring one copy starred %d, want all 4", n)
	}

	// A fifth copy arriving later joins read; one with a new figure
	// makes the story unread again.
	later := copyOf(a, "guid-late")
	mustSave(t, s, feeds[4].ID, later)
	if n, _ := s.Count(ctx, Query{Unread: true}); n != 1 {
		t.Errorf("a later copy of a read story made it unread: %d unread", n)
	}
	all, err := s.StoryCopies(ctx, st.ID)
	if err != nil || len(all) != 5 || all[0].ID != st.ID {
		t.Fatalf("StoryCopies = %d copies (head %v), %v; want 5, head first", len(all), all, err)
	}
	for _, c := range all {
		if !c.Read || !c.Starred || c.BodyLen == 0 {
			t.Errorf("copy %d (%s): read %v starred %v body %d; want read, starred, a body", c.ID, c.FeedTitle, c.Read, c.Starred, c.BodyLen)
		}
	}
	revised := copyOf(a, "guid-revised")
	revised.Markdown = a.Markdown + "\n\nThe payout rises to $1.40 a share."
	mustSave(t, s, feeds[3].ID, revised)
	if n, _ := s.Count(ctx, Query{Unread: true}); n != 2 {
		t.Errorf("a copy with a new figure left the story read: %d unread stories, want 2", n)
	}
}

func TestStoryOutlivesItsHead(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	feeds := storyFeeds(t, s, 3)
	a := art("x", "Acme lands a contract", 2, "ACME")
	for i, f := range feeds {
		mustSave(t, s, f.ID, copyOf(a, fmt.Sprint("g", i)))
	}
	list, _ := s.List(ctx, Query{})
	if len(list) != 1 || list[0].Sources != 3 {
		t.Fatalf("List = %+v, want one story of 3", list)
	}
	if _, err := s.w.Exec(`DELETE FROM articles WHERE id = ?`, list[0].ID); err != nil {
		t.Fatal(err)
	}
	list, _ = s.List(ctx, Query{})
	if len(list) != 1 || list[0].Sources != 2 || list[0].Story != list[0].ID {
		t.Fatalf("after the head went, List = %+v; want the next copy heading a story of 2", list)
	}
	var keys int
	s.r.QueryRow(`SELECT count(*) FROM story_keys WHERE article_id NOT IN (SELECT id FROM articles)`).Scan(&keys)
	if keys != 0 {
		t.Errorf("%d story keys of a deleted article remain", keys)
	}
}

func TestBackfillGroupsOldArticles(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	feeds := storyFeeds(t, s, 3)
	a := art("x", "Acme lands a contract", 2, "ACME")
	for i, f := range feeds {
		mustSave(t, s, f.ID, copyOf(a, fmt.Sprint("g", i)))
	}
	mustSave(t, s, feeds[0].ID, art("y", "Unrelated", 1))
	// As saved before stories: every article its own, none keyed, the
	// first copy read and starred, the others not.
	if _, err := s.w.Exec(`UPDATE articles SET story = 0, story_keyed = 0, read = 0, starred = 0;
		DELETE FROM story_keys;
		UPDATE articles SET read = 1, starred = 1 WHERE id = (SELECT min(id) FROM articles)`); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Count(ctx, Query{}); n != 4 {
		t.Fatalf("before backfill: %d rows, want 4", n)
	}
	n, err := s.BackfillStories(ctx, 0)
	if err != nil || n != 4 {
		t.Fatalf("BackfillStories = %d, %v; want 4", n, err)
	}
	list, _ := s.List(ctx, Query{})
	if len(list) != 2 {
		t.Fatalf("after backfill: %d rows, want 2", len(list))
	}
	for _, x := range list {
		if x.Title == a.Title && (x.Sources != 3 || x.Read || !x.Starred) {
			t.Errorf("story after backfill: sources %d read %v starred %v; want 3, unread (copies were), starred (one was)", x.Sources, x.Read, x.Starred)
		}
	}
	if n, _ := s.BackfillStories(ctx, 0); n != 0 {
		t.Errorf("second backfill did %d, want 0", n)
	}
}

func TestFilingsAndNewsAreRelated(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	feeds := storyFeeds(t, s, 2)
	filing := art("f", "8-K - ACME CORP (0000000001) (Filer)", 3, "ACME")
	filing.Link = "https://www.sec.gov/Archives/edgar/data/1/000000000126000001-index.htm"
	news := art("n", "Acme names a new chief executive", 1, "ACME", "BETA")
	other := art("o", "Beta cuts prices", 1, "BETA", "ACME")
	old := art("old", "Acme a week ago", 24*7, "ACME")
	mustSave(t, s, feeds[0].ID, filing)
	mustSave(t, s, feeds[1].ID, news, other, old)
	ids := map[string]int64{}
	for _, x := range mustList(t, s, Query{}) {
		ids[x.GUIDKey] = x.ID
	}
	rel, err := s.Related(ctx, ids["f"], 0)
	if err != nil || len(rel) != 1 || rel[0].ID != ids["n"] {
		t.Errorf("Related(filing) = %+v, %v; want the news about Acme only", rel, err)
	}
	rel, err = s.Related(ctx, ids["n"], 0)
	if err != nil || len(rel) != 1 || rel[0].ID != ids["f"] {
		t.Errorf("Related(news) = %+v, %v; want the filing", rel, err)
	}
	if rel, _ := s.Related(ctx, ids["old"], 0); len(rel) != 0 {
		t.Errorf("news a week older is related to the filing: %+v", rel)
	}
}

func TestStoriesMostCoveredFirst(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	feeds := storyFeeds(t, s, 3)
	big := art("big", "Fed holds rates", 5)
	mid := art("mid", "Acme beats", 3)
	solo := art("solo", "Beta misses", 1)
	for i, f := range feeds {
		mustSave(t, s, f.ID, copyOf(big, fmt.Sprint("b", i)))
		if i < 2 {
			mustSave(t, s, f.ID, copyOf(mid, fmt.Sprint("m", i)))
		}
	}
	mustSave(t, s, feeds[0].ID, solo)
	got, err := s.Stories(ctx, base.Add(-24*time.Hour), 10, 0)
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, st := range got {
		order = append(order, fmt.Sprintf("%s:%d", st.Head.Title, st.Sources))
	}
	want := "[Fed holds rates:3 Acme beats:2 Beta misses:1]"
	if fmt.Sprint(order) != want {
		t.Errorf("Stories = %v, want %s", order, want)
	}
	if got, _ := s.Stories(ctx, base.Add(-2*time.Hour), 10, 0); len(got) != 1 {
		t.Errorf("Stories since 2h = %d, want 1", len(got))
	}
}

// Every page of Stories is the same slice of the whole list, whether it
// starts among the stories with several sources, across their end, or
// past them.
func TestStoriesPages(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	feeds := storyFeeds(t, s, 3)
	for k, title := range []string{"Fed holds rates", "Acme beats", "Ulmex names a new chief"} {
		a := art(fmt.Sprint("s", k), title, k+1)
		for i, f := range feeds[:3-k] {
			mustSave(t, s, f.ID, copyOf(a, fmt.Sprint("s", k, "-", i)))
		}
	}
	for k, title := range []string{"Beta misses", "Gamma rallies", "Delta slides"} {
		mustSave(t, s, feeds[0].ID, art(fmt.Sprint("solo", k), title, 4+k))
	}
	since := base.Add(-24 * time.Hour)
	all, err := s.Stories(ctx, since, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	heads := func(sc []StoryCount) string {
		var out []string
		for _, st := range sc {
			out = append(out, fmt.Sprintf("%s:%d", st.Head.Title, st.Sources))
		}
		return fmt.Sprint(out)
	}
	if len(all) != 6 || all[0].Sources != 3 || all[1].Sources != 2 || all[2].Sources != 1 {
		t.Fatalf("Stories = %s, want the 3- and 2-source stories, then 4 told once", heads(all))
	}
	for limit := 1; limit <= 6; limit++ {
		for offset := 0; offset <= len(all)+1; offset++ {
			got, err := s.Stories(ctx, since, limit, offset)
			if err != nil {
				t.Fatal(err)
			}
			want := all[min(offset, len(all)):min(offset+limit, len(all))]
			if heads(got) != heads(want) {
				t.Errorf("Stories(limit %d, offset %d) = %s, want %s", limit, offset, heads(got), heads(want))
			}
		}
	}
}

// A database of the schema before stories upgrades in place: its articles
// list as they did, and a backfill groups the copies among them.
func TestUpgradeFromSchemaV2GroupsOnBackfill(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v2.db")
	db, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		schemaV1, schemaV2,
		fmt.Sprintf("PRAGMA application_id = %d; PRAGMA user_version = 2", applicationID),
		`INSERT INTO feeds (id, url) VALUES (1, 'https://a.example/feed'), (2, 'https://b.example/feed')`,
		`INSERT INTO articles (id, feed_id, guid_key, link, title, markdown, published, fetched, read)
			VALUES (1, 1, 'a1', 'https://wire.example/x?utm_source=a', 'Acme wins', 'Acme won.', 1000, 1000, 1),
			       (2, 2, 'b1', 'https://www.wire.example/x', 'Acme wins', 'Acme won.', 2000, 2000, 0),
			       (3, 2, 'b2', 'https://wire.example/y', 'Beta loses', 'Beta lost.', 3000, 3000, 0)`,
		`INSERT INTO fts_pending (id) VALUES (1), (2), (3)`,
	} {
		if _, err := db.Exec(q); err != nil {
			db.Close()
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()

	s := openAt(t, path)
	if n, _ := s.Count(ctx, Query{}); n != 3 {
		t.Fatalf("after the upgrade %d rows, want the 3 articles", n)
	}
	if n, err := s.BackfillStories(ctx, 0); n != 3 || err != nil {
		t.Fatalf("BackfillStories = %d, %v", n, err)
	}
	list := mustList(t, s, Query{})
	if len(list) != 2 || list[0].Title != "Beta loses" || list[1].Sources != 2 || list[1].Read {
		t.Errorf("after backfill: %+v; want Beta, then Acme told by 2 sources, unread (one copy was)", list)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
}

// TestStoriesAcrossTwoWriters: two Stores on one file (two brief
// processes) each see the copies the other saved, although each keeps the
// candidates it saved itself in memory.
func TestStoriesAcrossTwoWriters(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "brief.db")
	s1 := openAt(t, path)
	s2 := openAt(t, path)
	feeds := storyFeeds(t, s1, 4)
	a := wireStory(1, 2)
	b := wireStory(2, 3)

	mustSave(t, s1, feeds[0].ID, copyOf(a, "g0")) // s1 remembers it
	mustSave(t, s2, feeds[1].ID, copyOf(a, "g1")) // s2 finds it in the file
	mustSave(t, s2, feeds[1].ID, copyOf(b, "h1")) // s2 remembers b
	mustSave(t, s1, feeds[2].ID, copyOf(b, "h2")) // s1 must not trust its memory alone
	mustSave(t, s1, feeds[3].ID, copyOf(a, "g3"))

	list, err := s1.List(ctx, Query{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, x := range list {
		got[x.Title] = x.Sources
	}
	if len(list) != 2 || got[a.Title] != 3 || got[b.Title] != 2 {
		t.Errorf("stories after two writers: %v, want %q with 3 sources and %q with 2", got, a.Title, b.Title)
	}
}

// TestStoriesFoundAfterReopen: a new process finds the stored copies of a
// story (its memory starts empty; the database holds them).
func TestStoriesFoundAfterReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "brief.db")
	s1 := openAt(t, path)
	feeds := storyFeeds(t, s1, 2)
	a := wireStory(1, 2)
	mustSave(t, s1, feeds[0].ID, copyOf(a, "g0"), art("x", "Other news", 1))
	if err := s1.Close(); err != nil {
		t.Fatal(err)
	}
	s2 := openAt(t, path)
	mustSave(t, s2, feeds[1].ID, art("y", "More news", 1), copyOf(a, "g1"))
	list, err := s2.List(ctx, Query{})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range list {
		if x.Title == a.Title && x.Sources != 2 {
			t.Errorf("%q: %d sources after reopening, want 2", x.Title, x.Sources)
		}
	}
	if len(list) != 3 {
		t.Errorf("%d rows, want 3 (one story of two copies, two articles)", len(list))
	}
}

// TestStoriesOff: with grouping off every copy is its own row and nothing
// is keyed; once it is on again, the backfill groups what was saved.
func TestStoriesOff(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "brief.db")
	s := openAt(t, path)
	s.SetStoryWindow(0)
	feeds := storyFeeds(t, s, 3)
	a := wireStory(1, 2)
	for i, f := range feeds {
		mustSave(t, s, f.ID, copyOf(a, fmt.Sprint("g", i)))
	}
	if n, _ := s.Count(ctx, Query{}); n != 3 {
		t.Errorf("grouping off: %d rows, want 3 copies", n)
	}
	var keys int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM story_keys`).Scan(&keys); err != nil || keys != 0 {
		t.Errorf("grouping off stored %d story keys (%v), want none", keys, err)
	}
	if n, err := s.BackfillStories(ctx, 0); n != 0 || err != nil {
		t.Errorf("backfill with grouping off = %d, %v; want 0, nil", n, err)
	}
	s.SetStoryWindow(72 * time.Hour)
	if n, err := s.BackfillStories(ctx, 0); n != 3 || err != nil {
		t.Fatalf("backfill = %d, %v; want 3 grouped", n, err)
	}
	list, err := s.List(ctx, Query{})
	if err != nil || len(list) != 1 || list[0].Sources != 3 {
		t.Fatalf("after grouping on: %d rows (%v), want one story of 3 sources", len(list), err)
	}
}

// TestStoryWindow: copies under one link merge within the window the
// store is given, and not beyond it.
func TestStoryWindow(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		window time.Duration
		want   int
	}{{0, 2}, {7 * 24 * time.Hour, 1}} {
		s := openTest(t)
		if c.window != 0 {
			s.SetStoryWindow(c.window)
		}
		feeds := storyFeeds(t, s, 2)
		a := wireStory(1, 6*24)
		late := copyOf(a, "g1")
		late.Published = a.Published.Add(5 * 24 * time.Hour)
		mustSave(t, s, feeds[0].ID, copyOf(a, "g0"))
		mustSave(t, s, feeds[1].ID, late)
		if n, _ := s.Count(ctx, Query{}); n != c.want {
			t.Errorf("window %v: copies 5 days apart make %d rows, want %d", c.window, n, c.want)
		}
	}
}

// TestPreparedOnceWithoutADate: an article without a date is prepared for
// grouping with the fetch time, as the save dates it, so the writer does
// not prepare it again; one prepared for another date is.
func TestPreparedOnceWithoutADate(t *testing.T) {
	s := openTest(t)
	at := base.Add(time.Hour)
	undated := art("u1", "Acme raises its dividend", 0, "ACME")
	undated.Published = time.Time{}
	s.PrepareStory(&undated, at)
	// A mark on the keys tells whether the save worked them out again.
	const mark = 42
	undated.StoryKeys = append(undated.StoryKeys, mark)
	rows := prepareArticles([]NewArticle{undated}, at, false)
	if !slices.Contains(rows[0].storyKeys, mark) {
		t.Errorf("an undated article prepared at the fetch time was prepared again by the save")
	}
	rows = prepareArticles([]NewArticle{undated}, at.Add(time.Hour), false)
	if slices.Contains(rows[0].storyKeys, mark) {
		t.Errorf("an article prepared for another date kept that preparation")
	}
}

// TestStoriesAfterAnotherWriterUnnoticedByDataVersion: a connection opened
// anew has a data_version of its own, which may equal the old one's by
// chance; the newest article id still tells that another brief wrote.
func TestStoriesAfterAnotherWriterUnnoticedByDataVersion(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "brief.db")
	s1 := openAt(t, path)
	s2 := openAt(t, path)
	feeds := storyFeeds(t, s1, 3)
	a := wireStory(1, 2)
	b := wireStory(2, 3)

	mustSave(t, s1, feeds[0].ID, copyOf(a, "g0"))
	mustSave(t, s2, feeds[1].ID, copyOf(b, "h1"))
	// As if s1's connection had been opened again and its data_version
	// happened to read as before.
	var v int64
	if err := s1.w.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	s1.recent.version = v
	mustSave(t, s1, feeds[2].ID, copyOf(b, "h2"))

	list, err := s1.List(ctx, Query{})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range list {
		if x.Title == b.Title && x.Sources != 2 {
			t.Errorf("%q: %d sources, want 2: the copy another brief saved was not found", x.Title, x.Sources)
		}
	}
	if len(list) != 2 {
		t.Errorf("%d rows, want 2 stories", len(list))
	}
}

// The recent candidates start over past maxRecentCands, which counts the
// ones newer articles pushed out of every key too.
func TestRecentStartsOverPastMaxCands(t *testing.T) {
	r := recentStories{m: map[uint64]keyCands{1: {recent: candSet{1}}, 2: {fresh: candSet{2}}}}
	r.t.cands = make([]storyCand, maxRecentCands)
	r.merge([][2]int64{{2, 7}}, 10)
	if r.m == nil || r.m[2] != (keyCands{recent: candSet{2}}) || r.last != 10 {
		t.Fatalf("at %d candidates: m %v, last %d; want kept, key 2 recent, 10", len(r.t.cands), r.m, r.last)
	}
	r.t.cands = append(r.t.cands, storyCand{})
	r.merge([][2]int64{{3, 8}}, 11)
	if r.m != nil || len(r.t.cands) != 0 || r.last != 11 {
		t.Fatalf("past %d candidates: m %v, %d candidates, last %d; want nil, 0, 11", maxRecentCands, r.m, len(r.t.cands), r.last)
	}
}

// A call that began and did not merge (its transaction failed, and is
// tried again) leaves nothing of its own behind for the next.
func TestRecentStartsOverAfterAnUnfinishedCall(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	var r recentStories
	for try := range 2 {
		tx, err := s.w.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := r.begin(ctx, tx); err != nil {
			t.Fatal(err)
		}
		if len(r.m) != 0 || len(r.t.cands) != 0 {
			t.Errorf("try %d began with %d keys, %d candidates; want none", try, len(r.m), len(r.t.cands))
		}
		addFresh(r.m, []uint64{1, 2}, r.t.add(1, 1, story.Prepare(story.Doc{Title: "A"}), false, false))
		tx.Rollback()
	}
}

// isFiling tells the links it does not parse as parsing them would.
func TestIsFilingWithoutParsing(t *testing.T) {
	parsed := func(link string) bool {
		u, err := url.Parse(link)
		if err != nil {
			return false
		}
		h, p := strings.ToLower(u.Hostname()), strings.ToLower(u.Path)
		return h == "sec.gov" || strings.HasSuffix(h, ".sec.gov") ||
			strings.HasPrefix(p, "/archives/edgar/") || strings.HasPrefix(p, "/cgi-bin/browse-edgar")
	}
	for _, link := range []string{
		"https://www.sec.gov/Archives/edgar/data/320193/000032019326000011/0000320193-26-000011-index.htm",
		"HTTPS://WWW.SEC.GOV/cgi-bin/browse-edgar?action=getcompany", "https://Sec.Gov/x",
		"http://127.0.0.1:8080/Archives/EDGAR/data/1/2.txt", "http://mirror.example/CGI-BIN/Browse-Edgar?x=1",
		"http://mirror.example/Archives%2Fedgar/data/1", "http://mirror.example/%41rchives/edgar/data/1",
		"https://news.example/sec.gov-probe", "https://www.reuters.com/markets/edgar-allan-poe/",
		"https://notsec.gov.example/a", "https://www.reuters.com/markets/us/stocks-2026-12-06/", "", "%",
	} {
		if got, want := isFiling(link), parsed(link); got != want {
			t.Errorf("isFiling(%q) = %v, want %v", link, got, want)
		}
	}
}
