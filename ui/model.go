// Package ui is brief's reader: a Bubble Tea program that shows the
// articles in the store as briefings, lets a person move through articles
// and tickers with the keyboard, and refreshes feeds in the background.
//
// One top-level model owns the screen; the panes (sidebar, article list,
// reader, tickers view) are plain structs with SetSize and view methods.
// Update never does I/O: store reads, renders and refreshes run in
// commands whose answers carry sequence numbers, and stale answers are
// dropped.
package ui

import (
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/term"

	"brief/config"
	"brief/ingest"
	"brief/render"
	"brief/store"
	"brief/symbol"
)

// Options configure the reader.
type Options struct {
	Store  *store.Store
	Config *config.Config
	// Refresh runs the ingest chain over every subscription; nil when
	// offline. It is called from a command, never from Update.
	Refresh func(ctx context.Context, progress func(done, total int)) (ingest.Report, error)
	// RefreshFeed refreshes one feed (by URL) for the "r" key. When nil,
	// "r" refreshes everything.
	RefreshFeed func(ctx context.Context, url string, progress func(done, total int)) (ingest.Report, error)
	Offline     bool
	Theme       string // "auto" | "dark" | "light"; empty means the config's
	NoColor     bool
	Version     string
	// Now is the clock; nil means time.Now. Tests fix it so that ages
	// ("3h", "Nov 19") are stable.
	Now func() time.Time
	// Browser overrides $BROWSER; empty means the environment's.
	Browser string
	// SaveWatchlist keeps the watchlist after "w" changes it (brief saves
	// it in the config file) and says where it went. It is called from a
	// command, never from Update, and never twice at once. When nil,
	// changes last for the session.
	SaveWatchlist func(symbols []string) (where string, err error)
	// Notice is said on the status line at start, as a problem (the
	// database could only be opened read-only, say).
	Notice string
}

// Model is the reader's top-level tea.Model. It wraps a pointer so that
// Update can change the model in place while still satisfying tea.Model
// with value methods.
type Model struct{ *model }

type model struct {
	o      Options
	ctx    context.Context
	cancel context.CancelFunc
	now    func() time.Time

	keys   keyMap
	st     styles
	dark   bool
	help   help.Model
	render *render.Renderer
	bodies map[bodyKey]renderedBody
	// rendering holds the bodies being rendered, so that none is asked
	// for twice while its answer is on the way.
	rendering map[bodyKey]bool
	openURL   func(link string) error

	width, height int
	lay           layout
	view          view
	focus         pane // in the browse view: the list or the sidebar
	// showSidebar and showPreview are the user's choice (F, v); nil
	// follows the terminal's width.
	showSidebar, showPreview *bool
	mouse                    bool

	ov       overlay // nil when none is open
	ovScroll scroller

	side    sidebar
	list    articleList
	reader  reader
	tickers tickerView
	search  searchBox

	// findInput is the find-in-article line while finding is true.
	findInput *textinput.Model
	finding   bool

	// back holds the list queries to return to with esc, after jumping to
	// a ticker's or a feed's articles.
	back []store.Query

	// sideItems caches the sidebar's lines for sideRev (plus one, so
	// that the zero value is never current); anything that changes them
	// bumps sideRev.
	sideItems        []sidebarItem
	sideRev, sideFor uint64

	feeds       []store.Feed
	feedsLoaded bool
	labels      map[int64]string // feed names on screen, see feedLabels
	unread      int

	watch    []string
	watchSet map[string]bool
	watchPos int // last watchlist ticker shown by T
	// A watchlist save is in flight; another change waits for it (dirty),
	// and so does quitting.
	watchSaving, watchDirty, quitting bool
	watchFlash                        uint64 // the flash that announced the change being saved

	seq        uint64 // source of every sequence number
	pageSeq    uint64
	articleSeq uint64
	previewSeq uint64
	// previewWant is the article the preview has been asked to show, so
	// that it is asked once however many frames pass.
	previewWant int64
	tickerSeq   uint64
	unreadSeq   uint64

	// pendingOpen is an article to open once the page holding it arrives
	// (n/p found it beyond the loaded page).
	pendingOpen int64
	// firstPage, when set, is the first page's load, started before the
	// program: Init waits for it instead of starting another.
	firstPage tea.Cmd

	refreshing          bool
	progDone, progTotal int
	lastRefresh         time.Time
	progReload          time.Time // when a refresh in progress last reloaded the list
	// net is what the last refresh found of the network feeds.
	net      ingest.Report
	netKnown bool

	flash    string
	flashBad bool
	flashSeq uint64

	frame string // the screen, composed at the end of each Update

	// noTimers turns off the minute clock, message expiry and the preview
	// debounce, which only make a synchronous test driver wait.
	noTimers bool
}

// view is what fills the screen: the browse view (sidebar, list,
// preview), one article full screen, or the tickers table.
type view int

const (
	viewBrowse view = iota
	viewReader
	viewTickers
)

// New builds the reader's model; Run runs it. Tests drive it directly.
func New(o Options) Model {
	if o.Config == nil {
		o.Config = config.Defaults()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	ctx, cancel := context.WithCancel(context.Background())
	m := &model{
		o: o, ctx: ctx, cancel: cancel, now: o.Now,
		render:    render.NewRenderer(),
		bodies:    map[bodyKey]renderedBody{},
		rendering: map[bodyKey]bool{},
		help:      help.New(),
		list:      newArticleList(),
		reader:    newReader(),
		search:    newSearchBox(),
		focus:     paneList,
		watchPos:  -1,
		mouse:     o.Config.Reader.Mouse,
	}
	browser := o.Browser
	if browser == "" {
		browser = os.Getenv("BROWSER")
	}
	m.openURL = func(link string) error { return openInBrowser(browser, link) }
	keys, err := newKeyMap(o.Config.Keys)
	m.keys = keys
	if err != nil {
		m.setFlash(err.Error(), true)
	}
	if o.Notice != "" {
		m.setFlash(o.Notice, true)
	}
	m.setWatch(o.Config.Watchlist)
	// Until the terminal answers, assume the far more common dark
	// background; an explicit theme never asks.
	m.dark = m.theme() != config.ThemeLight
	m.applyStyles()
	m.labels = map[int64]string{}
	m.width, m.height = 80, 24
	m.relayout()
	m.frame = m.compose()
	return Model{m}
}

func (m *model) theme() string {
	if m.o.Theme != "" {
		return m.o.Theme
	}
	if m.o.Config.Theme != "" {
		return m.o.Config.Theme
	}
	return config.ThemeAuto
}

func (m *model) applyStyles() {
	m.st = newStyles(m.dark, m.o.NoColor)
	m.help.Styles = m.st.help
	m.list.invalidate()
	m.search.input.SetStyles(inputStyles(m.dark, m.o.NoColor))
}

func (m *model) setWatch(syms []string) {
	m.watch = nil
	m.watchSet = map[string]bool{}
	for _, s := range syms {
		s, err := symbol.Parse(s)
		if err == nil && !m.watchSet[s] {
			m.watch = append(m.watch, s)
			m.watchSet[s] = true
		}
	}
	m.list.invalidate()
}

func (m *model) nextSeq() uint64 {
	m.seq++
	return m.seq
}

// Init starts loading from the store and, when configured, a background
// refresh.
func (m Model) Init() tea.Cmd {
	// The feeds with their counts (a third of a second on 100,000
	// articles) and the ticker statistics (over a second) wait for the
	// first page, so that they do not hold up the first frame.
	first := m.firstPage
	if first == nil {
		first = m.reloadList(true)
	}
	cmds := []tea.Cmd{first}
	if !m.noTimers {
		cmds = append(cmds, clockTick())
	}
	if m.theme() == config.ThemeAuto && !m.o.NoColor {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	if m.o.Refresh != nil && m.o.Config.Fetch.RefreshOnStart {
		cmds = append(cmds, m.refreshAll())
	}
	return tea.Batch(cmds...)
}

// Update handles one message and recomposes the screen.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	if focused := m.view == viewReader; m.reader.focused != focused {
		// Whatever moved the focus, the card's key hints follow it.
		m.reader.focused = focused
		m.rebuildReader()
	}
	// Whatever moved the list cursor, the preview follows it; whatever
	// changed the reader's width or theme, the body follows that.
	if follow := m.followCursor(); follow != nil {
		cmd = tea.Batch(cmd, follow)
	}
	if m.reader.art != nil && m.reader.bodyFor != m.bodyKey() {
		if body := m.ensureBody(); body != nil {
			cmd = tea.Batch(cmd, body)
		}
	}
	m.frame = m.compose()
	return m, cmd
}

// View returns the screen composed by the last Update.
func (m Model) View() tea.View {
	v := tea.NewView(m.frame)
	v.AltScreen = true
	if m.mouse {
		v.MouseMode = tea.MouseModeCellMotion
	}
	v.WindowTitle = "brief"
	return v
}

// Prepared is a reader whose first read has started: Prepare it as soon as
// the store is open, finish setting up (the refreshes need the extractor,
// a few milliseconds), then Run it.
type Prepared struct{ m Model }

// Prepare builds the reader on o and starts reading the first page, one
// screenful of the terminal's real size, so that the read runs while the
// caller and Bubble Tea set up. Bubble Tea writes the screen on a ticker
// that starts with it; a page that is ready by its first tick is on screen
// a tick sooner.
func Prepare(o Options) *Prepared {
	m := New(o)
	if w, h, err := term.GetSize(os.Stdout.Fd()); err == nil && w > 0 && h > 0 {
		m.width, m.height = w, h
		m.relayout()
	}
	load, page := m.reloadList(true), make(chan tea.Msg, 1)
	go func() { page <- load() }()
	m.firstPage = func() tea.Msg { return <-page }
	return &Prepared{m: m}
}

// SetRefresh sets the refreshes of Options.Refresh and Options.RefreshFeed.
func (p *Prepared) SetRefresh(
	all func(ctx context.Context, progress func(done, total int)) (ingest.Report, error),
	one func(ctx context.Context, url string, progress func(done, total int)) (ingest.Report, error),
) {
	p.m.o.Refresh, p.m.o.RefreshFeed = all, one
}

// SetSaveWatchlist sets Options.SaveWatchlist.
func (p *Prepared) SetSaveWatchlist(save func(symbols []string) (where string, err error)) {
	p.m.o.SaveWatchlist = save
}

// Discard gives up a prepared reader that will not run: its read stops.
func (p *Prepared) Discard() { p.m.cancel() }

// maxFPS is the most frames a second Bubble Tea draws.
const maxFPS = 120

// Run runs the prepared reader until the user quits or ctx ends. Bubble
// Tea restores the terminal on exit and on a panic in the program.
func (p *Prepared) Run(ctx context.Context) error {
	m := p.m
	defer m.cancel()
	m.frame = m.compose() // with the refreshes set since Prepare
	stop := context.AfterFunc(ctx, m.cancel)
	defer stop()
	// lipgloss detected the terminal's colours as the program started, from
	// the same stdout and environment Bubble Tea would look at; inside tmux
	// each detection runs "tmux info", a few hundredths of a second before
	// the first frame.
	//
	// Bubble Tea writes the screen on a ticker, not when a message changes
	// it: at its default 60 frames a second a key's frame waits up to 17
	// ms to be written, and so does the first page. At its most, 120, the
	// wait halves; an idle reader used 0.29 s of CPU in 20 s against 0.28 s
	// at 60 (both at 200×50 on 100,000 articles; no message reaches the
	// model while it is idle).
	prog := tea.NewProgram(m, tea.WithContext(ctx), tea.WithColorProfile(lipgloss.Writer.Profile), tea.WithFPS(maxFPS))
	_, err := prog.Run()
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		return nil
	}
	return err
}

func (m *model) setFlash(s string, bad bool) tea.Cmd {
	m.flash, m.flashBad = s, bad
	m.flashSeq = m.nextSeq()
	if m.noTimers {
		return nil
	}
	d := 4 * time.Second
	if bad {
		d = 8 * time.Second
	}
	return flashAfter(m.flashSeq, d)
}

// preview and sidebar say whether the browse view shows those panes: the
// user's choice, else what the width allows.
func (m *model) preview() bool {
	if m.showPreview != nil {
		return *m.showPreview && m.width >= minSplit
	}
	return m.width >= previewWidth
}

func (m *model) sidebarOn() bool {
	if m.showSidebar != nil {
		return *m.showSidebar
	}
	return m.width >= sidebarWidth
}

func (m *model) relayout() {
	m.lay = computeLayout(m.width, m.height, m.search.active, m.sidebarOn(), m.preview(), m.focus)
	l := m.lay
	maxW := m.o.Config.Reader.MaxWidth
	switch m.view {
	case viewReader:
		m.reader.SetSize(m.width, l.paneH, true, maxW)
	default:
		m.reader.SetSize(max(l.readerW, 1), l.paneH, false, 0)
	}
	m.side.SetSize(l.sidebarW, l.paneH)
	m.list.SetSize(max(l.listW, 1), l.paneH)
	m.tickers.SetSize(m.width, l.paneH)
	m.search.SetWidth(m.width)
	m.help.SetWidth(m.width)
	if !slices.Contains(l.visible(), m.focus) {
		m.focus = paneList
	}
}

func (m *model) rebuildReader() {
	if m.keys.Source.Enabled() {
		m.reader.sourceKey = m.keys.Source.Help().Key
	} else {
		m.reader.sourceKey = ""
	}
	m.reader.rebuild(&m.st, m.now(), m.watchSet, m.readerEmpty())
}

// compose draws the whole screen from already computed parts.
func (m *model) compose() string {
	l := m.lay
	var rows []string
	if m.search.active && m.view == viewBrowse {
		rows = append(rows, m.search.view(&m.st, m.width))
	}
	var main []string
	switch m.view {
	case viewTickers:
		main = m.tickers.view(&m.st, m.ov == nil)
	case viewReader:
		main = m.reader.view()
	default:
		now := m.now()
		var blocks [][]string
		if l.sidebarW > 0 {
			blocks = append(blocks, m.side.view(&m.st, m.sidebarItems(), m.focus == paneSidebar))
		}
		if l.listW > 0 {
			h := listHeader{feedName: m.feedName}
			if m.list.search {
				h.sortKey = firstKey(m.keys.Sort) + " sorts"
			}
			blocks = append(blocks, m.list.view(&m.st, now, m.watchSet, m.focus == paneList, h, m.listEmpty()))
		}
		if l.readerW > 0 {
			blocks = append(blocks, m.reader.view())
		}
		sep := m.st.border.Render("│")
		main = strings.Split(joinColumns(sep, blocks...), "\n")
	}
	rows = append(rows, main...)
	rows = append(rows, m.statusView(), m.helpLine())
	frame := strings.Join(rows, "\n")
	if m.ov != nil {
		frame = layerOver(frame, m.overlayBox(m.width, m.height), m.width, m.height)
	}
	return frame
}

// firstKey is the first key of a binding, as typed.
func firstKey(b key.Binding) string {
	if ks := b.Keys(); len(ks) > 0 {
		return ks[0]
	}
	return ""
}
