package story

import (
	"net/url"
	"testing"
)

func TestCanonicalLink(t *testing.T) {
	const want = "example.com/markets/2026/11/23/apple-sued"
	same := []string{
		"https://www.example.com/markets/2026/11/23/apple-sued",
		"http://example.com/markets/2026/11/23/apple-sued/",
		"HTTPS://WWW.EXAMPLE.COM/markets/2026/11/23/apple-sued#comments",
		"https://m.example.com/markets/2026/11/23/apple-sued",
		"https://mobile.example.com/markets/2026/11/23/apple-sued",
		"https://amp.example.com/markets/2026/11/23/apple-sued",
		"https://www.example.com/amp/markets/2026/11/23/apple-sued",
		"https://www.example.com/markets/2026/11/23/apple-sued/amp/",
		"https://www.example.com/markets/2026/11/23/apple-sued.amp",
		"https://www.example.com:443/markets/2026/11/23/apple-sued",
		"http://www.example.com:80/markets/2026/11/23/apple-sued",
		"https://www.example.com/markets/2026/11/23/apple-sued?utm_source=rss&utm_medium=feed&utm_campaign=x",
		"https://www.example.com/markets/2026/11/23/apple-sued?fbclid=IwAR0&guccounter=1&guce_referrer=aHR0&ncid=yahoo",
		"https://www.example.com/markets/2026/11/23/apple-sued?mod=rss_markets&.tsrc=rss&ref=feed",
		"https://www.example.com/markets/2026/11/23/apple-sued?amp=1",
		"https://www.example.com/markets/2026/11/23/apple-sued?outputType=amp",
		"https://www.google.com/amp/s/www.example.com/markets/2026/11/23/apple-sued",
		"https://www-example-com.cdn.ampproject.org/c/s/www.example.com/markets/2026/11/23/apple-sued",
		"  https://www.example.com/markets/2026/11/23/apple-sued  ",
	}
	for _, l := range same {
		if got := CanonicalLink(l); got != want {
			t.Errorf("CanonicalLink(%q) = %q, want %q", l, got, want)
		}
	}
	for l, w := range map[string]string{
		"https://www.example.com/story.amp.html":         "example.com/story.html",
		"https://example.com/a?id=7&utm_source=x&page=2": "example.com/a?id=7&page=2",
		"https://example.com/a?page=2&id=7":              "example.com/a?id=7&page=2",
		"https://example.com/a?ref=github-main":          "example.com/a?ref=github-main",
		"https://example.com/":                           "example.com",
		"https://m.co/a":                                 "m.co/a",
		"https://www.example.com/Markets/Apple":          "example.com/Markets/Apple",
		"https://example.com/camp/ample":                 "example.com/camp/ample",
		"https://user:pw@example.com/a":                  "example.com/a",
	} {
		if got := CanonicalLink(l); got != w {
			t.Errorf("CanonicalLink(%q) = %q, want %q", l, got, w)
		}
	}
	for _, l := range []string{"", "ftp://example.com/a", "mailto:x@example.com", "javascript:alert(1)",
		"/relative/path", "example.com/a", "https://", "http://%zz/a", "urn:uuid:1234"} {
		if got := CanonicalLink(l); got != "" {
			t.Errorf("CanonicalLink(%q) = %q, want \"\"", l, got)
		}
	}
	// Different articles stay different.
	if CanonicalLink("https://example.com/a?id=1") == CanonicalLink("https://example.com/a?id=2") {
		t.Error("id parameters merged")
	}
	if CanonicalLink("https://example.com/a") == CanonicalLink("https://example.org/a") {
		t.Error("hosts merged")
	}
}

func FuzzCanonicalLink(f *testing.F) {
	for _, s := range []string{"https://www.example.com/a/amp/?utm_source=x#f", "http://m.x.co/a.amp.html?amp=1", "https://www.google.com/amp/s/",
		"http://0/0.Amp.Amp ", "https://x.co/a.amp.amp.b/c.amp.x.amp"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := CanonicalLink(s)
		if c == "" {
			return
		}
		// Canonical is a fixed point once written back as an address.
		if again := CanonicalLink("https://" + c); again != c {
			t.Errorf("CanonicalLink(%q) = %q, but again %q", s, c, again)
		}
	})
}

// splitPlainLink agrees with url.Parse on every address it takes: the
// links of the labeled pairs and the synthetic corpus, those above, and
// each of them with another byte put in its host, path, query or
// fragment.
func TestSplitPlainLink(t *testing.T) {
	links := []string{"https://www.example.com/a/amp/?utm_source=x#f", "http://m.x.co/a.amp.html?amp=1", "https://www.google.com/amp/s/",
		"https://user:pw@example.com/a", "https://example.com:443/a", "http://%zz/a", "https://[::1]/a", "https:///a", "https://",
		"https://a.com?x#y", "https://a.com#y?x", "https://a.com/x?", "https://a.com/x??", "https://a.com/x#%zz", "https://a.com/!x*(y)'",
		"HTTPS://A.COM/X", "https://a.com/x y", "https://a.com/é"}
	for _, p := range loadPairs(t) {
		links = append(links, p.a.Link, p.a.GUID, p.b.Link, p.b.GUID)
	}
	for _, d := range syntheticCorpus(200) {
		links = append(links, d.Link)
	}
	n := len(links)
	for _, l := range links[:n] {
		for _, at := range []int{8, 12, len(l) / 2, len(l) - 1, len(l)} {
			if at > len(l) || at < 0 {
				continue
			}
			for _, c := range []string{":", "@", "%", "%41", "[", "]", "!", "*", "'", "(", " ", "\x00", "\x7f", "é", "?", "#", "/", "//", "A", "~"} {
				links = append(links, l[:at]+c+l[at:])
			}
		}
	}
	plain := 0
	for _, l := range links {
		scheme, host, path, query, ok := splitPlainLink(l)
		if !ok {
			continue
		}
		plain++
		u, err := url.Parse(l)
		if err != nil {
			t.Errorf("%q: url.Parse fails (%v), splitPlainLink takes it", l, err)
			continue
		}
		if scheme != u.Scheme || host != u.Hostname() || path != u.EscapedPath() || query != u.RawQuery {
			t.Errorf("%q: split %q %q %q %q, url.Parse %q %q %q %q", l, scheme, host, path, query,
				u.Scheme, u.Hostname(), u.EscapedPath(), u.RawQuery)
		}
	}
	if plain < n/2 || plain == len(links) {
		t.Errorf("%d of %d links plain: the test does not press on both sides", plain, len(links))
	}
}

// FuzzSplitPlainLink: an address splitPlainLink takes, url.Parse takes
// apart the same way.
func FuzzSplitPlainLink(f *testing.F) {
	for _, s := range []string{"https://www.example.com/a/amp/?utm_source=x#f", "http://m.x.co/a.amp.html?amp=1", "https://a.com?x#y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		scheme, host, path, query, ok := splitPlainLink(s)
		if !ok {
			return
		}
		u, err := url.Parse(s)
		if err != nil || scheme != u.Scheme || host != u.Hostname() || path != u.EscapedPath() || query != u.RawQuery {
			t.Errorf("%q: split %q %q %q %q, url.Parse %v", s, scheme, host, path, query, err)
		}
	})
}
