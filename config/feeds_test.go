package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestAddFeedWithoutFileThenSave(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	c := mustLoad(t, "")
	added := Feed{URL: "https://example.com/markets.rss", Title: "Example Markets", Tags: []string{"markets"}}
	if err := c.AddFeed(added); err != nil {
		t.Fatal(err)
	}
	want := append(DefaultFeeds(), added)
	if !reflect.DeepEqual(c.Subscriptions(), want) {
		t.Fatalf("after AddFeed: %+v", c.Subscriptions())
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "brief", "config.toml")
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("config mode = %v, want 0600", st.Mode().Perm())
	}
	if st, err := os.Stat(filepath.Dir(path)); err != nil || st.Mode().Perm() != 0o700 {
		t.Errorf("config dir mode = %v (%v), want 0700", st.Mode().Perm(), err)
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, "brief", ".*tmp*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left behind: %v", leftovers)
	}

	again := mustLoad(t, "")
	if !again.Exists {
		t.Error("saved config does not exist")
	}
	if !reflect.DeepEqual(again.Subscriptions(), want) {
		t.Errorf("reloaded subscriptions =\n%+v\nwant\n%+v", again.Subscriptions(), want)
	}
	if !sameSettings(again, c) {
		t.Errorf("reloaded settings differ:\n%+v\n%+v", again, c)
	}
	data, _ := os.ReadFile(path)
	wantContains(t, string(data), "# brief configuration", "[[feed]]", "[fetch]", "concurrency = 64")
}

func TestAddFeedDuplicates(t *testing.T) {
	c := mustLoad(t, writeConfig(t, "[[feed]]\nurl = \"https://example.com/feed.xml\"\ntitle = \"Example\"\n"))
	for _, u := range []string{
		"https://example.com/feed.xml",
		"  HTTPS://Example.COM/feed.xml ",
		"https://example.com:443/feed.xml",
		"https://example.com/feed.xml#top",
	} {
		err := c.AddFeed(Feed{URL: u})
		if !errors.Is(err, ErrDuplicateFeed) {
			t.Errorf("AddFeed(%q) = %v, want ErrDuplicateFeed", u, err)
		} else {
			wantContains(t, err.Error(), `"Example"`)
		}
	}
	if err := c.AddFeed(Feed{URL: "https://example.com/feed.xml?page=2"}); err != nil {
		t.Errorf("a different query string is a different feed: %v", err)
	}
	if err := c.AddFeed(Feed{URL: "exec:/bin/true"}); err == nil {
		t.Error("AddFeed accepted an exec: source")
	}
	if len(c.Subscriptions()) != 2 {
		t.Errorf("subscriptions = %+v", c.Subscriptions())
	}
}

func TestAddFeedRelativePathBecomesAbsolute(t *testing.T) {
	c := mustLoad(t, writeConfig(t, ""))
	if err := c.AddFeed(Feed{URL: "feeds/local.xml"}); err != nil {
		t.Fatal(err)
	}
	if got := c.Subscriptions()[0].URL; !filepath.IsAbs(got) {
		t.Errorf("relative path kept as %q", got)
	}
}

func TestRemoveFeed(t *testing.T) {
	path := writeConfig(t, `
[[feed]]
url = "https://example.com/a.xml"
title = "Asia Markets"
[[feed]]
url = "https://example.com/b.xml"
title = "Bonds"
[[feed]]
url = "https://example.com/c.xml"
title = "bonds"
`)
	c := mustLoad(t, path)

	got, err := c.RemoveFeed("asia markets")
	if err != nil || got.URL != "https://example.com/a.xml" {
		t.Fatalf("remove by title: %+v, %v", got, err)
	}
	if _, err := c.RemoveFeed("Bonds"); err == nil || !strings.Contains(err.Error(), "by its URL") {
		t.Errorf("ambiguous title: %v", err)
	}
	got, err = c.RemoveFeed("https://example.com/c.xml")
	if err != nil || got.Title != "bonds" {
		t.Fatalf("remove by URL: %+v, %v", got, err)
	}
	if _, err := c.RemoveFeed("https://example.com/a.xml"); !errors.Is(err, ErrFeedNotFound) {
		t.Errorf("removing twice: %v, want ErrFeedNotFound", err)
	} else {
		wantContains(t, err.Error(), "https://example.com/a.xml")
	}
	if subs := c.Subscriptions(); len(subs) != 1 || subs[0].Title != "Bonds" {
		t.Errorf("left = %+v", subs)
	}

	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	if subs := mustLoad(t, path).Subscriptions(); len(subs) != 1 || subs[0].URL != "https://example.com/b.xml" {
		t.Errorf("after save and load: %+v", subs)
	}
}

func TestRemoveAllDefaultsWithoutFile(t *testing.T) {
	c := mustLoad(t, filepath.Join(t.TempDir(), "config.toml"))
	for _, f := range DefaultFeeds() {
		if _, err := c.RemoveFeed(f.URL); err != nil {
			t.Fatal(err)
		}
	}
	if subs := c.Subscriptions(); len(subs) != 0 {
		t.Fatalf("removing every default left %d feeds (defaults came back?)", len(subs))
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	if subs := mustLoad(t, c.Path).Subscriptions(); len(subs) != 0 {
		t.Errorf("saved empty list reloads as %d feeds", len(subs))
	}
}
