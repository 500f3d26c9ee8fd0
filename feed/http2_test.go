package feed

import (
	"crypto/tls"
	"crypto/x509"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// TestHTTP2: over TLS the fetcher speaks HTTP/2, and a host's requests
// share one connection. The custom dialer (and the redirect guard's
// transport) would turn HTTP/2 off without ForceAttemptHTTP2.
func TestHTTP2(t *testing.T) {
	t.Parallel()
	var (
		mu     sync.Mutex
		protos = map[int]int{}
		conns  = map[string]bool{}
	)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		protos[r.ProtoMajor]++
		conns[r.RemoteAddr] = true
		mu.Unlock()
		serveRSS(w)
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	t.Cleanup(srv.Close)

	f := testFetcher(t, Options{})
	roots := x509.NewCertPool()
	roots.AddCert(srv.Certificate())
	g := f.client.Transport.(*guardedTransport)
	g.open.TLSClientConfig = &tls.Config{RootCAs: roots}
	g.guarded.TLSClientConfig = &tls.Config{RootCAs: roots}

	// One feed first, so that the others find the connection open.
	if res := f.Fetch(t.Context(), Request{URL: srv.URL + "/first"}); res.Err != nil {
		t.Fatal(res.Err)
	}
	for i, r := range f.FetchAll(t.Context(), feedsOn(srv.URL, 40), nil) {
		if r.Err != nil {
			t.Errorf("feed %d: %v", i, r.Err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if protos[2] != 41 {
		t.Errorf("requests by HTTP major version: %v; want all 41 over HTTP/2", protos)
	}
	if len(conns) != 1 {
		t.Errorf("41 requests came over %d connections, want 1", len(conns))
	}
}
