package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"brief/internal/timefmt"
)

// `brief tickers` draws the same 14 days as the reader's tickers view:
// a mention on the 15th day back is outside the sparkline, not on its
// first day.
func TestTickersSparklineKeepsFourteenDays(t *testing.T) {
	e := newEnv(t)
	now := time.Now()
	day := func(back int) time.Time { return timefmt.DayStart(now).AddDate(0, 0, -back).Add(12 * time.Hour) }
	items := rssItem("old", "Advanced Micro Devices (AMD) shares rose", "<p>Advanced Micro Devices (AMD) shares rose 4%.</p>", day(14)) +
		rssItem("first", "Intel (INTC) shares fell", "<p>Intel (INTC) shares fell 3%.</p>", day(13))
	feed := filepath.Join(e.dir, "chips.xml")
	if err := os.WriteFile(feed, []byte(fmt.Sprintf(rssTmpl, "Chips", items)), 0o644); err != nil {
		t.Fatal(err)
	}
	e.writeConfig(fmt.Sprintf("[[feed]]\nurl = %q\n", "file://"+feed))
	e.mustRun("--offline", "fetch")

	var recs []tickerRecord
	if err := json.Unmarshal([]byte(e.mustRun("tickers", "--json")), &recs); err != nil {
		t.Fatal(err)
	}
	daily := map[string][]int{}
	for _, r := range recs {
		daily[r.Symbol] = r.Daily
	}
	if d, ok := daily["AMD"]; !ok || d[0] != 0 {
		t.Errorf("AMD, named 14 days ago, has daily %v (listed: %v); its day is not on the sparkline", d, ok)
	}
	if d := daily["INTC"]; len(d) == 0 || d[0] == 0 {
		t.Errorf("INTC, named 13 days ago, has daily %v; want it on the first day", d)
	}
	for _, line := range strings.Split(e.mustRun("tickers"), "\n") {
		if strings.HasPrefix(line, "AMD ") && !strings.Contains(line, strings.Repeat("▁", 14)) {
			t.Errorf("AMD's sparkline shows a mention:\n%s", line)
		}
	}
}
