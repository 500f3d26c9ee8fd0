package store

import (
	"cmp"
	"crypto/sha256"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"brief/internal/digest"
	"brief/story"
	"brief/symbol"
)

// row is a NewArticle normalised for saving; the work happens before the
// write transaction starts, to keep the lock short.
type row struct {
	a         *NewArticle
	guidKey   string
	published int64 // for a known article, the stored value
	tickers   []Ticker
	tickerCol string // articles.tickers (tickerColumn)
	info      string // ticker_info.info (tickerInfo)
	// digest is contentDigest, worked out here only for an article that
	// came without a raw digest; for the others findStored works it out
	// when the feed already holds the article, the only time it is read.
	// An article saved without one is stored with none.
	digest []byte

	id       int64 // 0 while unknown
	skip     bool  // unchanged
	rawStale bool  // unchanged, but its raw digest is not stored yet

	storyKeys   []uint64 // stored under
	storyProbes []uint64 // looked up by
	storyPrep   story.Prepared
}

func prepareArticles(arts []NewArticle, at time.Time, storiesOff bool) []row {
	rows := make([]row, 0, len(arts))
	seen := make(map[string]bool, len(arts))
	var h *digest.Fields
	for i := range arts {
		a := &arts[i]
		key := guidKey(a)
		if seen[key] {
			continue
		}
		seen[key] = true
		tickers := normTickers(a.Tickers)
		listed := listOrder(tickers)
		r := row{
			a:         a,
			guidKey:   key,
			published: toMS(publishedAt(a, at)),
			tickers:   tickers,
			tickerCol: symbolsColumn(listed),
			info:      tickerInfo(listed),
		}
		if a.RawDigest == nil {
			r.contentDigest(&h)
		}
		if storiesOff {
			rows = append(rows, r)
			continue
		}
		if a.StoryPrep.IsZero() || a.StoryKeys == nil || a.StoryProbes == nil || r.published != a.storyPublished {
			// Not worked out, or for a date the store corrected.
			prepareStory(a, key, tickers, fromMS(r.published))
		}
		r.storyPrep, r.storyKeys, r.storyProbes = a.StoryPrep, a.StoryKeys, a.StoryProbes
		rows = append(rows, r)
	}
	return rows
}

// guidKey falls back to the link, then to a hash of title and date, for a
// caller that did not compute a key.
func guidKey(a *NewArticle) string {
	if k := strings.TrimSpace(a.GUIDKey); k != "" {
		return k
	}
	if l := strings.TrimSpace(a.Link); l != "" {
		return l
	}
	sum := sha256.Sum256([]byte(a.Title + "\x00" + a.Published.UTC().Format(time.RFC3339)))
	return fmt.Sprintf("sha256:%x", sum[:16])
}

// publishedAt picks the date an article sorts by: its published date, else
// its updated date, else when it was first fetched. Dates far in the future
// are clamped to the fetch time.
func publishedAt(a *NewArticle, at time.Time) time.Time {
	p := a.Published
	if p.IsZero() || p.Unix() <= 0 {
		p = a.Updated
	}
	if p.IsZero() || p.Unix() <= 0 || p.After(at.Add(futureSlack)) {
		p = at
	}
	return p
}

// normTickers spells symbols as stored (symbol.Normalize), drops empty
// ones and merges ones repeated, summing their mentions, then sorts them
// primary first, then by mentions.
func normTickers(in []Ticker) []Ticker {
	out := make([]Ticker, 0, len(in))
	var index map[string]int // for many tickers; a few are found by a scan
	if len(in) > scanTickers {
		index = make(map[string]int, len(in))
	}
	for _, t := range in {
		// Control characters could break the symbol lists List builds.
		t.Symbol = symbol.Normalize(strings.Map(dropControl, t.Symbol))
		if t.Symbol == "" {
			continue
		}
		k := t.Symbol
		i, ok := index[k]
		if index == nil {
			i = slices.IndexFunc(out, func(o Ticker) bool { return o.Symbol == k })
			ok = i >= 0
		}
		if ok {
			o := &out[i]
			o.Mentions += t.Mentions
			o.Primary = o.Primary || t.Primary
			if o.Exchange == "" {
				o.Exchange = t.Exchange
			}
			if o.Name == "" {
				o.Name = t.Name
			}
			if o.Signal == "" {
				o.Signal = t.Signal
			}
			continue
		}
		if index != nil {
			index[k] = len(out)
		}
		out = append(out, t)
	}
	sortTickers(out)
	return out
}

// scanTickers is the most tickers normTickers merges by scanning what
// it kept so far rather than through a map.
const scanTickers = 8

func dropControl(r rune) rune {
	if unicode.IsControl(r) {
		return -1
	}
	return r
}

func sortTickers(ts []Ticker) {
	slices.SortStableFunc(ts, func(a, b Ticker) int { return compareTickers(a, b, strings.Compare) })
}

// compareTickers orders tickers primary first, then by mentions, most
// first, then by symbol as symbols orders them.
func compareTickers(a, b Ticker, symbols func(x, y string) int) int {
	if a.Primary != b.Primary {
		if a.Primary {
			return -1
		}
		return 1
	}
	if a.Mentions != b.Mentions {
		return cmp.Compare(b.Mentions, a.Mentions)
	}
	return symbols(a.Symbol, b.Symbol)
}

// contentDigest is the row's content digest, worked out on first use
// with *h, which it makes when nil.
func (r *row) contentDigest(h **digest.Fields) []byte {
	if r.digest == nil {
		if *h == nil {
			*h = digest.New()
		}
		r.digest = contentDigest(*h, r.a, r.tickers)
	}
	return r.digest
}

// contentDigest hashes everything SaveFetch may rewrite, so an unchanged
// article is recognised without comparing bodies in SQL. An article with a
// raw digest is first recognised by that (findStored), and its content
// digest is worked out only when the raw one differs.
func contentDigest(h *digest.Fields, a *NewArticle, tickers []Ticker) []byte {
	h.Reset()
	h.String(a.Link)
	h.String(a.Title)
	h.String(a.Author)
	h.Int(toMS(a.Updated))
	h.String(a.HTML)
	h.String(a.Markdown)
	h.Bytes(a.Briefing)
	h.Int(int64(a.ExtractorVersion))
	h.Int(int64(len(tickers)))
	for _, t := range tickers {
		h.String(t.Symbol)
		h.String(t.Exchange)
		h.String(t.Name)
		h.Int(int64(t.Mentions))
		h.String(t.Signal)
		h.Int(int64(boolInt(t.Primary)))
	}
	return h.Sum()
}
