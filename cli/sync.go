package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"brief/ingest"
	"brief/internal/sanitize"
	"brief/internal/termtext"
	"brief/remote"
)

func newSyncCmd(a *app) *cobra.Command {
	var status bool
	cmd := &cobra.Command{
		Use:   "sync",
		Short: "Sync with your Miniflux or Google Reader API account ([sync] in the config)",
		Long: "Pull the subscriptions, new entries and read and starred changes of the\n" +
			"account in the config's [sync] table, then send the read, unread, star and\n" +
			"unstar changes made in brief since the last sync. Changes made while the\n" +
			"server cannot be reached wait in the database for the next sync; where\n" +
			"brief and the server both changed an entry, the later change wins.\n\n" +
			"--status says what is queued and how the last sync went, without the network.",
		Example: "  brief sync\n  brief sync --status",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if status {
				return syncStatus(cmd.Context(), a)
			}
			return runSync(cmd.Context(), a)
		},
	}
	cmd.Flags().BoolVar(&status, "status", false, "say what is queued and how the last sync went")
	return cmd
}

func runSync(ctx context.Context, a *app) error {
	cfg, err := a.house.Config()
	if err != nil {
		return err
	}
	if !cfg.Sync.Configured() {
		return fmt.Errorf("no account to sync with: add a [sync] table to %s (see the README)", cfg.Path)
	}
	st, err := a.house.Store(ctx)
	if err != nil {
		return err
	}
	if a.globals.Offline {
		status, err := st.SyncStatus(ctx)
		if err != nil {
			return err
		}
		return exitError{code: 1, msg: "offline: not syncing; " + queuedWords(status.Queued()) + " for the next sync"}
	}
	s, err := a.house.Syncer(ctx)
	if err != nil {
		return err
	}
	start := time.Now()
	rep, err := s.Run(ctx)
	if err != nil {
		msg := syncErrorLine(err)
		if rep.Queued > 0 {
			msg += "; " + queuedWords(rep.Queued) + " for the next sync"
		}
		return exitError{code: 1, msg: msg}
	}
	fmt.Fprintf(a.stdout, "Synced with %s: %s, %s from the server, %s sent (%.1fs).\n",
		sanitize.Line(cfg.Sync.URL), plural(rep.New, "new article", "new articles"),
		plural(rep.Applied, "change", "changes"), plural(rep.Sent, "change", "changes"), time.Since(start).Seconds())
	if rep.Overruled > 0 {
		fmt.Fprintf(a.stdout, "%s made in brief gave way to later ones made on the server.\n",
			plural(rep.Overruled, "change", "changes"))
	}
	return nil
}

// syncErrorLine says a failed sync in one line, starting with "sync:".
func syncErrorLine(err error) string {
	msg := sanitize.Line(err.Error())
	if !strings.HasPrefix(msg, "sync:") {
		msg = "sync: " + msg
	}
	return msg
}

func queuedWords(n int) string {
	if n == 1 {
		return "1 change waits"
	}
	return fmt.Sprintf("%d changes wait", n)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func syncStatus(ctx context.Context, a *app) error {
	cfg, err := a.house.Config()
	if err != nil {
		return err
	}
	if !cfg.Sync.Configured() {
		fmt.Fprintf(a.stdout, "Sync is not set up: there is no [sync] table in %s.\n", cfg.Path)
		return nil
	}
	st, err := a.readStore(ctx)
	if err != nil {
		return err
	}
	s, err := st.SyncStatus(ctx)
	if err != nil {
		return err
	}
	now := a.now()
	w := a.stdout
	who := ""
	if cfg.Sync.User != "" {
		who = fmt.Sprintf(" (user %s)", sanitize.Line(cfg.Sync.User))
	}
	fmt.Fprintf(w, "Account:   %s %s%s\n", cfg.Sync.Kind, sanitize.Line(cfg.Sync.URL), who)
	if s.Account != "" && s.Account != cfg.Sync.Account() {
		fmt.Fprintln(w, "           (another account was synced before; the next sync forgets it)")
	}
	switch {
	case s.LastSync.IsZero():
		fmt.Fprintln(w, "Last sync: never")
	default:
		fmt.Fprintf(w, "Last sync: %s (%s)\n", s.LastSync.Local().Format("2006-01-02 15:04"), termtext.Ago(s.LastSync, now))
	}
	if s.LastError != "" {
		fmt.Fprintf(w, "Last try:  failed %s: %s\n", termtext.Ago(s.LastAttempt, now), sanitize.Line(s.LastError))
	}
	fmt.Fprintf(w, "Synced:    %s, %s\n", plural(s.Feeds, "feed", "feeds"), plural(s.Entries, "article", "articles"))
	if s.Queued() == 0 {
		fmt.Fprintln(w, "Queued:    nothing; brief and the server agree")
		return nil
	}
	var parts []string
	for _, p := range []struct {
		n    int
		what string
	}{{s.Read, "read"}, {s.Unread, "unread"}, {s.Star, "star"}, {s.Unstar, "unstar"}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.what))
		}
	}
	fmt.Fprintf(w, "Queued:    %s (%s), sent at the next sync\n", plural(s.Queued(), "change", "changes"), strings.Join(parts, ", "))
	return nil
}

// readerSync is the sync the reader's refresh runs after fetching, or nil
// when there is no [sync] account (or the reader cannot write). The
// Syncer is made once, so that a login token lasts the session.
func (a *app) readerSync(ctx context.Context) func(context.Context) ingest.FeedReport {
	cfg, err := a.house.Config()
	if err != nil || !cfg.Sync.Configured() || a.globals.Offline || a.house.ReadOnly() != "" {
		return nil
	}
	var (
		once sync.Once
		s    *remote.Syncer
		serr error
		mu   sync.Mutex
	)
	return func(ctx context.Context) ingest.FeedReport {
		once.Do(func() { s, serr = a.house.Syncer(ctx) })
		fr := ingest.FeedReport{URL: cfg.Sync.URL, Title: "sync: " + cfg.Sync.Kind, Network: true, Err: serr}
		if serr != nil {
			return fr
		}
		mu.Lock() // one sync at a time
		defer mu.Unlock()
		start := time.Now()
		rep, err := s.Run(ctx)
		fr.New, fr.Err, fr.Duration = rep.New, err, time.Since(start)
		if err != nil {
			fr.Err = errors.New(syncErrorLine(err))
		}
		return fr
	}
}

// addSync counts a sync in a refresh's report, as one more network feed.
func addSync(rep *ingest.Report, fr ingest.FeedReport) {
	rep.Feeds = append(rep.Feeds, fr)
	rep.New += fr.New
	if fr.Err != nil {
		rep.Failed++
		rep.NetworkFailed++
	} else {
		rep.NetworkOK++
	}
}

// isSyncedFeed reports whether url keys a feed of the [sync] account.
func isSyncedFeed(syncURL, url string) bool {
	return syncURL != "" && strings.HasPrefix(url, syncURL+"#")
}
