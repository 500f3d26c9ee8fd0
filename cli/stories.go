package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"brief/internal/sanitize"
	"brief/internal/termtext"
	"brief/store"
)

// storyRecord is one line of `brief stories --json`.
type storyRecord struct {
	articleRecord
	Latest time.Time `json:"latest"`
}

func newStoriesCmd(a *app) *cobra.Command {
	var (
		since  string
		limit  int
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "stories",
		Short: "List stories by how many sources tell them",
		Long: "List the stories published within --since, the most covered first: what everyone\n" +
			"is writing about. A story is one article as several feeds carry it (the same link,\n" +
			"the same GUID, or the same title and lead within three days); `brief show ID`\n" +
			"shows it and names its other sources.",
		Example: "  brief stories\n  brief stories --since 7d --limit 10\n  brief stories --json | jq '.[] | select(.sources > 2) | .title'",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if limit < 0 {
				return usagef("--limit must be 0 or more, not %d", limit)
			}
			d, err := parseWindow(since)
			if err != nil {
				return usageError{err}
			}
			st, err := a.readStore(cmd.Context())
			if err != nil {
				return err
			}
			now := a.now()
			stories, err := st.Stories(cmd.Context(), now.Add(-d), limit, 0)
			if err != nil {
				return err
			}
			if asJSON {
				out := make([]storyRecord, 0, len(stories))
				for _, s := range stories {
					out = append(out, storyRecord{recordOf(s.Head), s.Latest.UTC()})
				}
				return writeJSON(a.stdout, out)
			}
			if len(stories) == 0 {
				fmt.Fprintf(a.stderr, "No articles published within %s.\n", since)
				return nil
			}
			writeStoryTable(a.stdout, stories, now, termWidth(a.stdout))
			return nil
		},
	}
	cmd.Flags().StringVar(&since, "since", "24h", "stories with a copy published within this window (e.g. 6h, 24h, 7d)")
	cmd.Flags().IntVarP(&limit, "limit", "n", 30, "at most this many stories (0 for all)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array of story records (article records with latest)")
	return cmd
}

// writeStoryTable prints one line per story: its ID (what `brief show`
// takes), how many sources tell it, the age of its newest copy, its title
// and tickers, as the article tables do.
func writeStoryTable(w io.Writer, stories []store.StoryCount, now time.Time, width int) {
	idW := 2
	for _, s := range stories {
		idW = max(idW, len(fmt.Sprint(s.Head.ID)))
	}
	var b strings.Builder
	for _, s := range stories {
		b.Reset()
		fmt.Fprintf(&b, "%*d  %3d src  %6s  ", idW, s.Head.ID, s.Sources, termtext.Age(s.Latest, now))
		writeTitleTickers(&b, sanitize.Line(s.Head.Title), s.Head.Tickers, width)
		fmt.Fprintln(w, b.String())
	}
}
