package config

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

const commentedConfig = `# My brief setup. Do not lose this comment.
theme = "dark"   # easier on the eyes
watchlist = [
  "AAPL",
  # [[feed]] inside an array comment must not confuse the splice
  "BABA",
]

[fetch]
concurrency = 4 # my connection is slow

# Reuters is the one I read first.
[[feed]]
url = "https://example.com/reuters.xml"
title = "Reuters"

# This one goes away.
[[feed]]
url = "https://example.com/old.xml"
title = "Old"

[[feed]]
url = "https://example.com/keep.xml" # trailing comment stays
tags = ["keep"]

[retention]
days = 7
`

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestSaveKeepsCommentsAndSettings(t *testing.T) {
	path := writeConfig(t, commentedConfig)
	c := mustLoad(t, path)
	if _, err := c.RemoveFeed("Old"); err != nil {
		t.Fatal(err)
	}
	if err := c.AddFeed(Feed{URL: "https://example.com/new.xml", Title: "New \"one\"", Tags: []string{"asia markets"}}); err != nil {
		t.Fatal(err)
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	got := readFile(t, path)
	wantContains(t, got,
		"# My brief setup. Do not lose this comment.",
		`theme = "dark"   # easier on the eyes`,
		"# [[feed]] inside an array comment must not confuse the splice",
		"concurrency = 4 # my connection is slow",
		"# Reuters is the one I read first.",
		`url = "https://example.com/keep.xml" # trailing comment stays`,
		`title = "New \"one\""`,
		"[retention]\ndays = 7",
	)
	for _, gone := range []string{"old.xml", "This one goes away"} {
		if strings.Contains(got, gone) {
			t.Errorf("removed feed left %q behind:\n%s", gone, got)
		}
	}
	// The new feed goes after the last feed, before [retention].
	if strings.Index(got, "new.xml") > strings.Index(got, "[retention]") || strings.Index(got, "new.xml") < strings.Index(got, "keep.xml") {
		t.Errorf("new feed misplaced:\n%s", got)
	}

	again := mustLoad(t, path)
	if !sameSettings(again, c) {
		t.Errorf("reloaded settings differ:\n%+v\nwant\n%+v", again, c)
	}
	if again.Theme != ThemeDark || again.Fetch.Concurrency != 4 || again.Retention.Days != 7 || len(again.Watchlist) != 2 {
		t.Errorf("other settings lost: %+v", again)
	}
}

func TestSaveEditedFeedInPlace(t *testing.T) {
	path := writeConfig(t, commentedConfig)
	c := mustLoad(t, path)
	c.Feeds[0].Title = "Reuters Business"
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	got := readFile(t, path)
	wantContains(t, got, "# Reuters is the one I read first.\n[[feed]]\nurl = \"https://example.com/reuters.xml\"\ntitle = \"Reuters Business\"\n", "# My brief setup.")
	if mustLoad(t, path).Feeds[0].Title != "Reuters Business" {
		t.Error("edit not saved")
	}
}

func TestSaveRewritesWhenOtherSettingsChange(t *testing.T) {
	path := writeConfig(t, commentedConfig)
	c := mustLoad(t, path)
	c.Theme = ThemeLight
	c.Fetch.Timeout = Duration{2 * time.Minute}
	c.Keys["quit"] = []string{"q", "ctrl+c"}
	c.Keys[`odd "action" name`] = []string{"x"}
	c.Symbols = append(c.Symbols, Symbol{Symbol: "0700.HK", Name: "Tencent", Aliases: []string{"Tencent Holdings"}})
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	again := mustLoad(t, path)
	if !sameSettings(again, c) {
		t.Errorf("reloaded settings differ:\n%+v\nwant\n%+v", again, c)
	}
	if again.Theme != ThemeLight || again.Fetch.Concurrency != 4 || again.Retention.Days != 7 || len(again.Feeds) != 3 {
		t.Errorf("rewrite lost settings: %+v", again)
	}
}

func TestSaveStrangeStrings(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "dir", "config.toml")
	c := mustLoad(t, path)
	feed := Feed{
		URL:   "https://example.com/feed?a=1&b=\"2\"",
		Title: "Back\\slash \"quotes\" tab\there new\nline ünïcödé 株式 \x7f",
		Tags:  []string{`"quoted"`, "with space", "#hash", "[bracket]"},
	}
	if err := c.AddFeed(feed); err != nil {
		t.Fatal(err)
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	again := mustLoad(t, path)
	got := again.Feeds[len(again.Feeds)-1]
	// A title is one line without controls, as it is shown.
	wantTitle := "Back\\slash \"quotes\" tab here new line ünïcödé 株式"
	if got.Title != wantTitle || !reflect.DeepEqual(got.Tags, feed.Tags) || got.URL != feed.URL {
		t.Errorf("round trip changed the feed:\n%+v\n%+v", got, feed)
	}
	// Save on an existing file takes the splice path; it must round-trip too.
	again.Feeds[len(again.Feeds)-1].Title = "plain"
	if err := again.Save(); err != nil {
		t.Fatal(err)
	}
	if mustLoad(t, path).Feeds[len(again.Feeds)-1].Title != "plain" {
		t.Error("second save lost the edit")
	}
}

func TestSaveRefusesToOverwriteBrokenFile(t *testing.T) {
	path := writeConfig(t, "[[feed]]\nurl = \"https://example.com/a.xml\"\n")
	c := mustLoad(t, path)
	// The user is halfway through an edit in another window.
	broken := "[[feed]]\nurl = \"https://example.com/a.xml\"\ntheme = \n"
	if err := os.WriteFile(path, []byte(broken), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := c.AddFeed(Feed{URL: "https://example.com/b.xml"}); err != nil {
		t.Fatal(err)
	}
	err := c.Save()
	if err == nil {
		t.Fatal("Save overwrote a config file with errors")
	}
	wantContains(t, err.Error(), "fix them first", "line 3")
	if readFile(t, path) != broken {
		t.Error("broken file was changed")
	}
}

func TestSaveRefusesInvalidConfig(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	c := mustLoad(t, path)
	c.Theme = "purple"
	if err := c.Save(); err == nil || !strings.Contains(err.Error(), "purple") {
		t.Errorf("Save of an invalid theme: %v", err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Error("an invalid config was written")
	}
}

func TestSaveThroughSymlink(t *testing.T) {
	dotfiles := t.TempDir()
	real := filepath.Join(dotfiles, "brief.toml")
	if err := os.WriteFile(real, []byte("theme = \"dark\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "config.toml")
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	c := mustLoad(t, link)
	if err := c.AddFeed(Feed{URL: "https://example.com/a.xml"}); err != nil {
		t.Fatal(err)
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the symlink was replaced by a file")
	}
	wantContains(t, readFile(t, real), "https://example.com/a.xml", `theme = "dark"`)
}

func TestSaveAppendsToFileWithoutFeeds(t *testing.T) {
	for _, text := range []string{
		"theme = \"dark\"", // no newline at the end
		"theme = \"dark\"\n[fetch]\nconcurrency = 2\n",
		"",
	} {
		path := writeConfig(t, text)
		c := mustLoad(t, path)
		if err := c.AddFeed(Feed{URL: "https://example.com/a.xml", Tags: []string{"x"}}); err != nil {
			t.Fatal(err)
		}
		if err := c.Save(); err != nil {
			t.Fatal(err)
		}
		got := readFile(t, path)
		if !strings.HasPrefix(got, text) {
			t.Errorf("existing text not kept:\n%s", got)
		}
		again := mustLoad(t, path)
		if len(again.Subscriptions()) != 1 || !sameSettings(again, c) {
			t.Errorf("after append: %+v", again)
		}
	}
}

func TestClassifyLines(t *testing.T) {
	text := `a = """
[not a header]
"""
b = '''
[[feed]]
'''
c = [
  [1, 2],
  "]",
]
d = { x = "[" }
  [[ "feed" ]] # real
e = "\"[" # [
[t]
`
	var headers []string
	for _, l := range classifyLines(text) {
		if l.kind == lineHeader {
			headers = append(headers, l.header)
		}
	}
	if !reflect.DeepEqual(headers, []string{"feed", "t"}) {
		t.Errorf("headers = %q", headers)
	}
}

// TestSaveWatchlistInPlace changes only the watchlist of files of several
// layouts: the file must come back exactly as before except for the
// watchlist assignment, and load with the new list.
func TestSaveWatchlistInPlace(t *testing.T) {
	feed := "[[feed]]\nurl = \"https://example.com/a.xml\"\n"
	cases := []struct {
		name, in, out string
	}{
		{"multi-line array, comments around",
			commentedConfig,
			strings.Replace(commentedConfig, "watchlist = [\n  \"AAPL\",\n  # [[feed]] inside an array comment must not confuse the splice\n  \"BABA\",\n]\n", `watchlist = ["BABA", "9988.HK"]`+"\n", 1)},
		{"one line with a comment",
			"theme = \"dark\"\nwatchlist = [\"AAPL\"] # mine\n\n" + feed,
			"theme = \"dark\"\nwatchlist = [\"BABA\", \"9988.HK\"] # mine\n\n" + feed},
		{"indented, CRLF",
			"  watchlist = [\"AAPL\"]\r\ntheme = \"dark\"\r\n",
			"  watchlist = [\"BABA\", \"9988.HK\"]\r\ntheme = \"dark\"\r\n"},
		{"absent, after the other settings",
			"# header\n\ntheme = \"dark\" # dark\n[fetch]\nper_host = 2\n",
			"# header\n\ntheme = \"dark\" # dark\nwatchlist = [\"BABA\", \"9988.HK\"]\n[fetch]\nper_host = 2\n"},
		{"absent, only tables and a file header",
			"# My feeds.\n\n# The first one.\n" + feed,
			"# My feeds.\n\nwatchlist = [\"BABA\", \"9988.HK\"]\n\n# The first one.\n" + feed},
		{"absent, a comment on the first table",
			"# The first one.\n" + feed,
			"watchlist = [\"BABA\", \"9988.HK\"]\n\n# The first one.\n" + feed},
		{"absent, no newline at the end",
			`theme = "dark"`,
			"theme = \"dark\"\nwatchlist = [\"BABA\", \"9988.HK\"]\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := writeConfig(t, tc.in)
			c := mustLoad(t, path)
			c.Watchlist = []string{"baba", "9988.HK"}
			if err := c.Save(); err != nil {
				t.Fatal(err)
			}
			if got := readFile(t, path); got != tc.out {
				t.Errorf("saved\n%q\nwant\n%q", got, tc.out)
			}
			if got := mustLoad(t, path).Watchlist; !reflect.DeepEqual(got, []string{"BABA", "9988.HK"}) {
				t.Errorf("watchlist reloads as %q", got)
			}
		})
	}
}

// TestSaveWatchlistQuotedKey: a watchlist written with a quoted key is not
// one the splice recognises; Save still writes a file that loads as asked.
func TestSaveWatchlistQuotedKey(t *testing.T) {
	path := writeConfig(t, "\"watchlist\" = [\"AAPL\"]\ntheme = \"light\"\n")
	c := mustLoad(t, path)
	c.Watchlist = []string{}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	again := mustLoad(t, path)
	if len(again.Watchlist) != 0 || again.Theme != ThemeLight {
		t.Errorf("reloaded as %+v", again)
	}
}

// A watchlist written in other spellings is read as stored articles spell
// it, and the next Save writes it that way, though only a feed changed; the
// rest of the file stays as it was. A Save that changes nothing leaves the
// file alone.
func TestSaveRespellsWatchlist(t *testing.T) {
	in := "# mine\nwatchlist = [\"brk-b\", \"$nvda\", \"BRK/B\", \"700.hk\"] # watched\ntheme = \"dark\"\n"
	path := writeConfig(t, in)
	c := mustLoad(t, path)
	if want := []string{"BRK.B", "NVDA", "0700.HK"}; !slices.Equal(c.Watchlist, want) {
		t.Fatalf("watchlist read as %q, want %q", c.Watchlist, want)
	}
	if err := c.AddFeed(Feed{URL: "https://example.com/a.xml"}); err != nil {
		t.Fatal(err)
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	want := "# mine\nwatchlist = [\"BRK.B\", \"NVDA\", \"0700.HK\"] # watched\ntheme = \"dark\"\n"
	if !strings.HasPrefix(string(data), want) || !strings.Contains(string(data), "https://example.com/a.xml") {
		t.Fatalf("saved:\n%s\nwant it to start:\n%s", data, want)
	}

	// Nothing to change: the file is not written again.
	stale := time.Now().Add(-time.Hour).Truncate(time.Second)
	if err := os.Chtimes(path, stale, stale); err != nil {
		t.Fatal(err)
	}
	c = mustLoad(t, path)
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || !fi.ModTime().Equal(stale) {
		t.Errorf("a Save that changes nothing wrote the file (%v)", err)
	}
	if again, _ := os.ReadFile(path); string(again) != string(data) {
		t.Errorf("file changed:\n%s", again)
	}
}
