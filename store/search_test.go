package store

import (
	"context"
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
