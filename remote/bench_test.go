package remote

import (
	"context"
	"net/http"
	"testing"

	"brief/config"
)

// BenchmarkSync5000 times, against a real Miniflux holding 5,000 entries
// (two feeds of 2,500 market briefings), a first sync into an empty
// database and a sync with nothing new, through each API; requests/op
// counts the HTTP requests of one sync. Miniflux runs once with a user
// name and password (which it checks with bcrypt at every request) and
// once with an API token.
//
//	go test -run '^$' -bench Sync5000 -benchtime 3x ./remote/
func BenchmarkSync5000(b *testing.B) {
	a := newAccount(b, 2500)
	var key struct {
		Token string `json:"token"`
	}
	if err := a.user.API(context.Background(), "POST", "/v1/api-keys", map[string]any{"description": "bench"}, &key); err != nil {
		b.Fatal(err)
	}
	for _, variant := range []string{"miniflux-password", "miniflux-token", "greader"} {
		kind := config.SyncGReader
		if variant != "greader" {
			kind = config.SyncMiniflux
		}
		count := &countingTransport{}
		o := a.options(kind)
		if variant == "miniflux-token" {
			o.User, o.Secret = "", key.Token
		}
		o.HTTPClient = &http.Client{Transport: count}
		b.Run("first/"+variant, func(b *testing.B) {
			count.n.Store(0)
			for b.Loop() {
				b.StopTimer()
				s := a.syncer(b, kind, o)
				b.StartTimer()
				rep, err := s.Run(context.Background())
				if err != nil || rep.New != 5000 {
					b.Fatalf("first sync: %+v, %v", rep, err)
				}
			}
			b.ReportMetric(float64(count.n.Load())/float64(b.N), "requests/op")
		})
		b.Run("nothing-new/"+variant, func(b *testing.B) {
			s := a.syncer(b, kind, o)
			if _, err := s.Run(context.Background()); err != nil {
				b.Fatal(err)
			}
			count.n.Store(0)
			for b.Loop() {
				b.StopTimer()
				var err error
				if s.Backend, err = New(o); err != nil { // as a new `brief sync` does
					b.Fatal(err)
				}
				b.StartTimer()
				rep, err := s.Run(context.Background())
				if err != nil || rep.New != 0 {
					b.Fatalf("sync with nothing new: %+v, %v", rep, err)
				}
			}
			b.ReportMetric(float64(count.n.Load())/float64(b.N), "requests/op")
		})
	}
}
