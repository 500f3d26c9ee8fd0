package story

import (
	"hash/maphash"
	"sync/atomic"
	"time"
)

// The docs that Keys and Match read last are remembered, so that a store
// that takes the keys of a new article and then matches it against the
// candidates they find reads each article once. The cache is direct-mapped
// (an article's slot is chosen by a hash of its fields) and holds at most
// cacheSize articles; a slot holds the last article that landed on it.
const cacheSize = 1024

type cached struct {
	link, guid, title, lead string
	published               time.Time
	filing                  bool
	p                       *prep
}

var (
	cacheSlots [cacheSize]atomic.Pointer[cached]
	cacheSeed  = maphash.MakeSeed()
)

// read returns d read for comparison, from the cache when it was read
// lately. Tickers play no part in it.
func read(d Doc) *prep {
	h := maphash.String(cacheSeed, d.Lead)
	h ^= mix(maphash.String(cacheSeed, d.Title) + uint64(d.Published.UnixNano()))
	h ^= mix(maphash.String(cacheSeed, d.Link) ^ maphash.String(cacheSeed, d.GUID)<<1)
	slot := &cacheSlots[h%cacheSize]
	if c := slot.Load(); c != nil && c.lead == d.Lead && c.title == d.Title && c.link == d.Link &&
		c.guid == d.GUID && c.filing == d.Filing && c.published.Equal(d.Published) {
		return c.p
	}
	p := prepare(d)
	slot.Store(&cached{link: d.Link, guid: d.GUID, title: d.Title, lead: d.Lead, published: d.Published, filing: d.Filing, p: p})
	return p
}
