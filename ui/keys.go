package ui

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
)

// keyMap holds every binding of the reader. The same bindings drive Update,
// the short help line and the full keymap behind "?", so the help can never
// disagree with what a key does.
type keyMap struct {
	Up, Down       key.Binding
	Top, Bottom    key.Binding
	PageDown       key.Binding
	PageUp         key.Binding
	HalfDown       key.Binding
	HalfUp         key.Binding
	Open           key.Binding
	Back           key.Binding
	NextPane       key.Binding
	PrevArticle    key.Binding
	NextArticle    key.Binding
	NextUnread     key.Binding
	PrevUnread     key.Binding
	FindNext       key.Binding
	FindPrev       key.Binding
	ChipLeft       key.Binding
	ChipRight      key.Binding
	Tickers        key.Binding
	Sort           key.Binding
	Search         key.Binding
	Filter         key.Binding
	Sidebar        key.Binding
	Preview        key.Binding
	ToggleRead     key.Binding
	MarkAllRead    key.Binding
	Star           key.Binding
	Save           key.Binding
	OpenLink       key.Binding
	OpenLinkRead   key.Binding
	Links          key.Binding
	CopyLink       key.Binding
	Raw            key.Binding
	Source         key.Binding
	Refresh        key.Binding
	RefreshAll     key.Binding
	Watch          key.Binding
	CycleWatchlist key.Binding
	Errors         key.Binding
	Mouse          key.Binding
	Help           key.Binding
	Quit           key.Binding
	QuitAll        key.Binding
	ForceQuit      key.Binding
}

// actions names each overridable binding the way config.toml's [keys]
// table spells it.
func (k *keyMap) actions() map[string]*key.Binding {
	return map[string]*key.Binding{
		"up": &k.Up, "down": &k.Down, "top": &k.Top, "bottom": &k.Bottom,
		"page_down": &k.PageDown, "page_up": &k.PageUp,
		"half_page_down": &k.HalfDown, "half_page_up": &k.HalfUp,
		"open": &k.Open, "back": &k.Back, "next_pane": &k.NextPane,
		"prev_article": &k.PrevArticle, "next_article": &k.NextArticle,
		"next_unread": &k.NextUnread, "prev_unread": &k.PrevUnread,
		"find_next": &k.FindNext, "find_prev": &k.FindPrev,
		"chip_left": &k.ChipLeft, "chip_right": &k.ChipRight,
		"tickers": &k.Tickers, "sort": &k.Sort, "search": &k.Search,
		"filter": &k.Filter, "sidebar": &k.Sidebar, "preview": &k.Preview,
		"toggle_read": &k.ToggleRead, "mark_all_read": &k.MarkAllRead, "star": &k.Star,
		"save": &k.Save, "open_link": &k.OpenLink, "open_link_read": &k.OpenLinkRead,
		"links": &k.Links, "copy_link": &k.CopyLink, "raw_body": &k.Raw, "next_source": &k.Source,
		"refresh": &k.Refresh, "refresh_all": &k.RefreshAll,
		"watch": &k.Watch, "cycle_watchlist": &k.CycleWatchlist,
		"errors": &k.Errors, "mouse": &k.Mouse, "help": &k.Help,
		"quit": &k.Quit, "quit_all": &k.QuitAll,
	}
}

// defaultKeyMap is newsboat's keys where newsboat has the action (q back,
// Q quit, J/K articles, n/p unread, N toggle read, o/O browser, u links, s
// save), less's and glow's for moving through text (space/b, g/G, /, n/N
// between matches, ctrl+u half a page up, which is newsboat's source
// view), lynx's and w3m's \ for the page source, and brief's own for
// tickers.
func defaultKeyMap() keyMap {
	b := func(help string, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return keyMap{
		Up:             b("k/↑", "up", "k", "up"),
		Down:           b("j/↓", "down", "j", "down"),
		Top:            b("g", "top", "g", "home"),
		Bottom:         b("G", "bottom", "G", "end"),
		PageDown:       b("space/ctrl+f", "page down", "space", "pgdown", "ctrl+f"),
		PageUp:         b("b/ctrl+b", "page up", "b", "pgup", "ctrl+b"),
		HalfDown:       b("ctrl+d", "half page down", "ctrl+d"),
		HalfUp:         b("ctrl+u", "half page up", "ctrl+u"),
		Open:           b("enter", "open", "enter"),
		Back:           b("esc", "back", "esc", "backspace"),
		NextPane:       b("tab", "next pane", "tab"),
		PrevArticle:    b("K/[", "previous article", "K", "["),
		NextArticle:    b("J/]", "next article", "J", "]"),
		NextUnread:     b("n", "next unread", "n"),
		PrevUnread:     b("p", "previous unread", "p"),
		FindNext:       b("n", "next match (after /)", "n"),
		FindPrev:       b("N", "previous match (after /)", "N"),
		ChipLeft:       b("←", "previous ticker chip", "left"),
		ChipRight:      b("→", "next ticker chip", "right"),
		Tickers:        b("t", "tickers", "t"),
		Sort:           b("S", "sort tickers / results", "S"),
		Search:         b("/", "search", "/"),
		Filter:         b("f", "filter", "f"),
		Sidebar:        b("F", "feeds sidebar", "F"),
		Preview:        b("v", "preview pane", "v"),
		ToggleRead:     b("N/m", "toggle read", "N", "m"),
		MarkAllRead:    b("A", "mark all in view read", "A"),
		Star:           b("*", "star", "*"),
		Save:           b("s", "save to a file", "s"),
		OpenLink:       b("o", "open in browser", "o"),
		OpenLinkRead:   b("O", "open in browser, mark read", "O"),
		Links:          b("u", "links of the article", "u"),
		CopyLink:       b("y", "copy link", "y"),
		Raw:            b("\\", "original / clean body", "\\"),
		Source:         b("c", "next source / related", "c"),
		Refresh:        b("r", "refresh feed", "r"),
		RefreshAll:     b("R", "refresh all", "R"),
		Watch:          b("w", "watchlist +/-", "w"),
		CycleWatchlist: b("T", "next watchlist ticker", "T"),
		Errors:         b("e", "feed errors", "e"),
		Mouse:          b("M", "mouse off/on (off: select text)", "M"),
		Help:           b("?", "all keys", "?"),
		Quit:           b("q", "back / quit at the top", "q"),
		QuitAll:        b("Q", "quit", "Q"),
		ForceQuit:      key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit now")),
	}
}

// newKeyMap applies the user's [keys] overrides to the defaults. Unknown
// action names are reported rather than ignored, so a typo in config.toml
// does not silently leave a key unbound.
func newKeyMap(overrides map[string][]string) (keyMap, error) {
	k := defaultKeyMap()
	acts := k.actions()
	var unknown []string
	for name, keys := range overrides {
		b, ok := acts[strings.ToLower(strings.TrimSpace(name))]
		if !ok {
			unknown = append(unknown, name)
			continue
		}
		keys = slices.DeleteFunc(slices.Clone(keys), func(s string) bool { return strings.TrimSpace(s) == "" })
		if len(keys) == 0 {
			b.SetEnabled(false)
			continue
		}
		b.SetKeys(keys...)
		b.SetHelp(strings.Join(keys, "/"), b.Help().Desc)
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		names := make([]string, 0, len(acts))
		for n := range acts {
			names = append(names, n)
		}
		sort.Strings(names)
		return k, fmt.Errorf("unknown key action %s in [keys]; known: %s",
			strings.Join(unknown, ", "), strings.Join(names, ", "))
	}
	return k, nil
}

// ShortHelp is the help line of the browse view.
func (k keyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.Tickers, k.Search, k.Filter, k.Preview, k.RefreshAll, k.Help, k.Quit}
}

// readerHelp is the help line while an article is open.
func (k keyMap) readerHelp() []key.Binding {
	return []key.Binding{k.PageDown, k.NextArticle, k.NextUnread, k.ChipRight, k.Links, k.OpenLink, k.Search, k.Help, k.Quit}
}

// FullHelp is the keymap shown by "?", grouped by what the keys do.
func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom, k.PageDown, k.PageUp, k.HalfDown, k.HalfUp},
		{k.Open, k.Back, k.Quit, k.QuitAll, k.NextPane, k.PrevArticle, k.NextArticle, k.NextUnread, k.PrevUnread},
		{k.Search, k.FindNext, k.FindPrev, k.Filter, k.Sort, k.Preview, k.Sidebar},
		{k.Tickers, k.ChipLeft, k.ChipRight, k.Watch, k.CycleWatchlist},
		{k.ToggleRead, k.MarkAllRead, k.Star, k.Save, k.OpenLink, k.OpenLinkRead, k.Links, k.CopyLink, k.Raw, k.Source},
		{k.Refresh, k.RefreshAll, k.Errors, k.Mouse, k.Help},
	}
}

// singleLetter reports whether a key press would type text into an input:
// those bindings are off while the search box has focus.
func singleLetter(s string) bool {
	return len([]rune(s)) == 1 || s == "space"
}
