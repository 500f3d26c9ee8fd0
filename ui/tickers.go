package ui

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"brief/internal/sanitize"
	"brief/internal/termtext"
)

// tickerRow is one line of the tickers view.
type tickerRow struct {
	Symbol, Name string
	Mentions     int // over the whole window
	Articles     int
	Today, Week  int // mentions today and over the last 7 days
	LastSeen     time.Time
	Daily        [tickerDays]int // mentions per day, oldest first, last = today
	LatestTitle  string
	LatestID     int64
	Watch        bool
}

// tickerSort is how the tickers view orders rows below the watchlist.
type tickerSort int

const (
	sortMentions tickerSort = iota
	sortRecency
	sortSymbol
)

func (s tickerSort) String() string {
	switch s {
	case sortRecency:
		return "recency"
	case sortSymbol:
		return "symbol"
	}
	return "mentions"
}

// tickerView is the tickers screen: one row per symbol, watchlist first.
type tickerView struct {
	rows          []tickerRow
	loaded        bool
	err           error
	sort          tickerSort
	sc            scroller
	width, height int
}

func (v *tickerView) SetSize(w, h int) {
	v.width, v.height = w, h
	v.sc.setHeight(v.rowsVisible())
}

// setRows takes freshly loaded stats and keeps the cursor on the same
// symbol.
func (v *tickerView) setRows(rows []tickerRow, watch []string) {
	keep := ""
	if r, ok := v.selected(); ok {
		keep = r.Symbol
	}
	v.rows, v.loaded, v.err = rows, true, nil
	v.order(watch)
	if keep != "" {
		v.selectSymbol(keep)
	}
}

func (v *tickerView) selectSymbol(sym string) {
	for i, r := range v.rows {
		if r.Symbol == sym {
			v.sc.set(i)
			return
		}
	}
}

// order puts watchlist tickers first (adding rows for watched symbols with
// no mentions, since a watchlist is there to be seen), then sorts both
// groups by the chosen key.
func (v *tickerView) order(watch []string) {
	inWatch := map[string]bool{}
	for _, s := range watch {
		inWatch[s] = true
	}
	seen := map[string]bool{}
	rows := v.rows[:0:0]
	for _, r := range v.rows {
		if seen[r.Symbol] {
			continue
		}
		seen[r.Symbol] = true
		r.Watch = inWatch[r.Symbol]
		if r.Watch || r.Articles > 0 {
			rows = append(rows, r)
		}
	}
	for _, s := range watch {
		if !seen[s] {
			rows = append(rows, tickerRow{Symbol: s, Watch: true})
			seen[s] = true
		}
	}
	by := func(a, b tickerRow) int {
		if a.Watch != b.Watch {
			if a.Watch {
				return -1
			}
			return 1
		}
		switch v.sort {
		case sortRecency:
			if c := b.LastSeen.Compare(a.LastSeen); c != 0 {
				return c
			}
		case sortMentions:
			if c := cmp.Compare(b.Today, a.Today); c != 0 {
				return c
			}
			if c := cmp.Compare(b.Week, a.Week); c != 0 {
				return c
			}
			if c := cmp.Compare(b.Mentions, a.Mentions); c != 0 {
				return c
			}
		}
		return strings.Compare(a.Symbol, b.Symbol)
	}
	slices.SortStableFunc(rows, by)
	v.rows = rows
	v.sc.setN(len(rows))
}

func (v *tickerView) cycleSort(watch []string) {
	keep, _ := v.selected()
	v.sort = (v.sort + 1) % 3
	v.order(watch)
	v.selectSymbol(keep.Symbol)
}

func (v *tickerView) selected() (tickerRow, bool) {
	if v.sc.cursor < 0 || v.sc.cursor >= len(v.rows) {
		return tickerRow{}, false
	}
	return v.rows[v.sc.cursor], true
}

func (v *tickerView) move(d int) {
	v.sc.setN(len(v.rows))
	v.sc.move(d)
}

func (v *tickerView) rowsVisible() int { return max(v.height-2, 1) }

// view draws the table: symbol, name, today, 7d, 14-day sparkline and the
// latest headline.
func (v *tickerView) view(st *styles, focused bool) []string {
	w := v.width
	const symW, numW, sparkW = 9, 6, 14
	nameW := 0
	if w >= 70 {
		nameW = min(24, w/6)
	}
	fixed := 2 + symW + 1 + numW + 1 + numW + 2 + sparkW + 2
	headW := max(w-fixed-nameW, 0)

	title := fmt.Sprintf("Tickers · sorted by %s · watchlist first", v.sort)
	pos := ""
	if len(v.rows) > 0 {
		pos = fmt.Sprintf("%d/%d", v.sc.cursor+1, len(v.rows))
	}
	out := []string{paneHeader(st, title, pos, w, focused)}
	hdr := "  " + fit("SYMBOL", symW) + " " + fit("NAME", nameW) + leftPad("TODAY", numW) + " " + leftPad("7D", numW) + "  " + fit("14 DAYS", sparkW) + "  " + "LATEST"
	if nameW == 0 {
		hdr = "  " + fit("SYMBOL", symW) + " " + leftPad("TODAY", numW) + " " + leftPad("7D", numW) + "  " + fit("14 DAYS", sparkW) + "  " + "LATEST"
	}
	out = append(out, st.muted.Render(fit(hdr, w)))
	switch {
	case v.err != nil:
		out = append(out, st.statusBad.Render(cut("Could not load tickers: "+sanitize.Line(v.err.Error()), w)))
	case !v.loaded:
		out = append(out, st.muted.Render("Loading…"))
	case len(v.rows) == 0:
		out = append(out, st.muted.Render("No tickers named yet."))
	}
	from, to := v.sc.window()
	for i := from; i < to; i++ {
		r := v.rows[i]
		cur := "  "
		if i == v.sc.cursor {
			cur = "▸ "
		}
		sym := r.Symbol
		if r.Watch {
			sym = "*" + sym
		}
		var b strings.Builder
		b.WriteString(cur)
		if r.Watch {
			b.WriteString(st.chipWatch.Render(fit(sym, symW)))
		} else {
			b.WriteString(st.title.Render(fit(sym, symW)))
		}
		b.WriteString(" ")
		if nameW > 0 {
			b.WriteString(st.muted.Render(fit(r.Name, nameW)))
		}
		b.WriteString(leftPad(fmt.Sprint(r.Today), numW))
		b.WriteString(" ")
		b.WriteString(leftPad(fmt.Sprint(r.Week), numW))
		b.WriteString("  ")
		b.WriteString(st.spark.Render(termtext.Sparkline(r.Daily[:])))
		b.WriteString("  ")
		b.WriteString(cut(r.LatestTitle, headW))
		line := fit(b.String(), w)
		if i == v.sc.cursor {
			if focused {
				line = st.selected.Render(fit(plainTickerLine(cur, sym, r, nameW, symW, numW, headW), w))
			}
		}
		out = append(out, line)
	}
	return padLines(out, w, v.height)
}

// plainTickerLine is a row without inner styles, for the selection bar.
func plainTickerLine(cur, sym string, r tickerRow, nameW, symW, numW, headW int) string {
	s := cur + fit(sym, symW) + " "
	if nameW > 0 {
		s += fit(r.Name, nameW)
	}
	return s + leftPad(fmt.Sprint(r.Today), numW) + " " + leftPad(fmt.Sprint(r.Week), numW) + "  " +
		termtext.Sparkline(r.Daily[:]) + "  " + cut(r.LatestTitle, headW)
}

// tickersKey handles the keys of the tickers view.
func (m *model) tickersKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &m.keys
	v := &m.tickers
	vis := v.rowsVisible()
	switch {
	case key.Matches(msg, k.Up):
		v.move(-1)
	case key.Matches(msg, k.Down):
		v.move(1)
	case key.Matches(msg, k.Top):
		v.move(-len(v.rows))
	case key.Matches(msg, k.Bottom):
		v.move(len(v.rows))
	case key.Matches(msg, k.PageDown):
		v.move(vis)
	case key.Matches(msg, k.PageUp):
		v.move(-vis)
	case key.Matches(msg, k.HalfDown):
		v.move(vis / 2)
	case key.Matches(msg, k.HalfUp):
		v.move(-vis / 2)
	case key.Matches(msg, k.Sort):
		v.cycleSort(m.watch)
		return m.setFlash("Tickers sorted by "+v.sort.String(), false)
	case key.Matches(msg, k.Watch):
		if r, ok := v.selected(); ok {
			return m.toggleWatch(r.Symbol)
		}
	case key.Matches(msg, k.Open):
		if r, ok := v.selected(); ok {
			return m.showTicker(r.Symbol)
		}
	case key.Matches(msg, k.Back, k.Quit, k.Tickers):
		m.view = viewBrowse
		m.relayout()
	}
	return nil
}
