package config

import (
	"maps"
	"slices"
	"strings"
)

// Bounds of the per-host settings.
const (
	MaxHostRate = 1000 // requests a second
)

// normalizeHosts checks fetch.host_cap and the [fetch.hosts] tables, and
// spells each domain as the fetcher matches it (lower case, no trailing
// dot).
func (c *Config) normalizeHosts(p *problemList) {
	if c.Fetch.HostCap < 0 || c.Fetch.HostCap > MaxPerHost {
		p.add("fetch.host_cap must be between 1 and %d, or 0 for the default (it is %d)", MaxPerHost, c.Fetch.HostCap)
	}
	if len(c.Fetch.Hosts) == 0 {
		c.Fetch.Hosts = nil
		return
	}
	hosts := make(map[string]HostLimit, len(c.Fetch.Hosts))
	for _, name := range slices.Sorted(maps.Keys(c.Fetch.Hosts)) {
		l := c.Fetch.Hosts[name]
		domain := strings.TrimSuffix(strings.ToLower(strings.TrimSpace(name)), ".")
		if !plausibleDomain(domain) {
			p.add("fetch.hosts: %q is not a host name (write a domain such as \"sec.gov\", without scheme or port)", name)
			continue
		}
		if l.Rate < 0 || l.Rate > MaxHostRate || l.Rate != l.Rate {
			p.add("fetch.hosts.%q.rate must be between 0 and %d requests a second (it is %g)", name, MaxHostRate, l.Rate)
		}
		if l.Cap < 0 || l.Cap > MaxPerHost {
			p.add("fetch.hosts.%q.cap must be between 1 and %d, or 0 for none (it is %d)", name, MaxPerHost, l.Cap)
		}
		if l.Rate == 0 && l.Cap == 0 {
			p.add("fetch.hosts.%q sets neither rate nor cap", name)
		}
		if _, dup := hosts[domain]; dup {
			p.add("fetch.hosts: %q is named twice", domain)
		}
		hosts[domain] = l
	}
	c.Fetch.Hosts = hosts
}

// plausibleDomain accepts a host name: labels of letters, digits and
// hyphens separated by dots (and IP addresses, which are such too).
func plausibleDomain(s string) bool {
	if s == "" || len(s) > 253 {
		return false
	}
	for label := range strings.SplitSeq(s, ".") {
		if label == "" || len(label) > 63 {
			return false
		}
		for _, r := range label {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				return false
			}
		}
	}
	return true
}
