package feed

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/netip"
	"sync"
	"syscall"
)

// A feed served from a public address may not redirect brief to one on
// this machine or the local network: a hostile server could otherwise make
// brief fetch from a router's admin page, a cloud metadata service
// (169.254.169.254) or a service on loopback, and store the answer where
// the user reads it. A feed the user subscribed to on loopback or the LAN
// may redirect anywhere.
//
// The check is made on the address actually dialed, not on the host named
// in the redirect, so a name that resolves (or rebinds) to a local address
// is caught too. A redirect hop of a feed whose first hop came from a
// public address goes through a transport of its own, whose dialer refuses
// local addresses; its idle connections all lead to public addresses, so
// reusing one cannot bypass the check either. Through a proxy brief sees
// only the proxy's address; what lies behind it is the proxy's business.

// localAddress is the default Options.LocalAddr: addresses on this machine
// or a private network, and those no public server has.
func localAddress(ap netip.AddrPort) bool {
	a := ap.Addr().Unmap()
	return !a.IsValid() || a.IsLoopback() || a.IsPrivate() || a.IsUnspecified() ||
		a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() || a.IsInterfaceLocalMulticast() ||
		sharedSpace.Contains(a) || a == limitedBroadcast
}

var (
	sharedSpace      = netip.MustParsePrefix("100.64.0.0/10") // carrier-grade NAT (RFC 6598)
	limitedBroadcast = netip.AddrFrom4([4]byte{255, 255, 255, 255})
)

// addressKind names what kind of local address a is, for messages.
func addressKind(a netip.Addr) string {
	a = a.Unmap()
	switch {
	case a.IsLoopback():
		return "a loopback address"
	case a.IsLinkLocalUnicast():
		return "a link-local address"
	case a.IsPrivate(), sharedSpace.Contains(a):
		return "a private address"
	}
	return "a local address"
}

// hops follows one fetch's requests, redirects included.
type hops struct {
	mu     sync.Mutex
	known  bool // the first hop's connection has been seen
	public bool // and it led to a public address
}

type hopsKey struct{}

// traceHops returns ctx set up to learn, from the first hop's connection,
// whether the fetch started at a public address.
func traceHops(ctx context.Context, local func(netip.AddrPort) bool) context.Context {
	h := &hops{}
	ctx = context.WithValue(ctx, hopsKey{}, h)
	return httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		GotConn: func(info httptrace.GotConnInfo) {
			h.mu.Lock()
			defer h.mu.Unlock()
			if h.known || info.Conn == nil {
				return
			}
			h.known = true
			if ap, err := netip.ParseAddrPort(info.Conn.RemoteAddr().String()); err == nil {
				h.public = !local(ap)
			}
		},
	})
}

func fromPublic(ctx context.Context) bool {
	h, _ := ctx.Value(hopsKey{}).(*hops)
	if h == nil {
		return false
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.known && h.public
}

// guardedTransport sends the redirect hops of a feed served from a public
// address through a transport that dials only public addresses.
type guardedTransport struct {
	open    *http.Transport
	guarded *http.Transport
}

func (g *guardedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if fromPublic(req.Context()) {
		return g.guarded.RoundTrip(req)
	}
	return g.open.RoundTrip(req)
}

func (g *guardedTransport) CloseIdleConnections() {
	g.open.CloseIdleConnections()
	g.guarded.CloseIdleConnections()
}

// refuseLocal is a net.Dialer Control function that refuses to connect to
// a local address.
func refuseLocal(local func(netip.AddrPort) bool) func(network, address string, _ syscall.RawConn) error {
	return func(network, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			host, _, _ := net.SplitHostPort(address)
			return &redirectError{fmt.Sprintf("refused a redirect from a public address to %s, which is not an IP address", serverText(host))}
		}
		if local(ap) {
			return &redirectError{fmt.Sprintf("refused a redirect from a public address to %s, %s", ap.Addr().Unmap(), addressKind(ap.Addr()))}
		}
		return nil
	}
}
