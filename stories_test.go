package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// serveForms serves the same briefing in four feed forms (RSS with HTML,
// Atom, JSON Feed, RSS with plain text) at /feed/<form>, and the Atom form
// again at /late for a fifth feed.
func serveForms(t *testing.T) *httptest.Server {
	t.Helper()
	types := map[string]string{
		"html.rss": "application/rss+xml", "html.atom": "application/atom+xml",
		"html.json": "application/feed+json", "text.rss": "application/rss+xml",
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/feed/")
		if r.URL.Path == "/late" {
			name = "html.atom"
		}
		body, err := os.ReadFile(filepath.Join("ingest", "testdata", "forms", name))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", types[name])
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestOneStoryFromFourFeedForms: one article through four feeds is one
// story with four sources; showing it reads all four; a fifth copy that
// arrives later joins it read.
func TestOneStoryFromFourFeedForms(t *testing.T) {
	e := newEnv(t)
	srv := serveForms(t)
	var cfg strings.Builder
	for i, form := range []string{"html.rss", "html.atom", "html.json", "text.rss"} {
		fmt.Fprintf(&cfg, "[[feed]]\nurl = %q\ntitle = \"Form %d\"\n\n", srv.URL+"/feed/"+form, i+1)
	}
	e.writeConfig(cfg.String())
	e.mustRun("fetch")

	recs := e.listJSON()
	if len(recs) != 1 || recs[0].Sources != 4 || recs[0].Story != recs[0].ID {
		t.Fatalf("list --json = %+v; want one story with 4 sources, headed by itself", recs)
	}
	copies := e.listJSON("--copies")
	if len(copies) != 4 {
		t.Fatalf("list --copies: %d records, want 4", len(copies))
	}
	for _, c := range copies {
		if c.Story != recs[0].ID || c.Sources != 4 {
			t.Errorf("copy %d (%s): story %d sources %d; want %d and 4", c.ID, c.Feed, c.Story, c.Sources, recs[0].ID)
		}
	}
	var shown showRecord
	if err := json.Unmarshal([]byte(e.mustRun("show", fmt.Sprint(copies[2].ID), "--json")), &shown); err != nil {
		t.Fatal(err)
	}
	if len(shown.Copies) != 3 {
		t.Errorf("show --json names %d other copies, want 3", len(shown.Copies))
	}
	if n := len(e.listJSON("--copies", "--unread")); n != 0 {
		t.Fatalf("after showing one copy, %d copies are unread, want 0", n)
	}

	// A fifth feed carrying the same article later.
	fmt.Fprintf(&cfg, "[[feed]]\nurl = %q\ntitle = \"Late\"\n", srv.URL+"/late")
	e.writeConfig(cfg.String())
	e.mustRun("fetch")
	recs = e.listJSON()
	if len(recs) != 1 || recs[0].Sources != 5 || !recs[0].Read {
		t.Fatalf("after a fifth copy: %+v; want one read story of 5", recs)
	}
	if n := len(e.listJSON("--copies", "--unread")); n != 0 {
		t.Errorf("the late copy came in unread")
	}

	out := e.mustRun("stories", "--since", "100000h")
	if !strings.Contains(out, "5 src") {
		t.Errorf("stories does not show the five sources:\n%s", out)
	}
	if out := e.mustRun("list"); !strings.Contains(out, "(5 sources)") {
		t.Errorf("list does not mark the story:\n%s", out)
	}
}

// TestStoriesWindowOffThenOn: with [stories] window = "0" the four copies
// are four rows; with grouping on again, the next fetch groups them.
func TestStoriesWindowOffThenOn(t *testing.T) {
	e := newEnv(t)
	srv := serveForms(t)
	var cfg strings.Builder
	for i, form := range []string{"html.rss", "html.atom", "html.json", "text.rss"} {
		fmt.Fprintf(&cfg, "[[feed]]\nurl = %q\ntitle = \"Form %d\"\n\n", srv.URL+"/feed/"+form, i+1)
	}
	e.writeConfig(cfg.String() + "[stories]\nwindow = \"0\"\n")
	e.mustRun("fetch")
	if recs := e.listJSON(); len(recs) != 4 {
		t.Fatalf("grouping off: list --json has %d records, want the 4 copies", len(recs))
	}
	e.writeConfig(cfg.String())
	e.mustRun("fetch")
	if recs := e.listJSON(); len(recs) != 1 || recs[0].Sources != 4 {
		t.Fatalf("grouping on again: list --json = %+v, want one story with 4 sources", recs)
	}
}
