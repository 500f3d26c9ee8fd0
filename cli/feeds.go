package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"brief/config"
	"brief/internal/sanitize"
	"brief/internal/termtext"
	"brief/store"
)

func newFeedsCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "feeds",
		Short: "Manage subscriptions (add, rm, ls)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return listFeeds(cmd, a, false)
		},
	}
	var (
		title string
		tags  []string
	)
	add := &cobra.Command{
		Use:     "add URL",
		Short:   "Subscribe to a feed",
		Example: "  brief feeds add https://example.com/markets.rss --title 'Markets' --tag asia,markets",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.house.Config()
			if err != nil {
				return err
			}
			f := config.Feed{URL: strings.TrimSpace(args[0]), Title: title, Tags: tags}
			if err := cfg.AddFeed(f); err != nil {
				return usageError{err}
			}
			if err := cfg.Save(); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "Subscribed to %s (saved in %s). Run `brief fetch` to fetch it.\n", sanitize.Line(f.URL), cfg.Path)
			return nil
		},
	}
	add.Flags().StringVar(&title, "title", "", "title to show instead of the feed's own")
	add.Flags().StringSliceVar(&tags, "tag", nil, "tags (repeat or comma-separate)")
	rm := &cobra.Command{
		Use:     "rm URL|TITLE",
		Aliases: []string{"remove"},
		Short:   "Unsubscribe from a feed and drop its unstarred articles",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.house.Config()
			if err != nil {
				return err
			}
			f, err := cfg.RemoveFeed(args[0])
			if err != nil {
				return usageError{err}
			}
			if err := cfg.Save(); err != nil {
				return err
			}
			st, err := a.house.Store(cmd.Context())
			if err != nil {
				return err
			}
			if err := st.RemoveFeed(cmd.Context(), f.URL); err != nil && !errors.Is(err, store.ErrNotFound) {
				return err
			}
			fmt.Fprintf(a.stdout, "Unsubscribed from %s.\n", sanitize.Line(f.URL))
			return nil
		},
	}
	var asJSON bool
	ls := &cobra.Command{
		Use:     "ls",
		Aliases: []string{"list"},
		Short:   "List subscriptions with their health",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return listFeeds(cmd, a, asJSON)
		},
	}
	ls.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")
	cmd.AddCommand(add, rm, ls)
	return cmd
}

type feedRecord struct {
	URL         string     `json:"url"`
	Title       string     `json:"title"`
	Tags        []string   `json:"tags"`
	Articles    int        `json:"articles"`
	Unread      int        `json:"unread"`
	LastFetch   *time.Time `json:"last_fetch,omitempty"`
	LastSuccess *time.Time `json:"last_success,omitempty"`
	Failures    int        `json:"failures"`
	LastError   string     `json:"last_error,omitempty"`
	Gone        bool       `json:"gone"`
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}

// listFeeds shows the subscription list from the config joined with what
// the store knows of each feed's health.
func listFeeds(cmd *cobra.Command, a *app, asJSON bool) error {
	cfg, err := a.house.Config()
	if err != nil {
		return err
	}
	st, err := a.readStore(cmd.Context())
	if err != nil {
		return err
	}
	known, err := st.Feeds(cmd.Context())
	if err != nil {
		return err
	}
	byURL := make(map[string]store.Feed, len(known))
	for _, f := range known {
		byURL[f.URL] = f
	}
	var recs []feedRecord
	for _, s := range cfg.Subscriptions() {
		f := byURL[s.URL]
		title := s.Title
		if title == "" {
			title = f.Title
		}
		tags := s.Tags
		if tags == nil {
			tags = []string{}
		}
		recs = append(recs, feedRecord{
			URL: s.URL, Title: title, Tags: tags,
			Articles: f.Articles, Unread: f.Unread,
			LastFetch: timePtr(f.LastFetch), LastSuccess: timePtr(f.LastSuccess),
			Failures: f.Failures, LastError: f.LastError, Gone: f.Gone,
		})
	}
	if asJSON {
		if recs == nil {
			recs = []feedRecord{}
		}
		return writeJSON(a.stdout, recs)
	}
	if len(recs) == 0 {
		fmt.Fprintln(a.stderr, "No feeds subscribed. Add one with `brief feeds add URL`.")
		return nil
	}
	writeFeedTable(a.stdout, recs, a.now(), termWidth(a.stdout))
	return nil
}

func writeFeedTable(w io.Writer, recs []feedRecord, now time.Time, width int) {
	titleW := 5
	for _, r := range recs {
		titleW = max(titleW, termtext.Width(sanitize.Line(r.Title)))
	}
	titleW = min(titleW, 32)
	// Tags get a column when some feed has them (`list --tag` selects by
	// them); with none it would only take room from the URLs.
	tagsW := 0
	tagsOf := func(r feedRecord) string {
		var ts []string
		for _, t := range r.Tags {
			ts = append(ts, sanitize.Line(t))
		}
		return strings.Join(ts, ",")
	}
	for _, r := range recs {
		tagsW = max(tagsW, termtext.Width(tagsOf(r)))
	}
	if tagsW > 0 {
		tagsW = min(max(tagsW, 4), 24)
	}
	tagsCol := func(s string) string {
		if tagsW == 0 {
			return ""
		}
		return termtext.Fit(s, tagsW) + "  "
	}
	fmt.Fprintf(w, "%-6s  %s  %5s %6s  %-8s  %s%s\n", "STATUS", termtext.Fit("TITLE", titleW), "UNRD", "TOTAL", "FETCHED", tagsCol("TAGS"), "URL / ERROR")
	for _, r := range recs {
		status := "ok"
		switch {
		case r.Gone:
			status = "gone"
		case r.Failures > 0:
			status = fmt.Sprintf("fail×%d", r.Failures)
		case r.LastFetch == nil:
			status = "new"
		}
		fetched := "never"
		if r.LastFetch != nil {
			fetched = termtext.Age(*r.LastFetch, now)
		}
		line := fmt.Sprintf("%-6s  %s  %5d %6d  %-8s  %s%s", status,
			termtext.Fit(sanitize.Line(r.Title), titleW), r.Unread, r.Articles, fetched, tagsCol(tagsOf(r)), sanitize.Line(r.URL))
		if width > 0 {
			line = termtext.Cut(line, width)
		}
		fmt.Fprintln(w, line)
		if r.LastError != "" && r.Failures > 0 {
			msg := "  ↳ " + sanitize.Line(r.LastError)
			if width > 0 {
				msg = termtext.Cut(msg, width)
			}
			fmt.Fprintln(w, msg)
		}
	}
}
