package config

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// Importing an export gives back the same feeds: tags with commas,
// slashes and semicolons, tags that differ from another feed's only in
// case, titles with markup characters, local files.
func TestExportImportRoundTrip(t *testing.T) {
	var c Config
	c.Exists = true
	want := []Feed{
		{URL: "https://a.example/feed.xml", Title: `Markets & "Macro" <Asia>`, Tags: []string{"asia,pacific", "/rates", "a;b", "Tech"}},
		{URL: "https://b.example/rss", Title: "日経 速報", Tags: []string{"tech", "Asia/Japan"}},
		{URL: "https://c.example/atom"},
		{URL: "file:///srv/feeds/local.xml", Title: "Local", Tags: []string{"x"}},
	}
	if added, errs := c.AddFeeds(want); added != len(want) {
		t.Fatalf("added %d: %v", added, errs)
	}
	var out bytes.Buffer
	if err := WriteOPML(&out, c.Subscriptions(), "mine"); err != nil {
		t.Fatal(err)
	}
	res, err := ParseOPML(bytes.NewReader(out.Bytes()))
	if err != nil || len(res.Skipped) > 0 {
		t.Fatalf("import: %v, skipped %v\n%s", err, res.Skipped, out.String())
	}
	if !reflect.DeepEqual(res.Feeds, c.Subscriptions()) {
		t.Errorf("import(export(x)) =\n%#v\nwant\n%#v\n%s", res.Feeds, c.Subscriptions(), out.String())
	}
	// Other readers still see the tags in the category attribute.
	if !strings.Contains(out.String(), `category="asia;pacific,/rates,a;b,Tech"`) {
		t.Errorf("category attribute for other readers missing:\n%s", out.String())
	}
}

// A title or tag with C1 controls and bidi overrides is cleaned when it is
// subscribed to, and an export never writes such a character raw.
func TestFeedTextHasNoControlsInConfigOrExport(t *testing.T) {
	var c Config
	c.Exists = true
	hostile := "Evil\u009b31m\u202eTitle\u200b"
	if err := c.AddFeed(Feed{URL: "https://e.example/rss", Title: hostile, Tags: []string{"t\u009bag", "\u202eabc"}}); err != nil {
		t.Fatal(err)
	}
	got := c.Subscriptions()[0]
	for _, s := range append([]string{got.Title}, got.Tags...) {
		if strings.ContainsAny(s, "\u009b\u202e") {
			t.Errorf("stored %q with its controls", s)
		}
	}
	// A feed list that still holds them (as a caller might pass) is
	// exported with character references instead.
	var out bytes.Buffer
	if err := WriteOPML(&out, []Feed{{URL: "https://e.example/rss", Title: hostile, Tags: []string{"t\u009bag"}}}, "x"); err != nil {
		t.Fatal(err)
	}
	if bytes.ContainsAny(out.Bytes(), "\u009b\u202e\u200b") || !strings.Contains(out.String(), "&#x9B;") || !strings.Contains(out.String(), "&#x202E;") {
		t.Errorf("export writes controls raw or drops them:\n%q", out.String())
	}
}
