package remote

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"brief/extract"
	"brief/internal/sanitize"
	"brief/store"
)

// Syncer runs syncs of one account into a store.
type Syncer struct {
	Store   *store.Store
	Backend Backend
	// Account names the account (config.Sync.Account); pointing brief at
	// another makes the store forget the last one's state.
	Account string
	// BaseURL is the server's address; synced feeds are keyed by it and
	// the server's feed id, and never fetched.
	BaseURL   string
	Extractor *extract.Extractor // nil: the default directory
}

// Report says what a sync did.
type Report struct {
	Feeds     int // subscriptions read (0 when not due)
	New       int // entries saved as new articles
	Applied   int // the server's read and starred changes made in brief
	Overruled int // changes of brief dropped for later ones of the server
	Sent      int // changes of brief the server took
	Queued    int // changes of brief still waiting (after a failure)
}

// Keys of the store's sync state that the Syncer keeps.
const (
	cursorKey = "cursor"
	feedsKey  = "feeds_at"
)

// Run pulls what changed on the server, then sends what changed in brief,
// and records how it went (store.SyncStatus). A server that cannot be
// reached leaves brief's articles and queue as they were.
func (s *Syncer) Run(ctx context.Context) (Report, error) {
	start := time.Now()
	rep, err := s.run(ctx)
	if queued, qerr := s.Store.QueuedChanges(ctx); qerr == nil {
		rep.Queued = len(queued)
	}
	msg := ""
	if err != nil {
		msg = sanitize.Line(err.Error())
	}
	if rerr := s.Store.RecordSync(context.WithoutCancel(ctx), start, msg); rerr != nil && err == nil {
		err = rerr
	}
	return rep, err
}

func (s *Syncer) run(ctx context.Context) (Report, error) {
	var rep Report
	status, err := s.Store.SyncStatus(ctx)
	if err != nil {
		return rep, err
	}
	// A server change with no time of its own counts as made at the last
	// sync: the earliest it can have been made (see ApplyRemoteStates).
	unknownAt := status.LastSync
	// Another account's state goes only once the new one answers: a
	// mistyped address forgets nothing.
	switching := status.Account != s.Account
	if switching {
		unknownAt = time.Time{}
	}
	feeds, err := s.subscriptions(ctx, &rep, switching)
	if err != nil {
		return rep, err
	}
	cursor, err := s.Store.SyncValue(ctx, cursorKey)
	if err != nil {
		return rep, err
	}
	err = s.Backend.Pull(ctx, cursor, func(ids []string) ([]string, error) {
		return s.Store.UnknownRemoteIDs(ctx, ids)
	}, func(p Page) error {
		return s.savePage(ctx, p, feeds, unknownAt, &rep)
	})
	if err != nil {
		return rep, err
	}
	return rep, s.push(ctx, &rep)
}

// subscriptions reads the account's feeds from the server when due (or
// when switching to this account), else from the store; it returns the
// feed IDs by the server's feed id.
func (s *Syncer) subscriptions(ctx context.Context, rep *Report, switching bool) (map[string]int64, error) {
	last, err := s.Store.SyncValue(ctx, feedsKey)
	if err != nil {
		return nil, err
	}
	ms, _ := strconv.ParseInt(last, 10, 64)
	if !switching && ms > 0 && time.Since(time.UnixMilli(ms)) < s.Backend.SubscriptionsEvery() {
		return s.Store.RemoteFeedIDs(ctx)
	}
	list, err := s.Backend.Subscriptions(ctx)
	if err != nil {
		return nil, err
	}
	if switching {
		if _, err := s.Store.UseSyncAccount(ctx, s.Account); err != nil {
			return nil, err
		}
	}
	rep.Feeds = len(list)
	feeds := make([]store.RemoteFeed, len(list))
	for i, f := range list {
		feeds[i] = s.remoteFeed(f)
	}
	ids, err := s.Store.SaveRemoteFeeds(ctx, feeds, true)
	if err != nil {
		return nil, err
	}
	return ids, s.Store.SetSyncValues(ctx, map[string]string{feedsKey: strconv.FormatInt(time.Now().UnixMilli(), 10)})
}

func (s *Syncer) remoteFeed(f Feed) store.RemoteFeed {
	title := sanitize.Line(f.Title)
	if title == "" {
		title = f.ID
	}
	folders := make([]string, 0, len(f.Folders))
	for _, name := range f.Folders {
		if name = sanitize.Line(name); name != "" {
			folders = append(folders, name)
		}
	}
	return store.RemoteFeed{RemoteID: f.ID, URL: s.BaseURL + "#" + f.ID, Title: title,
		SiteLink: httpLink(f.SiteURL), Folders: folders}
}

// savePage saves one page of a pull: its new entries (their feeds first,
// when brief does not have them yet), then the states.
func (s *Syncer) savePage(ctx context.Context, p Page, feeds map[string]int64, unknownAt time.Time, rep *Report) error {
	state := map[string]string{}
	if p.Cursor != "" {
		state[cursorKey] = p.Cursor
	}
	if len(p.Entries) > 0 {
		if err := s.ensureFeeds(ctx, p.Entries, feeds); err != nil {
			return err
		}
		entries := convert(p.Entries, feeds, s.Store, s.Extractor)
		saved, applied, err := s.Store.SaveRemoteEntries(ctx, entries, unknownAt, state)
		if err != nil {
			return err
		}
		rep.New += saved.New
		rep.Applied += applied.Applied
		rep.Overruled += applied.Overruled
		state = nil
	}
	states := make([]store.RemoteState, 0, len(p.States))
	for _, st := range p.States {
		states = append(states, store.RemoteState{RemoteID: st.ID, Read: st.Read, Starred: st.Starred, Changed: st.Changed})
	}
	if p.Sets != nil {
		fromSets, err := s.statesFromSets(ctx, p.Sets)
		if err != nil {
			return err
		}
		states = append(states, fromSets...)
	}
	if len(states) == 0 && len(state) == 0 {
		return nil
	}
	applied, err := s.Store.ApplyRemoteStates(ctx, states, unknownAt, state)
	rep.Applied += applied.Applied
	rep.Overruled += applied.Overruled
	return err
}

// ensureFeeds adds the feeds of entries that brief does not have (a feed
// subscribed since the subscriptions were last read).
func (s *Syncer) ensureFeeds(ctx context.Context, entries []Entry, feeds map[string]int64) error {
	var missing []store.RemoteFeed
	seen := map[string]bool{}
	for _, e := range entries {
		if _, ok := feeds[e.Feed.ID]; ok || seen[e.Feed.ID] || e.Feed.ID == "" {
			continue
		}
		seen[e.Feed.ID] = true
		missing = append(missing, s.remoteFeed(e.Feed))
	}
	if len(missing) == 0 {
		return nil
	}
	ids, err := s.Store.SaveRemoteFeeds(ctx, missing, false)
	if err != nil {
		return err
	}
	for k, v := range ids {
		feeds[k] = v
	}
	for _, e := range entries {
		if _, ok := feeds[e.Feed.ID]; !ok {
			return &Error{ErrBadAnswer, fmt.Sprintf("sync: %s sent entry %s without its feed", s.BaseURL, sanitize.Line(e.ID))}
		}
	}
	return nil
}

// statesFromSets turns the server's lists of unread and starred entries
// into the states of the entries brief knows that differ from what the
// server said before.
func (s *Syncer) statesFromSets(ctx context.Context, sets *Sets) ([]store.RemoteState, error) {
	unread := make(map[string]bool, len(sets.Unread))
	for _, id := range sets.Unread {
		unread[id] = true
	}
	starred := make(map[string]bool, len(sets.Starred))
	for _, id := range sets.Starred {
		starred[id] = true
	}
	known, err := s.Store.RemoteStates(ctx)
	if err != nil {
		return nil, err
	}
	var out []store.RemoteState
	for _, k := range known {
		read, star := !unread[k.RemoteID], starred[k.RemoteID]
		if read != k.Read || star != k.Starred {
			out = append(out, store.RemoteState{RemoteID: k.RemoteID, Read: read, Starred: star})
		}
	}
	return out, nil
}

// push sends the queued changes and records that the server took them.
func (s *Syncer) push(ctx context.Context, rep *Report) error {
	changes, err := s.Store.QueuedChanges(ctx)
	if err != nil || len(changes) == 0 {
		return err
	}
	if err := s.Backend.Push(ctx, changes); err != nil {
		return err
	}
	if err := s.Store.AckChanges(ctx, changes); err != nil {
		return err
	}
	rep.Sent = len(changes)
	return nil
}

// IsCredentials reports whether err is the server refusing the
// credentials.
func IsCredentials(err error) bool { return errors.Is(err, ErrCredentials) }
