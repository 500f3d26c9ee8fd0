package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"brief/extract"
	"brief/ingest"
	"brief/internal/sanitize"
	"brief/internal/termtext"
	"brief/render"
	"brief/store"
)

// showRecord is `brief show --json`: the list record plus the body.
type showRecord struct {
	articleRecord
	Updated            *time.Time       `json:"updated,omitempty"`
	Summary            []string         `json:"summary"`
	SummaryGenerated   bool             `json:"summary_generated"`
	Takeaways          []string         `json:"takeaways"`
	TakeawaysGenerated bool             `json:"takeaways_generated"`
	Tickers            []extract.Ticker `json:"tickers"` // objects here; list records carry symbols
	Figures            []extract.Figure `json:"figures"`
	Markdown           string           `json:"markdown"`
	// Copies are the other articles telling the same story; Related the
	// filings about its company that day (or, for a filing, the news).
	Copies  []articleRecord `json:"copies"`
	Related []articleRecord `json:"related"`
}

// showFlags are the flags of `brief show`.
type showFlags struct {
	asJSON, asMarkdown, keepUnread, raw bool
	width                               int
}

func newShowCmd(a *app) *cobra.Command {
	var f showFlags
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Print one article",
		Long: "Print one article: its header and briefing card, then its body rendered for the terminal.\n" +
			"The body is the article without page furniture, ticker chips written as \"Alibaba (BABA)\",\n" +
			"and without the summary and takeaways the card shows; --raw prints the original body instead.\n" +
			"Showing an article marks it read unless --keep-unread is given.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runShow(cmd.Context(), a, f, args[0])
		},
	}
	cmd.Flags().BoolVar(&f.asJSON, "json", false, "print a JSON object with the article and its markdown body")
	cmd.Flags().BoolVar(&f.asMarkdown, "markdown", false, "print the body as markdown")
	cmd.Flags().BoolVar(&f.keepUnread, "keep-unread", false, "do not mark the article read")
	cmd.Flags().BoolVar(&f.raw, "raw", false, "print the original body, as the feed sent it (converted to markdown, not cleaned)")
	cmd.Flags().IntVarP(&f.width, "width", "w", 0, "wrap the body at this many columns (default: terminal width, at most 120)")
	return cmd
}

// articleID reads the ID `brief show` takes, after checking that the
// flags go together.
func (f showFlags) articleID(arg string) (int64, error) {
	if f.asJSON && f.asMarkdown {
		return 0, usagef("--json and --markdown cannot be used together")
	}
	if f.asJSON && f.raw {
		return 0, usagef("--json and --raw cannot be used together (the JSON has the clean body)")
	}
	id, err := strconv.ParseInt(strings.TrimSpace(arg), 10, 64)
	if err != nil || id <= 0 {
		return 0, usagef("%q is not an article ID (see `brief list`)", arg)
	}
	return id, nil
}

func runShow(ctx context.Context, a *app, f showFlags, arg string) error {
	id, err := f.articleID(arg)
	if err != nil {
		return err
	}
	open := a.house.Store
	if f.keepUnread {
		open = a.readStore
	}
	st, err := open(ctx)
	if err != nil {
		return err
	}
	art, err := st.Article(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return usagef("no article with ID %d", id)
	}
	if err != nil {
		return err
	}
	if !f.keepUnread && !art.Read {
		if err := st.SetRead(ctx, true, id); err != nil {
			return err
		}
		art.Read = true
	}
	copies, related, err := storyContext(ctx, st, art)
	if err != nil {
		return err
	}
	if f.asJSON {
		return writeJSON(a.stdout, showRecordOf(art, copies, related))
	}
	body := art.Markdown
	if f.raw {
		body = rawBody(art)
	}
	if f.asMarkdown {
		fmt.Fprintf(a.stdout, "# %s\n\n%s\n", sanitize.Line(art.Title), sanitize.Text(body))
		return nil
	}
	writeArticle(a, art, body, copies, related, f.width)
	return nil
}

func showRecordOf(art store.Article, copies, related []store.Article) showRecord {
	b, _ := ingest.Briefing(art)
	rec := showRecord{
		articleRecord:      recordOf(art),
		Summary:            nonNil(b.Summary),
		SummaryGenerated:   b.SummaryGenerated,
		Takeaways:          nonNil(b.Takeaways),
		TakeawaysGenerated: b.TakeawaysGenerated,
		Tickers:            b.Tickers,
		Figures:            b.Figures,
		Markdown:           art.Markdown,
		Copies:             listRecords(copies),
		Related:            listRecords(related),
	}
	if rec.Tickers == nil {
		rec.Tickers = []extract.Ticker{}
	}
	if rec.Figures == nil {
		rec.Figures = []extract.Figure{}
	}
	if !art.Updated.IsZero() {
		u := art.Updated.UTC()
		rec.Updated = &u
	}
	return rec
}

// writeArticle prints the header, the story's other sources, the
// briefing card and the body rendered for the terminal, width columns
// wide (0: the terminal's, at most 120).
func writeArticle(a *app, art store.Article, body string, copies, related []store.Article, width int) {
	w := width
	if w <= 0 {
		w = termWidth(a.stdout)
	}
	if w <= 0 {
		w = 80
	}
	w = min(w, 120)
	style := outputStyle(a.stdout)
	b, hasBriefing := ingest.Briefing(art)
	fmt.Fprint(a.stdout, articleHeader(art, a.now(), !hasBriefing))
	fmt.Fprint(a.stdout, storyLines(copies, related))
	if hasBriefing {
		writeBriefingCard(a.stdout, b)
	}
	out, err := render.NewRenderer().Render(body, w, style)
	if err != nil {
		// Unrenderable markdown is still readable as it is.
		out = sanitize.Text(body) + "\n"
	}
	fmt.Fprint(a.stdout, out)
}

// rawBody is the article's original body: its stored HTML as markdown,
// before page furniture, chips and the card's sections were taken out. A
// body stored without HTML has nothing more original than its markdown.
func rawBody(art store.Article) string {
	if strings.TrimSpace(art.HTML) == "" {
		return art.Markdown
	}
	return ingest.Raw(art.HTML, art.Link)
}

// articleHeader is the title block; it lists the tickers only when no
// briefing card follows to show them with their counts.
func articleHeader(a store.Article, now time.Time, withTickers bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", sanitize.Line(a.Title))
	meta := []string{sanitize.Line(a.FeedTitle)}
	if a.Author != "" {
		meta = append(meta, sanitize.Line(a.Author))
	}
	meta = append(meta, a.Published.In(now.Location()).Format("Mon Jan 2 2006 15:04")+" ("+termtext.Age(a.Published, now)+")")
	fmt.Fprintf(&b, "%s\n", strings.Join(meta, " · "))
	if a.Link != "" {
		fmt.Fprintf(&b, "%s\n", sanitize.Line(a.Link))
	}
	if withTickers && len(a.Tickers) > 0 {
		fmt.Fprintf(&b, "Tickers: %s\n", strings.Join(a.Tickers, " "))
	}
	b.WriteString("\n")
	return b.String()
}

// outputStyle picks glamour's style for stdout: plain text for pipes and
// NO_COLOR, colours otherwise.
func outputStyle(w any) render.Style {
	if _, ok := os.LookupEnv("NO_COLOR"); ok {
		return render.StyleASCII
	}
	if !isTerminal(w) {
		return render.StyleNoTTY
	}
	return render.StyleDark
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// storyContext returns the other copies of art's story and the articles
// related to it (a filing and the news about its company).
func storyContext(ctx context.Context, st *store.Store, art store.Article) (copies, related []store.Article, err error) {
	if art.Sources > 1 {
		all, err := st.StoryCopies(ctx, art.ID)
		if err != nil {
			return nil, nil, err
		}
		for _, c := range all {
			if c.ID != art.ID {
				copies = append(copies, c)
			}
		}
	}
	related, err = st.Related(ctx, art.ID, 5)
	return copies, related, err
}

// storyLines names the other sources of a story and the related articles
// under the header, each with the ID that `brief show` takes.
func storyLines(copies, related []store.Article) string {
	var b strings.Builder
	if len(copies) > 0 {
		var names []string
		for _, c := range copies {
			names = append(names, fmt.Sprintf("%s (%d)", sanitize.Line(c.FeedTitle), c.ID))
		}
		fmt.Fprintf(&b, "Also from: %s\n", strings.Join(names, ", "))
	}
	for _, r := range related {
		fmt.Fprintf(&b, "Related: %s · %s (%d)\n", sanitize.Line(r.Title), sanitize.Line(r.FeedTitle), r.ID)
	}
	if b.Len() > 0 {
		b.WriteString("\n")
	}
	return b.String()
}
