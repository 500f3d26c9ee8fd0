package ingest

import (
	"context"
	"slices"
	"strings"
	"time"

	"brief/config"
	"brief/store"
)

// watchLookback is how far back a feed's articles tell whether it follows
// the watchlist.
const watchLookback = 30 * 24 * time.Hour

// fetchOrder returns the order in which to fetch subs (indexes into subs):
// first the feeds that name a watchlist symbol in their address, title or
// tags (Yahoo's ?s=BABA, Nasdaq's ?symbol=baba, Seeking Alpha's BABA.xml),
// then those whose recent articles are mostly about watchlist companies,
// most such articles first, then the rest in subscription order. A feed
// that lands early shows first, so the tickers a reader follows are
// fresh before the rest of the list has arrived.
func (in *Ingester) fetchOrder(ctx context.Context, subs []config.Feed, feeds []store.Feed, now time.Time) []int {
	order := make([]int, len(subs))
	for i := range order {
		order[i] = i
	}
	if len(in.Watchlist) == 0 {
		return order
	}
	watch := map[string]bool{}
	for _, s := range in.Watchlist {
		watch[strings.ToLower(s)] = true
	}
	// A feed the store cannot rank keeps its place: ordering is a nicety.
	naming, _ := in.Store.FeedsNaming(ctx, in.Watchlist, now.Add(-watchLookback))
	score := make([]int, len(subs))
	for i, s := range subs {
		if namesSymbol(s, watch) {
			score[i] = 1 << 30
		}
		score[i] += naming[feeds[i].ID]
	}
	slices.SortStableFunc(order, func(a, b int) int { return score[b] - score[a] })
	return order
}

// namesSymbol reports whether a subscription's address, title or tags
// carry one of the watched symbols (lower case) as a word.
func namesSymbol(s config.Feed, watch map[string]bool) bool {
	texts := append([]string{s.URL, s.Title}, s.Tags...)
	for _, t := range texts {
		for _, w := range strings.FieldsFunc(strings.ToLower(t), func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r > 0x7f)
		}) {
			for _, ext := range []string{".xml", ".rss", ".atom", ".json"} {
				w = strings.TrimSuffix(w, ext)
			}
			if watch[w] {
				return true
			}
		}
	}
	return false
}
