package ui

import (
	"errors"
	"strings"
	"sync"
	"testing"
)

func TestOpenLink(t *testing.T) {
	d := newDriver(t, testOptions(sampleStore(t)), 120, 40)
	var mu sync.Mutex
	var opened []string
	d.m.openURL = func(link string) error {
		mu.Lock()
		defer mu.Unlock()
		opened = append(opened, link)
		return nil
	}
	d.key("o")
	d.wantScreen("Opened https://markets.briefs.example/")
	if len(opened) != 1 || !strings.HasPrefix(opened[0], "https://") {
		t.Fatalf("opened %v", opened)
	}
	d.m.openURL = func(string) error { return errors.New("no browser found (xdg-open); set $BROWSER") }
	d.key("o")
	d.wantScreen("no browser found")
}

func TestLinkURLRefusesOtherSchemes(t *testing.T) {
	for _, bad := range []string{"javascript:alert(1)", "file:///etc/passwd", "ssh://host", "", "//no-scheme"} {
		if _, err := linkURL(bad); err == nil {
			t.Errorf("linkURL(%q) accepted", bad)
		}
	}
	for _, good := range []string{"https://a.example/x?y=1", "HTTP://a.example"} {
		if _, err := linkURL(good); err != nil {
			t.Errorf("linkURL(%q): %v", good, err)
		}
	}
}

func TestBrowserCommandNeverUsesAShell(t *testing.T) {
	link := "https://a.example/x;rm -rf ~"
	got, _ := browserCommand("firefox --new-window:chromium", "linux", link)
	if strings.Join(got, "|") != "firefox|--new-window|"+link {
		t.Fatalf("got %q", got)
	}
	got, _ = browserCommand("", "linux", link)
	if len(got) != 2 || got[0] != "xdg-open" || got[1] != link {
		t.Fatalf("got %q", got)
	}
	got, _ = browserCommand("", "darwin", link)
	if got[0] != "open" {
		t.Fatalf("got %q", got)
	}
}

func TestCopyLinkUsesOSC52(t *testing.T) {
	d := newDriver(t, testOptions(sampleStore(t)), 120, 40)
	d.key("y")
	d.wantScreen("Copied link: https://markets.briefs.example/")
	a, ok := d.m.list.selected()
	if !ok || !strings.HasPrefix(a.Link, "https://markets.briefs.example/") {
		t.Fatalf("selected %+v", a)
	}
	found := false
	for _, msg := range d.out {
		if text, ok := clipboardText(msg); ok && text == a.Link {
			found = true
		}
	}
	if !found {
		t.Fatalf("no clipboard message with %q among %v", a.Link, d.out)
	}
}
