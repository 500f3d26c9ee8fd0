package ui

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os/exec"
	"runtime"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"brief/ingest"
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
	seq     uint64
	art     store.Article
	tickers []store.Ticker
	err     error
}

type bodyMsg struct {
	key  bodyKey
	body string
	err  error
}

type feedsMsg struct {
	feeds []store.Feed
	err   error
}

type tickersMsg struct {
	seq  uint64
	rows []tickerRow
	err  error
}

type searchTickMsg struct{ seq uint64 }

type searchMsg struct {
	seq   uint64
	query string
	arts  []store.Article
	err   error
}

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

type openedMsg struct {
	url string
	err error
}

type flashExpiredMsg struct{ seq uint64 }

type clockMsg time.Time

// loadPage reads one page of the list, and the total when count is set.
func loadPage(ctx context.Context, st *store.Store, seq uint64, q store.Query, offset, limit int, count bool) tea.Cmd {
	return func() tea.Msg {
		q.Offset, q.Limit = offset, limit
		arts, err := st.List(ctx, q)
		if err != nil {
			return pageMsg{seq: seq, err: err}
		}
		total := -1
		if count {
			if total, err = st.Count(ctx, q); err != nil {
				return pageMsg{seq: seq, err: err}
			}
		}
		return pageMsg{seq: seq, offset: offset, total: total, arts: arts}
	}
}

func loadArticle(ctx context.Context, st *store.Store, seq uint64, id int64) tea.Cmd {
	return func() tea.Msg {
		a, err := st.Article(ctx, id)
		if err != nil {
			return articleMsg{seq: seq, err: err}
		}
		ts, err := st.ArticleTickers(ctx, id)
		return articleMsg{seq: seq, art: a, tickers: ts, err: err}
	}
}

// renderBody runs glamour off the UI goroutine. The renderer is shared and
// safe for concurrent use; it keeps one glamour instance per width and
// style.
func renderBody(r *render.Renderer, key bodyKey, md string) tea.Cmd {
	return func() tea.Msg {
		if strings.TrimSpace(md) == "" {
			return bodyMsg{key: key, body: "(This article has no body.)"}
		}
		out, err := r.Render(md, key.width, key.style)
		return bodyMsg{key: key, body: strings.TrimRight(out, "\n "), err: err}
	}
}

func loadFeeds(ctx context.Context, st *store.Store) tea.Cmd {
	return func() tea.Msg {
		fs, err := st.Feeds(ctx)
		return feedsMsg{feeds: fs, err: err}
	}
}

func loadTickers(ctx context.Context, st *store.Store, seq uint64, now time.Time, watch []string) tea.Cmd {
	return func() tea.Msg {
		rows, err := tickerStats(ctx, st, now, watch)
		return tickersMsg{seq: seq, rows: rows, err: err}
	}
}

// searchLimit bounds search results: a person reads the first screens of
// a ranked search, not the thousandth hit.
const searchLimit = 500

// searchDelay is the debounce of the search box: a query runs once typing
// pauses this long.
const searchDelay = 150 * time.Millisecond

func searchAfter(seq uint64) tea.Cmd {
	return tea.Tick(searchDelay, func(time.Time) tea.Msg { return searchTickMsg{seq} })
}

func runSearch(ctx context.Context, st *store.Store, seq uint64, q string) tea.Cmd {
	return func() tea.Msg {
		arts, err := st.Search(ctx, q, searchLimit)
		return searchMsg{seq: seq, query: q, arts: arts, err: err}
	}
}

// findUnread walks the query page by page from index from in direction dir
// (+1 or -1) for the first unread article.
func findUnread(ctx context.Context, st *store.Store, seq uint64, q store.Query, from, dir int) tea.Cmd {
	return func() tea.Msg {
		const chunk = 500
		if dir > 0 {
			for off := from; ; off += chunk {
				q.Offset, q.Limit = off, chunk
				arts, err := st.List(ctx, q)
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
			q.Offset, q.Limit = off, end-off
			arts, err := st.List(ctx, q)
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
// http or https with a host. Anything else (javascript:, file:, a scheme
// that launches another program) is refused.
func linkURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("not a web link: %q", raw)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return u.String(), nil
	}
	return "", fmt.Errorf("only http and https links are opened, not %q", u.Scheme)
}

// browserCommand is the program and arguments that open url: $BROWSER when
// set (its first entry, split on spaces, never through a shell), else the
// platform's opener. The URL is always one argument of its own.
func browserCommand(browserEnv, goos, link string) ([]string, error) {
	if first, _, _ := strings.Cut(browserEnv, ":"); strings.TrimSpace(first) != "" {
		args := strings.Fields(first)
		replaced := false
		for i, a := range args {
			if a == "%s" {
				args[i], replaced = link, true
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
