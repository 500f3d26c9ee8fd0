package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	tea "charm.land/bubbletea/v2"

	"brief/extract"
	"brief/internal/sanitize"
	"brief/store"
)

// savedMsg reports where s saved an article, or why it could not.
type savedMsg struct {
	path string
	err  error
}

// saveArticleFile writes the article as Markdown (title, source, link, the
// briefing, then the body) into dir, under a name made from its title; it
// never overwrites a file, adding -2, -3 … instead.
func saveArticleFile(dir string, a store.Article, b extract.Briefing) tea.Cmd {
	return func() tea.Msg {
		d, err := expandHome(dir)
		if err != nil {
			return savedMsg{err: err}
		}
		if err := os.MkdirAll(d, 0o755); err != nil {
			return savedMsg{err: err}
		}
		base := slug(a.Title)
		for i := 1; i < 1000; i++ {
			name := base + ".md"
			if i > 1 {
				name = fmt.Sprintf("%s-%d.md", base, i)
			}
			path := filepath.Join(d, name)
			f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
			if os.IsExist(err) {
				continue
			}
			if err != nil {
				return savedMsg{err: err}
			}
			_, werr := f.WriteString(articleMarkdown(a, b))
			if cerr := f.Close(); werr == nil {
				werr = cerr
			}
			return savedMsg{path: path, err: werr}
		}
		return savedMsg{err: fmt.Errorf("too many files named %s-N.md in %s", base, d)}
	}
}

func expandHome(dir string) (string, error) {
	if dir == "~" || strings.HasPrefix(dir, "~/") {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("no home directory for the save directory %s: %w", dir, err)
		}
		return filepath.Join(home, strings.TrimPrefix(dir, "~")), nil
	}
	return dir, nil
}

// slug is a file name made of a title's letters and digits, at most 60
// characters; never empty, never a path.
func slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(sanitize.Line(title)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	s := strings.Trim(b.String(), "-")
	if s == "" {
		return "article"
	}
	return s
}

func articleMarkdown(a store.Article, b extract.Briefing) string {
	var s strings.Builder
	fmt.Fprintf(&s, "# %s\n\n", sanitize.Line(a.Title))
	meta := []string{sanitize.Line(a.FeedTitle)}
	if a.Author != "" {
		meta = append(meta, sanitize.Line(a.Author))
	}
	meta = append(meta, a.Published.UTC().Format("2006-01-02 15:04 UTC"))
	fmt.Fprintf(&s, "%s\n\n", strings.Join(meta, " · "))
	if a.Link != "" {
		fmt.Fprintf(&s, "<%s>\n\n", sanitize.Line(a.Link))
	}
	list := func(title string, items []string, numbered bool) {
		if len(items) == 0 {
			return
		}
		fmt.Fprintf(&s, "## %s\n\n", title)
		for i, it := range items {
			if numbered {
				fmt.Fprintf(&s, "%d. %s\n", i+1, sanitize.Line(it))
			} else {
				fmt.Fprintf(&s, "- %s\n", sanitize.Line(it))
			}
		}
		s.WriteString("\n")
	}
	list("Summary", b.Summary, false)
	list("Key takeaways", b.Takeaways, true)
	if len(b.Tickers) > 0 {
		syms := make([]string, len(b.Tickers))
		for i, t := range b.Tickers {
			syms[i] = sanitize.Line(t.Symbol)
		}
		fmt.Fprintf(&s, "Tickers: %s\n\n", strings.Join(syms, ", "))
	}
	s.WriteString("---\n\n")
	s.WriteString(sanitize.Text(a.Markdown))
	s.WriteString("\n")
	return s.String()
}
