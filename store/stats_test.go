package store

import (
	"context"
	"testing"
	"time"
)

func TestTickerStatsDaily(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://example.com/feed", "")
	// art(..., hoursAgo) publishes relative to base.
	mustSave(t, s, f.ID,
		art("a", "BABA today", 1, "BABA"),
		art("b", "BABA and NVDA three days ago", 72, "BABA", "NVDA"),
		art("c", "NVDA twenty days ago", 24*20, "NVDA"),
	)
	stats, err := s.TickerStats(ctx, time.Time{}, base)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]TickerStat{}
	for _, st := range stats {
		got[st.Symbol] = st
	}
	baba, nvda := got["BABA"], got["NVDA"]
	if baba.Articles != 2 || nvda.Articles != 2 {
		t.Fatalf("articles: BABA %d, NVDA %d; want 2 and 2 (%+v)", baba.Articles, nvda.Articles, stats)
	}
	if baba.Daily[StatDays-1] == 0 || baba.Today == 0 {
		t.Errorf("BABA today's mentions missing: %+v", baba)
	}
	if nvda.Today != 0 || nvda.Week == 0 || nvda.Week != nvda.Daily[StatDays-4] {
		t.Errorf("NVDA counts: %+v", nvda)
	}
	if baba.LatestTitle != "BABA today" {
		t.Errorf("BABA latest headline = %q", baba.LatestTitle)
	}
	// A window leaves out older articles from the totals.
	recent, err := s.TickerStats(ctx, base.Add(-7*24*time.Hour), base)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range recent {
		if st.Symbol == "NVDA" && st.Articles != 1 {
			t.Errorf("NVDA within 7 days: %d articles, want 1", st.Articles)
		}
	}
}

// The sparkline covers StatDays calendar days, today the last. A mention on
// the day before the first is outside it, not counted on the first day.
func TestTickerStatsDailyStopsAtItsFirstDay(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://example.com/feed", "")
	mustSave(t, s, f.ID,
		art("old", "AMD the day before the sparkline", 24*StatDays, "AMD"),
		art("first", "INTC on the sparkline's first day", 24*(StatDays-1), "INTC"),
	)
	for _, since := range []time.Time{{}, base.Add(-24 * StatDays * time.Hour)} {
		stats, err := s.TickerStats(ctx, since, base)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]TickerStat{}
		for _, st := range stats {
			got[st.Symbol] = st
		}
		if amd := got["AMD"]; amd.Articles != 1 || amd.Daily != [StatDays]int{} {
			t.Errorf("since %v: AMD, named only the day before the first, has daily %v (%d articles)", since, amd.Daily, amd.Articles)
		}
		if intc := got["INTC"]; intc.Daily[0] != 1 {
			t.Errorf("since %v: INTC daily %v, want its mention on the first day", since, intc.Daily)
		}
	}
}
