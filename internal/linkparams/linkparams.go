// Package linkparams knows which query parameters of an article's link say
// how a reader arrived (a feed, a newsletter, an ad) rather than which
// article it is. feed strips them from the links it stores; story strips
// these and more when it compares links.
package linkparams

import (
	"net/url"
	"strings"
)

// trackingParams are query parameters that say how a reader arrived (feed,
// newsletter, ad click), never which article it is. "source" and "time" are
// among them because finance feeds (Yahoo, Nasdaq) vary them per fetch.
var trackingParams = map[string]bool{
	".tsrc": true, "source": true, "time": true,
	"fbclid": true, "gclid": true, "gclsrc": true, "dclid": true, "msclkid": true,
	"twclid": true, "yclid": true, "igshid": true,
	"mc_cid": true, "mc_eid": true, "cmpid": true, "ncid": true, "yptr": true,
	"guccounter": true, "ref_src": true,
	"_hsenc": true, "_hsmktracking": true, "mkt_tok": true,
}

// trackingRefs are values of "ref" that name a channel rather than a
// resource. "ref" itself stays otherwise: some sites use it for content
// (a git ref, a referral code the page needs).
var trackingRefs = map[string]bool{
	"rss": true, "feed": true, "feeds": true, "feedly": true, "feedburner": true,
	"newsletter": true, "email": true, "mail": true,
	"twitter": true, "tw": true, "facebook": true, "fb": true,
	"linkedin": true, "reddit": true, "social": true, "share": true,
	"homepage": true, "hp": true, "flipboard": true,
	"yahoo": true, "msn": true, "google": true, "googlenews": true,
}

// Tracking reports whether the parameter key=value (both lower case) only
// tracks: safe to drop from a link that is stored and opened.
func Tracking(key, value string) bool {
	switch {
	case trackingParams[key]:
		return true
	case strings.HasPrefix(key, "utm_"), strings.HasPrefix(key, "guce_referrer"):
		return true
	case key == "ref":
		return trackingRefs[value] || strings.HasPrefix(value, "rss") ||
			strings.HasPrefix(value, "feed") || strings.HasPrefix(value, "newsletter")
	}
	return false
}

// Strip returns the parameters of a raw query that drop (given the
// unescaped, lower-cased key and value) keeps, each exactly as it was
// written, in their order.
func Strip(rawQuery string, drop func(key, value string) bool) []string {
	if rawQuery == "" {
		return nil
	}
	parts := strings.Split(rawQuery, "&")
	kept := parts[:0]
	for _, p := range parts {
		if p == "" {
			continue
		}
		k, v, _ := strings.Cut(p, "=")
		if key, err := url.QueryUnescape(k); err == nil {
			k = key
		}
		if val, err := url.QueryUnescape(v); err == nil {
			v = val
		}
		if drop(strings.ToLower(k), strings.ToLower(v)) {
			continue
		}
		kept = append(kept, p)
	}
	return kept
}
