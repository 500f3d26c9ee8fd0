package cli

import (
	"strings"
	"testing"
	"time"

	"brief/internal/termtext"
	"brief/store"
)

// columnAt is the cell where the first occurrence of col starts in line.
func columnAt(line, col string) int {
	i := strings.Index(line, col)
	if i < 0 {
		return -1
	}
	return termtext.Width(line[:i])
}

// The tables measure names in terminal cells, as the reader does: a
// company name in Chinese (two cells a character) is shown whole when the
// column has room for it, and the columns after it line up with the
// other rows.
func TestTablesMeasureNamesInCells(t *testing.T) {
	now := time.Date(2026, 11, 26, 18, 0, 0, 0, time.UTC)
	var b strings.Builder
	writeTickerTable(&b, []store.TickerStat{
		{Symbol: "9988.HK", Name: "阿里巴巴集团控股", Mentions: 31, Articles: 1, LastSeen: now},
		{Symbol: "AAPL", Name: "Apple Inc.", Mentions: 42, Articles: 1, LastSeen: now},
	}, now, 0)
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	if !strings.Contains(lines[1], "阿里巴巴集团控股 ") {
		t.Errorf("the name is cut though it fits:\n%s", b.String())
	}
	if a, c := columnAt(lines[1], "31"), columnAt(lines[2], "42"); a != c || a < 0 {
		t.Errorf("mentions start at cell %d and %d:\n%s", a, c, b.String())
	}

	b.Reset()
	writeFeedTable(&b, []feedRecord{
		{URL: "https://cn.example/feed", Title: "财经要闻快讯", Articles: 7},
		{URL: "https://us.example/feed", Title: "Markets", Articles: 8},
	}, now, 0)
	lines = strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	if !strings.Contains(lines[1], "财经要闻快讯 ") {
		t.Errorf("the title is cut though it fits:\n%s", b.String())
	}
	if a, c := columnAt(lines[1], "https://"), columnAt(lines[2], "https://"); a != c || a < 0 {
		t.Errorf("URLs start at cell %d and %d:\n%s", a, c, b.String())
	}
}

// A row of `brief stories` reads as a row of `brief list`: on a terminal
// of 80 columns a long title is cut, not the tickers after it, and both
// name the same four.
func TestStoryRowsKeepTheirTickers(t *testing.T) {
	now := time.Date(2026, 11, 26, 18, 0, 0, 0, time.UTC)
	head := store.Article{
		ID:        16,
		Title:     "Thanksgiving Week Retail Check: Early Holiday Data Favor Discounters and Online Marketplaces",
		FeedTitle: "Markets",
		Published: now.Add(-3 * time.Hour),
		Tickers:   []string{"AMZN", "TGT", "WMT", "COST", "BJ"},
	}
	var stories, list strings.Builder
	writeStoryTable(&stories, []store.StoryCount{{Head: head, Sources: 3, Latest: head.Published}}, now, 80)
	writeArticleTable(&list, []store.Article{head}, now, 80)
	for name, out := range map[string]string{"stories": stories.String(), "list": list.String()} {
		line := strings.TrimRight(out, "\n")
		if !strings.HasSuffix(line, "  [AMZN TGT WMT COST]") {
			t.Errorf("%s: the row does not end with the first four tickers:\n%s", name, line)
		}
		if w := termtext.Width(line); w > 80 {
			t.Errorf("%s: the row is %d cells wide on a terminal of 80:\n%s", name, w, line)
		}
		if !strings.Contains(line, "Thanksgiving Week") {
			t.Errorf("%s: the title is gone:\n%s", name, line)
		}
	}

	// Narrower, the row names fewer tickers, the first ones, before it
	// cuts the title below 20 cells.
	stories.Reset()
	writeStoryTable(&stories, []store.StoryCount{{Head: head, Sources: 3, Latest: head.Published}}, now, 60)
	if line := strings.TrimRight(stories.String(), "\n"); !strings.HasSuffix(line, "  [AMZN TGT WMT]") || termtext.Width(line) > 60 {
		t.Errorf("at 60 columns the row should end with three tickers:\n%s", line)
	}

	// On a terminal too narrow for both, the title keeps the row.
	stories.Reset()
	writeStoryTable(&stories, []store.StoryCount{{Head: head, Sources: 3, Latest: head.Published}}, now, 44)
	if line := strings.TrimRight(stories.String(), "\n"); strings.Contains(line, "[") || !strings.Contains(line, "Thanksgiving") || termtext.Width(line) > 44 {
		t.Errorf("at 44 columns the row should be the title alone, cut to fit:\n%s", line)
	}
}
