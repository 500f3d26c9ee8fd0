package ui

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/viewport"

	"brief/extract"
	"brief/internal/sanitize"
	"brief/render"
	"brief/store"
)

// bodyKey identifies one rendering of an article body: glamour output
// depends on the width and the style, and nothing else.
type bodyKey struct {
	id    int64
	width int
	style render.Style
}

// chip is one ticker of the open article, as the reader shows it.
type chip struct {
	Symbol, Name string
	Mentions     int
}

// reader is the article pane: the briefing card, then the body.
type reader struct {
	art      *store.Article
	brief    extract.Briefing
	hasBrief bool
	chips    []chip
	chip     int // selected chip, -1 for none

	body    string // rendered body for bodyKey, "" while rendering
	bodyFor bodyKey
	bodyErr error

	vp            viewport.Model
	width, height int
	content       string // what vp holds, to skip SetContent when unchanged
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

func (r *reader) SetSize(w, h int) {
	r.width, r.height = w, h
	r.vp.SetWidth(w)
	r.vp.SetHeight(h)
}

// bodyWidth is the width the body is rendered at: the pane, less a column
// so that glamour's right edge never touches the next pane.
func (r *reader) bodyWidth() int { return max(r.width-1, 10) }

// open shows a new article; the body follows when rendered.
func (r *reader) open(a store.Article, tickers []store.Ticker) {
	r.art = &a
	r.brief, r.hasBrief = extract.Briefing{}, false
	if len(a.Briefing) > 0 && json.Unmarshal(a.Briefing, &r.brief) == nil {
		r.hasBrief = true
	}
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

// rebuild lays out the card and body and hands them to the viewport when
// they changed. It runs in Update, never in View.
func (r *reader) rebuild(st *styles, now time.Time, watch map[string]bool) {
	var s string
	if r.art == nil {
		s = st.muted.Render("Select an article and press enter to read it.")
	} else {
		s = r.card(st, now, watch)
		switch {
		case r.bodyErr != nil:
			s += "\n" + st.statusBad.Render("Could not render the article: "+sanitize.Line(r.bodyErr.Error()))
		case r.body == "":
			s += "\n" + st.muted.Render("Rendering…")
		default:
			s += "\n" + r.body
		}
	}
	if s != r.content {
		r.content = s
		r.vp.SetContent(s)
	}
}

// card is the briefing card: headline, source line, summary, takeaways,
// ticker chips with mention counts and key figures.
func (r *reader) card(st *styles, now time.Time, watch map[string]bool) string {
	a := r.art
	w := r.bodyWidth()
	var lines []string
	add := func(ls ...string) { lines = append(lines, ls...) }

	for _, l := range wrapHanging(sanitize.Line(a.Title), "", w) {
		add(st.title.Render(l))
	}
	meta := []string{sanitize.Line(a.FeedTitle)}
	if au := sanitize.Line(a.Author); au != "" {
		meta = append(meta, au)
	}
	meta = append(meta, a.Published.In(now.Location()).Format("Mon Jan 2 2006 15:04"), age(a.Published, now))
	flags := ""
	if a.Starred {
		flags += " ★"
	}
	for _, l := range wrapHanging(strings.Join(meta, " · ")+flags, "", w) {
		add(st.muted.Render(l))
	}
	if a.Link != "" {
		add(st.faint.Render(cut(sanitize.Line(a.Link), w)))
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
			for _, l := range wrapHanging(sanitize.Line(it), bullet(i), w) {
				add(l)
			}
		}
		add("")
	}
	dot := func(int) string { return "• " }
	if !r.hasBrief {
		add(st.muted.Render("No briefing for this article yet."), "")
	}
	section("Summary", r.brief.SummaryGenerated, r.brief.Summary, dot)
	section("Key takeaways", r.brief.TakeawaysGenerated, r.brief.Takeaways, func(i int) string { return fmt.Sprintf("%d. ", i+1) })

	if len(r.chips) > 0 {
		heading := st.heading.Render("Tickers")
		if r.focused {
			heading += " " + st.faint.Render("(←/→ select, enter opens)")
		}
		add(heading)
		add(r.chipLines(st, w, watch)...)
		add("")
	}
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
	add(rule)
	return strings.Join(lines, "\n")
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

func (r *reader) view() []string {
	return padLines(strings.Split(r.vp.View(), "\n"), r.width, r.height)
}
