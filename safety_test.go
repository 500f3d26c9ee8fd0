package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// hostile carries every kind of terminal-control text a feed can smuggle:
// raw ESC sequences (clear screen, OSC 52 clipboard write, OSC 8 links),
// BEL and BS, the one-byte C1 CSI, DEL, bidi overrides and isolates, and
// escaped references that turn into ESC after HTML unescaping.
const hostile = "\x1b[2J\x1b]52;c;cm0gLXJmIH4=\x07\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\" +
	"\u009b31m\x07\x08\x7f\u202eevil\u202c\u2066iso\u2069"

// badRune reports a rune that must never reach a terminal from outside.
func badRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

func TestHostileFeedTextNeverReachesStdout(t *testing.T) {
	e := newEnv(t) // NO_COLOR: brief itself emits no escape sequences
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/feed+json")
		// JSON escapes put raw control characters into the strings gofeed
		// hands over; &amp;#27; becomes ESC only after HTML unescaping.
		doc := map[string]any{
			"version": "https://jsonfeed.org/version/1.1",
			"title":   "Feed " + hostile,
			"items": []map[string]any{{
				"id":             "1",
				"url":            "https://evil.example/1",
				"title":          "Title " + hostile + " (NYSE: BABA)",
				"date_published": time.Now().Add(-time.Hour).Format(time.RFC3339),
				"authors":        []map[string]string{{"name": "Author " + hostile}},
				"content_html":   "<h3>Summary</h3><ul><li>Point " + hostile + "</li></ul><p>Body &amp;#27;[2J &#27;[31m " + hostile + "</p>",
			}},
		}
		json.NewEncoder(w).Encode(doc)
	}))
	defer srv.Close()
	e.writeConfig(fmt.Sprintf("[[feed]]\nurl = %q\n", srv.URL+"/feed.json"))
	if _, errs, code := e.run("fetch"); code != 0 {
		t.Fatalf("fetch: exit %d\n%s", code, errs)
	}
	recs := e.listJSON()
	if len(recs) != 1 {
		t.Fatalf("want the hostile article stored, got %d", len(recs))
	}
	id := fmt.Sprint(recs[0].ID)
	for _, args := range [][]string{
		{"list"}, {"show", "--keep-unread", id}, {"show", "--keep-unread", "--markdown", id},
		{"search", "Body"}, {"feeds", "ls"}, {"tickers"},
	} {
		out, errs, code := e.run(args...)
		if code != 0 {
			t.Fatalf("brief %v: exit %d\n%s", args, code, errs)
		}
		if !strings.Contains(out, "evil") && args[0] != "tickers" && args[0] != "feeds" {
			t.Errorf("brief %v lost the visible text:\n%s", args, out)
		}
		for _, s := range []string{out, errs} {
			if !utf8.ValidString(s) {
				t.Errorf("brief %v printed invalid UTF-8", args)
			}
			for i, r := range s {
				if badRune(r) {
					t.Fatalf("brief %v printed %U at byte %d:\n%q", args, r, i, s)
				}
			}
		}
	}
}

// Server error text, not only feed text, reaches the screen: a status
// line's reason, a redirect's Location, a Retry-After value. A raw TCP
// server sends them byte for byte, as no well-behaved HTTP library would.
func TestHostileServerErrorTextNeverReachesOutput(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	answers := map[string]string{
		"/reason":   "HTTP/1.1 500 Oops " + hostile + "\r\nContent-Length: 0\r\n\r\n",
		"/redirect": "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:1/" + hostile + "\r\nContent-Length: 0\r\n\r\n",
		// Bidi and C1 runes are valid in a header; Go follows the link.
		"/bidi":  "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:1/\u202eevil\u2066iso\u2069\u009b31m\r\nContent-Length: 0\r\n\r\n",
		"/retry": "HTTP/1.1 429 Too Many\r\nRetry-After: " + hostile + "\r\nContent-Length: 0\r\n\r\n",
		"/type":  "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=" + hostile + "\r\nContent-Length: 20\r\n\r\n<html><body>x</body>",
	}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				buf := make([]byte, 4096)
				n, _ := c.Read(buf)
				path := ""
				if f := strings.Fields(string(buf[:n])); len(f) > 1 {
					path = f[1]
				}
				io.WriteString(c, answers[path])
			}()
		}
	}()
	e := newEnv(t)
	var cfg strings.Builder
	for path := range answers {
		fmt.Fprintf(&cfg, "[[feed]]\nurl = %q\n", "http://"+ln.Addr().String()+path)
	}
	e.writeConfig(cfg.String())
	for _, args := range [][]string{{"fetch"}, {"feeds", "ls"}} {
		out, errs, code := e.run(args...)
		t.Logf("brief %v: exit %d\n%s%s", args, code, out, errs)
		if args[0] == "fetch" && code != 1 {
			t.Errorf("fetch with every feed failing: exit %d, want 1\n%s%s", code, out, errs)
		}
		if args[0] == "feeds" && strings.Count(out, "\n") < len(answers) {
			t.Errorf("feeds ls shows fewer than %d feeds:\n%s", len(answers), out)
		}
		for _, s := range []string{out, errs} {
			for i, r := range s {
				if badRune(r) {
					t.Fatalf("brief %v printed %U at byte %d:\n%q", args, r, i, s)
				}
			}
		}
	}
}
