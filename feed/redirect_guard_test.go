package feed

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
)

// TestRedirectToLocalRefused: a feed served from a public address that
// redirects to loopback is refused in one line, whether the redirect names
// the address or a host name that resolves to it, and even when an idle
// connection to that address is in the pool; redirects between public
// addresses, and from and within local ones, are followed.
//
// Every server here is on loopback; Options.LocalAddr passes the two
// "public" ones off as public by their ports.
func TestRedirectToLocalRefused(t *testing.T) {
	t.Parallel()
	var insideHits atomic.Int32
	inside := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		insideHits.Add(1)
		serveRSS(w)
	}))
	t.Cleanup(inside.Close)
	inside2 := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, inside.URL+"/feed", http.StatusFound)
	}))
	t.Cleanup(inside2.Close)
	insidePort := mustURL(t, inside.URL).Port()

	public2 := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/to-inside" {
			http.Redirect(w, r, inside.URL+"/feed", http.StatusFound)
			return
		}
		serveRSS(w)
	}))
	t.Cleanup(public2.Close)
	public := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/to-inside":
			http.Redirect(w, r, inside.URL+"/feed", http.StatusFound)
		case "/to-inside-by-name":
			http.Redirect(w, r, "http://localhost:"+insidePort+"/feed", http.StatusMovedPermanently)
		case "/to-public2":
			http.Redirect(w, r, public2.URL+"/feed", http.StatusFound)
		case "/via-public2":
			http.Redirect(w, r, public2.URL+"/to-inside", http.StatusFound)
		case "/moved":
			http.Redirect(w, r, "/feed", http.StatusMovedPermanently)
		default:
			serveRSS(w)
		}
	}))
	t.Cleanup(public.Close)

	publicPorts := map[uint16]bool{}
	for _, s := range []*httptest.Server{public, public2} {
		publicPorts[netip.MustParseAddrPort(s.Listener.Addr().String()).Port()] = true
	}
	var dialed atomic.Int32
	f := testFetcher(t, Options{LocalAddr: func(ap netip.AddrPort) bool {
		dialed.Add(1)
		return !publicPorts[ap.Port()] && localAddress(ap)
	}})

	// A local feed first, so that an idle connection to it waits in the
	// pool for the redirects below to try to reuse.
	if res := f.Fetch(t.Context(), Request{URL: inside.URL + "/feed"}); res.Err != nil {
		t.Fatalf("the local feed itself: %v", res.Err)
	}
	for _, tc := range []struct {
		url, want string // want: "" when the feed must load
	}{
		{public.URL + "/to-inside", "refused a redirect from a public address to 127.0.0.1, a loopback address"},
		{public.URL + "/to-inside-by-name", "refused a redirect from a public address to "},
		{public.URL + "/via-public2", "refused a redirect from a public address to 127.0.0.1, a loopback address"},
		{public.URL + "/to-public2", ""},
		{public.URL + "/moved", ""},
		{inside2.URL + "/to-inside", ""},
		{inside.URL + "/feed", ""},
	} {
		res := f.Fetch(t.Context(), Request{URL: tc.url})
		if tc.want != "" {
			t.Logf("%s: %v", strings.TrimPrefix(tc.url, public.URL), res.Err)
		}
		switch {
		case tc.want == "" && (res.Err != nil || len(res.Items) != 1):
			t.Errorf("%s: err = %v, %d items; want the feed", tc.url, res.Err, len(res.Items))
		case tc.want != "" && (res.Err == nil || !strings.HasPrefix(res.Err.Error(), tc.want)):
			t.Errorf("%s: err = %v, want %q", tc.url, res.Err, tc.want)
		case tc.want != "" && strings.ContainsAny(res.Err.Error(), "\n\r"):
			t.Errorf("%s: err spans lines: %q", tc.url, res.Err)
		}
	}
	// The direct fetch, the redirect from inside2 and the last one.
	if n := insideHits.Load(); n != 3 {
		t.Errorf("the local server saw %d requests, want 3: the refused redirects must not reach it", n)
	}
	if dialed.Load() == 0 {
		t.Error("Options.LocalAddr was never asked")
	}
}

func TestLocalAddress(t *testing.T) {
	t.Parallel()
	for addr, want := range map[string]bool{
		"127.0.0.1": true, "127.9.9.9": true, "10.1.2.3": true, "172.16.0.1": true, "172.31.255.255": true,
		"192.168.1.1": true, "169.254.169.254": true, "100.64.0.1": true, "0.0.0.0": true, "255.255.255.255": true,
		"::1": true, "fe80::1": true, "fc00::1": true, "fd12:3456::1": true, "::": true, "::ffff:127.0.0.1": true,
		"::ffff:169.254.169.254": true,
		"8.8.8.8":                false, "172.32.0.1": false, "100.128.0.1": false, "93.184.216.34": false,
		"2001:4860:4860::8888": false, "::ffff:8.8.8.8": false,
	} {
		ap := netip.AddrPortFrom(netip.MustParseAddr(addr), 80)
		if got := localAddress(ap); got != want {
			t.Errorf("localAddress(%s) = %v, want %v", addr, got, want)
		}
	}
	if got := fmt.Sprint(addressKind(netip.MustParseAddr("169.254.169.254"))); got != "a link-local address" {
		t.Errorf("169.254.169.254 is %q", got)
	}
}
