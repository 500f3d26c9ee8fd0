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
