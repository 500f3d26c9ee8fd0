package ingest

import (
	"context"
	"encoding/json"
	"strings"

	"brief/extract"
	"brief/store"
)

// Reindex re-extracts every article whose extractor version is below
// version, in pages so memory stays flat on big databases, and returns
// how many it did. The body is converted again from the stored HTML, as
// at fetch (Article): the stored markdown is the clean body, which no
// longer holds the summary section the briefing is made from. An article
// stored without HTML (a plain-text body) is re-read from its markdown.
func Reindex(ctx context.Context, st *store.Store, ex *extract.Extractor, version int) (int, error) {
	done := 0
	for {
		arts, err := st.StaleArticles(ctx, version, 500)
		if err != nil || len(arts) == 0 {
			return done, err
		}
		for _, art := range arts {
			k := keep(reextract(ctx, st, ex, art))
			if err := st.UpdateArticleBody(ctx, art.ID, k.body, k.tickers, k.briefing, extract.Version); err != nil {
				return done, err
			}
			done++
		}
	}
}

// reextract extracts a stored article again, with the tickers its feed
// tagged it with, which only the store still knows.
func reextract(ctx context.Context, st *store.Store, ex *extract.Extractor, art store.Article) extract.Result {
	tickers, _ := st.ArticleTickers(ctx, art.ID)
	var feedTags []string
	for _, t := range tickers {
		if t.Signal == string(extract.SignalFeed) {
			feedTags = append(feedTags, t.Symbol)
		}
	}
	in := extract.Input{Title: art.Title, FeedTickers: feedTags, LeaveForCard: true}
	if strings.TrimSpace(art.HTML) != "" {
		return Convert(ex, art.HTML, art.Link, in)
	}
	in.Markdown = art.Markdown
	return ex.Process(in)
}

// rawOf is the markdown an article's briefing was made from, as Reindex
// makes it again: the stored HTML converted (with the article's link for
// base, which is the one a fetch used unless the item had none), or the
// stored body of an article that came without HTML.
func rawOf(art store.Article) string {
	if strings.TrimSpace(art.HTML) != "" {
		return Raw(art.HTML, art.Link)
	}
	return art.Markdown
}

// kept is an extraction as the store keeps it, the same for an article
// fetched (Article) and one extracted again (Reindex).
type kept struct {
	body     string
	tickers  []store.Ticker
	briefing []byte // the briefing as JSON
}

func keep(r extract.Result) kept {
	brief, err := json.Marshal(r.Briefing)
	if err != nil {
		brief = nil // cannot happen for plain data; the article still saves
	}
	return kept{body: r.Body, tickers: StoreTickers(r.Briefing.Tickers), briefing: brief}
}
