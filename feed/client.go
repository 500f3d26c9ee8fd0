package feed

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"runtime"
	"strings"
	"syscall"
	"time"
)

// Options configure a Fetcher. A zero field takes the default noted beside it.
type Options struct {
	// Concurrency is how many fetches are in flight at once, over all
	// hosts; default 64. With a low limit on open files it is lowered to
	// what the descriptors left allow.
	Concurrency int

	// PerHost is how many fetches are in flight at once to one host:port
	// to begin with; default 4. A host that answers quickly (headers
	// within 2s) and cleanly earns one more after each round of such
	// answers, up to HostCap. A 429 or 503, a reset or dropped connection
	// or a timeout halves it (down to 1), and for five minutes the host
	// stays below the number in flight it refused. A Retry-After on a 429
	// or 503 pauses the host: no request to it starts until then; a fetch
	// that would have to wait longer than MaxRetryAfter or Timeout gets a
	// *RetryLaterError without asking the host again.
	PerHost int
	// HostCap is the most fetches in flight at once to one host:port;
	// default 16, or PerHost when that is higher. HostCap equal to
	// PerHost keeps every host at PerHost.
	HostCap int
	// HostLimits are limits for particular hosts, keyed by domain name
	// (no port); a key covers the domain's subdomains too. They come on
	// top of the limits hosts publish (sec.gov: 10 requests a second),
	// which they can make stricter but not looser; where several keys
	// cover a host, each applies.
	HostLimits map[string]HostLimit

	// Timeout bounds one feed: every attempt from dial to the last body
	// byte (so a server that drips its body is cut off too), and the
	// back-offs and Retry-After waits between them; a wait that would not
	// leave time for another attempt is not taken. Time queued behind the
	// concurrency bounds does not count. A local file is read within it
	// too. Default 30s.
	Timeout        time.Duration
	ConnectTimeout time.Duration // TCP connect and TLS handshake; default 10s

	MaxBody      int64 // cap on the decompressed body (and on files); default 10 MiB
	MaxRedirects int   // default 10; negative follows none

	// Retries is how many times a connection failure, a 5xx or a 429 is
	// retried; default 2, negative for none. BaseBackoff is the first wait
	// (default 500ms); each later one is three times longer.
	Retries     int
	BaseBackoff time.Duration
	// MaxRetryAfter caps the Retry-After the fetcher will sit out (default
	// 30s). A server asking for longer gets a *RetryLaterError at once.
	MaxRetryAfter time.Duration

	UserAgent string // default UserAgent("dev")

	// Contact is an e-mail address declared, in the User-Agent and a From
	// header, to the hosts of ContactHosts, which refuse automated clients
	// that give none. No other host ever sees it, redirects included.
	Contact string
	// ContactHosts are the domains (and their subdomains) Contact goes
	// to; default sec.gov, whose EDGAR feeds answer 403 without one.
	ContactHosts []string

	// LocalAddr reports whether an address brief connects to is on this
	// machine or a local network. A feed whose server is not local may not
	// redirect to one that is. Default: loopback, private (RFC 1918 and
	// fc00::/7), link-local (169.254.0.0/16, fe80::/10), carrier-grade NAT
	// and unspecified addresses.
	LocalAddr func(netip.AddrPort) bool

	// Offline makes http(s) feeds fail at once with ErrOffline; files and
	// builtin:sample still load.
	Offline bool

	Now func() time.Time // clock for Retry-After dates and undated items; default time.Now
}

// ErrOffline is the error of an http(s) feed fetched with Options.Offline.
var ErrOffline = errors.New("offline: network fetch skipped")

const (
	defaultConcurrency   = 64
	defaultPerHost       = 4
	defaultHostCap       = 16
	defaultTimeout       = 30 * time.Second
	defaultConnect       = 10 * time.Second
	defaultMaxBody       = 10 << 20
	defaultMaxRedirects  = 10
	defaultRetries       = 2
	defaultBaseBackoff   = 500 * time.Millisecond
	defaultMaxRetryAfter = 30 * time.Second
)

// UserAgent is the User-Agent brief sends: it names the program and its
// version, so a feed's operator can tell who is polling them.
func UserAgent(version string) string {
	return "brief/" + version + " (terminal market briefing reader)"
}

func (o Options) withDefaults() Options {
	if o.Concurrency <= 0 {
		o.Concurrency = defaultConcurrency
	}
	if o.PerHost <= 0 {
		o.PerHost = defaultPerHost
	}
	if o.HostCap <= 0 {
		o.HostCap = max(defaultHostCap, o.PerHost)
	}
	if o.Timeout <= 0 {
		o.Timeout = defaultTimeout
	}
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = defaultConnect
	}
	if o.MaxBody <= 0 {
		o.MaxBody = defaultMaxBody
	}
	switch {
	case o.MaxRedirects == 0:
		o.MaxRedirects = defaultMaxRedirects
	case o.MaxRedirects < 0:
		o.MaxRedirects = 0
	}
	switch {
	case o.Retries == 0:
		o.Retries = defaultRetries
	case o.Retries < 0:
		o.Retries = 0
	}
	if o.BaseBackoff <= 0 {
		o.BaseBackoff = defaultBaseBackoff
	}
	if o.MaxRetryAfter <= 0 {
		o.MaxRetryAfter = defaultMaxRetryAfter
	}
	if o.UserAgent == "" {
		o.UserAgent = UserAgent("dev")
	}
	if o.ContactHosts == nil {
		o.ContactHosts = []string{"sec.gov"}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.LocalAddr == nil {
		o.LocalAddr = localAddress
	}
	return o
}

// Fetcher fetches feeds. It is safe for concurrent use; all its fetches share
// one HTTP client, so connections are reused and the bounds in Options hold
// across every caller.
type Fetcher struct {
	opts   Options
	client *http.Client
	limits *limiter
	// parsing bounds how many feeds are parsed at once. Parsing is all
	// CPU, so more parses than cores only interleave: each feed would
	// finish later, holding its parse tree (several times the body) the
	// whole time, and the stages after it would wait.
	parsing chan struct{}
}

// NewFetcher returns a Fetcher with o's settings, defaults filled in.
func NewFetcher(o Options) *Fetcher {
	o = o.withDefaults()
	b := sizeBounds(o, fdsAvailable())
	o.Concurrency = b.concurrency
	limits := newLimiter(o)
	return &Fetcher{
		opts: o,
		client: &http.Client{
			Transport:     newTransport(o, b, limits.rules.maxCap(o.HostCap)),
			CheckRedirect: redirectPolicy(o),
		},
		limits:  limits,
		parsing: make(chan struct{}, runtime.GOMAXPROCS(0)),
	}
}

// newTransport returns the fetcher's transport. hostCap is the most
// requests any one host may have in flight: as many connections to it are
// kept alive (over HTTP/1.1; HTTP/2 needs one), within the idle bounds.
func newTransport(o Options, b fdBounds, hostCap int) http.RoundTripper {
	transport := func(control func(string, string, syscall.RawConn) error, maxIdle int) *http.Transport {
		dialer := &net.Dialer{Timeout: o.ConnectTimeout, KeepAlive: 30 * time.Second, Control: control}
		return &http.Transport{
			Proxy:       http.ProxyFromEnvironment,
			DialContext: dialer.DialContext,
			// A custom dialer turns HTTP/2 off unless asked for; with
			// it, a host's requests share one connection.
			ForceAttemptHTTP2:     true,
			TLSHandshakeTimeout:   o.ConnectTimeout,
			ResponseHeaderTimeout: o.Timeout,
			ExpectContinueTimeout: time.Second,
			IdleConnTimeout:       90 * time.Second,
			MaxIdleConns:          maxIdle,
			MaxIdleConnsPerHost:   min(hostCap, maxIdle),
			// We ask for gzip ourselves and decompress under the size
			// cap; the transport's own decompression would not be capped.
			DisableCompression: true,
		}
	}
	return &guardedTransport{
		open:    transport(nil, b.idle),
		guarded: transport(refuseLocal(o.LocalAddr), b.guardedIdle),
	}
}

// identify sets the User-Agent of req, with the contact for a host that
// wants one, and the From header only there.
func (o Options) identify(req *http.Request) {
	if o.Contact != "" && o.contactHost(req.URL.Hostname()) {
		req.Header.Set("User-Agent", o.UserAgent+" "+o.Contact)
		req.Header.Set("From", o.Contact)
		return
	}
	req.Header.Set("User-Agent", o.UserAgent)
	req.Header.Del("From")
}

// contactHost reports whether host is one of ContactHosts or under one.
func (o Options) contactHost(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	for _, d := range o.ContactHosts {
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}

// CloseIdleConnections closes kept-alive connections that are not in use.
func (f *Fetcher) CloseIdleConnections() { f.client.CloseIdleConnections() }

// redirectError is a redirect the fetcher refused to follow; retrying would
// only meet the same redirect.
type redirectError struct{ msg string }

func (e *redirectError) Error() string { return e.msg }

func redirectPolicy(o Options) func(*http.Request, []*http.Request) error {
	maxRedirects := o.MaxRedirects
	return func(req *http.Request, via []*http.Request) error {
		// The client copies the first request's headers; the contact goes
		// only where it is asked for.
		o.identify(req)
		// via holds every request made so far, the first one included.
		if len(via) > maxRedirects {
			return &redirectError{fmt.Sprintf("stopped after %d redirects", maxRedirects)}
		}
		if s := req.URL.Scheme; s != "http" && s != "https" {
			// url.Parse allows only [a-z0-9+.-] in a scheme, so it is
			// safe to print.
			return &redirectError{fmt.Sprintf("refused a redirect to a %s: address", s)}
		}
		return nil
	}
}
