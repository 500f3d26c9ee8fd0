package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"brief/config"
)

// TestWatchlistSaverKeepsTheRestOfTheFile: the reader saves its watchlist
// into a config file that changed since the reader loaded it (a feed added
// from another terminal); the feed, the comments and the other settings
// stay, and the watchlist is the reader's.
func TestWatchlistSaverKeepsTheRestOfTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	const text = "# mine\ntheme = \"light\"\n\n[[feed]]\nurl = \"https://example.com/a.xml\" # first\n"
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	save := watchlistSaver(path)

	other, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := other.AddFeed(config.Feed{URL: "https://example.com/b.xml"}); err != nil {
		t.Fatal(err)
	}
	if err := other.Save(); err != nil {
		t.Fatal(err)
	}

	where, err := save([]string{"BABA", "0700.HK"})
	if err != nil || where != path {
		t.Fatalf("save = %q, %v", where, err)
	}
	got, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Watchlist, []string{"BABA", "0700.HK"}) || len(got.Feeds) != 2 || got.Theme != config.ThemeLight {
		t.Errorf("config after the save: %+v", got)
	}
	data, _ := os.ReadFile(path)
	for _, want := range []string{"# mine\n", "a.xml\" # first\n", "b.xml"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("file lost %q:\n%s", want, data)
		}
	}

	// A file broken meanwhile is not overwritten.
	if err := os.WriteFile(path, []byte("theme = \n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := save([]string{"AAPL"}); err == nil {
		t.Error("saved over a config file with errors")
	}
	if data, _ := os.ReadFile(path); string(data) != "theme = \n" {
		t.Errorf("broken file changed to %q", data)
	}
}
