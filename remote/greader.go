package remote

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"brief/config"
	"brief/store"
)

// greader speaks the Google Reader API as FreshRSS, Miniflux and
// Inoreader serve it: ClientLogin for an auth token, GET requests with
// "Authorization: GoogleLogin auth=…", POST requests with an action token
// (T) from /reader/api/0/token.
//
// A pull asks for three lists of item ids (new items since the last pull
// with ot=, every unread item, every starred item), fetches the contents
// of the items brief has never saved, and compares the lists with the
// state brief recorded. With nothing new that is four small requests,
// the login included.
type greader struct {
	c                  *client
	idsPage, itemsPage int // grIDsPage and grItemsPage, less in tests

	mu         sync.Mutex
	auth, post string // the auth and action tokens, once known
}

const (
	grItemPrefix = "tag:google.com,2005:reader/item/"
	grReading    = "user/-/state/com.google/reading-list"
	grRead       = "user/-/state/com.google/read"
	grStarred    = "user/-/state/com.google/starred"
	// grIDsPage is how many ids one request asks for; Miniflux gives at
	// most 10,000.
	grIDsPage = 10000
	// grItemsPage is how many items' contents one request asks for.
	grItemsPage = 250
	// grLate is how far back the new-items list looks before the last
	// pull: servers filter ot= on the published date, and an item often
	// arrives hours after it was published.
	grLate = 24 * time.Hour
	// grSubscriptionsEvery: feeds and folders change rarely, and a feed
	// that is new comes with its items.
	grSubscriptionsEvery = time.Hour
)

func (g *greader) Kind() string                      { return config.SyncGReader }
func (g *greader) SubscriptionsEvery() time.Duration { return grSubscriptionsEvery }

// login gets the auth token (ClientLogin), once per greader.
func (g *greader) login(ctx context.Context) (string, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.auth != "" {
		return g.auth, nil
	}
	form := url.Values{"Email": {g.c.user}, "Passwd": {string(g.c.secret)}}
	req, err := g.c.request(ctx, http.MethodPost, "/accounts/ClientLogin", strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	body, _, err := g.c.do(req)
	if err != nil {
		return "", err
	}
	for line := range strings.Lines(string(body)) {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "Auth="); ok && v != "" {
			g.auth = v
			return v, nil
		}
	}
	return "", &Error{ErrBadAnswer, fmt.Sprintf("sync: %s answered ClientLogin without an Auth token: is it a Google Reader API?", g.c.base)}
}

// get GETs path with the auth token and decodes the JSON answer; a token
// the server no longer takes is renewed once.
func (g *greader) get(ctx context.Context, path string, q url.Values, out any) error {
	q.Set("output", "json")
	for try := 0; ; try++ {
		token, err := g.login(ctx)
		if err != nil {
			return err
		}
		_, err = g.c.getJSON(ctx, path+"?"+q.Encode(), func(r *http.Request) {
			r.Header.Set("Authorization", "GoogleLogin auth="+token)
		}, out)
		if try == 0 && g.expired(err, token) {
			continue
		}
		return err
	}
}

// expired forgets a token the server refused, so the next call logs in
// again; it reports whether that is worth a try.
func (g *greader) expired(err error, token string) bool {
	if !isCredentials(err) {
		return false
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.auth == token {
		g.auth, g.post = "", ""
	}
	return true
}

// postForm POSTs form to path with both tokens and returns the answer.
func (g *greader) postForm(ctx context.Context, path string, form url.Values) ([]byte, error) {
	for try := 0; ; try++ {
		token, err := g.login(ctx)
		if err != nil {
			return nil, err
		}
		t, err := g.actionToken(ctx, token)
		if err == nil {
			form.Set("T", t)
			var req *http.Request
			if req, err = g.c.request(ctx, http.MethodPost, path, strings.NewReader(form.Encode())); err != nil {
				return nil, err
			}
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Authorization", "GoogleLogin auth="+token)
			var body []byte
			if body, _, err = g.c.do(req); err == nil {
				return body, nil
			}
		}
		if try == 0 && g.expired(err, token) {
			continue
		}
		return nil, err
	}
}

// actionToken gets the token POST requests carry as T, once per login.
func (g *greader) actionToken(ctx context.Context, auth string) (string, error) {
	g.mu.Lock()
	t := g.post
	g.mu.Unlock()
	if t != "" {
		return t, nil
	}
	req, err := g.c.request(ctx, http.MethodGet, "/reader/api/0/token", nil)
	if err != nil {
		return "", err
	}
	req.Header.Set("Authorization", "GoogleLogin auth="+auth)
	body, _, err := g.c.do(req)
	if err != nil {
		return "", err
	}
	t = strings.TrimSpace(string(body))
	g.mu.Lock()
	g.post = t
	g.mu.Unlock()
	return t, nil
}

type grSubscription struct {
	ID         string `json:"id"`
	Title      string `json:"title"`
	HTMLURL    string `json:"htmlUrl"`
	Categories []struct {
		Label string `json:"label"`
	} `json:"categories"`
}

func (g *greader) Subscriptions(ctx context.Context) ([]Feed, error) {
	var out struct {
		Subscriptions []grSubscription `json:"subscriptions"`
	}
	if err := g.get(ctx, "/reader/api/0/subscription/list", url.Values{}, &out); err != nil {
		return nil, err
	}
	feeds := make([]Feed, 0, len(out.Subscriptions))
	for _, s := range out.Subscriptions {
		f := Feed{ID: s.ID, Title: s.Title, SiteURL: s.HTMLURL}
		for _, c := range s.Categories {
			if c.Label != "" {
				f.Folders = append(f.Folders, c.Label)
			}
		}
		feeds = append(feeds, f)
	}
	return feeds, nil
}

// grCursor is when the last pull started (Unix seconds).
type grCursor struct {
	Pulled int64 `json:"pulled"`
}

func (g *greader) Pull(ctx context.Context, cursor string, unknown func([]string) ([]string, error), page func(Page) error) error {
	var cur grCursor
	if cursor != "" && json.Unmarshal([]byte(cursor), &cur) != nil {
		cur = grCursor{}
	}
	started := time.Now()
	recent := url.Values{"s": {grReading}}
	if cur.Pulled > 0 {
		recent.Set("ot", strconv.FormatInt(cur.Pulled-int64(grLate/time.Second), 10))
	}
	newIDs, err := g.ids(ctx, recent)
	if err != nil {
		return err
	}
	unread, err := g.ids(ctx, url.Values{"s": {grReading}, "xt": {grRead}})
	if err != nil {
		return err
	}
	starred, err := g.ids(ctx, url.Values{"s": {grStarred}})
	if err != nil {
		return err
	}
	// Items unread or starred are fetched whatever their date, so that a
	// new feed's back issues come too.
	all := slices.Concat(newIDs, unread, starred)
	slices.Sort(all)
	fresh, err := unknown(slices.Compact(all))
	if err != nil {
		return err
	}
	for chunk := range slices.Chunk(fresh, g.itemsPage) {
		entries, err := g.contents(ctx, chunk)
		if err != nil {
			return err
		}
		if err := page(Page{Entries: entries}); err != nil {
			return err
		}
	}
	b, _ := json.Marshal(grCursor{Pulled: started.Unix()}) // a number always marshals
	return page(Page{Sets: &Sets{Unread: unread, Starred: starred}, Cursor: string(b)})
}

// ids lists every item id of a stream query, page by page, as decimal
// strings.
func (g *greader) ids(ctx context.Context, q url.Values) ([]string, error) {
	q.Set("n", strconv.Itoa(g.idsPage))
	var out []string
	for {
		var resp struct {
			ItemRefs []struct {
				ID string `json:"id"`
			} `json:"itemRefs"`
			Continuation json.RawMessage `json:"continuation"`
		}
		if err := g.get(ctx, "/reader/api/0/stream/items/ids", q, &resp); err != nil {
			return nil, err
		}
		for _, r := range resp.ItemRefs {
			if id, ok := decimalID(r.ID); ok {
				out = append(out, id)
			}
		}
		c := continuation(resp.Continuation)
		if c == "" || len(resp.ItemRefs) == 0 {
			return out, nil
		}
		q.Set("c", c)
	}
}

// continuation reads a continuation token, which servers send as a string
// or as a number.
func continuation(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil && n.String() != "0" {
		return n.String()
	}
	return ""
}

// decimalID reads an item id in the long form (hexadecimal after
// grItemPrefix) or the short one (decimal) as a decimal string.
func decimalID(s string) (string, bool) {
	if hex, ok := strings.CutPrefix(s, grItemPrefix); ok {
		n, err := strconv.ParseUint(hex, 16, 64)
		if err != nil {
			return "", false
		}
		return strconv.FormatInt(int64(n), 10), true
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return "", false
	}
	return strconv.FormatInt(n, 10), true
}

// longID is the long form of a decimal item id, which every server takes.
func longID(decimal string) (string, bool) {
	n, err := strconv.ParseInt(decimal, 10, 64)
	if err != nil {
		return "", false
	}
	return fmt.Sprintf("%s%016x", grItemPrefix, uint64(n)), true
}

type grItem struct {
	ID         string   `json:"id"`
	Categories []string `json:"categories"`
	Title      string   `json:"title"`
	Published  int64    `json:"published"`
	Updated    int64    `json:"updated"`
	Author     string   `json:"author"`
	Canonical  []struct {
		Href string `json:"href"`
	} `json:"canonical"`
	Alternate []struct {
		Href string `json:"href"`
	} `json:"alternate"`
	Summary, Content struct {
		Content string `json:"content"`
	}
	Origin struct {
		StreamID string `json:"streamId"`
		Title    string `json:"title"`
		HTMLURL  string `json:"htmlUrl"`
	} `json:"origin"`
}

// contents fetches items by id (decimal).
func (g *greader) contents(ctx context.Context, ids []string) ([]Entry, error) {
	form := url.Values{"output": {"json"}}
	for _, id := range ids {
		if l, ok := longID(id); ok {
			form.Add("i", l)
		}
	}
	body, err := g.postForm(ctx, "/reader/api/0/stream/items/contents?output=json", form)
	if err != nil {
		return nil, err
	}
	var resp struct {
		Items []grItem `json:"items"`
	}
	req := &http.Request{Method: http.MethodPost, URL: &url.URL{Path: "/reader/api/0/stream/items/contents"}}
	if err := g.c.decode(req, body, &resp); err != nil {
		return nil, err
	}
	out := make([]Entry, 0, len(resp.Items))
	for _, it := range resp.Items {
		if e, ok := it.entry(); ok {
			out = append(out, e)
		}
	}
	return out, nil
}

func (it *grItem) entry() (Entry, bool) {
	id, ok := decimalID(it.ID)
	if !ok {
		return Entry{}, false
	}
	e := Entry{ID: id, Title: it.Title, Author: it.Author,
		Feed: Feed{ID: it.Origin.StreamID, Title: it.Origin.Title, SiteURL: it.Origin.HTMLURL}}
	if it.Published > 0 {
		e.Published = time.Unix(it.Published, 0)
	}
	for _, l := range append(it.Canonical, it.Alternate...) {
		if l.Href != "" {
			e.URL = l.Href
			break
		}
	}
	e.HTML = it.Content.Content
	if strings.TrimSpace(e.HTML) == "" {
		e.HTML = it.Summary.Content
	}
	for _, c := range it.Categories {
		switch {
		case strings.HasSuffix(c, "/state/com.google/read"):
			e.Read = true
		case strings.HasSuffix(c, "/state/com.google/starred"):
			e.Starred = true
		case strings.Contains(c, "/label/"):
			e.Tags = append(e.Tags, c[strings.Index(c, "/label/")+len("/label/"):])
		}
	}
	return e, true
}

// Push sends changes with edit-tag: one request per kind of change (read,
// unread, star, unstar) and 250 items.
func (g *greader) Push(ctx context.Context, changes []store.Change) error {
	type group struct {
		field string
		value bool
	}
	groups := map[group][]string{}
	var order []group
	for _, c := range changes {
		l, ok := longID(c.RemoteID)
		if !ok {
			continue
		}
		k := group{c.Field, c.Value}
		if _, seen := groups[k]; !seen {
			order = append(order, k)
		}
		groups[k] = append(groups[k], l)
	}
	for _, k := range order {
		tag, verb := grRead, "a"
		if k.field == "starred" {
			tag = grStarred
		}
		if !k.value {
			verb = "r"
		}
		for chunk := range slices.Chunk(groups[k], g.itemsPage) {
			form := url.Values{verb: {tag}, "i": chunk}
			if _, err := g.postForm(ctx, "/reader/api/0/edit-tag", form); err != nil {
				return err
			}
		}
	}
	return nil
}

func isCredentials(err error) bool {
	e, ok := err.(*Error)
	return ok && e.Kind == ErrCredentials
}
