package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"brief/store"
)

// linkStore is the sample plus one article whose body has three links.
func linkStore(t *testing.T) *store.Store {
	t.Helper()
	st := sampleStore(t)
	ctx := context.Background()
	f, err := st.EnsureFeed(ctx, "https://desk.example/rss", "Desk", nil)
	if err != nil {
		t.Fatal(err)
	}
	md := "Read [the filing](https://sec.example/8k) and [the call](https://ir.example/call?q=2).\n\n" +
		"Shares of Acme rose after the call. Analysts at [one bank](https://bank.example/note) raised targets.\n"
	if _, err := st.SaveFetch(ctx, f.ID, store.FetchOK{At: testNow}, []store.NewArticle{{
		GUIDKey: "links", Link: "https://desk.example/links", Title: "Acme note with links",
		Published: testNow, Markdown: md,
	}}); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestLinksAreNumberedAndOpenByNumber(t *testing.T) {
	st := linkStore(t)
	o := testOptions(st)
	var opened []string
	d := newDriver(t, o, 100, 30)
	d.m.openURL = func(link string) error { opened = append(opened, link); return nil }
	d.key("enter") // the newest: the note
	d.wantScreen("Acme note with links", "the filing", "[1]", "[2]", "one bank", "[3]")
	d.noScreen("https://sec.example/8k")
	d.key("u")
	d.wantScreen("Links (3)", "[2]", "https://ir.example/call?q=2")
	d.key("2", "enter")
	if len(opened) != 1 || opened[0] != "https://ir.example/call?q=2" {
		t.Fatalf("opened %v, want link [2]", opened)
	}
	d.noScreen("Links (3)")
	d.key("u", "G", "o")
	if len(opened) != 2 || opened[1] != "https://bank.example/note" {
		t.Fatalf("opened %v, want link [3] last", opened)
	}
}

func TestFindInArticle(t *testing.T) {
	d := newDriver(t, testOptions(linkStore(t)), 100, 30)
	d.key("enter", "/")
	d.typeText("call")
	d.key("enter")
	d.wantScreen("2 lines of \"call\"")
	if len(d.m.reader.matches) != 2 {
		t.Fatalf("matches on lines %v, want two", d.m.reader.matches)
	}
	first := d.m.reader.match
	d.key("n")
	if d.m.reader.match == first {
		t.Fatal("n did not move to the next match")
	}
	d.wantScreen("Match 2/2")
	d.key("N")
	d.wantScreen("Match 1/2")
	// With no find, n is next unread again and N toggles read.
	d.key("/", "esc")
	if d.m.reader.find != "" {
		t.Fatal("esc in the find line kept the find")
	}
	d.key("N")
	d.wantScreen("Marked unread")
}

func TestSaveWritesMarkdown(t *testing.T) {
	dir := t.TempDir()
	o := testOptions(linkStore(t))
	o.Config.Reader.SaveDir = dir
	d := newDriver(t, o, 80, 30) // no preview: the list holds no bodies
	d.key("s")
	d.wantScreen("Open the article first")
	d.key("enter", "s")
	d.wantScreen("Saved to")
	data, err := os.ReadFile(filepath.Join(dir, "acme-note-with-links.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"# Acme note with links", "<https://desk.example/links>", "[the filing](https://sec.example/8k)"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("saved file lacks %q:\n%s", want, data)
		}
	}
	d.key("s")
	if _, err := os.Stat(filepath.Join(dir, "acme-note-with-links-2.md")); err != nil {
		t.Fatalf("a second save overwrote the first or failed: %v", err)
	}
}

func TestOpenInBrowserAndMarkRead(t *testing.T) {
	st := sampleStore(t)
	d := newDriver(t, testOptions(st), 100, 30)
	var opened []string
	d.m.openURL = func(link string) error { opened = append(opened, link); return nil }
	d.key("O")
	if len(opened) != 1 {
		t.Fatalf("O opened %v", opened)
	}
	d.wantScreen("16 unread")
	if n, _ := st.Count(context.Background(), store.Query{Unread: true}); n != 16 {
		t.Fatalf("O did not mark the article read: %d unread", n)
	}
}
