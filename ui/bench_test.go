package ui

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"brief/extract"
	"brief/render"
	"brief/store"
)

// benchDB is a 100,000-article database (2,000 feeds × 50 articles with
// short bodies), built once per test binary run and shared by the
// benchmarks.
var benchDB struct {
	once sync.Once
	dir  string
	path string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDB.dir != "" {
		os.RemoveAll(benchDB.dir)
	}
	if builtBin != "" {
		os.RemoveAll(filepath.Dir(builtBin))
	}
	os.Exit(code)
}

func bigStore(b *testing.B) *store.Store {
	b.Helper()
	benchDB.once.Do(func() {
		benchDB.dir, benchDB.err = os.MkdirTemp("", "brief-ui-bench")
		if benchDB.err != nil {
			return
		}
		benchDB.path = filepath.Join(benchDB.dir, "brief.db")
		benchDB.err = fillBig(benchDB.path)
	})
	if benchDB.err != nil {
		b.Fatal(benchDB.err)
	}
	st, err := store.Open(context.Background(), benchDB.path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

func fillBig(path string) error {
	ctx := context.Background()
	st, err := store.Open(ctx, path)
	if err != nil {
		return err
	}
	defer st.Close()
	syms := []string{"AAPL", "MSFT", "NVDA", "BABA", "TSLA", "JD", "AMZN", "META"}
	rng := rand.New(rand.NewPCG(1, 2))
	const feeds, per = 2000, 50
	var saves []store.FeedSave
	for f := range feeds {
		fd, err := st.EnsureFeed(ctx, fmt.Sprintf("https://feed%d.example/rss", f), fmt.Sprintf("Feed %d", f), nil)
		if err != nil {
			return err
		}
		arts := make([]store.NewArticle, per)
		for i := range arts {
			sym := syms[rng.IntN(len(syms))]
			arts[i] = store.NewArticle{
				GUIDKey:   fmt.Sprintf("%d-%d", f, i),
				Link:      fmt.Sprintf("https://feed%d.example/%d", f, i),
				Title:     fmt.Sprintf("%s shares move as quarter %d results land for feed %d", sym, i, f),
				Published: testNow.Add(-time.Duration(rng.IntN(60*24*30)) * time.Minute),
				Markdown:  "Short body about " + sym + ".",
				Tickers:   []store.Ticker{{Symbol: sym, Mentions: 1, Primary: true}},
			}
		}
		saves = append(saves, store.FeedSave{FeedID: fd.ID, OK: store.FetchOK{At: testNow}, Articles: arts})
		if len(saves) == 100 {
			for _, r := range st.SaveFetches(ctx, saves) {
				if r.Err != nil {
					return r.Err
				}
			}
			saves = saves[:0]
		}
	}
	return nil
}

// BenchmarkKeypressToFrame is the cost of one "j" in the article list
// with 100,000 articles in the store: Update and View, at 200×50. Page
// loads the key sets off run outside the timer, as they run outside the
// UI goroutine in the program.
func BenchmarkKeypressToFrame(b *testing.B) {
	st := bigStore(b)
	o := testOptions(st)
	d := newDriver(b, o, 200, 50)
	d.key("enter", "q") // read one, back to the list: the preview shows the cursor's article
	j := keyPress("j")
	times := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if d.m.list.cursor() >= d.m.list.count()-1 {
			b.StopTimer()
			d.key("g")
			b.StartTimer()
		}
		t0 := time.Now()
		_, cmd := d.m.Update(j)
		v := d.m.View()
		times = append(times, time.Since(t0))
		_ = v
		if cmd != nil {
			b.StopTimer()
			d.run(cmd)
			b.StartTimer()
		}
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Nanoseconds()), "ns/median")
	b.ReportMetric(float64(times[len(times)*99/100].Nanoseconds()), "ns/p99")
}

// longMarkdown is an article of about n words with headings and lists.
func longMarkdown(n int) string {
	words := strings.Fields("the company said revenue rose on strong demand for cloud services while margins narrowed as spending on data centers increased and analysts expect growth to continue into next year")
	rng := rand.New(rand.NewPCG(3, 4))
	var b strings.Builder
	count := 0
	for sec := 0; count < n; sec++ {
		fmt.Fprintf(&b, "## Section %d\n\n", sec)
		for p := 0; p < 4 && count < n; p++ {
			for w := 0; w < 80; w++ {
				b.WriteString(words[rng.IntN(len(words))])
				b.WriteByte(' ')
				count++
			}
			b.WriteString("\n\n")
		}
		b.WriteString("- **Revenue** rose 34% to $6.27 billion\n- Margins fell 210 bps\n\n")
		count += 10
	}
	return b.String()
}

// BenchmarkRenderFirst10kWords is the first render of a 10,000-word
// article: a fresh renderer, as when the reader opens it at a new width.
func BenchmarkRenderFirst10kWords(b *testing.B) {
	md := longMarkdown(10000)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		r := render.NewRenderer()
		if _, err := r.Render(md, 100, render.StyleDark); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderFullWidth10kWords is the first render of a 10,000-word
// article in the article view at 200×50: numbering its links and laying
// it out in the max_width column, with a fresh renderer.
func BenchmarkRenderFullWidth10kWords(b *testing.B) {
	d := newDriver(b, testOptions(sampleStore(b)), 200, 50)
	d.m.view = viewReader
	d.m.relayout()
	k := bodyKey{id: 1, width: d.m.reader.bodyWidth(), style: render.StyleDark}
	if k.width != 100 {
		b.Fatalf("article view body width %d, want 100", k.width)
	}
	md := longMarkdown(10000)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		msg := renderBody(render.NewRenderer(), k, md)().(bodyMsg)
		if msg.err != nil || msg.body == "" {
			b.Fatal(msg.err)
		}
	}
}

// BenchmarkOpenCached10kWords is showing the same article again at the
// same width and theme, in the article view at 200×50: the reader takes
// the body from its cache and lays out the card and viewport.
func BenchmarkOpenCached10kWords(b *testing.B) {
	d := newDriver(b, testOptions(sampleStore(b)), 200, 50)
	m := d.m
	m.view = viewReader
	m.relayout()
	art := store.Article{ID: 1, Title: "Long", FeedTitle: "Feed", Published: testNow, Markdown: longMarkdown(10000)}
	m.reader.open(art, extract.Briefing{}, false, nil)
	d.run(m.ensureBody()) // render once
	if m.reader.body == "" {
		b.Fatal("no body rendered")
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.reader.open(art, extract.Briefing{}, false, nil)
		if cmd := m.ensureBody(); cmd != nil {
			b.Fatal("cache missed")
		}
		m.frame = m.compose()
	}
}
