package remote

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"brief/config"
	"brief/remote/minifluxtest"
	"brief/store"
)

// The package's tests share one Miniflux, started by the first test that
// needs it and stopped by TestMain; each test has a Miniflux user of its
// own.
var shared struct {
	once sync.Once
	srv  *minifluxtest.Server
	err  error
	n    atomic.Int64
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.srv != nil {
		shared.srv.Close()
	}
	os.Exit(code)
}

func server(t testing.TB) *minifluxtest.Server {
	t.Helper()
	shared.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		shared.srv, shared.err = minifluxtest.Start(ctx)
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.srv
}

// account is a Miniflux user subscribed to loopback feeds.
type account struct {
	srv   *minifluxtest.Server
	user  *minifluxtest.User
	feeds *minifluxtest.Feeds
	ids   []int64 // Miniflux feed ids
}

// newAccount makes a user with the Google Reader API on, subscribed to
// two feeds of perFeed briefings each, in the category "Markets".
func newAccount(t testing.TB, perFeed int) *account {
	t.Helper()
	ctx := context.Background()
	srv := server(t)
	n := shared.n.Add(1)
	u, err := srv.NewUser(ctx, fmt.Sprintf("user%d", n), "password-"+fmt.Sprint(n))
	if err != nil {
		t.Fatal(err)
	}
	if err := u.EnableGReader(ctx, fmt.Sprintf("gr%d", n), fmt.Sprintf("gr-secret-%d", n)); err != nil {
		t.Fatal(err)
	}
	cat, err := u.Category(ctx, "Markets")
	if err != nil {
		t.Fatal(err)
	}
	a := &account{srv: srv, user: u, feeds: minifluxtest.NewFeeds()}
	t.Cleanup(a.feeds.Close)
	for i, path := range []string{"/asia.xml", "/us.xml"} {
		a.feeds.Add(path, i*perFeed, perFeed)
		id, err := u.Subscribe(ctx, a.feeds.URL+path, cat)
		if err != nil {
			t.Fatal(err)
		}
		a.ids = append(a.ids, id)
	}
	return a
}

// options are the Backend options of kind for the account.
func (a *account) options(kind string) Options {
	o := Options{Kind: kind, URL: a.srv.URL, UserAgent: "brief-test"}
	if kind == config.SyncGReader {
		o.User, o.Secret = a.user.GReaderUser, a.user.GReaderPassword
	} else {
		o.User, o.Secret = a.user.Name, a.user.Password
	}
	return o
}

// syncer is a Syncer of kind for the account into a new store.
func (a *account) syncer(t testing.TB, kind string, o Options) *Syncer {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "brief.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	b, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return &Syncer{Store: st, Backend: b, Account: kind + " " + o.URL + " " + o.User, BaseURL: o.URL}
}

// countingTransport counts the requests it carries.
type countingTransport struct {
	n     atomic.Int64
	paths sync.Map // "METHOD path" -> *atomic.Int64
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	v, _ := c.paths.LoadOrStore(r.Method+" "+r.URL.Path, new(atomic.Int64))
	v.(*atomic.Int64).Add(1)
	return http.DefaultTransport.RoundTrip(r)
}

func (c *countingTransport) String() string {
	var parts []string
	c.paths.Range(func(k, v any) bool {
		parts = append(parts, fmt.Sprintf("%s ×%d", k, v.(*atomic.Int64).Load()))
		return true
	})
	return strings.Join(parts, ", ")
}
