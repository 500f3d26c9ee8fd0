package config

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Sync kinds.
const (
	SyncMiniflux = "miniflux" // Miniflux's REST API
	SyncGReader  = "greader"  // the Google Reader API (FreshRSS, Miniflux, Inoreader, …)
)

// Sync holds the [sync] settings: an account on a Miniflux server, or on
// any service that speaks the Google Reader API, whose subscriptions and
// entries brief keeps beside its own feeds.
//
// The password (or API token) is never in this file: PasswordEnv names an
// environment variable that holds it, or PasswordFile a file, readable by
// its owner only, that does.
type Sync struct {
	Kind string `toml:"kind"` // SyncMiniflux or SyncGReader
	// URL is the server's address: Miniflux's base URL, or where the
	// Google Reader API lives (FreshRSS: …/api/greader.php).
	URL string `toml:"url"`
	// User is the account's user name. For Miniflux it may be left out:
	// the secret is then an API token.
	User         string `toml:"user"`
	PasswordEnv  string `toml:"password_env"`
	PasswordFile string `toml:"password_file"`
	// AppID and AppKey identify the client to services that ask for them
	// (Inoreader); other servers ignore them.
	AppID  string `toml:"app_id"`
	AppKey string `toml:"app_key"`
	// Timeout bounds each request to the server; 0 means DefaultSyncTimeout.
	Timeout Duration `toml:"timeout"`
}

// DefaultSyncTimeout bounds one request to the sync server.
const DefaultSyncTimeout = 60 * time.Second

// maxSecretSize bounds a password file: a password is short, and a huge
// file is the wrong file.
const maxSecretSize = 64 << 10

// Configured reports whether the config has a [sync] account.
func (s Sync) Configured() bool { return s != (Sync{}) }

// Account names the account without its secret: kind, address and user.
// Pointing brief at another account makes it forget the last one's state.
func (s Sync) Account() string {
	return s.Kind + " " + s.URL + " " + s.User
}

// normalize checks [sync] and spells its values as brief uses them.
func (s *Sync) normalize() []error {
	if !s.Configured() {
		return nil
	}
	var problems []error
	add := func(format string, args ...any) {
		problems = append(problems, fmt.Errorf("sync."+format, args...))
	}
	s.Kind = strings.ToLower(strings.TrimSpace(s.Kind))
	switch s.Kind {
	case SyncMiniflux, SyncGReader:
	case "":
		add("kind is missing: write kind = %q or kind = %q", SyncMiniflux, SyncGReader)
	default:
		add("kind %q is not %q or %q", s.Kind, SyncMiniflux, SyncGReader)
	}
	s.URL = strings.TrimRight(strings.TrimSpace(s.URL), "/")
	u, err := url.Parse(s.URL)
	switch {
	case s.URL == "":
		add("url is missing: the server's address, such as https://rss.example.com")
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		add("url %q is not an http or https address", s.URL)
	case u.User != nil:
		add("url must not hold a user or password: use user, and password_env or password_file")
	case u.RawQuery != "" || u.Fragment != "":
		add("url %q must not have a query or fragment", s.URL)
	}
	s.User = strings.TrimSpace(s.User)
	if s.User == "" && s.Kind == SyncGReader {
		add("user is missing: the Google Reader API logs in with a user name and password")
	}
	s.PasswordEnv = strings.TrimSpace(s.PasswordEnv)
	s.PasswordFile = strings.TrimSpace(s.PasswordFile)
	switch {
	case s.PasswordEnv == "" && s.PasswordFile == "":
		add("needs password_env (an environment variable holding the password or API token) or password_file (a file holding it, mode 600)")
	case s.PasswordEnv != "" && s.PasswordFile != "":
		add("password_env and password_file are both set; keep one")
	}
	if s.Timeout.Duration < 0 || s.Timeout.Duration > MaxTimeout {
		add("timeout must be between 0 and %s (it is %s)", MaxTimeout, s.Timeout)
	}
	return problems
}

// RequestTimeout is the bound on one request to the server.
func (s Sync) RequestTimeout() time.Duration {
	if s.Timeout.Duration > 0 {
		return s.Timeout.Duration
	}
	return DefaultSyncTimeout
}

// Secret reads the password or API token from where [sync] says it is.
// Errors name the variable or the file, never what they hold. A file must
// be readable by its owner only (mode 600 or stricter).
func (s Sync) Secret() (string, error) {
	if s.PasswordEnv != "" {
		v, ok := os.LookupEnv(s.PasswordEnv)
		if !ok {
			return "", fmt.Errorf("sync: the environment variable %s (password_env) is not set", s.PasswordEnv)
		}
		v = strings.TrimSpace(v)
		if v == "" {
			return "", fmt.Errorf("sync: the environment variable %s (password_env) is empty", s.PasswordEnv)
		}
		return v, nil
	}
	if s.PasswordFile == "" {
		return "", errors.New("sync: no password_env or password_file")
	}
	return readSecretFile(expandHome(s.PasswordFile))
}

func readSecretFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return "", fmt.Errorf("sync: cannot read password_file %s: %w", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return "", fmt.Errorf("sync: cannot read password_file %s: %w", path, err)
	}
	if !st.Mode().IsRegular() {
		return "", fmt.Errorf("sync: password_file %s is not a regular file", path)
	}
	if perm := st.Mode().Perm(); perm&0o077 != 0 {
		return "", fmt.Errorf("sync: password_file %s can be read by other users (mode %04o); make it private: chmod 600 %s", path, perm, path)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxSecretSize+1))
	if err != nil {
		return "", fmt.Errorf("sync: cannot read password_file %s: %w", path, err)
	}
	if len(data) > maxSecretSize {
		return "", fmt.Errorf("sync: password_file %s is larger than %d KiB; is it the right file?", path, maxSecretSize>>10)
	}
	v := strings.TrimSpace(string(data))
	if v == "" {
		return "", fmt.Errorf("sync: password_file %s is empty", path)
	}
	return v, nil
}

// expandHome reads a leading "~/" as the home directory.
func expandHome(p string) string {
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return p
}

// renderSync writes the [sync] table for Save.
func renderSync(b *strings.Builder, s Sync) {
	b.WriteString("\n# The account brief syncs with; the password is read from password_env\n")
	b.WriteString("# or password_file, never written here.\n")
	b.WriteString("[sync]\n")
	fmt.Fprintf(b, "kind = %s\n", quote(s.Kind))
	fmt.Fprintf(b, "url = %s\n", quote(s.URL))
	for _, kv := range [][2]string{{"user", s.User}, {"password_env", s.PasswordEnv}, {"password_file", s.PasswordFile},
		{"app_id", s.AppID}, {"app_key", s.AppKey}} {
		if kv[1] != "" {
			fmt.Fprintf(b, "%s = %s\n", kv[0], quote(kv[1]))
		}
	}
	if s.Timeout.Duration != 0 {
		fmt.Fprintf(b, "timeout = %s\n", quote(s.Timeout.String()))
	}
}
