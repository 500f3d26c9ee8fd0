package store

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"testing"
)

// TestItemDigestsOnOneConnection: the digests a fetch asks for feed after
// feed, from several goroutines at once, are right, and are all read on
// one reader connection kept for them, so that a single reader caches the
// index they come from. Spread over the pool, every reader cached it.
func TestItemDigestsOnOneConnection(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	feeds := make([]Feed, 4)
	for i := range feeds {
		feeds[i] = mustFeed(t, s, fmt.Sprintf("https://example.com/%d.xml", i), "")
		a, b := art(fmt.Sprintf("f%d-a", i), "Alpha", 2), art(fmt.Sprintf("f%d-b", i), "Bravo", 1)
		a.RawDigest, b.RawDigest = []byte{byte(i), 1}, []byte{byte(i), 2}
		mustSave(t, s, feeds[i].ID, a, b)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for k := range 20 {
				f := feeds[(g+k)%len(feeds)]
				i := byte((g + k) % len(feeds))
				got, err := s.ItemDigests(ctx, f.ID)
				if err != nil {
					t.Error(err)
					return
				}
				if len(got) != 2 || !bytes.Equal(got[fmt.Sprintf("f%d-a", i)], []byte{i, 1}) ||
					!bytes.Equal(got[fmt.Sprintf("f%d-b", i)], []byte{i, 2}) {
					t.Errorf("digests of feed %d: %v", i, got)
					return
				}
			}
		})
	}
	wg.Wait()
	if n := s.r.Stats().InUse; n != 1 {
		t.Errorf("%d reader connections held after the digests, want the one kept for them", n)
	}
}

// TestRawDigestDecidesFirst: an article saved with a raw digest is
// recognised by it, and no content digest is worked out for it then. When
// the raw digest changes, the content decides: the first such save writes
// the article again (there is no content digest to compare with), later
// ones write it only when the content differs. The new raw digest is kept
// either way.
func TestRawDigestDecidesFirst(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	f := mustFeed(t, s, "https://example.com/raw.xml", "")
	a := art("raw-a", "Alpha", 2)
	a.RawDigest = []byte{1}
	if st := mustSave(t, s, f.ID, a); st.New != 1 {
		t.Fatalf("first save: %+v", st)
	}
	stored := func() (raw []byte, content []byte, md string) {
		t.Helper()
		if err := s.r.QueryRowContext(ctx, `SELECT raw_digest, digest, markdown FROM articles WHERE guid_key = 'raw-a'`).
			Scan(&raw, &content, &md); err != nil {
			t.Fatal(err)
		}
		return raw, content, md
	}
	if _, content, _ := stored(); content != nil {
		t.Errorf("content digest of an article saved with a raw one: %x, want none", content)
	}
	save := func(what string, raw byte, md string, want SaveStats) {
		t.Helper()
		b := a
		b.RawDigest = []byte{raw}
		b.Markdown = md
		if st := mustSave(t, s, f.ID, b); st != want {
			t.Errorf("%s: %+v, want %+v", what, st, want)
		}
		if got, _, _ := stored(); !bytes.Equal(got, []byte{raw}) {
			t.Errorf("%s: raw digest %v, want [%d]", what, got, raw)
		}
	}
	save("the same raw digest, other content", 1, "edited, yet the feed gave the same item", SaveStats{})
	save("a new raw digest, no content digest stored", 2, a.Markdown, SaveStats{Updated: 1})
	if _, content, _ := stored(); content == nil {
		t.Error("no content digest stored by the update")
	}
	save("a new raw digest, the same content", 3, a.Markdown, SaveStats{})
	save("a new raw digest, new content", 4, "Alpha\n\nthe body, corrected", SaveStats{Updated: 1})
	if _, _, md := stored(); md != "Alpha\n\nthe body, corrected" {
		t.Errorf("markdown %q, want the corrected body", md)
	}
	save("the corrected body again, a new raw digest", 5, "Alpha\n\nthe body, corrected", SaveStats{})
}
