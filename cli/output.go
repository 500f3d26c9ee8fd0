package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"

	"brief/internal/sanitize"
	"brief/internal/termtext"
	"brief/store"
)

// articleRecord is the stable JSON shape of an article in `list`, `search`
// and `show` output. Fields are only ever added.
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
	// Story is the ID of the article heading the story this one tells
	// (its own ID when it heads it); Sources how many articles tell it.
	Story   int64 `json:"story"`
	Sources int   `json:"sources"`
}

func recordOf(a store.Article) articleRecord {
	t := a.Tickers
	if t == nil {
		t = []string{}
	}
	return articleRecord{
		ID:        a.ID,
		Title:     a.Title,
		Link:      a.Link,
		Feed:      a.FeedTitle,
		FeedURL:   a.FeedURL,
		Author:    a.Author,
		Published: a.Published.UTC(),
		Fetched:   a.Fetched.UTC(),
		Read:      a.Read,
		Starred:   a.Starred,
		Tickers:   t,
		Story:     a.Story,
		Sources:   max(a.Sources, 1),
	}
}

func listRecords(arts []store.Article) []articleRecord {
	out := make([]articleRecord, 0, len(arts))
	for _, a := range arts {
		out = append(out, recordOf(a))
	}
	return out
}

// termWidth is the width to fit lines to, or 0 (no truncation) when w is not
// a terminal, so that pipes get whole titles.
func termWidth(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(f.Fd()) {
		return 0
	}
	width, _, err := term.GetSize(f.Fd())
	if err != nil || width <= 0 {
		return 80
	}
	return width
}

// writeArticleTable prints one aligned line per article:
//
//	ID  flags  age  feed  title  tickers
//
// flags are N (unread) and * (starred). Columns are measured in terminal
// cells, so CJK titles line up too.
func writeArticleTable(w io.Writer, arts []store.Article, now time.Time, width int) {
	idW, feedW := 2, 4
	for _, a := range arts {
		idW = max(idW, len(fmt.Sprint(a.ID)))
		feedW = max(feedW, termtext.Width(sanitize.Line(a.FeedTitle)))
	}
	feedW = min(feedW, 22)
	var b strings.Builder
	for _, a := range arts {
		b.Reset()
		flags := []byte("  ")
		if !a.Read {
			flags[0] = 'N'
		}
		if a.Starred {
			flags[1] = '*'
		}
		fmt.Fprintf(&b, "%*d %s %6s  %s  ", idW, a.ID, flags, termtext.Age(a.Published, now), termtext.Fit(sanitize.Line(a.FeedTitle), feedW))
		title := sanitize.Line(a.Title)
		if a.Sources > 1 {
			title += fmt.Sprintf(" (%d sources)", a.Sources)
		}
		writeTitleTickers(&b, title, a.Tickers, width)
		fmt.Fprintln(w, b.String())
	}
}

// rowTickers is how many tickers a row of a table names.
const rowTickers = 4

// writeTitleTickers ends the row in b with title and the first rowTickers
// tickers, within width cells (0: no limit). The title is cut to make room
// for the tickers, which are what a row is read for. When that would leave
// the title fewer than 20 cells, the row names fewer tickers (the first,
// the article's own, last of all), and none when even one does not fit.
func writeTitleTickers(b *strings.Builder, title string, tickers []string, width int) {
	n := min(len(tickers), rowTickers)
	tick := func(n int) string {
		if n == 0 {
			return ""
		}
		return "  [" + strings.Join(tickers[:n], " ") + "]"
	}
	if width > 0 {
		used := termtext.Width(b.String())
		for n > 0 && width-used-termtext.Width(tick(n)) < 20 {
			n--
		}
		title = termtext.Cut(title, max(width-used-termtext.Width(tick(n)), 10))
	}
	b.WriteString(title)
	b.WriteString(tick(n))
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}
