package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFeedsAddRemoveImportExport(t *testing.T) {
	e := newEnv(t)
	e.cfg = filepath.Join(e.dir, "new", "config.toml")
	e.mustRun("feeds", "add", "https://feeds.example/asia.xml", "--title", "Asia desk", "--tag", "asia,markets")
	ls := e.mustRun("feeds", "ls", "--json")
	if !strings.Contains(ls, "builtin:sample") || !strings.Contains(ls, "Asia desk") {
		t.Fatalf("a new config should hold the defaults and the added feed:\n%s", ls)
	}
	if _, _, code := e.run("feeds", "add", "https://feeds.example/asia.xml"); code != 2 {
		t.Errorf("adding a duplicate: exit %d, want 2", code)
	}
	opml := e.mustRun("export")
	if !strings.Contains(opml, `xmlUrl="https://feeds.example/asia.xml"`) || !strings.Contains(opml, "asia") {
		t.Fatalf("export lacks the feed or its tags:\n%s", opml)
	}
	e.mustRun("feeds", "rm", "Asia desk")
	if ls := e.mustRun("feeds", "ls", "--json"); strings.Contains(ls, "asia.xml") {
		t.Fatalf("feed still listed after rm:\n%s", ls)
	}

	// Import it back, next to a newsboat urls file with a command source.
	opmlPath := filepath.Join(e.dir, "subs.opml")
	os.WriteFile(opmlPath, []byte(opml), 0o600)
	out := e.mustRun("import", opmlPath)
	if !strings.Contains(out, "Imported 1 feeds") {
		t.Errorf("import OPML: %s", out)
	}
	urls := filepath.Join(e.dir, "urls")
	os.WriteFile(urls, []byte("https://feeds.example/fx.xml fx \"~FX wire\"\n\"|rm -rf ~\" evil\nexec:touch /tmp/pwned\n"), 0o600)
	out, errs, code := e.run("import", urls)
	if code != 0 || !strings.Contains(out, "Imported 1 feeds") || !strings.Contains(errs, "skipped") {
		t.Errorf("import urls: exit %d\n%s\n%s", code, out, errs)
	}
	ls = e.mustRun("feeds", "ls", "--json")
	if !strings.Contains(ls, "FX wire") || strings.Contains(ls, "rm -rf") || strings.Contains(ls, "exec:") {
		t.Errorf("after import:\n%s", ls)
	}
}

// TestListByTagCommand: --tag lists the feeds carrying a config tag.
func TestListByTagCommand(t *testing.T) {
	e := newEnv(t)
	dir := t.TempDir()
	other := filepath.Join(dir, "other.xml")
	if err := os.WriteFile(other, []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Other</title>
<item><title>Other news</title><guid>o1</guid><pubDate>Mon, 02 Jun 2025 14:00:00 GMT</pubDate></item></channel></rss>`), 0o600); err != nil {
		t.Fatal(err)
	}
	e.writeConfig("[[feed]]\nurl = \"builtin:sample\"\ntags = [\"Asia\"]\n\n[[feed]]\nurl = \"" + other + "\"\ntags = [\"misc\"]\n")
	e.mustRun("--offline", "fetch")
	all, asia := e.listJSON("--limit", "0"), e.listJSON("--tag", "asia", "--limit", "0")
	if len(asia) == 0 || len(asia) != len(all)-1 {
		t.Fatalf("--tag asia lists %d of %d", len(asia), len(all))
	}
	for _, r := range asia {
		if r.Title == "Other news" {
			t.Error("--tag asia lists the untagged feed's article")
		}
	}
	if misc := e.listJSON("--tag", "misc"); len(misc) != 1 || misc[0].Title != "Other news" {
		t.Errorf("--tag misc = %+v", misc)
	}
}

// TestFeedsLsShowsTags: feeds ls has a TAGS column when some feed has tags,
// and none when no feed does.
func TestFeedsLsShowsTags(t *testing.T) {
	e := newEnv(t)
	e.writeConfig("[[feed]]\nurl = \"builtin:sample\"\ntags = [\"asia\", \"briefs\"]\n")
	e.mustRun("--offline", "fetch")
	out := e.mustRun("feeds", "ls")
	if !strings.Contains(out, "TAGS") || !strings.Contains(out, "asia,briefs  builtin:sample") {
		t.Errorf("feeds ls with tags:\n%s", out)
	}
	e.writeConfig("[[feed]]\nurl = \"builtin:sample\"\n")
	if out := e.mustRun("feeds", "ls"); strings.Contains(out, "TAGS") {
		t.Errorf("feeds ls without tags has a TAGS column:\n%s", out)
	}
}
