package minifluxtest

import (
	"context"
	"fmt"
	"net/url"
	"strings"
)

// User is a Miniflux account made for one test.
type User struct {
	s        *Server
	ID       int64
	Name     string
	Password string
	// GReaderUser and GReaderPassword log in to the Google Reader API,
	// once EnableGReader has run.
	GReaderUser, GReaderPassword string
}

// NewUser creates a Miniflux user; name must be new on the server.
func (s *Server) NewUser(ctx context.Context, name, password string) (*User, error) {
	var u struct {
		ID int64 `json:"id"`
	}
	err := s.API(ctx, AdminUser, s.AdminPassword, "POST", "/v1/users",
		map[string]any{"username": name, "password": password}, &u)
	if err != nil {
		return nil, err
	}
	return &User{s: s, ID: u.ID, Name: name, Password: password}, nil
}

// EnableGReader turns on the user's Google Reader API with its own user
// name and password, as Miniflux's settings page does (the password is
// kept as a bcrypt hash).
func (u *User) EnableGReader(ctx context.Context, user, password string) error {
	if strings.ContainsAny(user+password, "'\\") {
		return fmt.Errorf("minifluxtest: quotes in a Google Reader user or password")
	}
	err := u.s.SQL(ctx, fmt.Sprintf(`UPDATE integrations SET googlereader_enabled = true,
		googlereader_username = '%s', googlereader_password = crypt('%s', gen_salt('bf'))
		WHERE user_id = %d`, user, password, u.ID))
	if err != nil {
		return err
	}
	u.GReaderUser, u.GReaderPassword = user, password
	return nil
}

// API calls the REST API as this user.
func (u *User) API(ctx context.Context, method, path string, in, out any) error {
	return u.s.API(ctx, u.Name, u.Password, method, path, in, out)
}

// Category creates a category and returns its ID.
func (u *User) Category(ctx context.Context, title string) (int64, error) {
	var c struct {
		ID int64 `json:"id"`
	}
	err := u.API(ctx, "POST", "/v1/categories", map[string]any{"title": title}, &c)
	return c.ID, err
}

// Subscribe subscribes to feedURL in a category (0: the user's first) and
// returns the feed's ID; Miniflux fetches it at once.
func (u *User) Subscribe(ctx context.Context, feedURL string, category int64) (int64, error) {
	in := map[string]any{"feed_url": feedURL}
	if category != 0 {
		in["category_id"] = category
	}
	var f struct {
		ID int64 `json:"feed_id"`
	}
	err := u.API(ctx, "POST", "/v1/feeds", in, &f)
	return f.ID, err
}

// Refresh makes Miniflux fetch a feed again, now.
func (u *User) Refresh(ctx context.Context, feedID int64) error {
	return u.API(ctx, "PUT", fmt.Sprintf("/v1/feeds/%d/refresh", feedID), nil, nil)
}

// Entry is what the tests read of a Miniflux entry.
type Entry struct {
	ID      int64  `json:"id"`
	FeedID  int64  `json:"feed_id"`
	Title   string `json:"title"`
	URL     string `json:"url"`
	Status  string `json:"status"`
	Starred bool   `json:"starred"`
}

// Entries lists all the user's entries, oldest first, filtered by query
// (e.g. "status=unread"; "" for all).
func (u *User) Entries(ctx context.Context, query string) ([]Entry, error) {
	q, err := url.ParseQuery(query)
	if err != nil {
		return nil, err
	}
	q.Set("limit", "1000") // the most Miniflux gives at once
	q.Set("order", "id")
	q.Set("direction", "asc")
	var all []Entry
	for {
		q.Set("offset", fmt.Sprint(len(all)))
		var page struct {
			Total   int     `json:"total"`
			Entries []Entry `json:"entries"`
		}
		if err := u.API(ctx, "GET", "/v1/entries?"+q.Encode(), nil, &page); err != nil {
			return nil, err
		}
		all = append(all, page.Entries...)
		if len(page.Entries) == 0 || len(all) >= page.Total {
			return all, nil
		}
	}
}

// SetStatus marks entries "read" or "unread" on the server.
func (u *User) SetStatus(ctx context.Context, status string, ids ...int64) error {
	return u.API(ctx, "PUT", "/v1/entries", map[string]any{"entry_ids": ids, "status": status}, nil)
}

// SetStarred stars or unstars entries on the server.
func (u *User) SetStarred(ctx context.Context, starred bool, ids ...int64) error {
	return u.API(ctx, "PUT", "/v1/entries", map[string]any{"entry_ids": ids, "starred": starred}, nil)
}
