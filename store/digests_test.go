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
