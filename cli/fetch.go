package cli

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"brief/ingest"
	"brief/internal/sanitize"
	"brief/internal/termtext"
	"brief/store"
)

func newFetchCmd(a *app) *cobra.Command {
	var quiet bool
	cmd := &cobra.Command{
		Use:   "fetch",
		Short: "Fetch every subscribed feed and store new articles",
		Long: "Fetch every subscribed feed and store new and changed articles.\n\n" +
			"Feeds that fail are reported and recorded (see `brief feeds ls`); the others\n" +
			"carry on. The exit status is non-zero when every feed failed, when every\n" +
			"network (http and https) feed failed even though the sample or local files\n" +
			"were read, or when the database could not be written (a full disk, a disk\n" +
			"error, a damaged file).",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			defer limitFetchMemory()()
			rep, err := fetchAll(cmd.Context(), a, !quiet)
			if err != nil {
				return err
			}
			if cmd.Context().Err() != nil {
				// Ctrl-C or a TERM: what was saved before it stays.
				return exitError{code: 130, msg: "fetch interrupted; the feeds saved before it are kept"}
			}
			if rep.AllFailed() {
				return exitError{code: 1, msg: "every feed failed"}
			}
			for _, f := range rep.Feeds {
				if store.StorageFailed(f.Err) {
					// A cron job must notice: nothing more will be saved
					// until the disk is dealt with.
					return exitError{code: 1, msg: "the database could not be written (see above)"}
				}
			}
			if rep.AllNetworkFailed() {
				// The sample and local files read fine without a
				// network; a cron job must still notice an outage.
				n := rep.NetworkFailed
				feeds := "feeds"
				if n == 1 {
					feeds = "feed"
				}
				return exitError{code: 1, msg: fmt.Sprintf("every network feed failed (%d %s)", n, feeds)}
			}
			return nil
		},
	}
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "print only errors")
	return cmd
}

// fetchAll runs the ingest chain over the subscriptions and reports on
// stderr: live progress when stderr is a terminal, then one line per failed
// feed and a summary.
func fetchAll(ctx context.Context, a *app, verbose bool) (ingest.Report, error) {
	cfg, err := a.house.Config()
	if err != nil {
		return ingest.Report{}, err
	}
	subs := cfg.Subscriptions()
	if len(subs) == 0 {
		fmt.Fprintln(a.stderr, "brief: no feeds subscribed; add one with `brief feeds add URL`")
		return ingest.Report{}, nil
	}
	in, err := a.house.Ingester(ctx, a.reading)
	if err != nil {
		return ingest.Report{}, err
	}
	live := verbose && isTerminal(a.stderr)
	start := time.Now()
	rep, err := in.Run(ctx, subs, func(done, total int, r ingest.FeedReport) {
		if live {
			fmt.Fprintf(a.stderr, "\r\x1b[Kfetching %d/%d  %s", done, total, termtext.Cut(sanitize.Line(r.Title), 50))
		}
	})
	if live {
		fmt.Fprint(a.stderr, "\r\x1b[K")
	}
	if err != nil {
		return rep, err
	}
	ok, notMod, skipped := 0, 0, 0
	for _, f := range rep.Feeds {
		name := f.Title
		if name == "" {
			name = f.URL
		}
		switch {
		case f.Skipped:
			skipped++
		case f.Interrupted:
			// Counted in the summary, not listed one "context canceled"
			// each.
		case f.Err != nil:
			fmt.Fprintf(a.stderr, "✗ %s: %s\n", sanitize.Line(name), sanitize.Line(f.Err.Error()))
		case f.NotModified:
			notMod++
			ok++
		default:
			ok++
		}
	}
	if rep.PruneErr != nil {
		fmt.Fprintf(a.stderr, "old articles not pruned this time: %s\n", sanitize.Line(rep.PruneErr.Error()))
	}
	if rep.GroupErr != nil {
		fmt.Fprintf(a.stderr, "older articles not grouped into stories this time: %s\n", sanitize.Line(rep.GroupErr.Error()))
	}
	if verbose || rep.Failed > 0 || rep.Interrupted > 0 {
		var parts []string
		parts = append(parts, fmt.Sprintf("%d ok", ok))
		if notMod > 0 {
			parts = append(parts, fmt.Sprintf("%d unchanged", notMod))
		}
		if rep.Failed > 0 {
			parts = append(parts, fmt.Sprintf("%d failed", rep.Failed))
		}
		if rep.Interrupted > 0 {
			parts = append(parts, fmt.Sprintf("%d not fetched (interrupted)", rep.Interrupted))
		}
		if skipped > 0 {
			parts = append(parts, fmt.Sprintf("%d skipped offline", skipped))
		}
		fmt.Fprintf(a.stderr, "%d feeds: %s; %d new articles (%.1fs)\n",
			len(rep.Feeds), strings.Join(parts, ", "), rep.New, time.Since(start).Seconds())
	}
	return rep, nil
}
