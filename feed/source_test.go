package feed

import "testing"

func TestIsNetwork(t *testing.T) {
	cases := map[string]bool{
		"https://markets.example/rss": true,
		"http://127.0.0.1:8080/x.xml": true,
		"HTTPS://Markets.example/rss": true,
		"builtin:sample":              false,
		"BUILTIN:SAMPLE":              false,
		"/var/feeds/desk.xml":         false,
		"feeds/desk.xml":              false,
		"~/feeds/desk.xml":            false,
		"file:///var/feeds/desk.xml":  false,
		`C:\feeds\desk.xml`:           false,
		"markets.example/rss":         false, // read as a path, and said so when missing
		"ftp://markets.example/x.xml": false, // refused before any request
		"https:///no-host":            false,
		"":                            false,
	}
	for addr, want := range cases {
		if got := IsNetwork(addr); got != want {
			t.Errorf("IsNetwork(%q) = %v, want %v", addr, got, want)
		}
	}
}
