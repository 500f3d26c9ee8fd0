package config

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"brief/internal/sanitize"
)

// BuiltinSample is the address of the sample feed embedded in the binary,
// so that brief has something to show with no network.
const BuiltinSample = "builtin:sample"

// Feed is one subscription.
type Feed struct {
	// URL is an http(s):// or file:// URL, a local path, or BuiltinSample.
	URL   string   `toml:"url"`
	Title string   `toml:"title,omitempty"` // overrides the feed's own title
	Tags  []string `toml:"tags,omitempty"`
}

// Errors a caller may want to tell apart, e.g. to exit with a distinct code.
var (
	ErrDuplicateFeed = errors.New("already subscribed")
	ErrFeedNotFound  = errors.New("no such subscription")
)

// DefaultFeeds is the subscription list of a user who has no config file:
// the embedded sample, so that the first run shows something even offline,
// and public finance feeds that need no account.
func DefaultFeeds() []Feed {
	return []Feed{
		{URL: BuiltinSample, Title: "Brief sample briefings", Tags: []string{"sample"}},
		{
			URL:   "https://feeds.finance.yahoo.com/rss/2.0/headline?s=AAPL,MSFT,NVDA,AMZN,GOOGL,META,TSLA,BABA&region=US&lang=en-US",
			Title: "Yahoo Finance: watchlist headlines",
			Tags:  []string{"markets", "watchlist"},
		},
		{
			URL:   "https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&type=8-K&company=&dateb=&owner=include&start=0&count=40&output=atom",
			Title: "SEC EDGAR: latest 8-K filings",
			Tags:  []string{"filings", "sec"},
		},
		{
			URL:   "https://search.cnbc.com/rs/search/combinedcms/view.xml?partnerId=wrss01&id=20910258",
			Title: "CNBC Markets",
			Tags:  []string{"markets"},
		},
		{
			URL:   "https://feeds.content.dowjones.io/public/rss/mw_topstories",
			Title: "MarketWatch top stories",
			Tags:  []string{"markets"},
		},
		{
			URL:   "https://seekingalpha.com/market_news.xml",
			Title: "Seeking Alpha market currents",
			Tags:  []string{"markets"},
		},
	}
}

// Subscriptions is the list of feeds to fetch. When the config file exists,
// its [[feed]] tables are the list, even when there are none; without a
// file, it is DefaultFeeds, until AddFeed or RemoveFeed make the list the
// user's own.
func (c *Config) Subscriptions() []Feed {
	if c.Exists || c.Feeds != nil {
		return c.Feeds
	}
	return DefaultFeeds()
}

// ownFeeds makes the subscription list explicit before it is edited, so
// that a user without a config file who adds one feed keeps the defaults
// they were reading rather than being left with that one feed.
func (c *Config) ownFeeds() {
	if !c.Exists && c.Feeds == nil {
		c.Feeds = DefaultFeeds()
	}
}

// AddFeed subscribes to f. It fails with ErrDuplicateFeed when the URL is
// already subscribed (compared after normalising: scheme and host case,
// default ports, trailing spaces), and when the URL is not one brief can
// read. Call Save to write the change.
func (c *Config) AddFeed(f Feed) error {
	added, errs := c.AddFeeds([]Feed{f})
	if added == 1 {
		return nil
	}
	return errs[0]
}

// AddFeeds subscribes to each of fs as AddFeed does, in one pass: the
// feeds already there are keyed once, not once per feed added (an import
// of 10,000 feeds took 55 s that way). It returns how many were added and
// why each of the others was not.
func (c *Config) AddFeeds(fs []Feed) (added int, errs []error) {
	keys := map[string]Feed{}
	for _, old := range c.Subscriptions() {
		if _, key, err := normalizeFeed(old, false); err == nil {
			if _, dup := keys[key]; !dup {
				keys[key] = old
			}
		}
	}
	for _, f := range fs {
		nf, key, err := pinFeed(f)
		if err == nil {
			if old, dup := keys[key]; dup {
				name := old.URL
				if old.Title != "" {
					name = fmt.Sprintf("%q (%s)", old.Title, old.URL)
				}
				err = fmt.Errorf("%w to %s", ErrDuplicateFeed, name)
			}
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if added == 0 {
			c.ownFeeds()
			// Clip so that a slice a caller got from Subscriptions is
			// never written through.
			c.Feeds = slices.Clip(c.Feeds)
		}
		keys[key] = nf
		c.Feeds = append(c.Feeds, nf)
		added++
	}
	return added, errs
}

// pinFeed normalises a feed to subscribe to, with a relative path made
// absolute.
func pinFeed(f Feed) (Feed, string, error) {
	if _, kind, err := checkSource(f.URL); err == nil && kind == kindPath {
		// The config outlives the directory brief was started in, so a
		// relative path is pinned down now.
		p := strings.TrimSpace(f.URL)
		if !filepath.IsAbs(p) && !strings.HasPrefix(p, "~") {
			if abs, err := filepath.Abs(p); err == nil {
				f.URL = abs
			}
		}
	}
	nf, key, err := normalizeFeed(f, false)
	if err != nil {
		return Feed{}, "", fmt.Errorf("cannot subscribe: %w", err)
	}
	return nf, key, nil
}

// RemoveFeed unsubscribes from the feed whose URL is urlOrTitle, or else
// whose title matches it ignoring case, and returns it. Call Save to write
// the change.
func (c *Config) RemoveFeed(urlOrTitle string) (Feed, error) {
	want := strings.TrimSpace(urlOrTitle)
	feeds := c.Subscriptions()

	idx := slices.IndexFunc(feeds, func(f Feed) bool { return f.URL == want })
	if idx < 0 {
		// A URL typed differently (HTTPS://Example.com) still names the feed.
		if _, key, err := normalizeFeed(Feed{URL: want}, false); err == nil {
			idx = slices.IndexFunc(feeds, func(f Feed) bool {
				_, k, err := normalizeFeed(f, false)
				return err == nil && k == key
			})
		}
	}
	if idx < 0 && want != "" {
		var matches []int
		for i, f := range feeds {
			if strings.EqualFold(strings.TrimSpace(f.Title), want) {
				matches = append(matches, i)
			}
		}
		if len(matches) > 1 {
			return Feed{}, fmt.Errorf("%d subscriptions are titled %q; remove one by its URL", len(matches), want)
		}
		if len(matches) == 1 {
			idx = matches[0]
		}
	}
	if idx < 0 {
		return Feed{}, fmt.Errorf("%w with the URL or title %q", ErrFeedNotFound, want)
	}

	c.ownFeeds()
	removed := c.Feeds[idx]
	// Never nil: an emptied list must stay "no feeds", not become "defaults".
	c.Feeds = slices.Delete(slices.Clone(c.Feeds), idx, idx+1)
	return removed, nil
}

// sourceKind is what a feed address points at.
type sourceKind int

const (
	kindHTTP sourceKind = iota + 1
	kindFile
	kindBuiltin
	kindPath
)

// normalizeFeed trims f and checks its URL; importing is stricter and
// refuses plain local paths. It also returns the key under which two
// spellings of the same address compare equal.
func normalizeFeed(f Feed, importing bool) (Feed, string, error) {
	canon, kind, err := checkSource(f.URL)
	if err == nil && importing && kind == kindPath {
		err = fmt.Errorf("%s is a local path; only http, https and file:// URLs are imported", quoteShort(f.URL))
	}
	if err != nil {
		return Feed{}, "", err
	}
	// Titles and tags reach the terminal (the sidebar, feeds ls) and
	// other programs (export): no control, bidi or invisible character
	// stays in them, wherever they came from (feeds add, an import, a
	// hand-edited config).
	out := Feed{
		URL:   canon,
		Title: strings.TrimSpace(sanitize.Line(strings.ToValidUTF8(f.Title, "\uFFFD"))),
	}
	for _, t := range f.Tags {
		out.Tags = append(out.Tags, sanitize.Line(strings.ToValidUTF8(t, "\uFFFD")))
	}
	out.Tags = cleanList(out.Tags)
	return out, sourceKey(canon, kind), nil
}

// checkSource reports what kind of source s is, spelled canonically (trimmed,
// lower-case scheme), or why brief will not read it. newsboat, whose files
// users import, treats several address forms as programs to run; brief
// refuses each of them by name so the user learns why a line was dropped.
func checkSource(s string) (string, sourceKind, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", 0, errors.New("the feed has no URL")
	}
	if !utf8.ValidString(s) || strings.ContainsFunc(s, isControl) || !sanitize.Clean(s) {
		// Bidi overrides included: they can make one address look like another.
		return "", 0, fmt.Errorf("%s contains control or invisible characters", quoteShort(s))
	}
	if strings.HasPrefix(s, "|") {
		return "", 0, fmt.Errorf("%s is a shell command; brief never runs commands as feeds", quoteShort(s))
	}

	scheme, rest, hasScheme := splitScheme(s)
	if !hasScheme {
		return s, kindPath, nil
	}
	lower := strings.ToLower(scheme)
	canon := lower + ":" + rest
	switch lower {
	case "http", "https":
		u, err := url.Parse(canon)
		if err != nil {
			return "", 0, fmt.Errorf("%s is not a valid URL: %w", quoteShort(s), unwrapURLError(err))
		}
		if u.Hostname() == "" {
			return "", 0, fmt.Errorf("%s has no host name", quoteShort(s))
		}
		if strings.ContainsFunc(s, isSpace) {
			return "", 0, fmt.Errorf("%s contains spaces; write them as %%20", quoteShort(s))
		}
		return canon, kindHTTP, nil
	case "file":
		u, err := url.Parse(canon)
		if err != nil {
			return "", 0, fmt.Errorf("%s is not a valid URL: %w", quoteShort(s), unwrapURLError(err))
		}
		if u.Path == "" || u.Opaque != "" {
			return "", 0, fmt.Errorf("%s has no path; write file:///full/path/to/feed.xml", quoteShort(s))
		}
		if u.Host != "" && !strings.EqualFold(u.Host, "localhost") {
			return "", 0, fmt.Errorf("%s names another machine; brief reads only local files", quoteShort(s))
		}
		return canon, kindFile, nil
	case "builtin":
		if strings.EqualFold(s, BuiltinSample) {
			return BuiltinSample, kindBuiltin, nil
		}
		return "", 0, fmt.Errorf("%s is not a built-in feed; the only one is %s", quoteShort(s), BuiltinSample)
	case "exec", "filter":
		return "", 0, fmt.Errorf("%s is a newsboat %s: source, which runs a program; brief never runs programs as feeds", quoteShort(s), lower)
	case "query":
		return "", 0, fmt.Errorf("%s is a newsboat query (a search in newsboat's own database), not a feed", quoteShort(s))
	}
	return "", 0, fmt.Errorf("%s is a %s: address; brief reads http, https and file URLs", quoteShort(s), lower)
}

// splitScheme splits an RFC 3986 scheme off s. A one-letter scheme followed
// by a slash is a Windows drive letter (C:\feeds\x.xml), part of a path.
func splitScheme(s string) (scheme, rest string, ok bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case c == ':' && i > 0:
			if i == 1 && len(s) > 2 && (s[2] == '\\' || s[2] == '/') {
				return "", "", false
			}
			return s[:i], s[i+1:], true
		default:
			return "", "", false
		}
	}
	return "", "", false
}

// sourceKey is the form in which two spellings of one address are equal:
// scheme and host are case-insensitive, default ports and an empty path say
// nothing, and a fragment never reaches the server.
func sourceKey(canon string, kind sourceKind) string {
	switch kind {
	case kindHTTP:
		u, err := url.Parse(canon)
		if err != nil {
			return canon
		}
		u.Host = strings.ToLower(u.Host)
		if p := u.Port(); (u.Scheme == "http" && p == "80") || (u.Scheme == "https" && p == "443") {
			u.Host = strings.TrimSuffix(u.Host, ":"+p)
		}
		if u.Path == "" {
			u.Path = "/"
		}
		u.Fragment, u.RawFragment = "", ""
		return u.String()
	case kindFile:
		u, err := url.Parse(canon)
		if err != nil {
			return canon
		}
		return "file://" + path.Clean(u.Path)
	case kindPath:
		return filepath.Clean(canon)
	}
	return canon
}

func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func isControl(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f)
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\u00a0' || r == '\u3000'
}

// quoteShort quotes outside text for a message: escaped, so that control
// characters and bidi overrides cannot reach the terminal, and shortened,
// so that one absurd line cannot flood it.
func quoteShort(s string) string {
	const max = 80
	if utf8.RuneCountInString(s) > max {
		s = string([]rune(s)[:max]) + "…"
	}
	return fmt.Sprintf("%q", s)
}
