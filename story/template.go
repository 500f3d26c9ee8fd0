package story

import "strings"

// seriesTitles are headlines that a publisher reuses for a new article every
// day or week: market wraps, movers lists, morning notes, calendar data. Two
// articles under one of them are one story only when they were published
// within SeriesWindow of each other and the rest of the headline and the
// lead agree. Each is matched as a run of words anywhere in the title,
// after stemming, stop words included.
var seriesTitles = [...]string{
	"stocks making the biggest moves",
	"stocks making biggest moves",
	"biggest stock movers",
	"stock movers",
	"top movers",
	"premarket movers",
	"after hours movers",
	"midday movers",
	"morning bid",
	"stock market today",
	"stock market news today",
	"stock market news",
	"stocks to watch",
	"market wrap",
	"markets wrap",
	"global markets",
	"wall street today",
	"how major us stock indexes fared",
	"stock futures",
	"dow futures",
	"dow jones futures",
	"before the bell",
	"after the bell",
	"closing bell",
	"opening bell",
	"what to watch",
	"week ahead",
	"day ahead",
	"wall street breakfast",
	"morning brief",
	"evening brief",
	"markets live",
	"live updates",
	"jobless claims",
	"weekly jobless claims",
	"initial jobless claims",
	"mortgage rates today",
	"mortgage rates",
	"earnings calendar",
	"economic calendar",
	"trending tickers",
	"crypto prices today",
	"bitcoin price today",
	"gold price today",
	"oil prices",
	"european shares",
	"asian shares",
	"asia stocks",
	"treasury yields",
	"stocks close",
	"stocks open",
	"market close",
	"market open",
	"market snapshot",
	"markets in minutes",
	"the daily",
	"chart of the day",
	"analyst calls of the day",
	"analyst upgrades and downgrades",
	"upgrades and downgrades",
	"insider trading activity",
	"unusual options activity",
	"fed watch",
	"crude oil inventories",
	"eia natural gas storage",
	"baker hughes rig count",
}

// series holds the templates as runs of token hashes, indexed by the first.
var series = func() map[uint64][][]uint64 {
	m := map[uint64][][]uint64{}
	var t tokenizer
	for _, s := range seriesTitles {
		t.toks, t.vals = t.toks[:0], t.vals[:0]
		t.add(s)
		var run []uint64
		for _, tk := range t.toks {
			run = append(run, tk.h)
		}
		if len(run) < 2 {
			panic("story: a series title needs two words: " + s)
		}
		m[run[0]] = append(m[run[0]], run)
	}
	return m
}()

// matchSeries finds the longest series run in the title's tokens and
// returns its start and length (0 when none).
func matchSeries(toks []token) (start, n int) {
	for i, tk := range toks {
		h := tk.h
		for _, run := range series[h] {
			if len(run) <= n || i+len(run) > len(toks) {
				continue
			}
			ok := true
			for k := range run {
				if toks[i+k].h != run[k] {
					ok = false
					break
				}
			}
			if ok {
				start, n = i, len(run)
			}
		}
	}
	return start, n
}

// filerName returns the company in an EDGAR filing title, "8-K - EXAMPLE
// HOLDINGS CORP (0001234567) (Filer)", or "".
func filerName(title string) string {
	_, rest, ok := strings.Cut(title, " - ")
	if !ok {
		return ""
	}
	if j := strings.IndexByte(rest, '('); j >= 0 {
		rest = rest[:j]
	}
	return strings.TrimSpace(rest)
}
