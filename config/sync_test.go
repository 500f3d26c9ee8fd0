package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSyncTableIsCheckedAndSaved(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.toml")
	write := func(body string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(`[sync]
kind = "Miniflux"
url = "https://rss.example.com/"
password_env = "BRIEF_TEST_SYNC_TOKEN"
`)
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Sync.Configured() || c.Sync.Kind != SyncMiniflux || c.Sync.URL != "https://rss.example.com" || c.Sync.RequestTimeout() != DefaultSyncTimeout {
		t.Fatalf("sync read as %+v", c.Sync)
	}
	// Saving (a feed added) keeps the table.
	if err := c.AddFeed(Feed{URL: "https://feeds.example/a.xml"}); err != nil {
		t.Fatal(err)
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	again, err := Load(path)
	if err != nil || again.Sync != c.Sync {
		t.Fatalf("after Save: %+v, %v; want %+v", again.Sync, err, c.Sync)
	}
	// Written afresh (no file), the table is rendered.
	os.Remove(path)
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	if again, err := Load(path); err != nil || again.Sync != c.Sync {
		t.Fatalf("rendered afresh: %+v, %v; want %+v", again.Sync, err, c.Sync)
	}

	for _, bad := range []struct{ body, want string }{
		{"[sync]\nkind = \"rss\"\nurl = \"https://a.example\"\npassword_env = \"X\"\n", `kind "rss" is not`},
		{"[sync]\nkind = \"greader\"\nurl = \"https://a.example\"\npassword_env = \"X\"\n", "user is missing"},
		{"[sync]\nkind = \"miniflux\"\nurl = \"https://u:hunter2@a.example\"\npassword_env = \"X\"\n", "must not hold a user or password"},
		{"[sync]\nkind = \"miniflux\"\nurl = \"ftp://a.example\"\npassword_env = \"X\"\n", "not an http or https address"},
		{"[sync]\nkind = \"miniflux\"\nurl = \"https://a.example\"\n", "needs password_env"},
		{"[sync]\nkind = \"miniflux\"\nurl = \"https://a.example\"\npassword_env = \"X\"\npassword_file = \"/p\"\n", "both set"},
		{"[sync]\nkind = \"miniflux\"\nurl = \"https://a.example\"\npassword = \"hunter2\"\n", "never goes in the config file"},
	} {
		write(bad.body)
		_, err := Load(path)
		if err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%q: error %v, want %q", bad.body, err, bad.want)
		}
		if err != nil && strings.Contains(err.Error(), "hunter2") {
			t.Errorf("the error shows the password: %v", err)
		}
	}
}

func TestSyncSecretFromEnvOrPrivateFile(t *testing.T) {
	const secret = "s3cret-Token-value"
	s := Sync{Kind: SyncMiniflux, URL: "https://a.example", PasswordEnv: "BRIEF_TEST_SYNC_SECRET"}
	if _, err := s.Secret(); err == nil || !strings.Contains(err.Error(), "BRIEF_TEST_SYNC_SECRET (password_env) is not set") {
		t.Errorf("unset variable: %v", err)
	}
	t.Setenv("BRIEF_TEST_SYNC_SECRET", " "+secret+"\n")
	if got, err := s.Secret(); got != secret || err != nil {
		t.Errorf("from the environment: %q, %v", got, err)
	}

	dir := t.TempDir()
	file := filepath.Join(dir, "token")
	if err := os.WriteFile(file, []byte(secret+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s = Sync{Kind: SyncMiniflux, URL: "https://a.example", PasswordFile: file}
	_, err := s.Secret()
	if err == nil || !strings.Contains(err.Error(), "can be read by other users (mode 0644)") || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("a file others can read: %v", err)
	}
	if err != nil && strings.Contains(err.Error(), secret) {
		t.Errorf("the error shows the secret: %v", err)
	}
	if err := os.Chmod(file, 0o600); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Secret(); got != secret || err != nil {
		t.Errorf("from a private file: %q, %v", got, err)
	}
	if err := os.WriteFile(file, []byte("\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Secret(); err == nil || !strings.Contains(err.Error(), "is empty") {
		t.Errorf("an empty file: %v", err)
	}
	s.PasswordFile = filepath.Join(dir, "missing")
	if _, err := s.Secret(); err == nil || !strings.Contains(err.Error(), "cannot read password_file") {
		t.Errorf("a missing file: %v", err)
	}
}
