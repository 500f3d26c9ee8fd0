package config

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func bigOPML(n int) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>`)
	for i := range n {
		fmt.Fprintf(&b, `<outline type="rss" text="Feed %d" xmlUrl="https://h%d.example/feed%d.xml" category="t%d"/>`, i, i%100, i, i%7)
	}
	b.WriteString(`</body></opml>`)
	return b.String()
}

// Importing grows with the number of feeds, not its square: each added
// feed used to normalise every subscribed URL again, and 10,000 feeds
// took four minutes. The bound is far above the linear cost.
func TestImportTenThousandFeeds(t *testing.T) {
	doc := bigOPML(10000)
	start := time.Now()
	res, err := Import(strings.NewReader(doc), "big.opml")
	if err != nil {
		t.Fatal(err)
	}
	var c Config
	c.Exists = true
	added, errs := c.AddFeeds(res.Feeds)
	if added != 10000 || len(errs) != 0 {
		t.Fatalf("added %d, %d refused", added, len(errs))
	}
	if took := time.Since(start); took > 20*time.Second {
		t.Fatalf("importing 10,000 feeds took %s", took)
	}
	// Importing the same list again adds nothing, each refusal naming the
	// feed already there.
	if again, errs := c.AddFeeds(res.Feeds); again != 0 || len(errs) != 10000 {
		t.Fatalf("second import added %d, refused %d", again, len(errs))
	}
}

// BenchmarkImport10k parses a 10,000-feed OPML and subscribes to all of
// it, as `brief import` does before saving.
func BenchmarkImport10k(b *testing.B) {
	doc := bigOPML(10000)
	for b.Loop() {
		res, err := Import(strings.NewReader(doc), "big.opml")
		if err != nil {
			b.Fatal(err)
		}
		var c Config
		c.Exists = true
		if added, _ := c.AddFeeds(res.Feeds); added != 10000 {
			b.Fatalf("added %d", added)
		}
	}
}
