package extract

import (
	"brief/internal/sanitize"
	"brief/symbol"
)

// Extractor makes briefings. It holds only read-only data (the ticker
// directory and its indexes), so one Extractor serves any number of
// goroutines.
type Extractor struct {
	dir *tickIndex
}

// New returns an Extractor that finds tickers with dir; nil means the
// built-in directory (symbol.DefaultDirectory).
func New(dir *symbol.Directory) *Extractor {
	return &Extractor{dir: newTickIndex(dir)}
}

// Brief makes the briefing of an article.
//
// The summary is the article's own summary section when it has one (a list
// or paragraphs under "Summary", "<Brand> Summary", "TL;DR", "At a
// glance", "Highlights", "What you need to know"...), otherwise 2-4
// sentences picked from the body by a lead-biased TextRank
// (SummaryGenerated). The takeaways are the article's own section ("Key
// takeaways", "Key points", "Bottom line", "What to watch"...), otherwise
// up to three forward-looking sentences (TakeawaysGenerated), otherwise
// none. When an article has several sections of one kind, a list beats
// paragraphs, then the longer list, then the stronger label ("Key
// takeaways" over "Key points" over "Bottom line" over "What to watch"),
// then the earlier one; sections are not merged, because two lists under
// different labels usually say the same thing at different depths.
//
// Everything in the briefing is plain text on one line, safe for a
// terminal. Boilerplate (see Clean) is removed before anything is read,
// and tickers are found in the cleaned body too, so that links under
// "Latest Articles" do not count as mentions. Tickers are read with the
// scraped chips as they are ("AlibabaBABA--", a strong signal); the
// summary, takeaways and figures from the body as Process returns it, with
// the chips rewritten ("Alibaba (BABA)").
func (e *Extractor) Brief(in Input) Briefing {
	br, _ := e.brief(in, false)
	return br
}

func (e *Extractor) brief(in Input, wantBody bool) (Briefing, string) {
	pre := repairChips(Clean(in.Markdown))
	var br Briefing
	if e.dir != nil { // a zero Extractor has no directory to look in
		tin := in
		tin.Markdown = pre
		br.Tickers = e.dir.Tickers(tin)
	}
	body, blocks, secs, skip := layout(pre, br.Tickers)

	sumSec := pickSection(secs, secSummary)
	if sumSec != nil {
		br.Summary = nonNil(sumSec.items)
	}
	takeSec := pickSection(secs, secTakeaways)
	if takeSec != nil {
		br.Takeaways = nonNil(takeSec.items)
	}
	if !in.LeaveForCard {
		br = complete(br, in.Title, blocks, skip)
	}
	if br.Tickers == nil {
		br.Tickers = []Ticker{}
	}
	if !wantBody {
		return br, ""
	}
	return br, cutSections(body, blocks, sumSec, takeSec)
}

// layout reads a body, its chips repaired (pre), into blocks, with the
// chips of tickers written out, and finds its labelled sections. skip
// marks the blocks that are sections or their labels, or lines that read
// as labels: not prose, for generation or figures.
func layout(pre string, tickers []Ticker) (body string, blocks []mdBlock, secs []section, skip []bool) {
	body = unchip(pre, knownSymbols(tickers))
	blocks = parseBlocks(body)
	secs = findSections(blocks)
	skip = make([]bool, len(blocks))
	for _, s := range secs {
		for i := s.label; i < s.end && i < len(blocks); i++ {
			skip[i] = true
		}
	}
	for i, b := range blocks {
		if b.kind == mdPara && !skip[i] && len(b.text) <= 100 && isLabelLine(b.text) {
			skip[i] = true
		}
	}
	return body, blocks, secs, skip
}

// Complete works out what a briefing made with LeaveForCard left out
// (the parts that are nil), as Process would have: the summary and the
// takeaways the article has no section for, generated, and the key
// figures. markdown and title are what Process read (Input.Markdown,
// Input.Title); the briefing's tickers, and its summary and takeaways
// when the article had them, are read with and against the rest. A
// briefing with nothing left out comes back as it is.
func Complete(markdown, title string, b Briefing) Briefing {
	if b.Whole() {
		return b
	}
	_, blocks, _, skip := layout(repairChips(Clean(markdown)), b.Tickers)
	return complete(b, title, blocks, skip)
}

// Whole reports whether b has every part: nothing was left out with
// LeaveForCard, or Complete filled it in.
func (b Briefing) Whole() bool { return b.Summary != nil && b.Takeaways != nil && b.Figures != nil }

// complete fills in the parts of br that are nil: a summary and takeaways
// generated from the body's sentences (the takeaways apart from the
// summary), then the figures, read from summary, takeaways and body.
func complete(br Briefing, title string, blocks []mdBlock, skip []bool) Briefing {
	var sents []candidate
	if br.Summary == nil {
		sents = bodySentences(blocks, skip)
		for _, c := range generateSummary(rankPool(sents, title), title) {
			br.Summary = append(br.Summary, c.text)
		}
		br.SummaryGenerated = len(br.Summary) > 0
	}
	if br.Takeaways == nil {
		if sents == nil {
			sents = bodySentences(blocks, skip)
		}
		for _, c := range generateTakeaways(sents, br.Summary) {
			br.Takeaways = append(br.Takeaways, c.text)
		}
		br.TakeawaysGenerated = len(br.Takeaways) > 0
	}
	if br.Figures == nil {
		br.Figures = keyFigures(br.Summary, br.Takeaways, blocks, skip)
	}
	br.Summary, br.Takeaways, br.Figures = nonNil(br.Summary), nonNil(br.Takeaways), nonNil(br.Figures)
	return br
}

// lineText makes s one line of terminal-safe text.
func lineText(s string) string { return sanitize.Line(s) }

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
