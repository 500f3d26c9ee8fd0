package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkMarkAllRead100k marks 100,000 articles read (and, untimed,
// unread again): what the sync triggers cost on the widest write there is,
// with no triggers at all, with the triggers and nothing synced, and with
// every article synced (each change then queued).
//
//	go test -run '^$' -bench MarkAllRead100k -benchtime 5x ./store/
func BenchmarkMarkAllRead100k(b *testing.B) {
	for _, variant := range []string{"no-triggers", "nothing-synced", "all-synced"} {
		b.Run(variant, func(b *testing.B) {
			ctx := context.Background()
			s := openAt(b, filepath.Join(b.TempDir(), "brief.db"))
			bulkLoad(b, s, 100_000)
			switch variant {
			case "no-triggers":
				if _, err := s.w.Exec(`DROP TRIGGER articles_sync_read; DROP TRIGGER articles_sync_starred`); err != nil {
					b.Fatal(err)
				}
			case "all-synced":
				if _, err := s.w.Exec(`INSERT INTO sync_entries (remote_id, article_id, read, starred)
					SELECT id, id, 0, 0 FROM articles`); err != nil {
					b.Fatal(err)
				}
			}
			if _, err := s.MarkRead(ctx, Query{Copies: true}, false); err != nil {
				b.Fatal(err)
			}
			var cpu time.Duration
			for b.Loop() {
				start := cpuTime()
				if n, err := s.MarkRead(ctx, Query{Copies: true}, true); err != nil || n != 100_000 {
					b.Fatal(n, err)
				}
				cpu += cpuTime() - start
				b.StopTimer()
				if _, err := s.MarkRead(ctx, Query{Copies: true}, false); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
			b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
		})
	}
}
