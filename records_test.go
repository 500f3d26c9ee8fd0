package main

import (
	"time"

	"brief/extract"
)

// The JSON records the commands print, as a script reads them.

type articleRecord struct {
	ID        int64     `json:"id"`
	Title     string    `json:"title"`
	Link      string    `json:"link"`
	Feed      string    `json:"feed"`
	FeedURL   string    `json:"feed_url"`
	Author    string    `json:"author,omitempty"`
	Published time.Time `json:"published"`
	Fetched   time.Time `json:"fetched"`
	Read      bool      `json:"read"`
	Starred   bool      `json:"starred"`
	Tickers   []string  `json:"tickers"`
	Story     int64     `json:"story"`
	Sources   int       `json:"sources"`
}

type showRecord struct {
	articleRecord
	Updated            *time.Time       `json:"updated,omitempty"`
	Summary            []string         `json:"summary"`
	SummaryGenerated   bool             `json:"summary_generated"`
	Takeaways          []string         `json:"takeaways"`
	TakeawaysGenerated bool             `json:"takeaways_generated"`
	Tickers            []extract.Ticker `json:"tickers"`
	Figures            []extract.Figure `json:"figures"`
	Markdown           string           `json:"markdown"`
	Copies             []articleRecord  `json:"copies"`
	Related            []articleRecord  `json:"related"`
}

type tickerRecord struct {
	Symbol   string    `json:"symbol"`
	Name     string    `json:"name"`
	Mentions int       `json:"mentions"`
	Articles int       `json:"articles"`
	LastSeen time.Time `json:"last_seen"`
	Daily    []int     `json:"daily"`
	Latest   string    `json:"latest_title"`
}
