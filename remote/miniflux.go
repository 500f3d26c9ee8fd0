package remote

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"brief/config"
	"brief/store"
)

// miniflux speaks Miniflux's REST API (/v1): an API token in X-Auth-Token,
// or a user name and password in basic auth.
//
// A pull is two walks over /v1/entries: the entries after the last entry
// id seen (after_entry_id, id order), and the entries whose state changed
// since the server's clock at the last pull (changed_after). With nothing
// new, each is one small request.
type miniflux struct {
	c    *client
	page int // entries per request: minifluxPage, less in tests
}

// minifluxPage is how many entries one request asks for; Miniflux gives
// at most 1,000.
const minifluxPage = 500

// changedOverlap re-reads the last moments before the watermark: a change
// that the server stamped before the watermark but committed after it (a
// long mark-all-as-read) is still seen. Every entry changed within it is
// sent again, so it is short.
const changedOverlap = 5 * time.Second

func (m *miniflux) Kind() string { return config.SyncMiniflux }

// SubscriptionsEvery: the feed list is one request, so every sync reads it.
func (m *miniflux) SubscriptionsEvery() time.Duration { return 0 }

func (m *miniflux) auth(req *http.Request) {
	if m.c.user == "" {
		req.Header.Set("X-Auth-Token", string(m.c.secret))
	} else {
		req.SetBasicAuth(m.c.user, string(m.c.secret))
	}
}

type mfFeed struct {
	ID       int64  `json:"id"`
	Title    string `json:"title"`
	SiteURL  string `json:"site_url"`
	Category *struct {
		Title string `json:"title"`
	} `json:"category"`
}

func (f *mfFeed) feed() Feed {
	out := Feed{ID: "feed/" + strconv.FormatInt(f.ID, 10), Title: f.Title, SiteURL: f.SiteURL}
	if f.Category != nil && f.Category.Title != "" {
		out.Folders = []string{f.Category.Title}
	}
	return out
}

func (m *miniflux) Subscriptions(ctx context.Context) ([]Feed, error) {
	var feeds []mfFeed
	if _, err := m.c.getJSON(ctx, "/v1/feeds", m.auth, &feeds); err != nil {
		return nil, err
	}
	out := make([]Feed, len(feeds))
	for i := range feeds {
		out[i] = feeds[i].feed()
	}
	return out, nil
}

type mfEntry struct {
	ID        int64     `json:"id"`
	FeedID    int64     `json:"feed_id"`
	Status    string    `json:"status"`
	Title     string    `json:"title"`
	URL       string    `json:"url"`
	Published time.Time `json:"published_at"`
	Changed   time.Time `json:"changed_at"`
	Content   string    `json:"content"`
	Author    string    `json:"author"`
	Starred   bool      `json:"starred"`
	Tags      []string  `json:"tags"`
	Feed      *mfFeed   `json:"feed"`
}

func (e *mfEntry) entry() Entry {
	f := Feed{ID: "feed/" + strconv.FormatInt(e.FeedID, 10)}
	if e.Feed != nil {
		f = e.Feed.feed()
	}
	return Entry{ID: strconv.FormatInt(e.ID, 10), Feed: f, Title: e.Title, URL: e.URL, Author: e.Author,
		HTML: e.Content, Published: e.Published, Tags: e.Tags, Read: e.Status != "unread",
		Starred: e.Starred, Changed: e.Changed}
}

// mfCursor is where a pull of Miniflux stopped: the last entry id saved
// and the server's clock (Unix seconds) when states were last read.
type mfCursor struct {
	After   int64 `json:"after"`
	Changed int64 `json:"changed"`
}

func (c mfCursor) String() string {
	b, _ := json.Marshal(c) // two numbers always marshal
	return string(b)
}

func (m *miniflux) Pull(ctx context.Context, cursor string, unknown func([]string) ([]string, error), page func(Page) error) error {
	var cur mfCursor
	if cursor != "" {
		if err := json.Unmarshal([]byte(cursor), &cur); err != nil {
			cur = mfCursor{} // from another backend: start again
		}
	}
	// A change after the last pull's clock (less the overlap), or after
	// the first page of a first pull, is read by the changed_after walk.
	since := cur.Changed - int64(changedOverlap/time.Second)
	for {
		q := url.Values{"after_entry_id": {strconv.FormatInt(cur.After, 10)}, "order": {"id"},
			"direction": {"asc"}, "limit": {strconv.Itoa(m.page)}}
		entries, clock, err := m.entries(ctx, q)
		if err != nil {
			return err
		}
		if cur.Changed == 0 {
			// The first pull: entries come with their state as of
			// now; Date has whole seconds, hence the one before.
			cur.Changed = clock
			since = clock - 1
		}
		p := Page{}
		for i := range entries {
			p.Entries = append(p.Entries, entries[i].entry())
			cur.After = max(cur.After, entries[i].ID)
		}
		p.Cursor = cur.String()
		if err := page(p); err != nil {
			return err
		}
		if len(entries) < m.page {
			break
		}
	}
	return m.pullChanged(ctx, max(since, 1), cur, unknown, page)
}

// pullChanged reads the entries whose state changed after after (Unix
// seconds): known ones as states, others (arrived meanwhile) as entries.
func (m *miniflux) pullChanged(ctx context.Context, after int64, cur mfCursor, unknown func([]string) ([]string, error), page func(Page) error) error {
	for offset := 0; ; offset += m.page {
		q := url.Values{"changed_after": {strconv.FormatInt(after, 10)}, "order": {"id"}, "direction": {"asc"},
			"limit": {strconv.Itoa(m.page)}, "offset": {strconv.Itoa(offset)}}
		entries, clock, err := m.entries(ctx, q)
		if err != nil {
			return err
		}
		if offset == 0 {
			cur.Changed = max(cur.Changed, clock)
		}
		ids := make([]string, len(entries))
		for i := range entries {
			ids[i] = strconv.FormatInt(entries[i].ID, 10)
		}
		fresh, err := unknown(ids)
		if err != nil {
			return err
		}
		p := Page{}
		for i := range entries {
			e := entries[i].entry()
			if slices.Contains(fresh, e.ID) {
				p.Entries = append(p.Entries, e)
				cur.After = max(cur.After, entries[i].ID)
				continue
			}
			p.States = append(p.States, State{ID: e.ID, Read: e.Read, Starred: e.Starred, Changed: e.Changed})
		}
		last := len(entries) < m.page
		if last {
			p.Cursor = cur.String()
		}
		if err := page(p); err != nil {
			return err
		}
		if last {
			return nil
		}
	}
}

// entries GETs one page of /v1/entries and the server's clock (its Date
// header, Unix seconds; the newest change seen when it sends none).
func (m *miniflux) entries(ctx context.Context, q url.Values) ([]mfEntry, int64, error) {
	var out struct {
		Entries []mfEntry `json:"entries"`
	}
	h, err := m.c.getJSON(ctx, "/v1/entries?"+q.Encode(), m.auth, &out)
	if err != nil {
		return nil, 0, err
	}
	var clock int64
	if d, err := http.ParseTime(h.Get("Date")); err == nil {
		clock = d.Unix()
	} else {
		for _, e := range out.Entries {
			clock = max(clock, e.Changed.Unix())
		}
	}
	return out.Entries, clock, nil
}

// Push sends changes as few PUT /v1/entries as it can: one per kind of
// change (read, unread, star, unstar), a thousand entries each.
func (m *miniflux) Push(ctx context.Context, changes []store.Change) error {
	type group struct {
		field string
		value bool
	}
	groups := map[group][]int64{}
	var order []group
	for _, c := range changes {
		id, err := strconv.ParseInt(c.RemoteID, 10, 64)
		if err != nil {
			continue // not an id of this API: nothing to send it to
		}
		g := group{c.Field, c.Value}
		if _, ok := groups[g]; !ok {
			order = append(order, g)
		}
		groups[g] = append(groups[g], id)
	}
	for _, g := range order {
		for chunk := range slices.Chunk(groups[g], 1000) {
			body := map[string]any{"entry_ids": chunk}
			switch {
			case g.field == "read" && g.value:
				body["status"] = "read"
			case g.field == "read":
				body["status"] = "unread"
			default:
				body["starred"] = g.value
			}
			if err := m.put(ctx, "/v1/entries", body); err != nil {
				return err
			}
		}
	}
	return nil
}

func (m *miniflux) put(ctx context.Context, path string, body any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	req, err := m.c.request(ctx, http.MethodPut, path, bytes.NewReader(b))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	m.auth(req)
	_, _, err = m.c.do(req)
	return err
}
