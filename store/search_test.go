package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestSearch(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://example.com/feed", "")
	inTitle := art("title", "Copper prices surge on supply fears", 3)
	inBody := art("body", "Metals roundup", 1)
	inBody.Markdown = "Aluminium was flat while copper rose two percent after the Chilean strike."
	other := art("other", "Bank earnings beat forecasts", 2)
	other.Markdown = "Quarterly earnings at the lender rose; the dividend is unchanged."
	mustSave(t, s, f.ID, inTitle, inBody, other)

	search := func(q string) string {
		t.Helper()
		arts, err := s.Search(ctx, q, 10)
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		for _, a := range arts {
			if a.Markdown != "" || a.HTML != "" {
				t.Errorf("Search(%q) returned bodies", q)
			}
		}
		return guids(arts)
	}

	cases := []struct{ q, want string }{
		{"copper", "title,body"},   // title match ranks first
		{"Chilean strike", "body"}, // body words, ANDed
		{"chilean banks", ""},      // AND, not OR
		{"earn*", "other"},         // prefix
		{"dividend", "other"},      // body only
		{"prices", "title"},        // porter: "prices" also matches "price"
	}
	for _, c := range cases {
		if got := search(c.q); got != c.want {
			t.Errorf("Search(%q) = %q, want %q", c.q, got, c.want)
		}
	}

	// Text that is FTS5 syntax, or broken syntax, is just text.
	for _, q := range []string{`"`, `AND(`, `*`, `-`, `copper"`, `NOT`, `copper OR`, `(copper`, `title:copper`,
		`NEAR(copper bank)`, `^copper`, `copper -bank`, `""""`, `'`, `{title}: x`, "\x00", `***`, `- * " (`} {
		if _, err := s.Search(ctx, q, 10); err != nil {
			t.Errorf("Search(%q) failed: %v", q, err)
		}
	}
	if got := search(`copper" ( * -`); got != "title,body" {
		t.Errorf(`Search("copper\" ( * -") = %q; want the copper articles (punctuation is ignored)`, got)
	}
	if got := search("   "); got != "" {
		t.Errorf("blank search = %q", got)
	}

	// The index follows edits and deletions.
	edited := inTitle
	edited.Title = "Zinc prices surge"
	edited.Markdown = "zinc only"
	mustSave(t, s, f.ID, edited, inBody, other)
	if got := search("copper"); got != "body" {
		t.Errorf("after edit Search(copper) = %q, want body", got)
	}
	if got := search("zinc"); got != "title" {
		t.Errorf("after edit Search(zinc) = %q, want title", got)
	}
	if err := s.SetStarred(ctx, byGUID(t, s, Query{})["body"].ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Prune(ctx, Retention{PerFeed: 1}, base); err != nil {
		t.Fatal(err)
	}
	if got := search("zinc"); got != "" {
		t.Errorf("after prune Search(zinc) = %q, want nothing", got)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
}

func TestFTSQuery(t *testing.T) {
	cases := map[string]string{
		`copper`:         `"copper"`,
		`copper  prices`: `"copper" AND "prices"`,
		`earn*`:          `"earn"*`,
		`say "hi"`:       `"say" AND """hi"""`,
		`* - " AND(`:     `"AND("`,
		``:               ``,
	}
	for in, want := range cases {
		if got := ftsQuery(in); got != want {
			t.Errorf("ftsQuery(%q) = %q, want %q", in, got, want)
		}
	}
}

// searchFixture is a feed whose articles match searches in every way a
// page can go wrong: many equal scores (the same headline twice), text
// matches and ticker-only matches of the same symbol, and a symbol that
// only appears in ticker rows.
func searchFixture(t *testing.T) *Store {
	t.Helper()
	s := openTest(t)
	f := mustFeed(t, s, "https://example.com/feed", "Desk")
	g := mustFeed(t, s, "https://example.org/wire", "Wire")
	var desk, wire []NewArticle
	for i := range 30 {
		var a NewArticle
		switch i % 5 {
		case 0: // names BABA, never says it
			a = art(fmt.Sprint("ali", i), "Alibaba lifts cloud guidance", i, "BABA")
		case 1: // says BABA in its text, has no ticker row
			a = art(fmt.Sprint("txt", i), "BABA shares rise on cloud demand", i)
		case 2: // names BABA, no cloud
			a = art(fmt.Sprint("tick", i), "Hangzhou retail sales slow", i, "BABA", "JD")
		case 3: // the same headline over and over: equal scores
			a = art(fmt.Sprint("dup", i), "Copper and cloud", i, "BRK.B")
		default:
			a = art(fmt.Sprint("hk", i), "Tencent copper", i, "0700.HK")
		}
		if i%2 == 0 {
			desk = append(desk, a)
		} else {
			wire = append(wire, a)
		}
	}
	mustSave(t, s, f.ID, desk...)
	mustSave(t, s, g.ID, wire...)
	return s
}

var searchTexts = []string{
	"cloud", "copper", "BABA", "baba", "$BABA", "(BABA)", "baba cloud", "cloud BABA jd", "brk.b", "0700.HK copper",
	"alibaba", "clo*", "BABA*", "nothing-matches", "jd baba",
}

func TestSearchCountAndPagesAgree(t *testing.T) {
	ctx := context.Background()
	s := searchFixture(t)
	for _, text := range searchTexts {
		for _, byDate := range []bool{false, true} {
			all, err := s.SearchPage(ctx, SearchQuery{Text: text, ByDate: byDate})
			if err != nil {
				t.Fatalf("SearchPage(%q): %v", text, err)
			}
			n, err := s.SearchCount(ctx, text)
			if err != nil {
				t.Fatalf("SearchCount(%q): %v", text, err)
			}
			if n != len(all) {
				t.Errorf("SearchCount(%q) = %d, but SearchPage without a limit returns %d", text, n, len(all))
			}
			if short, _ := s.Search(ctx, text, 3); !byDate && guids(short) != guids(all[:min(3, len(all))]) {
				t.Errorf("Search(%q, 3) = %s, want the first page of %s", text, guids(short), guids(all))
			}
			// Pages of 4 (and an odd offset) put back together are the
			// whole list: nothing twice, nothing skipped, same order.
			for _, start := range []int{0, min(1, len(all))} {
				got := slices.Clone(all[:start])
				for off := start; off < len(all)+4; off += 4 {
					page, err := s.SearchPage(ctx, SearchQuery{Text: text, ByDate: byDate, Offset: off, Limit: 4})
					if err != nil {
						t.Fatal(err)
					}
					got = append(got, page...)
				}
				if guids(got) != guids(all) {
					t.Errorf("%q byDate=%v: pages from %d give\n%s\nwant\n%s", text, byDate, start, guids(got), guids(all))
				}
			}
			seen := map[int64]bool{}
			for _, a := range all {
				if seen[a.ID] {
					t.Errorf("%q byDate=%v: article %s comes twice", text, byDate, a.GUIDKey)
				}
				seen[a.ID] = true
			}
		}
	}
}

func TestSearchByDate(t *testing.T) {
	ctx := context.Background()
	s := searchFixture(t)
	for _, text := range searchTexts {
		byDate, err := s.SearchPage(ctx, SearchQuery{Text: text, ByDate: true, Copies: true})
		if err != nil {
			t.Fatal(err)
		}
		for i := 1; i < len(byDate); i++ {
			if byDate[i].Published.After(byDate[i-1].Published) {
				t.Errorf("%q by date: %s (%v) after %s (%v)", text, byDate[i].GUIDKey, byDate[i].Published,
					byDate[i-1].GUIDKey, byDate[i-1].Published)
			}
		}
		best, err := s.SearchPage(ctx, SearchQuery{Text: text, Copies: true})
		if err != nil {
			t.Fatal(err)
		}
		if sorted(guids(best)) != sorted(guids(byDate)) {
			t.Errorf("%q: by date and by relevance find different articles:\n%s\n%s", text, guids(byDate), guids(best))
		}
	}
	if page, _ := s.SearchPage(ctx, SearchQuery{Text: "cloud", ByDate: true, Limit: 2, Copies: true}); guids(page) != "ali0,txt1" {
		t.Errorf("newest two cloud articles = %s", guids(page))
	}
}

func sorted(list string) string {
	s := strings.Split(list, ",")
	slices.Sort(s)
	return strings.Join(s, ",")
}

func TestSearchFindsTickers(t *testing.T) {
	ctx := context.Background()
	s := searchFixture(t)
	kinds := func(text string) string {
		t.Helper()
		arts, err := s.SearchPage(ctx, SearchQuery{Text: text, Copies: true})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, a := range arts {
			k := strings.TrimRight(a.GUIDKey, "0123456789")
			if len(out) == 0 || out[len(out)-1] != k {
				out = append(out, k)
			}
		}
		return strings.Join(out, ",")
	}
	cases := []struct{ text, want string }{
		// The text matches by score, then the ticker-only ones newest
		// first; ali and tick interleave by date.
		{"BABA", "txt,ali,tick,ali,tick,ali,tick,ali,tick,ali,tick,ali,tick"},
		{"baba", "txt,ali,tick,ali,tick,ali,tick,ali,tick,ali,tick,ali,tick"},
		{"$BABA", "txt,ali,tick,ali,tick,ali,tick,ali,tick,ali,tick,ali,tick"},
		// Both words: "baba" by text or ticker, "cloud" by text.
		{"baba cloud", "txt,ali"},
		{"cloud baba", "txt,ali"},
		{"BRK.B", "dup"},
		{"0700.hk", "hk"},
		{"jd baba", "tick"},
		{"alibaba", "ali"},
		{"BAB*", "txt"}, // a prefix matches text only
		{"BABA copper", ""},
	}
	for _, c := range cases {
		if got := kinds(c.text); got != c.want {
			t.Errorf("search %q = %s, want %s", c.text, got, c.want)
		}
	}
	if n, err := s.SearchTotal(ctx, SearchQuery{Text: "BABA", Copies: true}); err != nil || n != 18 {
		t.Errorf("SearchCount(BABA) = %d, %v; want 18", n, err)
	}
}

func TestSearchHostileInput(t *testing.T) {
	ctx := context.Background()
	s := searchFixture(t)
	for _, text := range []string{"", "   ", `"`, `""""`, "AND", "OR", "NOT", "NEAR", "*", "***", "AND(", "cloud AND", "AND cloud",
		`cloud"`, `"BABA"`, "BABA*", "-BABA", "^cloud", "title:cloud", "{title}: x", "NEAR(cloud baba)", "\x00", "'", `- * " (`,
		"BABA OR", "'BABA'", "BRK.B*", "$", "$$", "baba'); DROP TABLE articles; --"} {
		for _, byDate := range []bool{false, true} {
			if _, err := s.SearchPage(ctx, SearchQuery{Text: text, ByDate: byDate, Limit: 5}); err != nil {
				t.Errorf("SearchPage(%q) failed: %v", text, err)
			}
		}
		if _, err := s.SearchCount(ctx, text); err != nil {
			t.Errorf("SearchCount(%q) failed: %v", text, err)
		}
	}
	if n, err := s.SearchCount(ctx, "  "); n != 0 || err != nil {
		t.Errorf("blank count = %d, %v", n, err)
	}
	if arts, err := s.SearchPage(ctx, SearchQuery{Text: `"BABA"`, Offset: -3, Limit: -1, Copies: true}); err != nil || len(arts) != 18 {
		t.Errorf(`SearchPage("\"BABA\"", negative offset and limit) = %d, %v; want all 18`, len(arts), err)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
}

// A search chooses its page from the indices alone: an articles row
// holds the bodies, and reading one per match made a common word's search
// read a database page per match. Only the page's rows are looked up,
// once, in the outer query. Checked without statistics and after ANALYZE.
func TestSearchPlansReadOnlyThePagesArticles(t *testing.T) {
	ctx := context.Background()
	s := searchFixture(t)
	for _, stats := range []bool{false, true} {
		if stats {
			if _, err := s.w.Exec(`ANALYZE`); err != nil {
				t.Fatal(err)
			}
		}
		for _, text := range []string{"cloud", "BABA", "baba cloud", "cloud BABA jd"} {
			for _, byDate := range []bool{false, true} {
				q := SearchQuery{Text: text, ByDate: byDate, Offset: 10, Limit: 50}
				m, err := s.prepareSearch(ctx, text, q.Copies)
				if err != nil {
					t.Fatal(err)
				}
				query, args := m.pageSQL(q)
				rows, err := s.r.Query(`EXPLAIN QUERY PLAN `+query, args...)
				if err != nil {
					t.Fatal(err)
				}
				var plan []string
				for rows.Next() {
					var id, parent, notused int
					var detail string
					if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
						t.Fatal(err)
					}
					plan = append(plan, detail)
				}
				rows.Close()
				lookups := 0
				for _, line := range plan {
					if line != "SCAN a USING COVERING INDEX articles_by_published" &&
						(strings.HasPrefix(line, "SCAN a ") || strings.HasPrefix(line, "SEARCH a ")) {
						lookups++
					}
				}
				if lookups != 1 {
					t.Errorf("stats=%v %+v reads articles rows to choose its page:\n%s", stats, q, strings.Join(plan, "\n"))
				}
			}
		}
	}
}

// TestSearchListsAStoryOnce: copies of one story match once, as the copy
// that heads it; counts and pages agree; --copies lists them all.
func TestSearchListsAStoryOnce(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	a := art("w1", "Copper miners rally on supply cuts", 2, "FCX")
	a.Link = "https://wire.example/copper-rally"
	for i := range 3 {
		f := mustFeed(t, s, fmt.Sprintf("https://f%d.example/rss", i), "")
		b := a
		b.GUIDKey = fmt.Sprint("copy", i)
		mustSave(t, s, f.ID, b)
	}
	g := mustFeed(t, s, "https://other.example/rss", "")
	mustSave(t, s, g.ID, art("o1", "Copper demand from grids", 1))
	for _, c := range []struct {
		copies bool
		want   int
	}{{false, 2}, {true, 4}} {
		arts, err := s.SearchPage(ctx, SearchQuery{Text: "copper", Copies: c.copies})
		if err != nil || len(arts) != c.want {
			t.Errorf("copies=%v: %d results, %v; want %d", c.copies, len(arts), err, c.want)
		}
		n, err := s.SearchTotal(ctx, SearchQuery{Text: "copper", Copies: c.copies})
		if err != nil || n != c.want {
			t.Errorf("copies=%v: total %d, %v; want %d", c.copies, n, err, c.want)
		}
		for _, byDate := range []bool{false, true} {
			var seen []string
			for off := 0; off < c.want+1; off++ {
				page, err := s.SearchPage(ctx, SearchQuery{Text: "copper", Copies: c.copies, ByDate: byDate, Offset: off, Limit: 1})
				if err != nil {
					t.Fatal(err)
				}
				seen = append(seen, guids(page))
			}
			if got := strings.Join(seen, ","); strings.Count(got, ",") != c.want || strings.HasSuffix(got, ",") == false {
				t.Errorf("copies=%v byDate=%v: pages of one give %q", c.copies, byDate, got)
			}
		}
	}
	arts, _ := s.SearchPage(ctx, SearchQuery{Text: "miners"})
	if len(arts) != 1 || arts[0].Sources != 3 || arts[0].GUIDKey != "copy0" {
		t.Errorf("the story's row: %+v; want the head, copy0, with 3 sources", arts)
	}
}
