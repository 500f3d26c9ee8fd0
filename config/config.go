// Package config holds the user's settings and subscription list, kept in
// config.toml under the XDG config directory, and moves subscription lists in
// and out of brief: OPML and newsboat "urls" files in, OPML out.
//
// The file is meant to be edited by hand, so loading is strict: a typo in a
// key name, a malformed value or an unusable feed address is an error that
// names the file (and the line, where the TOML parser knows it) instead of a
// setting that silently does nothing.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/adrg/xdg"

	"brief/symbol"
)

// Names of brief's directories and files under the XDG base directories.
const (
	appDir     = "brief"
	configFile = "config.toml"
	dbFile     = "brief.db"
)

// maxConfigSize bounds how much of a config file is read, so that pointing
// --config at /dev/zero or a huge file fails quickly instead of eating memory.
const maxConfigSize = 4 << 20

// Theme values.
const (
	ThemeAuto  = "auto" // follow the terminal's background colour
	ThemeDark  = "dark"
	ThemeLight = "light"
)

// Config is the user's configuration. Load fills it from config.toml, with
// defaults for everything the file leaves out.
type Config struct {
	// Feeds are the [[feed]] tables of the file. When the file does not
	// exist, Feeds is nil and Subscriptions gives DefaultFeeds instead; use
	// Subscriptions, not Feeds, to know what to fetch.
	Feeds     []Feed    `toml:"feed"`
	Fetch     Fetch     `toml:"fetch"`
	Retention Retention `toml:"retention"`
	Stories   Stories   `toml:"stories"`
	Reader    Reader    `toml:"reader"`
	// Watchlist holds the ticker symbols the reader keeps in view, spelled
	// as stored articles spell them (symbol.Parse): "brk-b" in the file is
	// BRK.B here.
	Watchlist []string `toml:"watchlist"`
	// Theme is ThemeAuto, ThemeDark or ThemeLight.
	Theme string `toml:"theme"`
	// Keys overrides the reader's key bindings: action name -> keys, as the
	// reader spells them ("ctrl+r", "G", "space"). The reader knows the
	// action names and checks them.
	Keys map[string][]string `toml:"keys"`
	// Symbols adds entries to the ticker directory, for symbols brief does
	// not know or names it should also recognise.
	Symbols []Symbol `toml:"symbol"`
	// Sync is the [sync] account, when there is one (Sync.Configured).
	Sync Sync `toml:"sync"`

	// Path is the file the config was loaded from and Save writes to.
	Path string `toml:"-"`
	// Exists reports whether the file existed when loaded (or has since
	// been saved).
	Exists bool `toml:"-"`

	// respelled says the file writes its watchlist otherwise than
	// Watchlist does (other spellings, repeats), so that the next Save
	// writes the stored spellings even when the symbols are the same.
	respelled bool
}

// Fetch holds the [fetch] settings.
type Fetch struct {
	// Concurrency bounds how many feeds are fetched at once, PerHost how
	// many of them may be on the same host (servers such as sec.gov
	// throttle clients that open many connections).
	Concurrency int `toml:"concurrency"`
	PerHost     int `toml:"per_host"`
	// Timeout is how long one feed may take, connection to last byte.
	Timeout Duration `toml:"timeout"`
	// RefreshOnStart makes the reader refresh all feeds in the background
	// when it opens.
	RefreshOnStart bool `toml:"refresh_on_start"`
	// SecContact is an e-mail address declared to SEC EDGAR (sec.gov),
	// which refuses automated clients that do not give one. It is sent to
	// sec.gov and to no other server.
	SecContact string `toml:"sec_contact"`
	// HostCap is the most fetches in flight to one host: each host starts
	// at PerHost and earns more, up to HostCap, while it answers quickly
	// and cleanly. 0 means the default (16, or PerHost when higher).
	HostCap int `toml:"host_cap"`
	// Hosts sets limits for particular domains and their subdomains,
	// e.g. [fetch.hosts."example.com"] rate = 2. They can make the limits
	// brief knows hosts publish (sec.gov: 10 a second) stricter, never
	// looser.
	Hosts map[string]HostLimit `toml:"hosts"`
}

// HostLimit is a [fetch.hosts."domain"] table. A zero field sets nothing.
type HostLimit struct {
	Rate float64 `toml:"rate"` // most requests started per second, over the domain
	Cap  int     `toml:"cap"`  // most requests in flight to any one of its hosts
}

// Retention holds the [retention] settings: how much history the database
// keeps. Starred articles are kept regardless.
type Retention struct {
	// Days drops articles older than this; 0 keeps them forever.
	Days int `toml:"days"`
	// PerFeed keeps at most this many articles of each feed; 0 means no
	// limit.
	PerFeed int `toml:"per_feed"`
}

// Stories holds the [stories] settings: copies of one article from
// several feeds are one story.
type Stories struct {
	// Window is how far apart copies of one story may be published;
	// "0" turns grouping off, so that every article is its own story.
	// Matching by text reaches at most three days whatever it says;
	// links, GUIDs and accession numbers reach the whole window.
	Window Duration `toml:"window"`
}

// Story window bounds, and its default.
const (
	MinStoryWindow     = time.Hour
	MaxStoryWindow     = 30 * 24 * time.Hour
	DefaultStoryWindow = 72 * time.Hour
)

// Reader holds the [reader] settings: how articles read on screen.
type Reader struct {
	// MaxWidth caps the text column of an open article, in terminal
	// cells; on a wider terminal the column is centred. Lines much longer
	// than about 100 characters are hard to follow.
	MaxWidth int `toml:"max_width"`
	// Mouse turns on mouse support (wheel scrolling, clicks). While it is
	// on, the terminal's own text selection needs shift held; M switches
	// it off and on in the reader.
	Mouse bool `toml:"mouse"`
	// SaveDir is where s saves articles as Markdown files; "~" is the
	// home directory.
	SaveDir string `toml:"save_dir"`
}

// Reader width bounds: narrower than 20 cells is no column, and nothing
// draws usefully past 1000.
const (
	MinReaderWidth     = 20
	MaxReaderWidth     = 1000
	DefaultReaderWidth = 100
)

// The largest values of the other bounded settings. A day count becomes a
// duration, which overflows past 106,751 days (a "for ever" of 213,504
// became 25 minutes and pruned every article); 0 is how to say for ever.
const (
	MaxRetentionDays = 36500 // a hundred years
	MaxConcurrency   = 256
	MaxPerHost       = 64
	MaxTimeout       = time.Hour
)

// Symbol is a user addition to the ticker directory.
type Symbol struct {
	Symbol   string   `toml:"symbol"`
	Name     string   `toml:"name,omitempty"`
	Exchange string   `toml:"exchange,omitempty"`
	Aliases  []string `toml:"aliases,omitempty"` // other names that mean this company, e.g. "Alibaba"
}

// Duration is a time.Duration written in TOML as a string such as "30s" or
// "2m30s", since TOML has no duration type.
type Duration struct{ time.Duration }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Duration) UnmarshalText(text []byte) error {
	s := strings.TrimSpace(string(text))
	v, err := time.ParseDuration(s)
	if err != nil {
		if wellFormedDuration.MatchString(s) {
			// Digits and a unit that do not fit: time.ParseDuration
			// says "invalid" for an overflow too.
			return fmt.Errorf("%q is longer than a duration can be (about 292 years)", s)
		}
		return fmt.Errorf("%q is not a duration; write it with a unit, like \"30s\" or \"2m\"", s)
	}
	d.Duration = v
	return nil
}

// wellFormedDuration is the shape time.ParseDuration accepts.
var wellFormedDuration = regexp.MustCompile(`^[-+]?([0-9]*\.?[0-9]+(ns|us|µs|μs|ms|s|m|h))+$`)

// MarshalText implements encoding.TextMarshaler.
func (d Duration) MarshalText() ([]byte, error) {
	return []byte(d.String()), nil
}

// DefaultWatchlist is the watchlist used when the config sets none.
func DefaultWatchlist() []string {
	return []string{"AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "META", "TSLA", "BABA"}
}

// Defaults returns the configuration used when there is no config file.
// Feeds is nil: see Subscriptions.
func Defaults() *Config {
	return &Config{
		Fetch: Fetch{
			Concurrency:    64,
			PerHost:        4,
			Timeout:        Duration{30 * time.Second},
			RefreshOnStart: true,
		},
		Retention: Retention{Days: 90, PerFeed: 0},
		Stories:   Stories{Window: Duration{DefaultStoryWindow}},
		Reader:    Reader{MaxWidth: DefaultReaderWidth, Mouse: true, SaveDir: "~"},
		Watchlist: DefaultWatchlist(),
		Theme:     ThemeAuto,
		Keys:      map[string][]string{},
		Path:      DefaultPath(),
	}
}

// DefaultPath is $XDG_CONFIG_HOME/brief/config.toml.
func DefaultPath() string {
	return filepath.Join(xdgDir("XDG_CONFIG_HOME", xdg.ConfigHome), appDir, configFile)
}

// DefaultDBPath is $XDG_DATA_HOME/brief/brief.db.
func DefaultDBPath() string {
	return filepath.Join(xdgDir("XDG_DATA_HOME", xdg.DataHome), appDir, dbFile)
}

// xdgDir reads an XDG variable now rather than trusting the xdg package,
// which reads the environment once at program start; its value is still the
// fallback because it knows each platform's default. Relative values are
// ignored, as the XDG spec requires.
func xdgDir(env, fallback string) string {
	dir := os.Getenv(env)
	if rest, ok := strings.CutPrefix(dir, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			dir = filepath.Join(home, rest)
		}
	}
	if dir != "" && filepath.IsAbs(dir) {
		return dir
	}
	return fallback
}

// Load reads the config file at path ("" means DefaultPath). A missing file
// is not an error: the result holds the defaults and Exists is false.
func Load(path string) (*Config, error) {
	if path == "" {
		path = DefaultPath()
	}
	data, err := readConfigFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		c := Defaults()
		c.Path = path
		return c, nil
	}
	if err != nil {
		return nil, err
	}
	return parse(path, data)
}

func readConfigFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		return nil, fmt.Errorf("cannot read the config file: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxConfigSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read the config file %s: %w", path, err)
	}
	if len(data) > maxConfigSize {
		return nil, fmt.Errorf("%s: the config file is larger than %d MiB; is it the right file?", path, maxConfigSize>>20)
	}
	return data, nil
}

// parse decodes and checks a config file's contents. path is only used to
// name the file in errors and is recorded in the result.
func parse(path string, data []byte) (*Config, error) {
	c := Defaults()
	// Lists and maps start empty: the decoder reuses a slice's backing array
	// and merges into its elements, so a default watchlist or feed could
	// otherwise leak into what the file says.
	c.Feeds, c.Watchlist, c.Symbols, c.Keys = nil, nil, nil, nil

	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(c)
	if err != nil {
		return nil, tomlError(path, err)
	}
	if undecoded := md.Undecoded(); len(undecoded) > 0 {
		return nil, unknownKeysError(path, undecoded)
	}
	if err := miscasedKeys(path, md.Keys()); err != nil {
		return nil, err
	}
	if !md.IsDefined("watchlist") {
		c.Watchlist = DefaultWatchlist()
	}
	if c.Keys == nil {
		c.Keys = map[string][]string{}
	}
	c.Path = path
	c.Exists = true
	if err := c.normalize(); err != nil {
		return nil, prefixErrors(path, err)
	}
	return c, nil
}

// normalize trims and canonicalises what the user wrote and reports every
// problem at once, so that fixing a config is one round trip, not one per
// mistake.
func (c *Config) normalize() error {
	var p problemList
	c.normalizeFeeds(&p)
	c.normalizeSettings(&p)
	c.normalizeHosts(&p)
	c.normalizeWatchlist(&p)
	c.normalizeSymbols(&p)
	p = append(p, c.Sync.normalize()...)
	c.checkKeys(&p)
	return errors.Join(p...)
}

// problemList gathers a config's problems in the order normalize finds them.
type problemList []error

func (p *problemList) add(format string, args ...any) {
	*p = append(*p, fmt.Errorf(format, args...))
}

// normalizeFeeds canonicalises each feed and refuses repeats.
func (c *Config) normalizeFeeds(p *problemList) {
	seen := map[string]int{}
	for i := range c.Feeds {
		f, key, err := normalizeFeed(c.Feeds[i], false)
		if err != nil {
			p.add("feed %d: %w", i+1, err)
			continue
		}
		if first, dup := seen[key]; dup {
			p.add("feed %d (%s) repeats feed %d", i+1, f.URL, first+1)
			continue
		}
		seen[key] = i
		c.Feeds[i] = f
	}
}

// normalizeSettings checks the theme and the fetch, retention, stories and
// reader settings, and fills in the reader's defaults.
func (c *Config) normalizeSettings(p *problemList) {
	c.Theme = strings.ToLower(strings.TrimSpace(c.Theme))
	switch c.Theme {
	case ThemeAuto, ThemeDark, ThemeLight:
	default:
		p.add("theme %q is not one of %q, %q or %q", c.Theme, ThemeAuto, ThemeDark, ThemeLight)
	}

	if c.Fetch.Concurrency < 1 || c.Fetch.Concurrency > MaxConcurrency {
		p.add("fetch.concurrency must be between 1 and %d (it is %d)", MaxConcurrency, c.Fetch.Concurrency)
	}
	if c.Fetch.PerHost < 1 || c.Fetch.PerHost > MaxPerHost {
		p.add("fetch.per_host must be between 1 and %d (it is %d)", MaxPerHost, c.Fetch.PerHost)
	}
	if c.Fetch.Timeout.Duration <= 0 {
		p.add("fetch.timeout must be longer than zero (it is %s)", c.Fetch.Timeout)
	} else if c.Fetch.Timeout.Duration > MaxTimeout {
		p.add("fetch.timeout must be at most %s (it is %s)", MaxTimeout, c.Fetch.Timeout)
	}
	c.Fetch.SecContact = strings.TrimSpace(c.Fetch.SecContact)
	if c.Fetch.SecContact != "" && !plausibleEmail(c.Fetch.SecContact) {
		p.add("fetch.sec_contact %q is not an e-mail address (it goes into the requests sent to sec.gov)", c.Fetch.SecContact)
	}
	if c.Retention.Days < 0 {
		p.add("retention.days cannot be negative; use 0 to keep articles forever")
	} else if c.Retention.Days > MaxRetentionDays {
		p.add("retention.days must be at most %d (a hundred years; it is %d); use 0 to keep articles forever", MaxRetentionDays, c.Retention.Days)
	}
	if w := c.Stories.Window.Duration; w != 0 && (w < MinStoryWindow || w > MaxStoryWindow) {
		p.add("stories.window must be between %s and %s, or 0 to turn grouping off (it is %s)", MinStoryWindow, shortDuration(MaxStoryWindow), c.Stories.Window)
	}
	if c.Reader.MaxWidth == 0 {
		c.Reader.MaxWidth = DefaultReaderWidth
	}
	if c.Reader.MaxWidth < MinReaderWidth || c.Reader.MaxWidth > MaxReaderWidth {
		p.add("reader.max_width must be between %d and %d cells (it is %d)", MinReaderWidth, MaxReaderWidth, c.Reader.MaxWidth)
	}
	c.Reader.SaveDir = strings.TrimSpace(c.Reader.SaveDir)
	if c.Reader.SaveDir == "" {
		c.Reader.SaveDir = "~"
	}
	if c.Retention.PerFeed < 0 {
		p.add("retention.per_feed cannot be negative; use 0 for no limit")
	}
}

// normalizeWatchlist spells each watched symbol the canonical way, drops
// repeats, and notes whether that changed what the file says.
func (c *Config) normalizeWatchlist(p *problemList) {
	var watch []string
	c.respelled = false
	for _, s := range c.Watchlist {
		sym, err := symbol.Parse(s)
		if err != nil {
			p.add("watchlist: %w", err)
			continue
		}
		if slices.Contains(watch, sym) {
			c.respelled = true
			continue
		}
		c.respelled = c.respelled || sym != s
		watch = append(watch, sym)
	}
	if c.Watchlist != nil && watch == nil {
		watch = []string{} // an explicit empty watchlist stays empty
	}
	c.Watchlist = watch
}

// normalizeSymbols canonicalises the [[symbol]] tables and refuses a
// symbol listed twice.
func (c *Config) normalizeSymbols(p *problemList) {
	symbols := map[string]bool{}
	for i := range c.Symbols {
		s := &c.Symbols[i]
		sym, err := symbol.Parse(s.Symbol)
		if err != nil {
			p.add("symbol %d: %w", i+1, err)
			continue
		}
		if symbols[sym] {
			p.add("symbol %s is listed twice", sym)
		}
		symbols[sym] = true
		s.Symbol = sym
		s.Name = strings.TrimSpace(s.Name)
		s.Exchange = strings.TrimSpace(s.Exchange)
		s.Aliases = cleanList(s.Aliases)
	}
}

// checkKeys refuses an empty key binding, naming actions in order.
func (c *Config) checkKeys(p *problemList) {
	actions := make([]string, 0, len(c.Keys))
	for a := range c.Keys {
		actions = append(actions, a)
	}
	sort.Strings(actions)
	for _, a := range actions {
		for _, k := range c.Keys[a] {
			if strings.TrimSpace(k) == "" {
				p.add("keys.%s: a key cannot be empty", a)
				break
			}
		}
	}
}

// cleanList trims entries and drops empty ones and case-insensitive
// repeats, keeping the first spelling.
func cleanList(in []string) []string {
	var out []string
	for _, s := range in {
		s = strings.TrimSpace(s)
		if s == "" || slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, s) }) {
			continue
		}
		out = append(out, s)
	}
	return out
}

// plausibleEmail accepts what can safely go into a request header as a
// contact: one @ between a local part and a dotted domain, at most 254
// printable ASCII characters, nothing that would end a header or start a
// new one.
func plausibleEmail(s string) bool {
	if len(s) > 254 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= 0x7f || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' || c == '(' || c == ')' {
			return false
		}
	}
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || strings.Contains(domain, "@") {
		return false
	}
	dot := strings.LastIndexByte(domain, '.')
	return dot > 0 && dot < len(domain)-1
}
