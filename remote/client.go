package remote

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"

	"brief/config"
	"brief/internal/sanitize"
)

// Kinds of sync failure, for errors.Is. Every error a Backend returns is
// one line a user can act on, and never holds the secret.
var (
	ErrCredentials = errors.New("credentials refused")
	ErrUnreachable = errors.New("server unreachable")
	ErrRefused     = errors.New("request refused")
	ErrBadAnswer   = errors.New("unexpected answer")
)

// Error is a sync failure said in one line.
type Error struct {
	Kind error // one of the Err values above
	Msg  string
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Kind }

// maxBody bounds one answer of the server: a page of entries is a few
// megabytes.
const maxBody = 256 << 20

// secret is a password or token. Printing it by mistake prints a mask.
type secret string

func (secret) String() string                { return "[hidden]" }
func (secret) GoString() string              { return "[hidden]" }
func (secret) Format(f fmt.State, verb rune) { io.WriteString(f, "[hidden]") }

// client carries the requests of a Backend.
type client struct {
	base          string // the server's address, no trailing slash
	user          string
	secret        secret
	appID, appKey string
	ua            string
	hc            *http.Client
	timeout       time.Duration
}

func newClient(o Options) *client {
	c := &client{base: strings.TrimRight(o.URL, "/"), user: o.User, secret: secret(o.Secret),
		appID: o.AppID, appKey: o.AppKey, ua: o.UserAgent, hc: o.HTTPClient, timeout: o.Timeout}
	if c.timeout <= 0 {
		c.timeout = config.DefaultSyncTimeout
	}
	if c.hc == nil {
		c.hc = &http.Client{Timeout: c.timeout, CheckRedirect: sameServer}
	}
	if c.ua == "" {
		c.ua = "brief"
	}
	return c
}

// sameServer follows a redirect only to the same host, and never from
// https to http: requests carry the password (a login form) or the token
// (X-Auth-Token, which Go would forward anywhere).
func sameServer(req *http.Request, via []*http.Request) error {
	first := via[0].URL
	switch {
	case len(via) >= 5:
		return errors.New("too many redirects")
	case req.URL.Host != first.Host || first.Scheme == "https" && req.URL.Scheme != "https":
		return fmt.Errorf("it redirects to %s://%s, where brief does not send the password; set [sync] url to that address if it is right",
			req.URL.Scheme, req.URL.Host)
	}
	return nil
}

// request builds a request to path (with its query) on the server.
func (c *client) request(ctx context.Context, method, path string, body io.Reader) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return nil, &Error{ErrRefused, fmt.Sprintf("sync: cannot make a request to %s: %v", c.base, err)}
	}
	req.Header.Set("User-Agent", c.ua)
	req.Header.Set("Accept", "application/json")
	if c.appID != "" {
		req.Header.Set("AppId", c.appID)
		req.Header.Set("AppKey", c.appKey)
	}
	return req, nil
}

// do sends req and returns the body of a 2xx answer and the headers; any
// other answer, or none, is an *Error.
func (c *client) do(req *http.Request) ([]byte, http.Header, error) {
	what := req.Method + " " + req.URL.Path
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, nil, c.netError(req.Context(), err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return nil, nil, c.netError(req.Context(), err)
	}
	if len(body) > maxBody {
		return nil, nil, &Error{ErrBadAnswer, fmt.Sprintf("sync: the answer of %s to %s is larger than %d MiB", c.base, what, maxBody>>20)}
	}
	switch {
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		who := fmt.Sprintf("the credentials of user %q", sanitize.Line(c.user))
		if c.user == "" {
			who = "the API token"
		}
		return nil, nil, &Error{ErrCredentials, fmt.Sprintf("sync: %s refused %s (HTTP %d); check [sync] user and the password or token",
			c.base, who, resp.StatusCode)}
	case resp.StatusCode/100 != 2:
		msg := serverMessage(body)
		if msg != "" {
			msg = ": " + msg
		}
		return nil, nil, &Error{ErrRefused, fmt.Sprintf("sync: %s refused %s (HTTP %d%s)", c.base, what, resp.StatusCode, msg)}
	}
	return body, resp.Header, nil
}

// netError says why no answer came.
func (c *client) netError(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err // the URL is said once, below
	}
	var dns *net.DNSError
	var why string
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		why = "connection refused (is the server running?)"
	case errors.As(err, &dns):
		why = "no such host " + dns.Name
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(err, syscall.ETIMEDOUT) || isTimeout(err):
		why = fmt.Sprintf("no answer within %s", c.timeout)
	default:
		why = err.Error()
	}
	return &Error{ErrUnreachable, "sync: cannot reach " + c.base + ": " + sanitize.Line(why)}
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// serverMessage is the gist of an error answer: Miniflux's error_message,
// else the first line of text, cut short.
func serverMessage(body []byte) string {
	var m struct {
		Message string `json:"error_message"`
	}
	s := ""
	if json.Unmarshal(body, &m) == nil && m.Message != "" {
		s = m.Message
	} else if !json.Valid(body) {
		s, _, _ = strings.Cut(strings.TrimSpace(string(body)), "\n")
	}
	s = sanitize.Line(s)
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// getJSON GETs path and decodes the answer into out.
func (c *client) getJSON(ctx context.Context, path string, auth func(*http.Request), out any) (http.Header, error) {
	req, err := c.request(ctx, http.MethodGet, path, nil)
	if err != nil {
		return nil, err
	}
	auth(req)
	body, h, err := c.do(req)
	if err != nil {
		return nil, err
	}
	return h, c.decode(req, body, out)
}

func (c *client) decode(req *http.Request, body []byte, out any) error {
	if err := json.Unmarshal(body, out); err != nil {
		return &Error{ErrBadAnswer, fmt.Sprintf("sync: the answer of %s to %s %s is not what the API sends: %s",
			c.base, req.Method, req.URL.Path, sanitize.Line(err.Error()))}
	}
	return nil
}
