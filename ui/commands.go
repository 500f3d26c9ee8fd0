package ui

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"brief/extract"
	"brief/ingest"
	"brief/internal/sanitize"
	"brief/render"
	"brief/store"
)

// Every store read, render and refresh runs in one of these commands and
// comes back as a message. Answers carry the sequence number of the request
// they answer; Update drops any that a newer request has overtaken.

type pageMsg struct {
	seq    uint64
	offset int
	total  int // -1 when not counted
	arts   []store.Article
	err    error
}

type articleMsg struct {
	seq      uint64
	art      store.Article
	brief    extract.Briefing // the article's briefing, whole (ingest.Briefing)
	hasBrief bool
	tickers  []store.Ticker
	// sources are the articles telling its story, head first (none when
	// it is alone); related the filing and news about its company.
	sources, related []store.Article
	err              error
}

type bodyMsg struct {
	key   bodyKey
	body  string
	links []render.Link
	err   error
}

// renderedBody is a body as the reader keeps it: the terminal text and
// the links it numbers.
type renderedBody struct {
	text  string
	links []render.Link
}

type feedsMsg struct {
	feeds []store.Feed
	// unread counts unread stories: a story several feeds carry is
	// unread once in the status line and once in each feed's count.
	unread int
	err    error
}

type tickersMsg struct {
	seq  uint64
	rows []tickerRow
	err  error
}

type searchTickMsg struct{ seq uint64 }

// unreadMsg answers a next/previous-unread search: the index of the found
// article in the current query, or -1.
type unreadMsg struct {
	seq   uint64
	index int
	id    int64
	err   error
}

type refreshStartedMsg struct {
	events <-chan tea.Msg
	what   string
}

type refreshProgressMsg struct {
	events      <-chan tea.Msg
	done, total int
}

type refreshDoneMsg struct {
	report ingest.Report
	err    error
}

// writeMsg reports a failed write (read, star); successes need no answer
// because the screen already shows the change.
type writeMsg struct{ err error }

// markedMsg reports "mark all read" over a list query.
type markedMsg struct {
	n   int
	err error
}

func markQueryRead(ctx context.Context, st *store.Store, q store.Query) tea.Cmd {
	return func() tea.Msg {
		n, err := st.MarkRead(ctx, q, true)
		return markedMsg{n: n, err: err}
	}
}

// markSearchRead marks every match of a search read, not only the page
// on screen.
func markSearchRead(ctx context.Context, st *store.Store, text string) tea.Cmd {
	return func() tea.Msg {
		arts, err := st.SearchPage(ctx, store.SearchQuery{Text: text})
		if err != nil {
			return markedMsg{err: err}
		}
		ids := make([]int64, 0, len(arts))
		for _, a := range arts {
			if !a.Read {
				ids = append(ids, a.ID)
			}
		}
		return markedMsg{n: len(ids), err: st.SetRead(ctx, true, ids...)}
	}
}

// previewTickMsg is the list cursor having rested previewDelay; see
// previewSelected.
type previewTickMsg struct{ seq uint64 }

// previewDelay is how long the list cursor rests before the reader pane
// follows it: about one key repeat, so holding j does not load every
// article on the way.
const previewDelay = 120 * time.Millisecond

// watchSavedMsg reports a watchlist save: where it went, or why not.
type watchSavedMsg struct {
	where string
	err   error
}

func saveWatchlist(save func([]string) (string, error), symbols []string) tea.Cmd {
	symbols = slices.Clone(symbols)
	return func() tea.Msg {
		where, err := save(symbols)
		return watchSavedMsg{where: where, err: err}
	}
}

type openedMsg struct {
	url string
	err error
}

type flashExpiredMsg struct{ seq uint64 }

type clockMsg time.Time

// listSource is what the article list pages through: a store query, or
// the matches of a full-text search.
type listSource struct {
	query  store.Query
	search bool
	text   string
	byDate bool
}

// page reads rows [offset, offset+limit) of the source.
func (src listSource) page(ctx context.Context, st *store.Store, offset, limit int) ([]store.Article, error) {
	if src.search {
		return st.SearchPage(ctx, store.SearchQuery{Text: src.text, ByDate: src.byDate, Offset: offset, Limit: limit})
	}
	q := src.query
	q.Offset, q.Limit = offset, limit
	return st.List(ctx, q)
}

func (src listSource) count(ctx context.Context, st *store.Store) (int, error) {
	if src.search {
		return st.SearchCount(ctx, src.text)
	}
	return st.Count(ctx, src.query)
}

// loadPage reads one page of the list, and the total when count is set.
func loadPage(ctx context.Context, st *store.Store, seq uint64, src listSource, offset, limit int, count bool) tea.Cmd {
	return func() tea.Msg {
		// The count runs beside the page, on a connection of its own.
		type counted struct {
			n   int
			err error
		}
		var counts chan counted
		if count {
			counts = make(chan counted, 1)
			go func() {
				n, err := src.count(ctx, st)
				counts <- counted{n, err}
			}()
		}
		arts, err := src.page(ctx, st, offset, limit)
		total := -1
		if count {
			c := <-counts
			total = c.n
			err = cmp.Or(err, c.err)
		}
		if err != nil {
			return pageMsg{seq: seq, err: err}
		}
		return pageMsg{seq: seq, offset: offset, total: total, arts: arts}
	}
}

// loadArticle loads an article to show. For a story told by several
// sources it shows the best copy (see bestCopy) unless exact asks for id
// itself, as when the user steps to one source.
func loadArticle(ctx context.Context, st *store.Store, seq uint64, id int64, exact bool) tea.Cmd {
	return func() tea.Msg {
		a, err := st.Article(ctx, id)
		if err != nil {
			return articleMsg{seq: seq, err: err}
		}
		var sources []store.Article
		if a.Sources > 1 {
			if sources, err = st.StoryCopies(ctx, id); err != nil {
				return articleMsg{seq: seq, err: err}
			}
			if best := bestCopy(sources); !exact && best != a.ID {
				if a, err = st.Article(ctx, best); err != nil {
					return articleMsg{seq: seq, err: err}
				}
			}
		}
		related, err := st.Related(ctx, a.ID, 5)
		if err != nil {
			return articleMsg{seq: seq, err: err}
		}
		ts, err := st.ArticleTickers(ctx, a.ID)
		// What the fetch left to the card is worked out here, off the UI
		// goroutine.
		b, hasBrief := ingest.Briefing(a)
		return articleMsg{seq: seq, art: a, brief: b, hasBrief: hasBrief, tickers: ts, sources: sources, related: related, err: err}
	}
}

// bestCopy picks the copy of a story to show: one whose own summary block
// the briefing kept (not a generated one) first, then the longest clean
// body, then the head.
func bestCopy(copies []store.Article) int64 {
	best, bestOwn, bestLen := int64(0), false, -1
	for _, c := range copies {
		var b struct {
			Summary   []string `json:"summary"`
			Generated bool     `json:"summary_generated"`
		}
		own := json.Unmarshal(c.Briefing, &b) == nil && len(b.Summary) > 0 && !b.Generated
		if best == 0 || own && !bestOwn || own == bestOwn && c.BodyLen > bestLen {
			best, bestOwn, bestLen = c.ID, own, c.BodyLen
		}
	}
	return best
}

// renderBody runs glamour off the UI goroutine. The renderer is shared and
// safe for concurrent use; it keeps one glamour instance per width and
// style.
func renderBody(r *render.Renderer, key bodyKey, md string) tea.Cmd {
	return func() tea.Msg {
		if strings.TrimSpace(md) == "" {
			return bodyMsg{key: key, body: "(This article has no body.)"}
		}
		// Links show as "text [n]"; u lists them by number.
		md, links := render.NumberLinks(md)
		width := key.width
		if key.tight {
			// glamour's margin is two columns: lay out two wider and
			// drop the first column, for a margin of one on each side.
			width += 2
		}
		out, err := r.Render(md, width, key.style)
		if err == nil && key.tight {
			out = dropFirstColumn(out)
		}
		return bodyMsg{key: key, body: strings.TrimRight(out, "\n "), links: links, err: err}
	}
}

// renderRawBody renders the original body: the stored HTML converted to
// markdown without cleaning, in the background like any body. A body
// stored without HTML has nothing more original than its markdown.
func renderRawBody(r *render.Renderer, key bodyKey, html, link, md string) tea.Cmd {
	return func() tea.Msg {
		if strings.TrimSpace(html) != "" {
			md = ingest.Raw(html, link)
		}
		return renderBody(r, key, md)()
	}
}

// dropFirstColumn removes the first cell of every line, keeping styles.
func dropFirstColumn(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = ansi.TruncateLeft(l, 1, "")
		}
	}
	return strings.Join(lines, "\n")
}

func loadFeeds(ctx context.Context, st *store.Store) tea.Cmd {
	return func() tea.Msg {
		fs, err := st.Feeds(ctx)
		if err != nil {
			return feedsMsg{err: err}
		}
		n, err := st.Count(ctx, store.Query{Unread: true})
		return feedsMsg{feeds: fs, unread: n, err: err}
	}
}

func loadTickers(ctx context.Context, st *store.Store, seq uint64, now time.Time, watch []string) tea.Cmd {
	return func() tea.Msg {
		rows, err := tickerStats(ctx, st, now, watch)
		return tickersMsg{seq: seq, rows: rows, err: err}
	}
}

// searchDelay is the debounce of the search box: a query runs once typing
// pauses this long.
const searchDelay = 150 * time.Millisecond

func searchAfter(seq uint64) tea.Cmd {
	return tea.Tick(searchDelay, func(time.Time) tea.Msg { return searchTickMsg{seq} })
}

// findUnread walks the query page by page from index from in direction dir
// (+1 or -1) for the first unread article.
func findUnread(ctx context.Context, st *store.Store, seq uint64, src listSource, from, dir int) tea.Cmd {
	return func() tea.Msg {
		const chunk = 500
		if dir > 0 {
			for off := from; ; off += chunk {
				arts, err := src.page(ctx, st, off, chunk)
				if err != nil {
					return unreadMsg{seq: seq, index: -1, err: err}
				}
				for i, a := range arts {
					if !a.Read {
						return unreadMsg{seq: seq, index: off + i, id: a.ID}
					}
				}
				if len(arts) < chunk {
					return unreadMsg{seq: seq, index: -1}
				}
			}
		}
		for end := from + 1; end > 0; end -= chunk {
			off := max(end-chunk, 0)
			arts, err := src.page(ctx, st, off, end-off)
			if err != nil {
				return unreadMsg{seq: seq, index: -1, err: err}
			}
			for i := len(arts) - 1; i >= 0; i-- {
				if !arts[i].Read {
					return unreadMsg{seq: seq, index: off + i, id: arts[i].ID}
				}
			}
		}
		return unreadMsg{seq: seq, index: -1}
	}
}

func setRead(ctx context.Context, st *store.Store, read bool, ids ...int64) tea.Cmd {
	return func() tea.Msg { return writeMsg{err: st.SetRead(ctx, read, ids...)} }
}

func setStarred(ctx context.Context, st *store.Store, id int64, starred bool) tea.Cmd {
	return func() tea.Msg { return writeMsg{err: st.SetStarred(ctx, id, starred)} }
}

// RefreshFunc runs the ingest chain; progress is called as feeds finish.
type RefreshFunc func(ctx context.Context, progress func(done, total int)) (ingest.Report, error)

// startRefresh runs fn in the background. Its progress and its end come
// back through a channel that waitRefresh reads one message at a time, so
// the refresh never blocks the UI and never touches the model.
func startRefresh(ctx context.Context, fn RefreshFunc, what string) tea.Cmd {
	return func() tea.Msg {
		events := make(chan tea.Msg, 16)
		go func() {
			defer close(events)
			progress := func(done, total int) {
				select {
				case events <- refreshProgressMsg{events: events, done: done, total: total}:
				default: // the UI is behind; the next report will do
				}
			}
			rep, err := fn(ctx, progress)
			events <- refreshDoneMsg{report: rep, err: err}
		}()
		return refreshStartedMsg{events: events, what: what}
	}
}

func waitRefresh(events <-chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		msg, ok := <-events
		if !ok {
			return nil
		}
		return msg
	}
}

func flashAfter(seq uint64, d time.Duration) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return flashExpiredMsg{seq} })
}

func clockTick() tea.Cmd {
	return tea.Every(time.Minute, func(t time.Time) tea.Msg { return clockMsg(t) })
}

// linkURL returns the link if it is one a browser may be asked to open:
// http or https with a host, and nothing a terminal or a program's
// argument parsing could take for something else. Anything else
// (javascript:, file:, data:, a "|command", a scheme that launches another
// program, control or bidi characters) is refused with a message saying
// why.
func linkURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if strings.ContainsFunc(raw, unicode.IsControl) || !sanitize.Clean(raw) {
		return "", fmt.Errorf("not opening a link with control or invisible characters: %q", raw)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("not a web link: %q", raw)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	case "":
		return "", fmt.Errorf("not a web link: %q", raw)
	default:
		return "", fmt.Errorf("only http and https links are opened, not %s:", u.Scheme)
	}
	if u.Hostname() == "" {
		return "", fmt.Errorf("not a web link (no host): %q", raw)
	}
	// Only what follows the scheme can vary: the result starts with
	// "http", so no program can read it as an option.
	return u.String(), nil
}

// shells are programs that would run the link as a script ($BROWSER="sh
// -c" makes "https://x/?$(id)" a command): a $BROWSER naming one is
// refused rather than handed a URL from a feed.
var shells = map[string]bool{
	"sh": true, "bash": true, "dash": true, "zsh": true, "ksh": true, "mksh": true, "fish": true,
	"csh": true, "tcsh": true, "cmd": true, "powershell": true, "pwsh": true,
}

// browserCommand is the program and arguments that open link: $BROWSER
// when set, else the platform's opener. $BROWSER is a list of commands
// (separated as $PATH is: ":", or ";" on Windows) of which the first is
// used. It is split into words on spaces and never given to a shell; a
// word holding %s gets the link in its place, else the link is the last
// argument. The link is always inside one argument of its own. A $BROWSER
// that is a shell is refused.
func browserCommand(browserEnv, goos, link string) ([]string, error) {
	sep := ":"
	if goos == "windows" {
		sep = ";"
	}
	if first, _, _ := strings.Cut(browserEnv, sep); strings.TrimSpace(first) != "" {
		args := strings.Fields(first)
		prog := strings.ToLower(filepath.Base(strings.ReplaceAll(args[0], `\`, "/")))
		if shells[strings.TrimSuffix(prog, ".exe")] {
			return nil, fmt.Errorf("$BROWSER runs %s, a shell; set it to a browser program", args[0])
		}
		replaced := false
		for i, a := range args[1:] {
			if strings.Contains(a, "%s") {
				args[i+1], replaced = strings.ReplaceAll(a, "%s", link), true
			}
		}
		if !replaced {
			args = append(args, link)
		}
		return args, nil
	}
	switch goos {
	case "darwin":
		return []string{"open", link}, nil
	case "windows":
		return []string{"rundll32", "url.dll,FileProtocolHandler", link}, nil
	default:
		return []string{"xdg-open", link}, nil
	}
}

// openInBrowser starts the browser and does not wait for it: a browser
// that stays open must not hold up the reader. The child is reaped in the
// background.
func openInBrowser(browserEnv, link string) error {
	// This is the one place brief starts a program; it checks the link
	// itself rather than trust every caller to have.
	link, err := linkURL(link)
	if err != nil {
		return err
	}
	args, err := browserCommand(browserEnv, runtime.GOOS, link)
	if err != nil {
		return err
	}
	cmd := exec.Command(args[0], args[1:]...)
	if err := cmd.Start(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return fmt.Errorf("no browser found (%s); set $BROWSER", args[0])
		}
		return fmt.Errorf("start browser: %w", err)
	}
	go cmd.Wait() //nolint:errcheck // nothing to do with a browser's exit status
	return nil
}

// firstFrameMsg comes once the first page has had time to reach the screen.
type firstFrameMsg struct{}

// firstFrameDelay is a few of Bubble Tea's frames (it draws at most 60 a
// second).
const firstFrameDelay = 50 * time.Millisecond

func (m *model) afterFirstFrame() tea.Cmd {
	if m.noTimers {
		return func() tea.Msg { return firstFrameMsg{} }
	}
	return tea.Tick(firstFrameDelay, func(time.Time) tea.Msg { return firstFrameMsg{} })
}
