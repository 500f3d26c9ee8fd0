package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRealFeedsCorpus runs brief over the real-world feeds kept beside the
// repository (feedparser's ill-formed and encoding cases, a Nasdaq and an
// SEC EDGAR capture), read in place: every file either parses or fails on
// its own with a clear error, and nothing printed afterwards carries a
// control character.
func TestRealFeedsCorpus(t *testing.T) {
	root := filepath.Join("..", "shared", "corpus")
	if _, err := os.Stat(root); err != nil {
		// The corpus lives beside the checkout, not in it; the feed and
		// xmlprep packages read it the same way.
		t.Skipf("no shared corpus at %s", root)
	}
	var files []string
	filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".xml") || strings.HasSuffix(path, ".rdf")) {
			abs, _ := filepath.Abs(path)
			files = append(files, abs)
		}
		return nil
	})
	if len(files) < 300 {
		t.Fatalf("found only %d corpus files", len(files))
	}
	e := newEnv(t)
	var cfg strings.Builder
	for _, f := range files {
		fmt.Fprintf(&cfg, "[[feed]]\nurl = %q\n\n", f)
	}
	e.writeConfig(cfg.String())
	_, errs, code := e.run("--offline", "fetch")
	if code != 0 {
		t.Fatalf("fetch over the corpus: exit %d\n%s", code, errs)
	}
	failed := strings.Count(errs, "✗ ")
	if failed > len(files)/10 {
		t.Errorf("%d of %d corpus feeds failed:\n%s", failed, len(files), errs)
	}
	t.Logf("%d corpus feeds, %d failed", len(files), failed)
	// Every article, not one per story: the test suites repeat the same
	// few example entries, which group.
	recs := e.listJSON("--limit", "0", "--copies")
	if len(recs) < 150 {
		t.Fatalf("only %d articles from the corpus", len(recs))
	}
	outputs := []string{errs, e.mustRun("list", "--limit", "0"), e.mustRun("list", "--limit", "0", "--copies"), e.mustRun("stories", "--since", "100000d"), e.mustRun("feeds", "ls")}
	for _, r := range recs {
		outputs = append(outputs, e.mustRun("show", "--keep-unread", fmt.Sprint(r.ID)))
	}
	for _, s := range outputs {
		for i, c := range s {
			if badRune(c) {
				t.Fatalf("control character %U at byte %d in:\n%q", c, i, s)
			}
		}
	}
	// The Nasdaq capture tags its article through nasdaq:tickers.
	if got := e.listJSON("--ticker", "AAPL", "--limit", "0"); len(got) == 0 {
		t.Error("the Nasdaq capture's nasdaq:tickers did not tag AAPL")
	}
}
