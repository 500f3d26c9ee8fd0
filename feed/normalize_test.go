package feed

import (
	"strings"
	"testing"
	"time"
)

func TestCanonicalLink(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://e.example/a?utm_source=x&id=5#frag", "https://e.example/a?id=5"},
		{"https://finance.yahoo.com/news/x.html?.tsrc=rss", "https://finance.yahoo.com/news/x.html"},
		{"https://www.nasdaq.com/articles/x?time=1603476180", "https://www.nasdaq.com/articles/x"},
		{"https://e.example/a?b=2&UTM_Campaign=z&a=1&c=%20x&d", "https://e.example/a?b=2&a=1&c=%20x&d"},
		{"https://e.example/a?fbclid=1&gclid=2&mc_cid=3&mc_eid=4&cmpid=5&ncid=6&yptr=7", "https://e.example/a"},
		{"https://e.example/a?guccounter=1&guce_referrer=aHR0&guce_referrer_sig=AQA", "https://e.example/a"},
		{"https://e.example/a?_hsenc=p2&_hsmktracking=x&mkt_tok=y&source=feed&k=v", "https://e.example/a?k=v"},
		{"https://e.example/a?ref_src=twsrc%5Etfw&id=1", "https://e.example/a?id=1"},
		{"https://e.example/a?ref=rss", "https://e.example/a"},
		{"https://e.example/a?ref=rss_feed&x=1", "https://e.example/a?x=1"},
		{"https://github.example/repo/blob/x?ref=main", "https://github.example/repo/blob/x?ref=main"},
		{"HTTPS://Finance.Example.COM:443/Path/Keeps/Case", "https://finance.example.com/Path/Keeps/Case"},
		{"http://e.example:80/a", "http://e.example/a"},
		{"http://e.example:8080/a", "http://e.example:8080/a"},
		{"https://e.example:80/a", "https://e.example:80/a"},
		{"https://e.example/a?", "https://e.example/a"},
		{"https://e.example/a?#", "https://e.example/a"},
		{"https://e.example/a%2Fb?q=a%26b", "https://e.example/a%2Fb?q=a%26b"},
		{"  https://e.example/a  ", "https://e.example/a"},
		{"/relative/path?utm_medium=x&p=1", "/relative/path?p=1"},
		{"http://[::1", "http://[::1"},
		{"https://e.example/%zz", "https://e.example/%zz"},
		{"", ""},
	} {
		if got := CanonicalLink(tc.in); got != tc.want {
			t.Errorf("CanonicalLink(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCanonicalLinkIsIdempotent(t *testing.T) {
	for _, in := range []string{
		"https://E.example:443/a?utm_source=x&id=5&b=%2F#f",
		"http://e.example/über?q=ä",
		"mailto:someone@example.com",
	} {
		once := CanonicalLink(in)
		if twice := CanonicalLink(once); twice != once {
			t.Errorf("CanonicalLink(%q) = %q, then %q", in, once, twice)
		}
	}
}

func TestGUIDKey(t *testing.T) {
	date := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	if got := GUIDKey("  tag:x,2024:1 \n", "https://e.example/1", "t", date); got != "tag:x,2024:1" {
		t.Errorf("guid: got %q", got)
	}
	if got := GUIDKey("https://E.example/a?time=99&utm_source=x", "", "t", date); got != "https://e.example/a" {
		t.Errorf("URL guid: got %q", got)
	}
	if got := GUIDKey(" ", "https://e.example/1?utm_medium=rss", "t", date); got != "https://e.example/1" {
		t.Errorf("link: got %q", got)
	}
	h := GUIDKey("", "", "Title", date)
	if !strings.HasPrefix(h, "h:") || len(h) != 34 || strings.Trim(h[2:], "0123456789abcdef") != "" {
		t.Errorf("hash: got %q", h)
	}
	// The same instant in another zone is the same item.
	if h2 := GUIDKey("", "", "Title", date.In(time.FixedZone("EDT", -4*3600))); h2 != h {
		t.Errorf("hash depends on the zone: %q vs %q", h, h2)
	}
	for _, other := range []string{
		GUIDKey("", "", "Title", date.Add(time.Second)),
		GUIDKey("", "", "Title.", date),
		GUIDKey("", "", "Title", time.Time{}),
	} {
		if other == h {
			t.Errorf("different title or date, same key %q", h)
		}
	}
	if GUIDKey("", "", "Title", time.Time{}) != GUIDKey("", "", "Title", time.Time{}) {
		t.Errorf("hash is not stable")
	}
}

func TestCleanLine(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Plain title", "Plain title"},
		{"x <b>bold</b> <i>it</i>", "x bold it"},
		{"AT&T and S&P 500 rise; M&A <T> up", "AT&T and S&P 500 rise; M&A <T> up"},
		{"Double &amp;amp; escaped &#8217;s", "Double &amp; escaped ’s"},
		{"Esc &#27;[31mred&#x1b;[0m", "Esc [31mred[0m"},
		{"Bidi \u202eoverride\u202c", "Bidi override"},
		{"<span style=\"x\">Apple</span>\r\n  shares", "Apple shares"},
		{"<p>Two</p><p>paragraphs</p><br/>", "Two paragraphs"},
		{"Apple<sup>®</sup> <img src=x onerror=y>", "Apple®"},
	} {
		if got := cleanLine(tc.in); got != tc.want {
			t.Errorf("cleanLine(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestExcerpt(t *testing.T) {
	if got := excerpt("<p>Short <b>one</b>.</p><p>Two</p>", 80); got != "Short one. Two" {
		t.Errorf("short: %q", got)
	}
	long := "<div>" + strings.Repeat("word ", 40) + "</div>"
	got := excerpt(long, 80)
	if !strings.HasSuffix(got, "word…") || len([]rune(got)) > 81 {
		t.Errorf("long: %q", got)
	}
	if got := excerpt(strings.Repeat("x", 200), 80); len([]rune(got)) != 81 {
		t.Errorf("one long word: %q", got)
	}
	if got := excerpt("  <p> </p> ", 80); got != "" {
		t.Errorf("blank: %q", got)
	}
}

func TestSafeLink(t *testing.T) {
	if got := safeLink("https://e.example/a?q=\u202egnp.exe"); got != "https://e.example/a?q=%E2%80%AEgnp.exe" {
		t.Errorf("got %q", got)
	}
	if got := safeLink("https://e.example/ü"); got != "https://e.example/ü" {
		t.Errorf("got %q", got)
	}
}
