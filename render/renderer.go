// Package render lays article markdown out for a terminal with glamour, at
// reading time; the markdown is what htmlmd made of the feed's HTML at
// ingest. It also numbers a body's links (NumberLinks) and marks search
// terms in text already laid out (Highlight). Its input is treated as
// hostile even though stored bodies are already clean: feed text may carry
// escape sequences meant for the reader's terminal, and glamour passes them
// through, so what Render returns holds no escape sequence but glamour's own
// SGR styling.
package render

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode/utf8"

	gansi "charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"brief/internal/sanitize"
	"brief/internal/wrap"
)

// Style names a glamour style: one of the constants below, or any other of
// glamour's built-in styles ("dracula", "tokyo-night", "pink"). The caller
// always chooses it (the UI asks the terminal for its background with
// tea.RequestBackgroundColor), so rendering never queries the terminal or
// reads the environment.
type Style string

const (
	StyleDark  Style = "dark"
	StyleLight Style = "light"
	// StyleASCII has no colours and no escape sequences at all: for
	// NO_COLOR, pipes and golden tests.
	StyleASCII Style = "ascii"
	// StyleNoTTY is glamour's plain style for output that is not a
	// terminal.
	StyleNoTTY Style = "notty"
)

// NarrowWidth is the width below which the document margin is dropped.
// glamour's default margin of 2 costs four columns (both sides); in a narrow
// reader pane that is 7% of the text, above it the margin earns its space.
const NarrowWidth = 60

// maxCached bounds the glamour renderers kept. A resize drag goes through
// many widths; the cache should not keep one renderer for each.
const maxCached = 16

// A Renderer lays markdown out for the terminal. It keeps one glamour
// TermRenderer per (width, style): building one sets up goldmark and its
// extensions (about 75 µs and 100 allocations), which the reader would
// otherwise pay on every article and every redraw of a short one. It is
// safe for concurrent use.
type Renderer struct {
	mu    sync.Mutex
	cache map[renderKey]*cachedRenderer
}

type renderKey struct {
	width int
	style Style
}

// cachedRenderer guards one TermRenderer: glamour keeps per-render state in
// it, so two goroutines must not render with it at once.
type cachedRenderer struct {
	mu  sync.Mutex
	tr  goldmark.Markdown
	err error
}

// NewRenderer returns a Renderer with an empty cache.
func NewRenderer() *Renderer {
	return &Renderer{cache: make(map[renderKey]*cachedRenderer)}
}

// Render lays md out for a terminal width columns wide in the given style.
// No line is wider than width. md is treated as hostile even though stored
// bodies are already clean: the result contains no escape sequences other
// than glamour's own SGR styling, and none at all in the ASCII style.
func (r *Renderer) Render(md string, width int, style Style) (string, error) {
	if width < 1 {
		return "", fmt.Errorf("render markdown: width %d is too small", width)
	}
	md, stand := markBreaks(capQuoteDepth(sanitize.Markdown(md)))
	out, err := r.get(renderKey{width, style}).render(md, width, style)
	if err != nil {
		return "", err
	}
	// Filtering and fitting work on a private string, so they run outside
	// the lock and another article can use the glamour renderer meanwhile.
	// onlySGR also drops the break marks glamour did not break at.
	out = onlySGR(out)
	if stand {
		out = unprotect.Replace(out)
	}
	return fitWidth(out, width), nil
}

func (c *cachedRenderer) render(md string, width int, style Style) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.tr == nil && c.err == nil {
		c.tr, c.err = newTermRenderer(width, style)
	}
	if c.err != nil {
		return "", c.err
	}
	var out bytes.Buffer
	if err := c.tr.Convert([]byte(md), &out); err != nil {
		return "", fmt.Errorf("render markdown: %w", err)
	}
	return out.String(), nil
}

// fitWidth re-wraps the lines glamour left too wide. glamour's word wrap
// misses by a column or two in some nested blocks, and leaves tokens
// longer than the width whole; in a pane next to the article list either
// would spill into the border. The line breaks where internal/wrap says
// (never inside a number), and lipgloss's wrap writer carries the styling
// over each break.
func fitWidth(s string, width int) string {
	var b strings.Builder
	done := 0 // s[:done] is in b already
	for start := 0; start < len(s); {
		end := strings.IndexByte(s[start:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		if line := s[start:end]; ansi.StringWidth(line) > width {
			if b.Len() == 0 {
				b.Grow(len(s) + len(s)/16)
			}
			b.WriteString(s[done:start])
			wrapLine(&b, line, width)
			done = end
		}
		start = end + 1
	}
	if b.Len() == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// wrapLine writes line, which holds SGR sequences and no newline, to b
// wrapped to width: the plain text is wrapped, and the styled line cut at
// the same places. Escape sequences in the spaces dropped at a break are
// kept, so the style that follows is right.
func wrapLine(b *strings.Builder, line string, width int) {
	plain := ansi.Strip(line)
	spans := wrap.Spans(plain, width)
	var cut strings.Builder
	cut.Grow(len(line) + 8*len(spans))
	span, p := 0, 0 // the span being written, the offset in plain
	for i := 0; i < len(line); {
		if line[i] == 0x1b {
			n, _ := escapeLen(line[i:])
			cut.WriteString(line[i : i+n])
			i += n
			continue
		}
		for span+1 < len(spans) && p >= spans[span+1].Start {
			span++
			cut.WriteByte('\n')
		}
		_, size := utf8.DecodeRuneInString(line[i:])
		if p >= spans[span].Start && p < spans[span].End {
			cut.WriteString(line[i : i+size])
		}
		i += size
		p += size
	}
	w := lipgloss.NewWrapWriter(b)
	_, _ = io.WriteString(w, cut.String())
	_ = w.Close()
}

func (r *Renderer) get(k renderKey) *cachedRenderer {
	r.mu.Lock()
	defer r.mu.Unlock()
	if c, ok := r.cache[k]; ok {
		return c
	}
	if len(r.cache) >= maxCached {
		// Evicting is safe while another goroutine renders with the
		// entry: it holds its own pointer.
		for old := range r.cache {
			delete(r.cache, old)
			break
		}
	}
	c := &cachedRenderer{}
	r.cache[k] = c
	return c
}

// newTermRenderer builds what glamour.NewTermRenderer builds (goldmark
// with GFM and definition lists, glamour's ansi renderer on top) but
// without automatic heading IDs: they mean nothing in a terminal, and
// goldmark finds a free ID for a repeated heading by trying a-1, a-2, …
// in turn, so 40,000 equal headings (a 400 KB feed item) took over four
// minutes to render.
func newTermRenderer(width int, style Style) (goldmark.Markdown, error) {
	builtin, ok := styles.DefaultStyles[string(style)]
	if !ok {
		return nil, fmt.Errorf("render markdown: unknown style %q", style)
	}
	// A copy, so that the changes below leave glamour's shared style
	// untouched.
	cfg := *builtin
	// Body text takes the terminal's own foreground instead of the style's
	// grey. With a document colour set, glamour wraps every padding space
	// of every line in its own SGR pair: dropping it halves render time
	// (10,000 words at width 100: from about 77 ms to 35-40 ms) and shrinks
	// the output several times over. Headings, links, code and quotes keep
	// their colours.
	cfg.Document.Color = nil
	if width < NarrowWidth {
		zero := uint(0)
		cfg.Document.Margin = &zero
	}
	cfg.BlockQuote = quoteGutter(cfg.BlockQuote)
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.DefinitionList))
	md.SetRenderer(renderer.NewRenderer(renderer.WithNodeRenderers(
		util.Prioritized(gansi.NewRenderer(gansi.Options{WordWrap: width, Styles: cfg}), 1000),
	)))
	return md, nil
}

// quoteGutter makes glamour reserve as many columns for a block quote's
// bar as the bar takes. The styles draw it with an indent of 1 and the
// token "│ ", two cells: glamour counts one, so every full line of a quote
// came out a column too wide and fitWidth had to break it again, leaving
// a stray word under each line. A margin of 1 writes the token once as
// well, and glamour counts a margin on both sides: two columns.
func quoteGutter(q gansi.StyleBlock) gansi.StyleBlock {
	if q.Indent == nil || *q.Indent != 1 || q.Margin != nil && *q.Margin != 0 ||
		q.IndentToken == nil || ansi.StringWidth(*q.IndentToken) != 2 {
		return q
	}
	zero, one := uint(0), uint(1)
	q.Indent, q.Margin = &zero, &one
	return q
}
