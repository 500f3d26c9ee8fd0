package remote

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"brief/config"
)

// small makes the backend ask for a few entries at a time, so that a
// handful of entries takes several pages.
func small(s *Syncer) {
	switch b := s.Backend.(type) {
	case *miniflux:
		b.page = 3
	case *greader:
		b.idsPage, b.itemsPage = 4, 3
	}
}

// TestPagesNewEntriesAndNewFeeds: entries come page by page; a later sync
// brings only what is new, including a feed subscribed on the server
// since; a feed unsubscribed on the server leaves brief, its starred
// articles staying.
func TestPagesNewEntriesAndNewFeeds(t *testing.T) {
	for _, kind := range kinds {
		t.Run(kind, func(t *testing.T) {
			ctx := context.Background()
			a := newAccount(t, 5)
			s := a.syncer(t, kind, a.options(kind))
			small(s)
			if rep := mustSync(t, s); rep.New != 10 || rep.Feeds != 2 {
				t.Fatalf("first sync: %+v, want 10 new in 2 feeds", rep)
			}
			a.feeds.Add("/asia.xml", 100, 4)
			if err := a.user.Refresh(ctx, a.ids[0]); err != nil {
				t.Fatal(err)
			}
			a.feeds.Add("/late.xml", 200, 2)
			if _, err := a.user.Subscribe(ctx, a.feeds.URL+"/late.xml", 0); err != nil {
				t.Fatal(err)
			}
			if rep := mustSync(t, s); rep.New != 6 {
				t.Fatalf("second sync: %+v, want the 6 new entries", rep)
			}
			if got := len(byRemote(t, s.Store)); got != 16 {
				t.Errorf("%d articles after the second sync, want 16", got)
			}
			feeds, _ := s.Store.Feeds(ctx)
			if len(feeds) != 3 {
				t.Errorf("%d synced feeds, want 3 (the new one with its entries)", len(feeds))
			}
			if kind != config.SyncMiniflux {
				return
			}
			// Unsubscribed on the server: gone from brief at the next
			// sync, but for a starred article.
			var keep int64
			for _, art := range byRemote(t, s.Store) {
				if art.FeedTitle == "Wire us.xml" {
					keep = art.ID
				}
			}
			if err := s.Store.SetStarred(ctx, keep, true); err != nil {
				t.Fatal(err)
			}
			if err := a.user.API(ctx, "DELETE", "/v1/feeds/"+strconv.FormatInt(a.ids[1], 10), nil, nil); err != nil {
				t.Fatal(err)
			}
			mustSync(t, s)
			feeds, _ = s.Store.Feeds(ctx)
			left := byRemote(t, s.Store)
			if len(feeds) != 2 || len(left) != 12 {
				t.Errorf("after unsubscribing on the server: %d feeds, %d articles; want 2 feeds and 11 + the starred one", len(feeds), len(left))
			}
		})
	}
}

// TestMinifluxAPIToken: without a user, the secret is an API token.
func TestMinifluxAPIToken(t *testing.T) {
	ctx := context.Background()
	a := newAccount(t, 2)
	var key struct {
		Token string `json:"token"`
	}
	if err := a.user.API(ctx, "POST", "/v1/api-keys", map[string]any{"description": "brief"}, &key); err != nil {
		t.Fatal(err)
	}
	o := Options{Kind: config.SyncMiniflux, URL: a.srv.URL, Secret: key.Token}
	s := a.syncer(t, config.SyncMiniflux, o)
	if rep := mustSync(t, s); rep.New != 4 {
		t.Errorf("sync with an API token: %+v", rep)
	}
	o.Secret = "not-the-token"
	s = a.syncer(t, config.SyncMiniflux, o)
	_, err := s.Run(ctx)
	if !errors.Is(err, ErrCredentials) || !strings.Contains(err.Error(), "refused the API token") {
		t.Errorf("a wrong token: %v", err)
	}
}

// TestWrongCredentialsOneLine: a wrong password is one line saying so,
// which never shows the password, and nothing is saved.
func TestWrongCredentialsOneLine(t *testing.T) {
	for _, kind := range kinds {
		t.Run(kind, func(t *testing.T) {
			a := newAccount(t, 1)
			o := a.options(kind)
			o.Secret = "Wrong-Secret-4471"
			s := a.syncer(t, kind, o)
			_, err := s.Run(context.Background())
			if !errors.Is(err, ErrCredentials) {
				t.Fatalf("wrong password: %v, want the credentials refused", err)
			}
			msg := err.Error()
			if strings.Contains(msg, "\n") || strings.Contains(msg, o.Secret) || !strings.Contains(msg, o.User) {
				t.Errorf("error %q: want one line naming the user and not the password", msg)
			}
			status, _ := s.Store.SyncStatus(context.Background())
			if status.LastError != msg || status.Entries != 0 || !status.LastSync.IsZero() {
				t.Errorf("status after a refused login: %+v", status)
			}
		})
	}
}

// TestServerFailuresAreOneLine: an API that refuses, or answers what it
// should not, fails the sync in one line that says what happened.
func TestServerFailuresAreOneLine(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v1/feeds":
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusInternalServerError)
			w.Write([]byte(`{"error_message":"store: unable to fetch feeds\n\u001b[31mdetail"}`))
		case "/reader/api/0/subscription/list":
			w.Write([]byte("<html>not json</html>"))
		case "/accounts/ClientLogin":
			w.Write([]byte("SID=x\nAuth=token-1\n"))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	for _, tc := range []struct {
		kind string
		want error
		text string
	}{
		{config.SyncMiniflux, ErrRefused, "refused GET /v1/feeds (HTTP 500: store: unable to fetch feeds [31mdetail)"},
		{config.SyncGReader, ErrBadAnswer, "answer of " + srv.URL + " to GET /reader/api/0/subscription/list is not what the API sends"},
	} {
		b, err := New(Options{Kind: tc.kind, URL: srv.URL, User: "u", Secret: "pw-0000"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = b.Subscriptions(context.Background())
		if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.text) || strings.ContainsAny(err.Error(), "\n\x1b") {
			t.Errorf("%s: %q, want %v saying %q on one line", tc.kind, err, tc.want, tc.text)
		}
	}
	srv.Close()
	b, _ := New(Options{Kind: config.SyncMiniflux, URL: srv.URL, Secret: "pw-0000"})
	_, err := b.Subscriptions(context.Background())
	if !errors.Is(err, ErrUnreachable) || !strings.Contains(err.Error(), "connection refused") {
		t.Errorf("server gone: %v", err)
	}
}

// TestItemIDForms: the Google Reader API writes item ids in two forms;
// brief keeps the decimal one and sends the long one.
func TestItemIDForms(t *testing.T) {
	for in, want := range map[string]string{
		"tag:google.com,2005:reader/item/000000000000001f": "31",
		"tag:google.com,2005:reader/item/2f2":              "754",
		"1733420000000000":                                 "1733420000000000",
	} {
		if got, ok := decimalID(in); !ok || got != want {
			t.Errorf("decimalID(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if _, ok := decimalID("tag:google.com,2005:reader/item/xyz"); ok {
		t.Error("a malformed long id was read")
	}
	if l, _ := longID("31"); l != "tag:google.com,2005:reader/item/000000000000001f" {
		t.Errorf("longID(31) = %q", l)
	}
	for raw, want := range map[string]string{`"c-1"`: "c-1", `250`: "250", `0`: "", `null`: "", ``: ""} {
		if got := continuation([]byte(raw)); got != want {
			t.Errorf("continuation %s read as %q, want %q", raw, got, want)
		}
	}
}

// TestRedirectElsewhereKeepsTheSecret: a server that redirects to another
// host gets no password sent on, and the sync says where it was sent.
func TestRedirectElsewhereKeepsTheSecret(t *testing.T) {
	var leaked atomic.Bool
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked.Store(true)
	}))
	defer other.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, strings.Replace(other.URL, "127.0.0.1", "localhost", 1)+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	defer srv.Close()
	for _, kind := range kinds {
		b, err := New(Options{Kind: kind, URL: srv.URL, User: "u", Secret: "pw-0000"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = b.Subscriptions(context.Background())
		if !errors.Is(err, ErrUnreachable) || !strings.Contains(err.Error(), "redirects to http://localhost:") {
			t.Errorf("%s: %v", kind, err)
		}
	}
	if leaked.Load() {
		t.Error("a request reached the other server")
	}
}
