// Package extract turns an article into a briefing a trader can read in ten
// seconds: its summary, its key takeaways, the tickers it names and its key
// figures. It reads the markdown body that htmlmd made from the feed's HTML.
package extract

// Version is stored with every briefing; `brief reindex` re-extracts
// articles whose briefing was made by an older version.
const Version = 2

// Input is what the extractor reads of an article.
type Input struct {
	Title    string
	Markdown string
	// FeedTickers are the symbols the feed itself tagged the article with
	// (sa:symbol, nasdaq:tickers, symbol-like categories): the strongest signal.
	FeedTickers []string
	Categories  []string
	// LeaveForCard leaves what only the briefing card shows, and costs
	// most to work out, for Complete: a summary or takeaways the article
	// has no section for (generated from its sentences) and the key
	// figures stay nil. The clean body does not depend on them. A fetch of
	// ten thousand articles need not spend on them.
	LeaveForCard bool
}

// Briefing is the extract of one article.
//
// A briefing made with LeaveForCard has nil for what it left out (see
// Whole and Complete); one kept as JSON, null.
type Briefing struct {
	Summary            []string `json:"summary"`
	SummaryGenerated   bool     `json:"summary_generated"`
	Takeaways          []string `json:"takeaways"`
	TakeawaysGenerated bool     `json:"takeaways_generated"`
	Tickers            []Ticker `json:"tickers"`
	Figures            []Figure `json:"figures"`
}

// Signal says how a ticker was found, strongest first.
type Signal string

const (
	SignalFeed      Signal = "feed"      // tagged by the feed (sa:symbol, nasdaq:tickers, categories)
	SignalExchange  Signal = "exchange"  // NYSE: BABA, (NASDAQ:NVDA), HKEX:9988
	SignalSuffix    Signal = "suffix"    // 9988.HK, SHOP.TO, VOD.L
	SignalParen     Signal = "paren"     // Alibaba Group (BABA)
	SignalCashtag   Signal = "cashtag"   // $AAPL, $BRK.B
	SignalChip      Signal = "chip"      // AlibabaBABA-- as scraped from ticker chips
	SignalAlias     Signal = "alias"     // a company name the directory knows
	SignalDirectory Signal = "directory" // a bare all-caps symbol the directory knows, in a supporting context
)

// Ticker is one security an article names.
type Ticker struct {
	Symbol   string `json:"symbol"`             // normalised: BRK.B, 9988.HK, BTC-USD
	Exchange string `json:"exchange,omitempty"` // NASDAQ, NYSE, HKEX, TSX, LSE, ... when known
	Name     string `json:"name,omitempty"`     // company name when known
	Kind     string `json:"kind"`               // "equity", "etf", "crypto", "index"
	Mentions int    `json:"mentions"`
	Signal   Signal `json:"signal"` // the strongest signal that found it
	Primary  bool   `json:"primary"`
}

// Figure is a number that matters, with the words that say what it measures.
type Figure struct {
	Text    string `json:"text"`    // as written: "19%", "$4.67 billion", "HK$1.2 trillion", "25 bps", "18x"
	Kind    string `json:"kind"`    // "percent", "money", "bps", "multiple"
	Context string `json:"context"` // "19% stock surge"
}
