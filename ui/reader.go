package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/viewport"

	"brief/extract"
	"brief/internal/sanitize"
	"brief/internal/termtext"
	"brief/render"
	"brief/store"
)

// bodyKey identifies one rendering of an article body: glamour output
// depends on the width and the style, and nothing else.
type bodyKey struct {
	id    int64
	width int
	style render.Style
	// tight: the body is laid out for a one-column margin instead of
	// glamour's two, see reader.tight.
	tight bool
	// raw: the original body (the HTML as markdown, uncleaned), not the
	// clean one brief stores.
	raw bool
}

// chip is one ticker of the open article, as the reader shows it.
type chip struct {
	Symbol, Name string
	Mentions     int
}

// reader shows one article: the briefing card, then the body. It is the
// preview pane of the browse view and, full screen, the article view.
type reader struct {
	art *store.Article
	// sources are the copies of its story, head first (none when it is
	// alone); related the filings or news about its company that day.
	sources, related []store.Article
	sourceKey        string // the key that steps through them, for the hint
	brief            extract.Briefing
	hasBrief         bool
	chips            []chip
	chip             int           // selected chip, -1 for none
	links            []render.Link // the body's links, numbered as it shows them

	body    string // rendered body for bodyKey, "" while rendering
	bodyFor bodyKey
	bodyErr error
	// raw shows the original body instead of the clean one; rawNote is
	// the line above it that says so (it names the key, which the user
	// may have changed).
	raw     bool
	rawNote string

	vp viewport.Model
	// width and height are the pane's; col is the text column inside it,
	// left the blank columns before it (the article view centres a
	// column of at most maxWidth cells on a wide terminal).
	width, height int
	col, left     int
	full          bool

	content string // what vp holds, to skip SetContent when unchanged
	// lines is the last view, for the offset and size it was drawn at.
	lines       []string
	linesAt     [4]int
	contentSeen string
	plain       string // content before highlighting
	hlFor       string // the find terms plain was highlighted for
	// find is the text searched for in the article (/), matches the
	// content lines holding it, and match the one last jumped to.
	find    string
	matches []int
	match   int
	// focused: the keys are the reader's, so the card offers its own keys
	// (chips); a preview beside the list, where ←/→ do nothing, does not.
	focused bool
}

func newReader() reader {
	vp := viewport.New()
	// The reader's keys come from keyMap; the viewport's own map would
	// answer to keys the app uses for other things (h/l, f, b, d, u).
	vp.KeyMap = viewport.KeyMap{}
	vp.MouseWheelEnabled = false
	return reader{vp: vp, chip: -1}
}

// SetSize gives the reader a pane w×h. full is the article view, where
// the text column is at most maxWidth cells and centred.
func (r *reader) SetSize(w, h int, full bool, maxWidth int) {
	r.width, r.height, r.full = w, h, full
	r.col, r.left = w, 0
	if full && maxWidth > 0 && w > maxWidth {
		r.col = maxWidth
		r.left = (w - maxWidth) / 2
	}
	r.vp.SetWidth(r.col)
	r.vp.SetHeight(h)
}

// bodyWidth is the width the body is rendered at: the text column, less a
// column beside the list so that glamour's right edge never touches the
// next pane.
func (r *reader) bodyWidth() int {
	if r.full {
		return max(r.col, 10)
	}
	return max(r.col-1, 10)
}

// tight is the article view on a terminal narrower than its column cap:
// there every column counts, so the text keeps a one-column margin on
// each side rather than glamour's two (78 columns of text at 80).
func (r *reader) tight() bool {
	return r.full && r.col < 100 && r.bodyWidth() >= render.NarrowWidth
}

// margin is the body's left margin at the body width; the card uses the
// same, so that card and body start in one column.
func (r *reader) margin() int {
	switch {
	case r.bodyWidth() < render.NarrowWidth:
		return 0
	case r.tight():
		return 1
	}
	return 2
}

// open shows a new article with its briefing (hasBrief false: none was
// stored); the body follows when rendered.
func (r *reader) open(a store.Article, b extract.Briefing, hasBrief bool, tickers []store.Ticker) {
	r.art = &a
	r.brief, r.hasBrief = b, hasBrief
	r.chips = r.chips[:0]
	names := map[string]string{}
	for _, t := range r.brief.Tickers {
		names[t.Symbol] = t.Name
	}
	for _, t := range tickers {
		name := t.Name
		if name == "" {
			name = names[t.Symbol]
		}
		r.chips = append(r.chips, chip{Symbol: sanitize.Line(t.Symbol), Name: sanitize.Line(name), Mentions: t.Mentions})
	}
	if len(tickers) == 0 {
		for _, t := range r.brief.Tickers {
			r.chips = append(r.chips, chip{Symbol: sanitize.Line(t.Symbol), Name: sanitize.Line(t.Name), Mentions: t.Mentions})
		}
	}
	r.links = nil
	r.chip = -1
	r.body, r.bodyErr, r.bodyFor = "", nil, bodyKey{}
	r.matches, r.match = nil, -1
	r.raw = false // each article opens clean
	r.vp.GotoTop()
}

// clear empties the pane: the list it follows has nothing to show.
func (r *reader) clear() {
	r.art = nil
	r.chips, r.links = nil, nil
	r.chip = -1
	r.body, r.bodyErr, r.bodyFor = "", nil, bodyKey{}
	r.vp.GotoTop()
}

func (r *reader) id() int64 {
	if r.art == nil {
		return 0
	}
	return r.art.ID
}

// selectedChip is the ticker under the chip cursor.
func (r *reader) selectedChip() (string, bool) {
	if r.chip < 0 || r.chip >= len(r.chips) {
		return "", false
	}
	return r.chips[r.chip].Symbol, true
}

func (r *reader) moveChip(d int) bool {
	if len(r.chips) == 0 {
		return false
	}
	switch {
	case r.chip < 0 && d > 0:
		r.chip = 0
	case r.chip < 0:
		r.chip = len(r.chips) - 1
	default:
		r.chip = (r.chip + d + len(r.chips)) % len(r.chips)
	}
	return true
}

// rebuild lays out the card and body, marks what find matches, and hands
// the result to the viewport when it changed. It runs in Update, never
// in View. empty is what an empty pane says.
func (r *reader) rebuild(st *styles, now time.Time, watch map[string]bool, empty string) {
	var s string
	if r.art == nil {
		s = st.muted.Render(empty)
	} else {
		s = r.card(st, now, watch)
		switch {
		case r.bodyErr != nil:
			s += "\n" + st.statusBad.Render("Could not render the article: "+sanitize.Line(r.bodyErr.Error()))
		case r.body == "":
			s += "\n" + st.muted.Render("Rendering…")
		default:
			if r.raw {
				s += "\n" + strings.Repeat(" ", r.margin()) + st.muted.Render(cut(r.rawNote, max(r.bodyWidth()-2*r.margin(), 1))) + "\n"
			}
			s += "\n" + r.body
		}
	}
	if s == r.plain && r.hlFor == r.find {
		return
	}
	r.plain, r.hlFor = s, r.find
	r.matches = nil
	if terms := searchTerms(r.find); len(terms) > 0 {
		s, r.matches = render.Highlight(s, terms, st.match)
	}
	if r.match >= len(r.matches) {
		r.match = -1
	}
	if s != r.content {
		r.content = s
		r.vp.SetContent(s)
	}
}

// setFind searches the article for text; the matches show at once and
// the view moves to the first one at or below the top line.
func (r *reader) setFind(st *styles, now time.Time, watch map[string]bool, text, empty string) int {
	r.find = strings.TrimSpace(text)
	r.match = -1
	r.rebuild(st, now, watch, empty)
	if len(r.matches) == 0 {
		return 0
	}
	r.nextMatch(1, true)
	return len(r.matches)
}

// nextMatch moves to the next (d>0) or previous match, wrapping around.
// from the top line when fromTop, else from the match last shown.
func (r *reader) nextMatch(d int, fromTop bool) bool {
	n := len(r.matches)
	if n == 0 {
		return false
	}
	at := r.vp.YOffset()
	switch {
	case fromTop || r.match < 0:
		r.match = 0
		for i, line := range r.matches {
			if line >= at {
				r.match = i
				break
			}
		}
	default:
		r.match = (r.match + d + n) % n
	}
	// The match two lines below the top, so its context shows.
	r.vp.SetYOffset(max(r.matches[r.match]-2, 0))
	return true
}

// card is the briefing card: headline, source line, summary, takeaways,
// ticker chips with mention counts and key figures.
func (r *reader) card(st *styles, now time.Time, watch map[string]bool) string {
	a := r.art
	pad := strings.Repeat(" ", r.margin())
	w := r.bodyWidth() - 2*r.margin()
	var lines []string
	add := func(ls ...string) {
		for _, l := range ls {
			if l != "" {
				l = pad + l
			}
			lines = append(lines, l)
		}
	}

	for _, l := range wrapHanging(sanitize.Line(a.Title), "", w) {
		add(st.title.Render(l))
	}
	for _, l := range wrapHanging(cardMeta(a, now), "", w) {
		add(st.muted.Render(l))
	}
	if a.Link != "" {
		add(st.faint.Render(cut(sanitize.Line(a.Link), w)))
	}
	for _, l := range r.sourceLines(w) {
		add(st.muted.Render(l))
	}
	rule := st.border.Render(strings.Repeat("─", w))
	add(rule)

	section := func(name string, generated bool, items []string, bullet func(i int) string) {
		if len(items) == 0 {
			return
		}
		h := st.heading.Render(name)
		if generated {
			h += " " + st.generated.Render("(generated)")
		}
		add(h)
		for i, it := range items {
			add(wrapHanging(sanitize.Line(it), bullet(i), w)...)
		}
		add("")
	}
	dot := func(int) string { return "• " }
	if !r.hasBrief {
		add(st.muted.Render("No briefing for this article yet."), "")
	}
	section("Summary", r.brief.SummaryGenerated, r.brief.Summary, dot)
	section("Key takeaways", r.brief.TakeawaysGenerated, r.brief.Takeaways, func(i int) string { return fmt.Sprintf("%d. ", i+1) })

	add(r.tickerSection(st, w, watch)...)
	if len(r.brief.Figures) > 0 {
		add(st.heading.Render("Key figures"))
		fw := 0
		for _, f := range r.brief.Figures {
			fw = max(fw, lineWidth(sanitize.Line(f.Text)))
		}
		fw = min(fw, w/3)
		for _, f := range r.brief.Figures {
			text := fit(sanitize.Line(f.Text), fw)
			ctx := sanitize.Line(f.Context)
			prefix := "  " + text + "  "
			for i, l := range wrapHanging(ctx, prefix, w) {
				if i == 0 && strings.HasPrefix(l, prefix) {
					l = "  " + st.accent.Render(text) + "  " + l[len(prefix):]
				}
				add(l)
			}
		}
		add("")
	}
	if len(r.links) > 0 && r.focused {
		add(st.faint.Render(cut(fmt.Sprintf("%s in the text; u lists them", plural(len(r.links), "link [n]", "links [n]")), w)))
	}
	add(rule)
	return strings.Join(lines, "\n")
}

// cardMeta is the line under the headline: feed, author, date and age,
// and a star.
func cardMeta(a *store.Article, now time.Time) string {
	meta := []string{sanitize.Line(a.FeedTitle)}
	if au := sanitize.Line(a.Author); au != "" {
		meta = append(meta, au)
	}
	meta = append(meta, a.Published.In(now.Location()).Format("Mon Jan 2 2006 15:04"), termtext.Age(a.Published, now))
	flags := ""
	if a.Starred {
		flags += " ★"
	}
	return strings.Join(meta, " · ") + flags
}

// tickerSection is the card's ticker chips under their heading, which
// says how to use them while the reader has the focus; nothing when the
// article names no ticker.
func (r *reader) tickerSection(st *styles, w int, watch map[string]bool) []string {
	if len(r.chips) == 0 {
		return nil
	}
	heading := st.heading.Render("Tickers")
	if r.focused {
		heading += " " + st.faint.Render("(←/→ select, enter lists its articles)")
	}
	lines := []string{heading}
	lines = append(lines, r.chipLines(st, w, watch)...)
	return append(lines, "")
}

// chipLines flows the ticker chips over as many lines as they need.
func (r *reader) chipLines(st *styles, w int, watch map[string]bool) []string {
	var lines []string
	var cur strings.Builder
	curW := 0
	for i, c := range r.chips {
		text := c.Symbol
		if c.Mentions > 0 {
			text += fmt.Sprintf(" ×%d", c.Mentions)
		}
		var s string
		switch {
		case i == r.chip:
			s = st.chipSelected.Render(">" + text + "<")
		case watch[c.Symbol]:
			s = st.chipWatch.Render("[" + text + "]")
		default:
			s = st.chip.Render("[" + text + "]")
		}
		sw := lineWidth(text) + 2
		if curW > 0 && curW+1+sw > w {
			lines = append(lines, cur.String())
			cur.Reset()
			curW = 0
		}
		if curW > 0 {
			cur.WriteByte(' ')
			curW++
		}
		cur.WriteString(s)
		curW += sw
	}
	if curW > 0 {
		lines = append(lines, cur.String())
	}
	if sym, ok := r.selectedChip(); ok {
		for _, c := range r.chips {
			if c.Symbol == sym && c.Name != "" {
				lines = append(lines, st.muted.Render(cut(c.Symbol+": "+c.Name, w)))
				break
			}
		}
	}
	return lines
}

// scrollPercent is how far down the article the view is, for the status
// line.
func (r *reader) scrollPercent() int {
	if r.vp.TotalLineCount() <= r.vp.Height() {
		return 100
	}
	return int(r.vp.ScrollPercent()*100 + 0.5)
}

func (r *reader) view() []string {
	at := [4]int{r.vp.YOffset(), r.width, r.height, len(r.content)}
	if r.lines != nil && at == r.linesAt && r.contentSeen == r.content {
		return r.lines
	}
	lines := padLines(strings.Split(r.vp.View(), "\n"), r.col, r.height)
	if r.left > 0 || r.col < r.width {
		lpad := strings.Repeat(" ", r.left)
		rpad := strings.Repeat(" ", max(r.width-r.col-r.left, 0))
		for i := range lines {
			lines[i] = lpad + lines[i] + rpad
		}
	}
	r.lines, r.linesAt, r.contentSeen = lines, at, r.content
	return lines
}

// sourceLines name the story's sources, the one shown marked, and the
// related articles, with the key that steps through them.
func (r *reader) sourceLines(w int) []string {
	var lines []string
	if len(r.sources) > 1 {
		names := make([]string, 0, len(r.sources))
		for _, s := range r.sources {
			n := sanitize.Line(s.FeedTitle)
			if s.ID == r.id() {
				n = "▸" + n
			}
			names = append(names, n)
		}
		lines = append(lines, wrapHanging(fmt.Sprintf("%d sources: %s", len(r.sources), strings.Join(names, " · ")), "", w)...)
	}
	for _, a := range r.related {
		lines = append(lines, cut("Related: "+sanitize.Line(a.Title)+" · "+sanitize.Line(a.FeedTitle), w))
	}
	if len(lines) > 0 && r.sourceKey != "" {
		lines[len(lines)-1] += "  (" + r.sourceKey + " next)"
	}
	return lines
}
