package config

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// importedURLOK is the promise import makes: only these forms get through.
func importedURLOK(u string) bool {
	l := strings.ToLower(u)
	return u == BuiltinSample || strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "file:")
}

func checkImport(t *testing.T, res ImportResult) {
	t.Helper()
	for _, f := range res.Feeds {
		if !importedURLOK(f.URL) || f.URL != strings.TrimSpace(f.URL) {
			t.Fatalf("imported a feed with URL %q", f.URL)
		}
		if _, _, err := checkSource(f.URL); err != nil {
			t.Fatalf("imported %q, which Load would refuse: %v", f.URL, err)
		}
		for _, s := range append([]string{f.Title}, f.Tags...) {
			if strings.ContainsFunc(s, func(r rune) bool { return isControl(r) || r >= 0x202a && r <= 0x202e }) {
				t.Fatalf("imported text with control characters: %q", s)
			}
		}
	}
}

func FuzzParseOPML(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0"?><opml version="2.0"><body><outline text="Markets"><outline type="rss" text="A" xmlUrl="https://example.com/a.xml" category="/x/y,z"/></outline></body></opml>`))
	f.Add([]byte(`<opml version="1.0"><body><outline xmlurl="exec:ls" text="x"/><outline xmlUrl="|rm -rf ~"/><outline xmlUrl="file:///tmp/x"/></body></opml>`))
	f.Add([]byte(`<!DOCTYPE opml [<!ENTITY a "b">]><opml><body><outline xmlUrl="&a;"/></body></opml>`))
	f.Add([]byte("<?xml version=\"1.0\" encoding=\"windows-1252\"?><opml><body><outline text=\"\x93q\x94\" xmlUrl=\"http://e.com/?a=1&amp;b\"/></body></opml>"))
	f.Add([]byte("\xff\xfe<\x00o\x00p\x00m\x00l\x00/\x00>\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := ParseOPML(bytes.NewReader(data))
		if err != nil {
			return
		}
		checkImport(t, res)
		// Whatever was imported exports and imports back the same.
		var b bytes.Buffer
		if err := WriteOPML(&b, res.Feeds, "t"); err != nil {
			t.Fatal(err)
		}
		back, err := ParseOPML(&b)
		if err != nil {
			t.Fatalf("re-import of export failed: %v\n%s", err, b.String())
		}
		if len(back.Feeds) != len(res.Feeds) {
			t.Fatalf("round trip kept %d of %d feeds", len(back.Feeds), len(res.Feeds))
		}
	})
}

func FuzzParseNewsboatURLs(f *testing.F) {
	f.Add([]byte("https://example.com/a.xml tag \"two words\" \"~Title\" !\n# comment\n"))
	f.Add([]byte("\"query:Unread:unread = \\\"yes\\\"\"\n|rm -rf ~\nexec:ls\nfilter:a:b\n"))
	f.Add([]byte("\"unterminated\nfile:///x \"\\\"\"\n\r\n  # x\nHTTP://X/ y"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := ParseNewsboatURLs(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("newsboat parsing never fails below the size cap: %v", err)
		}
		checkImport(t, res)
	})
}

func FuzzLoad(f *testing.F) {
	f.Add([]byte(commentedConfig))
	f.Add([]byte("theme = \"light\"\n[[feed]]\nurl = \"exec:ls\"\n"))
	f.Add([]byte("[[feed]]\nurl = \"feeds/x.xml\"\ntitle = \"a\\\"b\\u0001\"\ntags = [\"]\", '''\n[x]'''] # c\n[keys]\n\"a b\" = [\"c\"]\n"))
	f.Add([]byte("x = \"\"\"\n[[feed]]\n\"\"\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		path := filepath.Join(dir, "config.toml")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		c, err := Load(path)
		if err != nil {
			return
		}
		for _, feed := range c.Subscriptions() {
			_, kind, err := checkSource(feed.URL)
			if err != nil {
				t.Fatalf("loaded a feed %q that fails its own check: %v", feed.URL, err)
			}
			l := strings.ToLower(feed.URL)
			if kind == 0 || strings.HasPrefix(l, "|") || strings.HasPrefix(l, "exec:") || strings.HasPrefix(l, "filter:") || strings.HasPrefix(l, "query:") {
				t.Fatalf("loaded a feed with URL %q", feed.URL)
			}
		}
		// Saving must keep what was loaded, by splice (same path) and by
		// full rewrite (new path).
		if err := c.AddFeed(Feed{URL: "https://fuzz.example/new.xml", Title: "n"}); err != nil {
			return // e.g. already present
		}
		if err := c.Save(); err != nil {
			t.Fatalf("save: %v", err)
		}
		again, err := Load(path)
		if err != nil || !sameSettings(again, c) {
			t.Fatalf("after save: %v\n%+v\n%+v", err, again, c)
		}
		// And again with only the watchlist changed, the reader's "w".
		c.Watchlist = append(c.Watchlist, "FUZZ")
		if err := c.Save(); err != nil {
			t.Fatalf("save the watchlist: %v", err)
		}
		again, err = Load(path)
		if err != nil || !sameSettings(again, c) {
			t.Fatalf("after saving the watchlist: %v\n%+v\n%+v", err, again, c)
		}
		c.Path = filepath.Join(dir, "fresh.toml")
		if err := c.Save(); err != nil {
			t.Fatalf("save to a new file: %v", err)
		}
		fresh, err := Load(c.Path)
		if err != nil || !sameSettings(fresh, c) {
			t.Fatalf("after save to a new file: %v", err)
		}
	})
}

// FuzzSpliceWatchlist: whatever the text, the watchlist splice does not
// panic, and when it turns a loadable config into another loadable one,
// that one differs from the first in the watchlist alone.
func FuzzSpliceWatchlist(f *testing.F) {
	f.Add(commentedConfig, "BABA")
	f.Add("watchlist = [\"A\"] # c\r\ntheme = \"dark\"", "")
	f.Add("# top\n\n[[feed]]\nurl = \"https://a.example/x\"\n", "NVDA")
	f.Add("x = \"\"\"\nwatchlist = 1\n\"\"\"\nwatchlist = [\n'a',\n]", "0700.HK")
	f.Add("watchlist = [", "A")
	f.Fuzz(func(t *testing.T, text, sym string) {
		want := []string{}
		if s := strings.ToUpper(strings.TrimSpace(sym)); s != "" {
			want = append(want, s)
		}
		out, ok := spliceWatchlist(text, want)
		if !ok {
			return
		}
		before, err := parse("config.toml", []byte(text))
		if err != nil {
			return
		}
		after, err := parse("config.toml", []byte(out))
		if err != nil {
			return // Save would write the file afresh instead
		}
		before.Watchlist = want
		if err := before.normalize(); err != nil {
			return
		}
		if !sameSettings(before, after) {
			t.Fatalf("splice changed more than the watchlist:\n%q\n->\n%q", text, out)
		}
	})
}
