package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// On a busy day a company's news runs to hundreds of articles; its filing
// of the day is related to its news however many articles stand between
// them in time, and news that only mentions the company (not its primary
// one) or a filing of another company is not.
func TestRelatedFindsTheFilingPastABusyDay(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	feeds := storyFeeds(t, s, 3)

	news := art("lead", "Acme names a new chief executive", 1, "ACME")
	var crowd []NewArticle
	for i := range 250 {
		a := art(fmt.Sprintf("crowd%03d", i), fmt.Sprintf("Acme item %d on a busy day", i), 1, "ACME")
		a.Published = news.Published.Add(-time.Duration(i+1) * time.Minute)
		crowd = append(crowd, a)
	}
	filing := art("8k", "8-K - ACME CORP (0000000001) (Filer)", 1, "ACME")
	filing.Link = "https://www.SEC.gov/Archives/edgar/data/1/000000000126000001-index.htm"
	filing.Published = news.Published.Add(-20 * time.Hour)
	otherFiling := art("other8k", "8-K - BETA INC (0000000002) (Filer)", 1, "BETA")
	otherFiling.Link = "https://www.sec.gov/Archives/edgar/data/2/000000000226000001-index.htm"
	otherFiling.Published = news.Published.Add(-2 * time.Hour)
	mirror := art("mirror", "8-K - ACME CORP, mirrored", 1, "ACME")
	mirror.Link = "https://filings.example/Archives/EDGAR/data/1/000000000126000002-index.htm"
	mirror.Published = news.Published.Add(-21 * time.Hour)
	notAFiling := art("blog", "Why we read Acme's 8-K", 1, "ACME")
	notAFiling.Link = "https://blog.example/sec.gov-filings-explained/acme" // names sec.gov in its path only
	notAFiling.Published = news.Published.Add(-3 * time.Hour)

	mustSave(t, s, feeds[0].ID, append(crowd, news, notAFiling)...)
	mustSave(t, s, feeds[1].ID, filing, otherFiling)
	mustSave(t, s, feeds[2].ID, mirror)
	ids := byGUID(t, s, Query{})

	rel, err := s.Related(ctx, ids["lead"].ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range rel {
		got = append(got, a.GUIDKey)
	}
	if fmt.Sprint(got) != "[8k mirror]" {
		t.Errorf("Related(news) = %v, want [8k mirror]: the filings of its company, nearest first", got)
	}
	// And the other way round, the filing's news is found as before.
	rel, err = s.Related(ctx, ids["8k"].ID, 3)
	if err != nil || len(rel) != 3 {
		t.Fatalf("Related(filing) = %d articles, %v; want 3", len(rel), err)
	}
	for _, a := range rel {
		if a.GUIDKey == "mirror" || a.GUIDKey == "other8k" {
			t.Errorf("Related(filing) lists the filing %s", a.GUIDKey)
		}
	}
}

// The filings index is made with the condition Related queries it by.
func TestFilingIndexConditionIsFilingLinkSQL(t *testing.T) {
	if !strings.Contains(schemaV6, "WHERE "+filingLinkSQL+";") {
		t.Errorf("schemaV6 makes articles_filings with another condition than filingLinkSQL %s:\n%s", filingLinkSQL, schemaV6)
	}
}
