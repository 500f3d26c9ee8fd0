package store

import (
	"context"
	"database/sql"
	"math/rand/v2"
	"path/filepath"
	"testing"
)

// BenchmarkStoryKeys inserts the story keys of a first fetch of 10,000
// articles, six keys each, in 20 transactions as SaveFetches does.
func BenchmarkStoryKeys(b *testing.B) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(5, 6))
	calls := make([][][2]int64, 20)
	id := int64(0)
	for i := range calls {
		for range 500 {
			id++
			for range 6 {
				calls[i] = append(calls[i], [2]int64{int64(r.Uint64()), id})
			}
		}
	}
	for b.Loop() {
		b.StopTimer()
		s := openAt(b, filepath.Join(b.TempDir(), "brief.db"))
		b.StartTimer()
		for _, keys := range calls {
			if err := s.writeTx(ctx, func(tx *sql.Tx) error { return insertStoryKeys(ctx, tx, nil, keys) }); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}
