package store

import (
	"context"
	"fmt"
	"testing"
)

// The counts that take SQLite's shortcuts (every story; every article)
// agree with counting the rows themselves, with copies among them.
func TestShortcutCountsAgree(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	feeds := storyFeeds(t, s, 3)
	for i := range 4 {
		a := art(fmt.Sprint("s", i), fmt.Sprintf("Acme lands contract number %d with a port authority", i), i+1, "ACME")
		for j, f := range feeds[:1+i%3] {
			mustSave(t, s, f.ID, copyOf(a, fmt.Sprint("g", i, j)))
		}
	}
	var stories, all int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM articles WHERE story = 0`).Scan(&stories); err != nil {
		t.Fatal(err)
	}
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM articles WHERE 1 = 1`).Scan(&all); err != nil {
		t.Fatal(err)
	}
	if stories == all {
		t.Fatalf("the test wants copies: %d stories of %d articles", stories, all)
	}
	if n, err := s.Count(ctx, Query{}); err != nil || n != stories {
		t.Errorf("Count(every story) = %d, %v; want %d", n, err, stories)
	}
	if n, err := s.Count(ctx, Query{Copies: true}); err != nil || n != all {
		t.Errorf("Count(every article) = %d, %v; want %d", n, err, all)
	}
}
