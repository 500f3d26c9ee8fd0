package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Save writes the config to c.Path (DefaultPath when empty).
//
// A config file is the user's own text, so when one exists Save changes
// only the [[feed]] tables that differ (added, removed or edited feeds) and
// the watchlist line, and leaves every other line, comments included, as it
// was. When that is not possible (the file's other settings differ from c,
// or it uses a layout the splice does not follow) Save writes the whole file
// afresh from c's values. A watchlist the file spells otherwise than stored
// articles do ("brk-b", "$nvda") is written in their spelling (BRK.B, NVDA)
// on the first Save, whatever else changes; a file that would come out as
// it is stays untouched.
// Either way the result is read back before it replaces the old file, so a
// Save never leaves a config that loads differently from c.
//
// The file is replaced atomically (temporary file and rename) with mode
// 0600; a missing parent directory is created with mode 0700. A symlinked
// config is written through the link.
func (c *Config) Save() error {
	path := c.Path
	if path == "" {
		path = DefaultPath()
	}
	target := path
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		target = resolved
	}

	want := c.clone()
	if err := want.normalize(); err != nil {
		return fmt.Errorf("cannot save the config: %w", err)
	}

	var out []byte
	old, err := readConfigFile(target)
	switch {
	case err == nil:
		onDisk, perr := parse(path, old)
		if perr != nil {
			// Overwriting would throw away the user's unfinished edit.
			return fmt.Errorf("not saving, because the config file on disk has errors; fix them first: %w", perr)
		}
		spliced, ok := spliceFeeds(string(old), onDisk.Feeds, want.Feeds)
		if ok && (onDisk.respelled || !slices.Equal(onDisk.Watchlist, want.Watchlist)) {
			spliced, ok = spliceWatchlist(spliced, want.Watchlist)
		}
		if ok {
			if got, err := parse(path, []byte(spliced)); err == nil && sameSettings(got, want) {
				out = []byte(spliced)
			}
		}
	case errors.Is(err, fs.ErrNotExist):
	default:
		return err
	}

	if out == nil {
		out = render(want)
		got, err := parse(path, out)
		if err != nil || !sameSettings(got, want) {
			if err != nil {
				return fmt.Errorf("cannot save the config: it would not read back: %w", err)
			}
			return errors.New("cannot save the config: it would not read back as written")
		}
	}

	if !bytes.Equal(out, old) {
		if err := writeFileAtomic(target, out); err != nil {
			return fmt.Errorf("cannot save the config: %w", err)
		}
	}
	want.Path, want.Exists = path, true
	*c = *want
	return nil
}

// clone copies c deeply enough that normalising the copy leaves c alone,
// with the subscription list made explicit.
func (c *Config) clone() *Config {
	d := *c
	d.Feeds = nil
	for _, f := range c.Subscriptions() {
		f.Tags = slices.Clone(f.Tags)
		d.Feeds = append(d.Feeds, f)
	}
	if d.Feeds == nil {
		d.Feeds = []Feed{}
	}
	d.Watchlist = slices.Clone(c.Watchlist)
	d.Symbols = nil
	for _, s := range c.Symbols {
		s.Aliases = slices.Clone(s.Aliases)
		d.Symbols = append(d.Symbols, s)
	}
	d.Keys = make(map[string][]string, len(c.Keys))
	for k, v := range c.Keys {
		d.Keys[k] = slices.Clone(v)
	}
	return &d
}

// sameSettings compares everything a file can say, treating empty and
// missing lists alike, since TOML cannot tell them apart.
func sameSettings(a, b *Config) bool {
	return reflect.DeepEqual(comparable(a), comparable(b))
}

func comparable(c *Config) Config {
	d := *c
	d.Path, d.Exists, d.respelled = "", false, false
	d.Feeds = nil
	for _, f := range c.Feeds {
		if len(f.Tags) == 0 {
			f.Tags = nil
		}
		d.Feeds = append(d.Feeds, f)
	}
	if len(d.Watchlist) == 0 {
		d.Watchlist = nil
	}
	d.Symbols = nil
	for _, s := range c.Symbols {
		if len(s.Aliases) == 0 {
			s.Aliases = nil
		}
		d.Symbols = append(d.Symbols, s)
	}
	d.Keys = nil
	for k, v := range c.Keys {
		if d.Keys == nil {
			d.Keys = map[string][]string{}
		}
		if len(v) == 0 {
			v = nil
		}
		d.Keys[k] = v
	}
	return d
}

func sameFeed(a, b Feed) bool {
	return a.URL == b.URL && a.Title == b.Title && slices.Equal(a.Tags, b.Tags)
}

func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := tmp.Chmod(0o600); err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	// Without the sync a crash soon after the rename can leave an empty
	// file where the config was.
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	done = true
	if d, err := os.Open(dir); err == nil {
		d.Sync() // best effort: makes the rename itself durable
		d.Close()
	}
	return nil
}

const fileHeader = `# brief configuration.
#
# Edit freely. When brief changes your subscriptions it rewrites only the
# [[feed]] tables and keeps the rest of this file, comments included.
`

// render writes c as a complete, commented config file.
func render(c *Config) []byte {
	var b strings.Builder
	b.WriteString(fileHeader)

	b.WriteString("\n# Colours: \"auto\" follows the terminal background, or \"dark\" or \"light\".\n")
	fmt.Fprintf(&b, "theme = %s\n", quote(c.Theme))
	b.WriteString("\n# Ticker symbols the reader keeps in view.\n")
	fmt.Fprintf(&b, "watchlist = %s\n", quoteList(c.Watchlist))

	renderFetch(&b, c.Fetch)

	b.WriteString("\n[retention]\n")
	b.WriteString("# Forget articles older than this many days (0 keeps everything).\n")
	b.WriteString("# Starred articles are always kept.\n")
	fmt.Fprintf(&b, "days = %d\n", c.Retention.Days)
	b.WriteString("# Keep at most this many articles per feed (0 means no limit).\n")
	fmt.Fprintf(&b, "per_feed = %d\n", c.Retention.PerFeed)

	if w := c.Stories.Window.Duration; w != DefaultStoryWindow {
		b.WriteString("\n[stories]\n")
		b.WriteString("# How far apart copies of one story may be published (0 turns grouping off).\n")
		fmt.Fprintf(&b, "window = %s\n", quote(shortDuration(w)))
	}

	if c.Sync.Configured() {
		renderSync(&b, c.Sync)
	}

	b.WriteString("\n# Key bindings: action = [\"key\", ...], e.g. refresh = [\"r\", \"ctrl+r\"].\n")
	b.WriteString("[keys]\n")
	for _, action := range slices.Sorted(maps.Keys(c.Keys)) {
		fmt.Fprintf(&b, "%s = %s\n", quoteKey(action), quoteList(c.Keys[action]))
	}

	b.WriteString("\n# Additions to the ticker directory, one [[symbol]] table each, e.g.\n")
	b.WriteString("#   [[symbol]]\n#   symbol = \"0700.HK\"\n#   name = \"Tencent Holdings\"\n")
	b.WriteString("#   exchange = \"HKEX\"\n#   aliases = [\"Tencent\"]\n")
	for _, s := range c.Symbols {
		b.WriteString("\n[[symbol]]\n")
		fmt.Fprintf(&b, "symbol = %s\n", quote(s.Symbol))
		if s.Name != "" {
			fmt.Fprintf(&b, "name = %s\n", quote(s.Name))
		}
		if s.Exchange != "" {
			fmt.Fprintf(&b, "exchange = %s\n", quote(s.Exchange))
		}
		if len(s.Aliases) > 0 {
			fmt.Fprintf(&b, "aliases = %s\n", quoteList(s.Aliases))
		}
	}

	b.WriteString("\n# Subscriptions: one [[feed]] table each. url is an http(s) or file://\n")
	b.WriteString("# URL, a local path, or builtin:sample; title and tags are optional.\n")
	// The blank line keeps this comment from being taken as the first
	// feed's own, which would go when that feed is removed.
	b.WriteString("\n")
	for i, f := range c.Feeds {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(renderFeed(f))
	}
	return []byte(b.String())
}

func renderFeed(f Feed) string {
	var b strings.Builder
	b.WriteString("[[feed]]\n")
	fmt.Fprintf(&b, "url = %s\n", quote(f.URL))
	if f.Title != "" {
		fmt.Fprintf(&b, "title = %s\n", quote(f.Title))
	}
	if len(f.Tags) > 0 {
		fmt.Fprintf(&b, "tags = %s\n", quoteList(f.Tags))
	}
	return b.String()
}

// quote writes s as a TOML basic string. TOML forbids raw control
// characters in strings, so they are escaped; everything else is kept as
// written so that the file stays readable.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

func quoteList(list []string) string {
	parts := make([]string, len(list))
	for i, s := range list {
		parts[i] = quote(s)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func quoteKey(k string) string {
	if k != "" && !strings.ContainsFunc(k, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-')
	}) {
		return k
	}
	return quote(k)
}

// shortDuration writes d as a config would: "48h", "90m", "0", not
// "48h0m0s".
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	if s == "0s" {
		s = "0"
	}
	return s
}

// renderFetch writes the [fetch] table and its [fetch.hosts] tables.
func renderFetch(b *strings.Builder, f Fetch) {
	b.WriteString("\n[fetch]\n")
	b.WriteString("# Feeds fetched at once, and at most this many from one host.\n")
	fmt.Fprintf(b, "concurrency = %d\n", f.Concurrency)
	fmt.Fprintf(b, "per_host = %d\n", f.PerHost)
	b.WriteString("# How long one feed may take, e.g. \"30s\" or \"1m\".\n")
	fmt.Fprintf(b, "timeout = %s\n", quote(f.Timeout.String()))
	b.WriteString("# Refresh all feeds in the background when the reader opens.\n")
	fmt.Fprintf(b, "refresh_on_start = %t\n", f.RefreshOnStart)
	if f.SecContact != "" {
		b.WriteString("# E-mail address declared to sec.gov (and only to it).\n")
		fmt.Fprintf(b, "sec_contact = %s\n", quote(f.SecContact))
	}
	if f.HostCap != 0 {
		b.WriteString("# Most fetches in flight to one host, earned while it answers quickly.\n")
		fmt.Fprintf(b, "host_cap = %d\n", f.HostCap)
	}
	for _, domain := range slices.Sorted(maps.Keys(f.Hosts)) {
		l := f.Hosts[domain]
		fmt.Fprintf(b, "\n[fetch.hosts.%s]\n", quote(domain))
		if l.Rate != 0 {
			fmt.Fprintf(b, "rate = %s\n", strconv.FormatFloat(l.Rate, 'g', -1, 64))
		}
		if l.Cap != 0 {
			fmt.Fprintf(b, "cap = %d\n", l.Cap)
		}
	}
}
