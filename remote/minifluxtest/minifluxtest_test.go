package minifluxtest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"
)

// TestServerServesAFeedAndTheGoogleReaderAPI starts the real thing once:
// a user subscribes to a loopback feed, Miniflux fetches its items, and
// the Google Reader API logs the user in with the password set through
// EnableGReader and refuses a wrong one.
func TestServerServesAFeedAndTheGoogleReaderAPI(t *testing.T) {
	ctx := context.Background()
	s, err := Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	var feed *httptest.Server
	feed = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Loop</title><link>%[1]s/</link>
<item><guid>%[1]s/a/1</guid><title>One</title><link>%[1]s/a/1</link><description>first</description></item>
<item><guid>%[1]s/a/2</guid><title>Two</title><link>%[1]s/a/2</link><description>second</description></item>
</channel></rss>`, feed.URL)
	}))
	defer feed.Close()

	u, err := s.NewUser(ctx, "harness", "harness-pass")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := u.Subscribe(ctx, feed.URL+"/rss", 0); err != nil {
		t.Fatal(err)
	}
	entries, err := u.Entries(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 {
		t.Fatalf("want the feed's 2 entries on the server, got %+v", entries)
	}
	if err := u.EnableGReader(ctx, "harness-gr", "gr-pass"); err != nil {
		t.Fatal(err)
	}
	login := func(pw string) int {
		resp, err := http.PostForm(s.URL+"/accounts/ClientLogin", url.Values{"Email": {"harness-gr"}, "Passwd": {pw}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := login("gr-pass"); code != 200 {
		t.Errorf("ClientLogin with the right password: HTTP %d", code)
	}
	if code := login("wrong"); code != 401 {
		t.Errorf("ClientLogin with a wrong password: HTTP %d, want 401", code)
	}

	s.StopMiniflux()
	if _, err := http.Get(s.URL + "/healthcheck"); err == nil {
		t.Error("Miniflux still answers after StopMiniflux")
	}
	start := time.Now()
	if err := s.StartMiniflux(ctx); err != nil {
		t.Fatal(err)
	}
	t.Logf("restart took %s", time.Since(start))
	if entries, err := u.Entries(ctx, "status=unread"); err != nil || len(entries) != 2 {
		t.Errorf("after a restart: %v, %d entries", err, len(entries))
	}
	dir := s.Dir
	s.Close()
	if _, err := os.Stat(dir); !os.IsNotExist(err) || strings.TrimSpace(dir) == "" {
		t.Errorf("Close left %s behind", dir)
	}
}
