// Package remote syncs brief with an account on a feed server: Miniflux
// (its REST API) or any service that speaks the Google Reader API
// (FreshRSS, Miniflux, Inoreader, …). It is another source of articles
// beside package feed: the server's subscriptions become feeds marked
// remote, its entries become articles whose briefings brief builds
// itself (ingest.Article), and read and starred state go both ways.
//
// A Backend speaks one API; the Syncer runs a sync over it: subscriptions,
// new entries, the server's state changes, then brief's queued changes.
// The store keeps the queue, the entry map and the cursors, so that a sync
// that fails halfway loses nothing and the next one carries on.
package remote

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"brief/config"
	"brief/store"
)

// Feed is a subscription on the server.
type Feed struct {
	ID      string // the server's stream id, "feed/12"
	Title   string
	SiteURL string
	Folders []string // categories or folders
}

// Entry is an entry on the server, with its state.
type Entry struct {
	ID            string // decimal
	Feed          Feed   // ID always; Title and SiteURL when the API says
	Title, URL    string
	Author        string
	HTML          string
	Published     time.Time
	Tags          []string
	Read, Starred bool
	Changed       time.Time // when the server last changed the entry; zero when the API does not say
}

// State is the server's read and starred state of an entry.
type State struct {
	ID            string
	Read, Starred bool
	Changed       time.Time // zero when the API does not say
}

// Sets are every unread and every starred entry on the server, for APIs
// that say state as lists of ids (the Google Reader API).
type Sets struct {
	Unread, Starred []string
}

// Page is one part of a pull, saved as it arrives, so that a sync cut
// short keeps what it had.
type Page struct {
	Entries []Entry // new to brief
	States  []State // entries brief may know, as the server has them now
	Sets    *Sets
	// Cursor is the backend's position once this page is saved; "" keeps
	// the last one.
	Cursor string
}

// Backend is one server API.
type Backend interface {
	// Kind is config.SyncMiniflux or config.SyncGReader.
	Kind() string
	// Subscriptions lists every subscription of the account.
	Subscriptions(ctx context.Context) ([]Feed, error)
	// SubscriptionsEvery is how often Subscriptions is worth a request;
	// 0 means at every sync. New feeds arrive with their entries anyway.
	SubscriptionsEvery() time.Duration
	// Pull brings what changed on the server since cursor ("" the first
	// time), page by page. unknown picks, of entry ids, those brief has
	// never saved.
	Pull(ctx context.Context, cursor string, unknown func([]string) ([]string, error), page func(Page) error) error
	// Push sends changes made in brief.
	Push(ctx context.Context, changes []store.Change) error
}

// Options configure a Backend.
type Options struct {
	Kind, URL, User string
	Secret          string // the password or API token; never printed
	AppID, AppKey   string
	Timeout         time.Duration // each request; 0: config.DefaultSyncTimeout
	UserAgent       string
	// HTTPClient, when set, carries every request (tests count them);
	// Timeout is then the client's own business.
	HTTPClient *http.Client
}

// FromConfig makes Options from the [sync] table, reading the secret.
func FromConfig(s config.Sync, userAgent string) (Options, error) {
	secret, err := s.Secret()
	if err != nil {
		return Options{}, err
	}
	return Options{Kind: s.Kind, URL: s.URL, User: s.User, Secret: secret, AppID: s.AppID, AppKey: s.AppKey,
		Timeout: s.RequestTimeout(), UserAgent: userAgent}, nil
}

// New makes the Backend for o.Kind.
func New(o Options) (Backend, error) {
	if o.Secret == "" {
		return nil, errors.New("sync: no password or API token")
	}
	c := newClient(o)
	switch o.Kind {
	case config.SyncMiniflux:
		return &miniflux{c: c, page: minifluxPage}, nil
	case config.SyncGReader:
		if o.User == "" {
			return nil, errors.New("sync: the Google Reader API needs a user name")
		}
		return &greader{c: c, idsPage: grIDsPage, itemsPage: grItemsPage}, nil
	}
	return nil, fmt.Errorf("sync: unknown kind %q", o.Kind)
}
