package story

import (
	"hash/fnv"
	"net/url"
	"strings"
	"time"
)

type Doc struct {
	Link, GUID, Title, Lead string
	Tickers                 []string
	Published               time.Time
	Filing                  bool
}

const Window = 72 * time.Hour

func CanonicalLink(link string) string {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	h := strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	return h + strings.TrimSuffix(u.Path, "/")
}

func h64(s string) uint64 { f := fnv.New64a(); f.Write([]byte(s)); return f.Sum64() }

func Keys(d Doc) []uint64 {
	var out []uint64
	if l := CanonicalLink(d.Link); l != "" {
		out = append(out, h64("l"+l))
	}
	if d.GUID != "" {
		out = append(out, h64("g"+d.GUID))
	}
	return out
}

func Match(a, b Doc, window time.Duration) bool {
	if a.Filing != b.Filing {
		return false
	}
	if window == 0 {
		window = Window
	}
	if !a.Published.IsZero() && !b.Published.IsZero() {
		d := a.Published.Sub(b.Published)
		if d > window || -d > window {
			return false
		}
	}
	la, lb := CanonicalLink(a.Link), CanonicalLink(b.Link)
	return la != "" && la == lb || a.GUID != "" && a.GUID == b.GUID
}

func Related(a, b Doc) bool { return false }
