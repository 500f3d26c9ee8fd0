package remote

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
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

// feedServer serves RSS feeds on loopback whose items a test adds.
type feedServer struct {
	*httptest.Server
	mu    sync.Mutex
	items map[string][]string // path -> <item> elements
}

func newFeedServer(t testing.TB) *feedServer {
	f := &feedServer{items: map[string][]string{}}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *feedServer) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	items := strings.Join(f.items[r.URL.Path], "\n")
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/rss+xml")
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Wire %s</title><link>%s/</link>
%s
</channel></rss>`, strings.Trim(r.URL.Path, "/"), f.URL, items)
}

// companies named in the generated briefings, with their symbols.
var companies = []struct{ name, exchange, symbol string }{
	{"Alibaba Group", "NYSE", "BABA"}, {"NVIDIA", "NASDAQ", "NVDA"}, {"Tesla", "NASDAQ", "TSLA"},
	{"JD.com", "NASDAQ", "JD"}, {"Apple", "NASDAQ", "AAPL"},
}

// add appends n market briefings to the feed at path; their guids start
// at from.
func (f *feedServer) add(path string, from, n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	base := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	for i := from; i < from+n; i++ {
		c := companies[i%len(companies)]
		link := fmt.Sprintf("%s%s/%d", f.URL, path, i)
		body := fmt.Sprintf(`<p>%s (%s: %s) said quarterly revenue rose %d%% to $%d.%d billion in update %d, `+
			`ahead of the $%d billion analysts expected.</p><p>Key takeaways:</p><ul><li>Margins widened by %d basis points.</li>`+
			`<li>The company raised its full-year outlook.</li></ul>`, c.name, c.exchange, c.symbol, 5+i%30, 10+i%90, i%10, i,
			9+i%90, 20+i%50)
		f.items[path] = append(f.items[path], fmt.Sprintf(`<item><guid>%s</guid><title>%s posts update %d as revenue rises</title>`+
			`<link>%s</link><pubDate>%s</pubDate><description><![CDATA[%s]]></description></item>`,
			link, c.name, i, link, base.Add(time.Duration(i)*time.Minute).Format(time.RFC1123Z), body))
	}
}

// account is a Miniflux user subscribed to loopback feeds.
type account struct {
	srv   *minifluxtest.Server
	user  *minifluxtest.User
	feeds *feedServer
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
	a := &account{srv: srv, user: u, feeds: newFeedServer(t)}
	for i, path := range []string{"/asia.xml", "/us.xml"} {
		a.feeds.add(path, i*perFeed, perFeed)
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
