package story

import (
	"brief/internal/linkparams"
	"net/url"
	"sort"
	"strings"
)

// CanonicalLink returns link in a comparable form, or "" when link is not an
// http(s) URL with a host. The form has no scheme (http and https are one
// address), a lower-case host without a default port and without the
// "www.", "m.", "mobile." or "amp." a site puts in front for a mobile or AMP
// edition, no fragment, no tracking query parameters (utm_*, fbclid,
// guccounter, ncid and the like, see trackingParam), the remaining parameters
// sorted, and no trailing slash. AMP editions lose their AMP part: an "/amp"
// or ".amp" path segment, an "amp=1" or "outputType=amp" parameter, and the
// Google and ampproject caches' wrapping of another site's address.
//
// Two links that CanonicalLink makes equal are taken as one article.
func CanonicalLink(link string) string {
	s := strings.TrimSpace(link)
	if len(s) < 8 {
		return ""
	}
	scheme, host, path, query, ok := splitPlainLink(s)
	if !ok {
		u, err := url.Parse(s)
		if err != nil {
			return ""
		}
		scheme, host, path, query = u.Scheme, u.Hostname(), u.EscapedPath(), u.RawQuery
	}
	scheme = strings.ToLower(scheme)
	if scheme != "http" && scheme != "https" {
		return ""
	}
	host = strings.ToLower(host)
	host = strings.TrimRight(host, ".")
	if host == "" || host[0] == '.' || strings.Contains(host, "..") {
		return ""
	}
	// AMP caches carry another site's address in their path:
	// www.google.com/amp/s/example.com/a and
	// example-com.cdn.ampproject.org/c/s/example.com/a.
	if inner, ok := ampCacheTarget(host, path); ok {
		if u2, err := url.Parse("https://" + inner); err == nil {
			if h := strings.TrimRight(strings.ToLower(u2.Hostname()), "."); h != "" && h[0] != '.' && !strings.Contains(h, "..") {
				host, path = h, u2.EscapedPath()
			}
		}
	}
	host = bareHost(host)
	path = stripAMPPath(path)
	for strings.HasSuffix(path, "/") {
		path = path[:len(path)-1]
	}
	q := cleanQuery(query)
	var b strings.Builder
	b.Grow(len(host) + len(path) + len(q) + 1)
	b.WriteString(host)
	b.WriteString(path)
	if q != "" {
		b.WriteByte('?')
		b.WriteString(q)
	}
	return b.String()
}

// splitPlainLink splits an address that url.Parse would take apart
// without unescaping or checking anything: "http://" or "https://", a host
// of letters, digits, dots and hyphens, a path of the characters a path
// keeps unescaped, and no '%' or byte outside printable ASCII anywhere.
// Feeds' links are nearly all such, and url.Parse allocates. For them it
// returns what url.Parse gives as the scheme, Hostname, EscapedPath and
// RawQuery; for any other address it returns false.
func splitPlainLink(s string) (scheme, host, path, query string, ok bool) {
	switch {
	case strings.HasPrefix(s, "https://"):
		scheme, s = "https", s[len("https://"):]
	case strings.HasPrefix(s, "http://"):
		scheme, s = "http", s[len("http://"):]
	default:
		return "", "", "", "", false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= 0x7f || c == '%' {
			return "", "", "", "", false
		}
	}
	// url.Parse's order: the fragment off first, then the query, then the
	// host up to the path.
	s, _, _ = strings.Cut(s, "#")
	s, query, _ = strings.Cut(s, "?")
	host, path = s, ""
	if i := strings.IndexByte(s, '/'); i >= 0 {
		host, path = s[:i], s[i:]
	}
	for i := 0; i < len(host); i++ {
		if c := host[i]; byteClass[c] == 0 && c != '.' && c != '-' {
			return "", "", "", "", false // a port, user info, an IP literal
		}
	}
	for i := 0; i < len(path); i++ {
		if !plainPathByte[path[i]] {
			return "", "", "", "", false
		}
	}
	return scheme, host, path, query, true
}

// plainPathByte are the bytes url.URL.EscapedPath leaves as they are.
var plainPathByte = func() (b [256]bool) {
	for c := range b {
		b[c] = byteClass[c] != 0 || strings.IndexByte("-_.~$&+,/:;=@", byte(c)) >= 0
	}
	return b
}()

// bareHost drops the edition prefixes a site serves the same article under.
func bareHost(host string) string {
	for {
		trimmed := false
		for _, p := range [...]string{"www.", "m.", "mobile.", "amp."} {
			// Keep at least a two-label name: "m.co" stays.
			if strings.HasPrefix(host, p) && strings.Contains(host[len(p):], ".") {
				host = host[len(p):]
				trimmed = true
			}
		}
		if !trimmed {
			return host
		}
	}
}

// ampCacheTarget returns the address inside an AMP cache's path.
func ampCacheTarget(host, path string) (string, bool) {
	switch {
	case strings.HasSuffix(host, ".cdn.ampproject.org") || host == "cdn.ampproject.org":
		for _, p := range [...]string{"/c/s/", "/v/s/", "/c/", "/v/"} {
			if strings.HasPrefix(path, p) {
				return path[len(p):], true
			}
		}
	case host == "google.com" || strings.HasSuffix(host, ".google.com"):
		for _, p := range [...]string{"/amp/s/", "/amp/"} {
			if strings.HasPrefix(path, p) {
				return path[len(p):], true
			}
		}
	}
	return "", false
}

// stripAMPPath removes an AMP edition's marks from a path: a segment that is
// "amp" (/amp/2026/x, /2026/x/amp) and an ".amp" before the extension or at
// the end (/x.amp.html, /x.amp).
func stripAMPPath(path string) string {
	if !containsAMP(path) {
		return path
	}
	segs := strings.Split(path, "/")
	kept := segs[:0]
	for i, s := range segs {
		ls := strings.ToLower(s)
		if ls == "amp" && i > 0 {
			continue
		}
		// Every mark goes, so that a canonical link stays as it is when
		// made canonical again.
		for strings.HasSuffix(ls, ".amp") && len(ls) > 4 {
			s, ls = s[:len(s)-4], ls[:len(ls)-4]
		}
		for j := strings.Index(ls, ".amp."); j > 0; j = strings.Index(ls, ".amp.") {
			s, ls = s[:j]+s[j+4:], ls[:j]+ls[j+4:]
		}
		kept = append(kept, s)
	}
	return strings.Join(kept, "/")
}

// containsAMP reports whether path, which is escaped and so ASCII, has
// "amp" in it in any case, without lower-casing a copy.
func containsAMP(path string) bool {
	for i := 0; i+3 <= len(path); i++ {
		if path[i]|0x20 == 'a' && path[i+1]|0x20 == 'm' && path[i+2]|0x20 == 'p' {
			return true
		}
	}
	return false
}

// cleanQuery drops tracking and AMP parameters and sorts the rest, keeping
// each as it was written.
func cleanQuery(raw string) string {
	kept := linkparams.Strip(raw, trackingParam)
	sort.Strings(kept)
	return strings.Join(kept, "&")
}

// compareOnlyParams are parameters left out when links are compared but
// kept in the links brief stores (where linkparams.Tracking decides): they
// rarely name the article, but a page may still need them ("mod", "amp",
// "cmp"), and copies of one story differ in them.
var compareOnlyParams = map[string]bool{
	"ocid": true, "sr_share": true, "guce_referrer": true,
	"guce_referrer_sig": true, "ref_url": true, "taid": true, "smid": true,
	"smtyp": true, "_hsmi": true, "cmp": true, "ito": true,
	"traffic_source": true, "at_medium": true, "at_campaign": true,
	"rss": true, "feedtype": true, "feedname": true, "soc_src": true,
	"soc_trk": true, "mod": true, "amp": true, "outputtype": true,
	"amp_js_v": true, "usqp": true, "__twitter_impression": true,
	"s_cid": true, "ftag": true,
}

// trackingParam is linkparams.Tracking widened for comparison.
func trackingParam(key, value string) bool {
	switch {
	case linkparams.Tracking(key, value), compareOnlyParams[key]:
		return true
	case strings.HasPrefix(key, "utm-"), strings.HasPrefix(key, "guce_"), strings.HasPrefix(key, "_ga"),
		strings.HasPrefix(key, "mc_"), strings.HasPrefix(key, "pk_"),
		strings.HasPrefix(key, "itm_"), strings.HasPrefix(key, "stm_"):
		return true
	}
	return false
}
