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
	"math"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
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

const (
	nSketch       = 5  // MinHash values per article: [0, prefixSketch) read
	prefixSketch  = 1  // the word pairs of the lead's first prefixWords
	titleSketch   = 2  // content words, [prefixSketch, titleSketch) the
	prefixWords   = 16 // title's, and the rest those of the lead's first
	leadWordsRead = 60 // leadWordsRead
	minNamed      = 3  // named pairs a sketch source needs to read only them
	maxLeadNames  = 4
	maxLead       = 1200
	maxTitle      = 300
)

var sketchSeeds = [nSketch]uint64{
	0x243f6a8885a308d3, 0x13198a2e03707344, 0xa4093822299f31d0,
	0x082efa98ec4e6c89, 0x452821e638d01377,
}

// prep is a Doc read for comparison.
type prep struct {
	links  [2]string // canonical link, and the GUID's when it is an address
	guid   string
	acc    string // EDGAR accession number, digits only
	filing bool
	t      time.Time

	series bool     // the title is a recurring template
	title  []uint64 // sorted content words of the title
	rest   []uint64 // sorted content words of the title outside the template
	lead   []uint64 // sorted word pairs of the lead
	nums   []number // figures in title and lead
	// titleNums are the title's own figures and titleShape a hash of its
	// words with every figure alike: two headlines that say the same
	// words around different figures ("Acme sells 12 million phones",
	// "Acme sells 13 million phones"; a numbered series) are two stories,
	// whatever their leads share. Copies that reword the headline, or
	// convert a currency, are judged by the rest of the rule.
	titleNums  []number
	titleShape uint64
	// names are the title's capitalized content words, head the lead's
	// first content words in order.
	names     []uint64
	head      []uint64
	leadNames []uint64 // the first maxLeadNames names in the lead
	sketch    [nSketch]uint64
	text      bool // there is text to sketch
}

var tokPool = sync.Pool{New: func() any { return &tokenizer{buf: make([]byte, 0, 32), toks: make([]token, 0, 160)} }}

func prepare(d Doc) *prep {
	p := &prep{filing: d.Filing, t: d.Published}
	p.links[0] = articleLink(d.Link)
	if g := strings.TrimSpace(d.GUID); g != "" && g != strings.TrimSpace(d.Link) {
		if hasPrefixFold(g, "http://") || hasPrefixFold(g, "https://") {
			p.links[1] = articleLink(g)
			if p.links[1] == p.links[0] {
				p.links[1] = ""
			}
		} else if len(g) >= MinGUID {
			p.guid = g
		}
	}
	if d.Filing {
		p.acc = accession(d.Link)
		if p.acc == "" {
			p.acc = accession(d.GUID)
		}
		return p
	}
	t := tokPool.Get().(*tokenizer)
	defer tokPool.Put(t)

	// Title.
	t.toks = t.toks[:0]
	t.title = true
	title := d.Title
	if len(title) > maxTitle {
		title = title[:maxTitle]
	}
	t.add(cleanTitle(title))
	t.title = false
	nTitle := len(t.toks)
	start, n := matchSeries(t.toks)
	p.series = n > 0

	// Lead.
	lead := d.Lead
	if len(lead) > maxLead {
		lead = lead[:maxLead]
	}
	t.addLead(lead)
	if len(t.toks) == nTitle && strings.TrimSpace(lead) != "" {
		t.add(lead) // all of it looked like furniture: read it whole
	}
	p.nums = figures(t.toks)
	// A title is never cut off, so its last figure counts (figures drops
	// the last token, which in a lead may be a figure cut in half).
	p.titleNums = figures(append(t.toks[:nTitle:nTitle], token{}))
	p.titleShape = fnvOffset
	for _, tk := range t.toks[:nTitle] {
		h := tk.h
		if tk.num {
			h = 0 // every figure alike: the shape is the words around them
		}
		p.titleShape = mix(p.titleShape ^ h)
	}

	// Content words: the title's, the rest of the title outside a
	// template, and the lead's word pairs, in one allocation.
	words, rest, leadWords := t.words[:0], t.rest[:0], t.lead[:0]
	titleNames, leadNames := t.titleNames[:0], t.leadNames[:0]
	for i, tk := range t.toks {
		switch {
		case tk.stop:
		case i < nTitle:
			words = append(words, tk.h)
			titleNames = append(titleNames, tk.name || tk.num)
			if tk.name && !tk.num {
				p.names = append(p.names, tk.h)
			}
			if p.series && (i < start || i >= start+n) {
				rest = append(rest, tk.h)
			}
		default:
			leadWords = append(leadWords, tk.h)
			leadNames = append(leadNames, tk.name || tk.num)
			if tk.name && !tk.num && len(p.leadNames) < maxLeadNames && len(leadWords) <= leadWordsRead {
				p.leadNames = append(p.leadNames, tk.h)
			}
		}
	}
	t.titleNames, t.leadNames = titleNames, leadNames
	leadPairs := appendPairs(t.pairs[:0], leadWords)
	titlePairs := appendPairs(t.tpairs[:0], words)
	t.words, t.rest, t.lead, t.pairs, t.tpairs = words, rest, leadWords, leadPairs, titlePairs

	p.head = slices.Clone(leadWords[:min(len(leadWords), leadWordsRead)])
	nw, nr := len(words), len(rest)
	store := make([]uint64, 0, nw+nr+len(leadPairs))
	store = append(append(append(store, words...), rest...), leadPairs...)
	p.title = sortedSet(store[:nw:nw])
	p.rest = sortedSet(store[nw : nw+nr : nw+nr])
	p.lead = sortedSet(store[nw+nr:])

	if p.t.IsZero() {
		return p
	}
	// The first values read the lead's first words, which a trimmed copy
	// keeps; the next the title; the others the title and more of the
	// lead, which a copy with a rewritten first sentence keeps. Each reads
	// the word pairs with a name or a figure in them when there are a few:
	// they tell one company's story from another's under the same phrasing
	// ("X names new chief executive").
	if len(leadPairs)+len(titlePairs) == 0 && len(words) != 1 {
		return p
	}
	prefix := namedPairs(t.named[:0], leadPairs, leadNames, prefixWords-1, minNamed)
	titleSrc := namedPairs(prefix[len(prefix):len(prefix)], titlePairs, titleNames, len(titlePairs), 1)
	if len(titlePairs) == 0 && len(words) == 1 {
		titleSrc = words // a one-word title
	}
	more := namedPairs(titleSrc[len(titleSrc):len(titleSrc)], leadPairs, leadNames, leadWordsRead-1, minNamed)
	t.named = prefix[:0]
	if len(prefix) == 0 {
		prefix = titleSrc
	}
	if len(titleSrc) == 0 {
		titleSrc = prefix
	}
	p.text = true
	for i := range p.sketch {
		p.sketch[i] = math.MaxUint64
	}
	for _, h := range prefix {
		minHash(&p.sketch, 0, prefixSketch, h)
	}
	if len(more) == 0 {
		more = titleSrc
	}
	for _, h := range titleSrc {
		minHash(&p.sketch, prefixSketch, titleSketch, h)
	}
	for _, h := range more {
		minHash(&p.sketch, titleSketch, nSketch, h)
	}
	return p
}

// namedPairs appends the first limit of pairs (the pairs of words) that
// have a name or a figure in them, or all first limit when fewer than least
// do.
func namedPairs(out, pairs []uint64, names []bool, limit, least int) []uint64 {
	pairs = pairs[:min(len(pairs), limit)]
	start := len(out)
	for i, h := range pairs {
		if names[i] || names[i+1] {
			out = append(out, h)
		}
	}
	if len(out)-start < least {
		out = append(out[:start], pairs...)
	}
	return out
}

// minHash lowers sketch[from:to] to h's values under their permutations.
func minHash(sketch *[nSketch]uint64, from, to int, h uint64) {
	for i := from; i < to; i++ {
		v := (h ^ sketchSeeds[i]) * 0x9fb21c651e98df25
		v ^= v >> 28
		if v < sketch[i] {
			sketch[i] = v
		}
	}
}

// articleLink is CanonicalLink of an address that can name one article: a
// site's front page cannot.
func articleLink(link string) string {
	c := CanonicalLink(link)
	if !strings.Contains(c, "/") {
		return ""
	}
	return c
}

// appendPairs appends the hashes of adjacent words, in order.
func appendPairs(out, words []uint64) []uint64 {
	for i := 1; i < len(words); i++ {
		out = append(out, mix(words[i-1]*31+words[i]))
	}
	return out
}

func sortedSet(s []uint64) []uint64 {
	slices.Sort(s)
	return slices.Compact(s)
}

// overlap counts the values two sorted sets share.
func overlap(a, b []uint64) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

func jaccard(a, b []uint64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n := overlap(a, b)
	return float64(n) / float64(len(a)+len(b)-n)
}

func containment(a, b []uint64) float64 {
	m := min(len(a), len(b))
	if m == 0 {
		return 0
	}
	return float64(overlap(a, b)) / float64(m)
}

// indexNames are words after which a number names an index (S&P 500,
// Russell 2000), not a figure.
var indexNames = func() map[uint64]bool {
	m := map[uint64]bool{}
	for _, w := range strings.Fields("s&p nasdaq russell ftse stoxx nikkei dax cac kospi sensex nifty topix asx seng dow msci g7 g20 covid") {
		m[hashBytes(stemWord([]byte(w)))] = true
	}
	return m
}()

// figures returns the distinct figures in toks. A figure that ends the text
// is left out: a lead cut at a length may have cut its unit ("$15" of "$15
// billion").
func figures(toks []token) []number {
	var out []number
	for i, tk := range toks {
		if !tk.num || tk.term || i > 0 && indexNames[toks[i-1].h] || i == len(toks)-1 {
			continue
		}
		dup := false
		for _, n := range out {
			if n == tk.val {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, tk.val)
		}
	}
	return out
}

// titleFiguresDiffer reports whether both titles give figures and one of
// them is not in the other.
func titleFiguresDiffer(a, b []number) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	for _, x := range a {
		if !slices.ContainsFunc(b, x.near) {
			return true
		}
	}
	for _, y := range b {
		if !slices.ContainsFunc(a, y.near) {
			return true
		}
	}
	return false
}

// figuresDisagree reports whether two articles give different figures: the
// one with fewer figures misses one of them (of up to three) or half of
// them (of more) in the other. Copies of a story give its figures; next week's jobless claims or
// tomorrow's market wrap give new ones.
func figuresDisagree(a, b []number) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) == 0 {
		return false
	}
	found := 0
	for _, x := range a {
		for _, y := range b {
			if x.near(y) {
				found++
				break
			}
		}
	}
	if len(a) <= 3 {
		return found < len(a) // a few figures: each must be there
	}
	return 2*found < len(a)
}

// accession returns the digits of an EDGAR accession number in s
// (0001234567-26-000131 or 000123456726000131), or "".
func accession(s string) string {
	for i := 0; i+20 <= len(s); i++ {
		if isDigit(s[i]) && (i == 0 || !isDigit(s[i-1])) {
			if isAccession(s[i : i+20]) {
				return s[i:i+10] + s[i+11:i+13] + s[i+14:i+20]
			}
			if i+18 <= len(s) && allDigits(s[i:i+18]) && (i+18 == len(s) || !isDigit(s[i+18])) {
				return s[i : i+18]
			}
		}
	}
	return ""
}

func isAccession(s string) bool {
	return allDigits(s[:10]) && s[10] == '-' && allDigits(s[11:13]) && s[13] == '-' && allDigits(s[14:20])
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func abs(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// within reports whether a and b are at most w apart; an unknown time is
// within any window.
func within(a, b time.Time, w time.Duration) bool {
	if a.IsZero() || b.IsZero() {
		return true
	}
	return abs(a.Sub(b)) <= w
}

// Keys returns the keys d is stored under, and Probes the keys a look-up
// for d asks: whenever two docs Match, the probes of each meet the keys of
// the other. There are at most 2+5 keys: the canonical link and the
// GUID's (or the GUID, or the accession number), and for dated news with
// text five MinHash values, each salted with the Window-long slice of time
// the article falls in. Probes are the same with each MinHash value salted
// with the slice before and the slice after as well, so two articles
// within Window meet, and an article's text keys only meet those of the
// few days around it. Storing one slice and probing three keeps the rows
// a store writes for every article few; a probe costs a look-up only.
func Keys(d Doc) []uint64 { return read(d).keys() }

// Probes returns the keys to look d's candidates up by (see Keys).
func Probes(d Doc) []uint64 { return read(d).probes() }

func (p *prep) keys() []uint64 { return p.appendKeys(make([]uint64, 0, 2+nSketch), 0) }

func (p *prep) probes() []uint64 { return p.appendKeys(make([]uint64, 0, 2+3*nSketch), 1) }

// appendKeys appends p's keys, its text keys salted with the slices up to
// spread away from its own (its own first).
func (p *prep) appendKeys(keys []uint64, spread int64) []uint64 {
	for _, l := range p.links {
		if l != "" {
			keys = append(keys, hashString("L\x00"+l))
		}
	}
	if p.guid != "" {
		keys = append(keys, hashString("G\x00"+p.guid))
	}
	if p.acc != "" {
		keys = append(keys, hashString("A\x00"+p.acc))
	}
	if p.text {
		slice := timeSlice(p.t)
		for i, v := range p.sketch {
			keys = append(keys, sketchKey(i, v, slice))
			for d := int64(1); d <= spread; d++ {
				keys = append(keys, sketchKey(i, v, slice-d), sketchKey(i, v, slice+d))
			}
		}
	}
	return keys
}

func sketchKey(i int, v uint64, slice int64) uint64 {
	return mix(v ^ uint64(i)<<56 ^ uint64(slice)*0x9e3779b97f4a7c15)
}

func timeSlice(t time.Time) int64 {
	sec := t.Unix()
	w := int64(Window / time.Second)
	s := sec / w
	if sec < 0 && sec%w != 0 {
		s--
	}
	return s
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
	if !within(a.Published, b.Published, window) {
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
	if abs(a.t.Sub(b.t)) > w {
		return false
	}
	shared := false
	for i := range a.sketch {
		if a.sketch[i] == b.sketch[i] {
			shared = true
			break
		}
	}
	if !shared || figuresDisagree(a.nums, b.nums) || a.titleShape == b.titleShape && titleFiguresDiffer(a.titleNums, b.titleNums) || otherSubjects(a, b) {
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
	return unmentioned(a, b, a.names, b.names) || unmentioned(a, b, a.leadNames, b.leadNames)
}

// unmentioned reports whether a names some of na, b some of nb, and
// neither article mentions a name of the other's.
func unmentioned(a, b *prep, na, nb []uint64) bool {
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

func mentions(p *prep, h uint64) bool {
	_, inTitle := slices.BinarySearch(p.title, h)
	return inTitle || slices.Contains(p.head, h)
}

// sameArticle reports whether a and b carry one identity: a link, a GUID or
// an accession number.
func sameArticle(a, b *prep) bool {
	for _, x := range a.links {
		if x == "" {
			continue
		}
		for _, y := range b.links {
			if x == y {
				return true
			}
		}
	}
	if a.guid != "" && a.guid == b.guid {
		return true
	}
	return a.acc != "" && a.acc == b.acc
}

// sameText is the near-identical text rule.
func sameText(a, b *prep, series bool) bool {
	tj := jaccard(a.title, b.title)
	leads := len(a.lead) >= MinLeadPairs && len(b.lead) >= MinLeadPairs
	lc := 0.0
	if leads {
		lc = containment(a.lead, b.lead)
	}
	if a.series && b.series {
		// The template's words say nothing; what follows them must agree.
		if len(a.rest) > 0 || len(b.rest) > 0 {
			tj = jaccard(a.rest, b.rest)
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
	case !leads && tj >= TitleOnly && len(a.title) >= MinTitleWords && len(b.title) >= MinTitleWords:
		return true
	}
	return false
}

// Related reports whether a and b are about the same company on the same
// day without being the same story: one is a filing and the other news
// whose primary ticker is one of the filing's (or, when the filing has no
// tickers, whose title or lead names the filer), published within
// RelatedWindow.
func Related(a, b Doc) bool {
	if a.Filing == b.Filing {
		return false
	}
	if a.Published.IsZero() || b.Published.IsZero() || abs(a.Published.Sub(b.Published)) > RelatedWindow {
		return false
	}
	f, n := a, b
	if b.Filing {
		f, n = b, a
	}
	if len(f.Tickers) > 0 {
		if len(n.Tickers) == 0 {
			return false
		}
		for _, t := range f.Tickers {
			if strings.EqualFold(t, n.Tickers[0]) {
				return true
			}
		}
		return false
	}
	lead := n.Lead
	if len(lead) > 300 {
		lead = lead[:300]
	}
	return namesFiler(n.Title+" "+lead, filerName(f.Title))
}

// filerSuffixes are the legal words of a filer's name that news leaves out.
var filerSuffixes = map[string]bool{
	"inc": true, "corp": true, "corporation": true, "co": true, "company": true,
	"companies": true, "ltd": true, "limited": true, "plc": true, "llc": true,
	"lp": true, "sa": true, "nv": true, "ag": true, "se": true, "holdings": true,
	"holding": true, "group": true, "the": true, "de": true, "and": true,
}

// genericNames are first words of company names that say too little alone.
var genericNames = map[string]bool{
	"general": true, "american": true, "united": true, "first": true, "national": true,
	"international": true, "global": true, "bank": true, "new": true, "royal": true,
}

// nameWords splits s into lower-case words of letters and digits.
func nameWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// namesFiler reports whether news names the filer: the first word of its
// name that is not a legal one, and the next too when the first is as
// common as "General" or "United".
func namesFiler(news, filer string) bool {
	var name []string
	for _, w := range nameWords(filer) {
		if len(w) > 1 && !filerSuffixes[w] {
			name = append(name, w)
		}
	}
	if len(name) == 0 {
		return false
	}
	need := name[:1]
	if genericNames[name[0]] && len(name) > 1 {
		need = name[:2]
	}
	have := nameWords(news)
	for _, w := range need {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

// Prepared is a Doc read for comparison, for a caller that compares one
// doc many times and keeps it (the store's recent candidates): Match reads
// its docs through a small cache, which a long run of other docs empties.
type Prepared struct{ p *prep }

// IsZero reports a Prepared that Prepare did not make.
func (p Prepared) IsZero() bool { return p.p == nil }

// Prepare reads d for MatchPrepared.
func Prepare(d Doc) Prepared { return Prepared{read(d)} }

// Keys is Keys of the prepared doc, without reading it again.
func (p Prepared) Keys() []uint64 { return p.p.keys() }

// Probes is Probes of the prepared doc, without reading it again.
func (p Prepared) Probes() []uint64 { return p.p.probes() }

// MatchPrepared is Match over prepared docs.
func MatchPrepared(a, b Prepared, window time.Duration) bool {
	if a.p.filing != b.p.filing {
		return false
	}
	if window <= 0 {
		window = Window
	}
	if !within(a.p.t, b.p.t, window) {
		return false
	}
	return match(a.p, b.p, window)
}
