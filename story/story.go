// Package story groups articles that tell the same story across feeds.
//
// Two articles are the same story (Match) when, within a window of each
// other (Window unless the caller gives another):
//
//   - their links are one address once CanonicalLink has taken out what
//     varies between feeds and editions (scheme, www./m./amp. hosts, AMP
//     paths, tracking parameters, fragments, trailing slashes), or one's GUID
//     is an address that is the other's link;
//   - they carry the same GUID (a GUID that is not an address needs MinGUID
//     characters: short numeric ids repeat across feeds);
//   - they are both EDGAR filings with one accession number; or
//   - their text is near-identical (news only, both dated, at most Window
//     apart).
//
// Near-identical text is decided on the title and the start of the lead,
// read as stemmed words without stop words, furniture lines (bylines,
// "Advertisement", share prompts), wire datelines ("NEW YORK, Nov 23
// (Reuters) -"), wire slugs ("UPDATE 2-"), site names behind a headline and
// link targets. Leads are compared by the share of the shorter lead's word
// pairs found in the other (containment, so a trimmed copy still matches),
// titles by the Jaccard similarity of their words. Two articles are one
// story when
//
//   - the leads share LeadShare of their word pairs, or
//   - the titles share TitleShare of their words and the leads LeadAgree,
//     or
//   - one has no lead to compare and the titles share TitleOnly (with at
//     least MinTitleWords words each),
//
// and none of these holds: the figures they give disagree (the one with
// fewer figures misses one of up to three, or half of more, in the other;
// rounding allowed: "$6.3 billion" is "$6.27 billion"), no capitalized name
// in either title, or none of the first names in either lead, appears in
// the other article ("Ulmex names new finance chief", "Rexo names new
// finance chief"), or their MinHash sketches (see Keys) share no value.
//
// A recurring headline (a market wrap, a movers list, a morning note,
// weekly jobless claims: see seriesTitles) is a new story every day: two
// articles under one merge only within SeriesWindow and only when the rest
// of their headlines share RestShare of their words. Recurring headlines
// that are not listed are held apart by their figures and names, which
// change every day. Two articles about one company with different events
// ("Apple sued by DOJ", "Apple raises dividend") share few word pairs and
// stay apart. A filing is never the same story as news; a filing and news
// about its company within RelatedWindow are Related.
//
// The thresholds were measured on the 534 labeled pairs in
// testdata/pairs.tsv (TestPairs prints precision and recall): each sits in
// the gap between the copies and the different stories there. The
// different pairs with the most similar text are recurring headlines on
// other days and short headlines ("Oil rises 2%" on Monday and Wednesday);
// they reach lead shares of 0.38 with equal titles and are told apart by
// LeadAgree, the figures and the windows. The copies with the least similar
// text are rewritten leads, at 0.47 and up with similar titles.
//
// Keys gives each article a few lookup keys so that a store finds the
// candidates for Match without comparing against every article: the
// canonical links, the GUID or the accession number and, for dated news
// with text, a MinHash sketch of its word pairs salted with the slice of
// time (Window long) the article falls in and the next. Match accepts text
// matches only when the sketches share a value, so every pair that Match
// accepts shares a key; the time slices keep a recurring headline's
// editions out of each other's buckets beyond a few days.
package story

import (
	"slices"
	"time"
)

// Doc is what grouping knows of one article.
type Doc struct {
	Link      string    // the article's link as the feed gave it
	GUID      string    // the feed's id for it ("" when none)
	Title     string    //
	Lead      string    // the first ~600 characters of the clean body (plain-ish markdown), or its summary
	Tickers   []string  // normalised symbols the article names, primary first (may be empty)
	Published time.Time // zero when unknown
	Filing    bool      // an SEC filing (EDGAR), never merged with news, only related
}

// Window is the default time window within which copies merge.
const Window = 72 * time.Hour

// SeriesWindow is how far apart two articles under a recurring headline
// ("Morning Bid", "Stocks making the biggest moves midday") may be and still
// be one story: less than the day between two editions.
const SeriesWindow = 12 * time.Hour

// RelatedWindow is how far apart a filing and news about its company may be
// to be Related.
const RelatedWindow = 24 * time.Hour

// MinGUID is the length a GUID that is not an address needs to identify an
// article across feeds.
const MinGUID = 10

// The near-identical text rule, measured on testdata/pairs.tsv.
const (
	// LeadShare is the share of the shorter lead's word pairs that the
	// other lead must have for the leads alone to make one story. The
	// copies there start at 0.47 (rewritten first sentences), most at 1.
	LeadShare = 0.5
	// TitleShare is the Jaccard similarity of the titles' words that,
	// with LeadAgree of the leads' word pairs, makes one story. Different
	// stories with equal short titles reach lead shares of 0.38.
	TitleShare = 0.5
	LeadAgree  = 0.4
	// TitleOnly is the title similarity that makes one story when one of
	// the two has no lead to compare; the titles need MinTitleWords words.
	TitleOnly     = 0.8
	MinTitleWords = 4
	// MinLeadPairs is the fewest word pairs a lead needs to be compared.
	MinLeadPairs = 5
	// RestShare is how much of the headline outside a recurring template
	// two articles under it must share.
	RestShare = 0.5
)

func abs(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// within reports whether a and b are at most w apart; an unknown time is
// within any window.
func within(a, b int64, w time.Duration) bool {
	if a == 0 || b == 0 {
		return true
	}
	return abs(time.Duration(a-b)*time.Millisecond) <= w
}

// Match reports whether a and b tell the same story (to be grouped), given
// window (0 means Window). Links, GUIDs and accession numbers identify an
// article within window; text matching reaches at most Window (and
// SeriesWindow under a recurring headline) and needs both times.
func Match(a, b Doc, window time.Duration) bool {
	if a.Filing != b.Filing {
		return false
	}
	if window <= 0 {
		window = Window
	}
	if !within(unixMilli(a.Published), unixMilli(b.Published), window) {
		return false // nothing matches across more than window
	}
	return match(read(a), read(b), window)
}

func match(a, b *prep, window time.Duration) bool {
	if a.filing != b.filing {
		return false
	}
	if window <= 0 {
		window = Window
	}
	if within(a.t, b.t, window) && sameArticle(a, b) {
		return true
	}
	if a.filing || !a.text || !b.text {
		return false
	}
	w := min(window, Window)
	series := a.series || b.series
	if series {
		w = min(w, SeriesWindow)
	}
	if abs(time.Duration(a.t-b.t)*time.Millisecond) > w {
		return false
	}
	shared := false
	for i := range a.sketch {
		if a.sketch[i] == b.sketch[i] {
			shared = true
			break
		}
	}
	// The cheap vetoes first: most candidates that share a sketch value
	// are other stories. On the synthetic corpus, of 85,000 candidates
	// compared this far, 58,000 give other figures and 26,000 other
	// subjects; the figures come first, so that most candidates are
	// turned down without their words being read.
	if !shared || a.titleShape == b.titleShape && titleFiguresDiffer(a.titleNums(), b.titleNums()) || figuresDisagree(a.nums(), b.nums()) || otherSubjects(a, b) {
		return false
	}
	return sameText(a, b, series)
}

// otherSubjects reports whether a and b are about different subjects: no
// name in either title (a capitalized word: a company, a country, an
// agency) appears in the other article, or none of the first names in
// either lead does. Copies name a subject of each other's; "Ulmex names new
// finance chief" and "Rexo names new finance chief" do not, nor do two
// days of a column with one headline whose leads name other companies.
func otherSubjects(a, b *prep) bool {
	return unmentioned(a, b, a.names(), b.names()) || unmentioned(a, b, a.leadNames(), b.leadNames())
}

// unmentioned reports whether a names some of na, b some of nb, and
// neither article mentions a name of the other's.
func unmentioned(a, b *prep, na, nb []uint32) bool {
	if len(na) == 0 || len(nb) == 0 {
		return false
	}
	for _, h := range na {
		if mentions(b, h) {
			return false
		}
	}
	for _, h := range nb {
		if mentions(a, h) {
			return false
		}
	}
	return true
}

func mentions(p *prep, h uint32) bool {
	_, inTitle := slices.BinarySearch(p.title(), h)
	return inTitle || slices.Contains(p.head(), h)
}

// sameArticle reports whether a and b carry one identity: a link, a GUID or
// an accession number.
func sameArticle(a, b *prep) bool {
	for _, x := range a.ids[idLink : idGUIDLink+1] {
		if x != 0 && (x == b.ids[idLink] || x == b.ids[idGUIDLink]) {
			return true
		}
	}
	return a.ids[idGUID] != 0 && a.ids[idGUID] == b.ids[idGUID] ||
		a.ids[idAccession] != 0 && a.ids[idAccession] == b.ids[idAccession]
}

// sameText is the near-identical text rule.
func sameText(a, b *prep, series bool) bool {
	at, bt := a.title(), b.title()
	tj := jaccard(at, bt)
	al, bl := a.lead(), b.lead()
	leads := len(al) >= MinLeadPairs && len(bl) >= MinLeadPairs
	lc := 0.0
	if leads {
		lc = containment(al, bl)
	}
	if a.series && b.series {
		// The template's words say nothing; what follows them must agree.
		if ar, br := a.rest(), b.rest(); len(ar) > 0 || len(br) > 0 {
			tj = jaccard(ar, br)
		}
		if tj < RestShare {
			return false
		}
	}
	switch {
	case leads && lc >= LeadShare:
		return true
	case leads && tj >= TitleShare && lc >= LeadAgree:
		return true
	case !leads && tj >= TitleOnly && len(at) >= MinTitleWords && len(bt) >= MinTitleWords:
		return true
	}
	return false
}

// Prepared is a Doc read for comparison, for a caller that compares one
// doc many times and keeps it (the store's recent candidates): Match reads
// its docs through a small cache, which a long run of other docs empties.
type Prepared struct{ p *prep }

// IsZero reports a Prepared that Prepare did not make.
func (p Prepared) IsZero() bool { return p.p == nil }

// Prepare reads d for MatchPrepared. It reads d anew, past the cache
// Match and Keys read through: a caller that keeps the Prepared needs no
// cache, and a cache slot would keep d's text alive, with whatever text
// its strings are windows on.
func Prepare(d Doc) Prepared { return Prepared{prepare(d)} }

// Keys is Keys of the prepared doc, without reading it again.
func (p Prepared) Keys() []uint64 { return p.p.keys() }

// Probes is Probes of the prepared doc, without reading it again.
func (p Prepared) Probes() []uint64 { return p.p.probes() }

// KeysProbes is Keys and Probes of the prepared doc, in one allocation.
func (p Prepared) KeysProbes() (keys, probes []uint64) {
	all := p.p.appendKeys(make([]uint64, 0, 2*nIDs+4*nSketch), 0)
	n := len(all)
	all = p.p.appendKeys(all, 1)
	return all[:n:n], all[n:]
}

// NewFigures reports whether copy has a figure in its title or lead that
// known has nowhere near: the news a copy brings that the story had not
// told (a revised figure, a new one). Wording, furniture and a longer or
// shorter lead bring none.
func NewFigures(copy, known Prepared) bool { return newFigures(copy.p, known.p) }

func newFigures(copy, known *prep) bool {
	for _, x := range copy.nums() {
		if !nearAny(x, known.nums()) {
			return true
		}
	}
	return false
}

// MatchPrepared is Match over prepared docs.
func MatchPrepared(a, b Prepared, window time.Duration) bool { return matchPrepared(a.p, b.p, window) }

func matchPrepared(a, b *prep, window time.Duration) bool {
	if a.filing != b.filing {
		return false
	}
	if window <= 0 {
		window = Window
	}
	if !within(a.t, b.t, window) {
		return false
	}
	return match(a, b, window)
}
