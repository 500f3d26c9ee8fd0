package ui

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"brief/internal/testtext"
	"brief/store"
)

// Links come from feeds, so opening one must never become running
// something else: only http(s) URLs, passed to the browser as one argument
// of their own, and never through a shell (DESIGN.md §6).

func TestLinkURLAcceptsOnlyWebLinks(t *testing.T) {
	refused := []struct{ link, why string }{
		{"javascript:alert(document.cookie)", "not javascript:"},
		{"JavaScript:alert(1)", "not javascript:"},
		{"file:///etc/passwd", "not file:"},
		{"data:text/html;base64,PHNjcmlwdD4=", "not data:"},
		{"vbscript:msgbox", "not vbscript:"},
		{"ssh://host/x", "not ssh:"},
		{"mailto:a@b.example", "not mailto:"},
		{"|xdg-open /etc/passwd", "not a web link"},
		{"|cmd", "not a web link"},
		{"-flag", "not a web link"},
		{"--new-window=file:///etc/passwd", "not a web link"},
		{"//no-scheme.example/x", "not a web link"},
		{"/etc/passwd", "not a web link"},
		{"", "not a web link"},
		{"https:///no-host", "no host"},
		{"https:", "no host"},
		{"https://a.example/\x1b[2J", "control or invisible"},
		{"https://a.example/\x1b]52;c;aGVsbG8=\x07", "control or invisible"},
		{"https://a.example/\u009b31m", "control or invisible"},
		{"https://a\u202e.example/", "control or invisible"},
		{"https://a.example/\u2066x", "control or invisible"},
		{"https://a.example/\nx", "control or invisible"},
		{"https://a.example/\x7f", "control or invisible"},
	}
	for _, c := range refused {
		got, err := linkURL(c.link)
		if err == nil {
			t.Errorf("linkURL(%q) = %q, want it refused", c.link, got)
			continue
		}
		if !strings.Contains(err.Error(), c.why) {
			t.Errorf("linkURL(%q): %q, want it to say %q", c.link, err, c.why)
		}
		if strings.ContainsFunc(err.Error(), testtext.Forbidden) {
			t.Errorf("linkURL(%q): the message carries a forbidden rune: %q", c.link, err)
		}
	}
	accepted := map[string]string{
		"https://a.example/x?y=1":               "https://a.example/x?y=1",
		"HTTP://a.example":                      "http://a.example",
		"  https://a.example/  ":                "https://a.example/",
		"https://a.example/a b":                 "https://a.example/a%20b",
		"https://a.example/$(id)`id`;rm -rf ~":  "https://a.example/$%28id%29%60id%60;rm%20-rf%20~",
		"https://-oProxyCommand=x.example/":     "https://-oProxyCommand=x.example/",
		"https://user@a.example:8443/p#section": "https://user@a.example:8443/p#section",
	}
	for in, want := range accepted {
		got, err := linkURL(in)
		if err != nil || got != want {
			t.Errorf("linkURL(%q) = %q, %v; want %q", in, got, err, want)
		}
		// Whatever a link holds, the argument starts with the scheme, so
		// no browser can take it for an option.
		if !strings.HasPrefix(got, "http") {
			t.Errorf("linkURL(%q) = %q", in, got)
		}
	}
}

func TestBrowserCommandKeepsTheLinkOneArgument(t *testing.T) {
	link := "https://a.example/x?q=$(touch${IFS}pwned);`id`|sh&a=%s"
	cases := []struct {
		browser, goos string
		want          []string
	}{
		{"", "linux", []string{"xdg-open", link}},
		{"", "freebsd", []string{"xdg-open", link}},
		{"", "darwin", []string{"open", link}},
		{"", "windows", []string{"rundll32", "url.dll,FileProtocolHandler", link}},
		{"   ", "linux", []string{"xdg-open", link}},
		{"firefox", "linux", []string{"firefox", link}},
		{"firefox --new-window", "linux", []string{"firefox", "--new-window", link}},
		{"firefox --new-window:chromium", "linux", []string{"firefox", "--new-window", link}},
		{"w3m %s", "linux", []string{"w3m", link}},
		{"chromium --app=%s --incognito", "linux", []string{"chromium", "--app=" + link, "--incognito"}},
		{"lynx '%s'", "linux", []string{"lynx", "'" + link + "'"}},
		{`C:\Program\firefox.exe -new-tab;chrome`, "windows", []string{`C:\Program\firefox.exe`, "-new-tab", link}},
	}
	for _, c := range cases {
		got, err := browserCommand(c.browser, c.goos, link)
		if err != nil || strings.Join(got, "\x00") != strings.Join(c.want, "\x00") {
			t.Errorf("browserCommand(%q, %s) = %q, %v; want %q", c.browser, c.goos, got, err, c.want)
		}
	}
	// A $BROWSER that is a shell would run the link as a script.
	for _, b := range []string{"sh -c", "/bin/sh -c", "bash -c %s", "/usr/local/bin/zsh -c", "dash", "fish -c",
		"cmd /c start", `C:\Windows\System32\cmd.exe /c start`, "powershell -Command", "pwsh.exe -c"} {
		goos := "linux"
		if strings.Contains(b, `\`) {
			goos = "windows"
		}
		got, err := browserCommand(b, goos, link)
		if err == nil {
			t.Errorf("browserCommand(%q) = %q, want it refused", b, got)
		} else if !strings.Contains(err.Error(), "a shell") {
			t.Errorf("browserCommand(%q): %v", b, err)
		}
	}
}

// TestOpenInBrowserRunsNoShell starts a real program as the browser: it
// must get the link as its only argument, byte for byte, with the shell
// syntax in it left alone.
func TestOpenInBrowserRunsNoShell(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the fake browser is a shell script")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "argv")
	canary := filepath.Join(dir, "pwned")
	// The fake browser is a script file run directly (by its #! line); brief
	// itself never involves a shell.
	fake := filepath.Join(dir, "fake browser")
	script := "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n--\\n' \"$a\"; done > \"$0.tmp\" && mv \"$0.tmp\" " + shellQuote(out) + "\n"
	if err := os.WriteFile(fake, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(canary, " \t\n'\"\\$`%") {
		t.Skip("the temp dir has characters this test does not expect")
	}
	link := "https://a.example/x?q=$(touch${IFS}" + canary + ");`touch${IFS}" + canary + "`&b=|touch${IFS}" + canary
	// The program's path has a space, which $BROWSER cannot express; run
	// it through a symlink without one.
	bin := filepath.Join(dir, "browser")
	if err := os.Symlink(fake, bin); err != nil {
		t.Fatal(err)
	}
	if err := openInBrowser(bin+" --new-tab %s", link); err != nil {
		t.Fatal(err)
	}
	var argv []byte
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		var err error
		if argv, err = os.ReadFile(out); err == nil {
			break
		}
	}
	if argv == nil {
		t.Fatal("the fake browser never ran")
	}
	if want := "--new-tab\n--\n" + link + "\n--\n"; string(argv) != want {
		t.Errorf("the browser got\n%s\nwant\n%s", argv, want)
	}
	if _, err := os.Stat(canary); err == nil {
		t.Error("shell syntax in the link was run")
	}

	// Refusals come before anything starts.
	for _, c := range []struct{ browser, link, want string }{
		{bin, "javascript:alert(1)", "only http and https"},
		{bin, "https://a.example/\x1b[2J", "control or invisible"},
		{"sh -c", link, "a shell"},
	} {
		if err := openInBrowser(c.browser, c.link); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("openInBrowser(%q, %q) = %v, want %q", c.browser, c.link, err, c.want)
		}
	}
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// TestOpenLinkKeyRefusesWithAClearMessage drives the "o" key over
// articles whose links are not web links: nothing is opened, and the
// status line says why in plain text.
func TestOpenLinkKeyRefusesWithAClearMessage(t *testing.T) {
	ctx := context.Background()
	st := sampleStore(t)
	f, err := st.EnsureFeed(ctx, "https://links.example/rss", "Links", nil)
	if err != nil {
		t.Fatal(err)
	}
	links := []struct{ link, want string }{
		{"javascript:alert(1)", "only http and https links are opened, not javascript:"},
		{"file:///etc/passwd", "only http and https links are opened, not file:"},
		{"|rm -rf ~", `not a web link: "|rm -rf ~"`},
		{"https://evil.example/\x1b]52;c;aGVsbG8=\x07", `not opening a link with control or invisible characters: "https://evil.example/\x1b]52;c;aGVsbG8=\a"`},
		{"https://evil.example/\u202egpj.exe", `control or invisible characters: "https://evil.example/\u202egpj.exe"`},
	}
	var arts []store.NewArticle
	for i, l := range links {
		arts = append(arts, store.NewArticle{
			GUIDKey: l.link, Link: l.link, Title: "Link " + string(rune('A'+i)),
			Published: testNow.Add(time.Duration(i+1) * time.Minute), Markdown: "x",
		})
	}
	if _, err := st.SaveFetch(ctx, f.ID, store.FetchOK{At: testNow}, arts); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, testOptions(st), 200, 40)
	var mu sync.Mutex
	var opened []string
	d.m.openURL = func(link string) error {
		mu.Lock()
		defer mu.Unlock()
		opened = append(opened, link)
		return nil
	}
	// The newest article is the last link.
	for i := len(links) - 1; i >= 0; i-- {
		d.key("o")
		raw := d.m.View().Content
		checkFrame(t, links[i].link, raw)
		d.wantScreen(links[i].want)
		d.key("j")
	}
	if len(opened) != 0 {
		t.Errorf("opened %q", opened)
	}
}

// TestOpenLinkWithAShellAsBrowser uses the real opener with $BROWSER set
// to a shell: the key is refused with a message, and nothing runs.
func TestOpenLinkWithAShellAsBrowser(t *testing.T) {
	o := testOptions(sampleStore(t))
	o.Browser = "sh -c"
	d := newDriver(t, o, 120, 40)
	d.key("o")
	d.wantScreen("$BROWSER runs sh, a shell; set it to a browser program")
}
