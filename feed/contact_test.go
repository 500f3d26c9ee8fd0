package feed

import (
	"errors"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// TestContactGoesOnlyToContactHosts: the contact address reaches a host of
// ContactHosts (here "localhost") in the User-Agent and a From header, and
// not the same server under another name, neither directly nor after a
// redirect from the contact host.
func TestContactGoesOnlyToContactHosts(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	seen := map[string]http.Header{}
	srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen[r.Host+r.URL.Path] = r.Header.Clone()
		mu.Unlock()
		if r.URL.Path == "/hop" {
			// On to the same server by another name.
			http.Redirect(w, r, "http://127.0.0.1:"+strings.Split(r.Host, ":")[1]+"/feed", http.StatusFound)
			return
		}
		w.Write([]byte(tinyRSS))
	})
	port := srv.URL[strings.LastIndexByte(srv.URL, ':')+1:]
	f := testFetcher(t, Options{UserAgent: UserAgent("1.2.3"), Contact: "research@fund.example.com", ContactHosts: []string{"localhost"}})
	for _, u := range []string{"http://localhost:" + port + "/feed", "http://127.0.0.1:" + port + "/other", "http://localhost:" + port + "/hop"} {
		if _, err := f.get(t.Context(), mustURL(t, u), Validators{}); err != nil {
			t.Fatalf("%s: %v", u, err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	want := map[string]bool{"localhost:" + port + "/feed": true, "127.0.0.1:" + port + "/other": false,
		"localhost:" + port + "/hop": true, "127.0.0.1:" + port + "/feed": false}
	for key, declared := range want {
		h, ok := seen[key]
		if !ok {
			t.Errorf("no request for %s", key)
			continue
		}
		ua, from := h.Get("User-Agent"), h.Get("From")
		if declared && (ua != "brief/1.2.3 (terminal market briefing reader) research@fund.example.com" || from != "research@fund.example.com") {
			t.Errorf("%s: User-Agent %q, From %q; want the contact in both", key, ua, from)
		}
		if !declared && (strings.Contains(ua, "@") || from != "") {
			t.Errorf("%s: User-Agent %q, From %q; want no contact", key, ua, from)
		}
	}
}

// TestContactHostForbiddenSaysWhatToDo: a contact host answering 403 to a
// fetch without a contact gets an error that says how to declare one; with
// a contact declared, or from another host, a 403 is just a 403.
func TestContactHostForbiddenSaysWhatToDo(t *testing.T) {
	t.Parallel()
	srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "Your Request Originates from an Undeclared Automated Tool", http.StatusForbidden)
	})
	port := srv.URL[strings.LastIndexByte(srv.URL, ':')+1:]
	cases := []struct {
		contact, host string
		hint          bool
	}{
		{"", "localhost", true},
		{"me@example.com", "localhost", false},
		{"", "127.0.0.1", false},
	}
	for _, c := range cases {
		f := testFetcher(t, Options{Contact: c.contact, ContactHosts: []string{"localhost"}})
		_, err := f.get(t.Context(), mustURL(t, "http://"+c.host+":"+port+"/feed"), Validators{})
		var se *StatusError
		if !errors.As(err, &se) || se.Code != http.StatusForbidden {
			t.Fatalf("%+v: err = %v, want a 403", c, err)
		}
		if got := strings.Contains(err.Error(), `set sec_contact = "you@example.com" under [fetch]`); got != c.hint {
			t.Errorf("%+v: %q; hint given = %v, want %v", c, err, got, c.hint)
		}
	}
}

func TestDefaultContactHostIsSEC(t *testing.T) {
	o := Options{}.withDefaults()
	for host, want := range map[string]bool{"www.sec.gov": true, "sec.gov": true, "WWW.SEC.GOV.": true, "efts.sec.gov": true,
		"notsec.gov": false, "sec.gov.evil.example": false, "example.com": false} {
		if got := o.contactHost(host); got != want {
			t.Errorf("contactHost(%q) = %v, want %v", host, got, want)
		}
	}
}

// TestNetworkErrorsInWords: a failed lookup and a refused connection are
// said in words that name the host, with Go's error still wrapped.
func TestNetworkErrorsInWords(t *testing.T) {
	t.Parallel()
	cases := []struct {
		err  error
		want string
	}{
		{&net.DNSError{Err: "no such host", Name: "feeds.example.com", Server: "10.0.0.53:53", IsNotFound: true},
			"no server is called feeds.example.com (offline, or a wrong address)"},
		{&net.DNSError{Err: "i/o timeout", Name: "feeds.example.com", IsTimeout: true},
			"looking up feeds.example.com timed out (offline?)"},
		{&net.DNSError{Err: "server misbehaving", Name: "feeds.example.com"},
			"could not look up feeds.example.com (offline?)"},
		{&net.OpError{Op: "dial", Net: "tcp", Err: &os.SyscallError{Syscall: "connect", Err: syscall.ENETUNREACH}},
			"no route to feeds.example.com (offline?)"},
	}
	for _, c := range cases {
		got := networkError(c.err, "feeds.example.com")
		if got == nil || got.Error() != c.want || !errors.Is(got, c.err) {
			t.Errorf("networkError(%v) = %v, want %q wrapping it", c.err, got, c.want)
		}
	}
	if got := networkError(errors.New("something else"), "x"); got != nil {
		t.Errorf("networkError(other) = %v, want nil", got)
	}

	// A real refused connection: a loopback port nothing listens on.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	f := testFetcher(t, Options{Retries: -1})
	_, err = f.get(t.Context(), mustURL(t, "http://"+addr+"/feed.xml"), Validators{})
	if err == nil || err.Error() != "127.0.0.1 refused the connection (nothing is listening there)" || !errors.Is(err, syscall.ECONNREFUSED) {
		t.Errorf("refused connection: %v", err)
	}
}
