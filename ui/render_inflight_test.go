package ui

import (
	"context"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// However fast the cursor moves, the reader renders one body at a time,
// and the one it shows is the one under the cursor.
func TestOneBodyRenderInFlight(t *testing.T) {
	st := sampleStore(t)
	m := New(testOptions(st))
	m.noTimers = true
	m.width, m.height = 120, 40
	m.relayout()
	ctx := context.Background()
	open := func(id int64) tea.Cmd {
		a, err := st.Article(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		ts, _ := st.ArticleTickers(ctx, id)
		_, cmd := m.Update(articleMsg{seq: m.articleSeq, art: a, tickers: ts})
		return cmd
	}
	first := open(1)
	if first == nil || len(m.rendering) != 1 {
		t.Fatalf("opening an article started %d renders", len(m.rendering))
	}
	for id := int64(2); id <= 6; id++ {
		open(id)
		if len(m.rendering) != 1 {
			t.Fatalf("after moving to article %d, %d renders are in flight", id, len(m.rendering))
		}
	}
	// The first render lands: the article now under the cursor is rendered
	// next, and shown when it lands.
	d := &driver{tb: t, m: m}
	d.run(first)
	if m.reader.id() != 6 || m.reader.body == "" || m.reader.bodyFor != m.bodyKey() || len(m.rendering) != 0 {
		t.Fatalf("after the renders: showing article %d, body %d bytes, %d in flight", m.reader.id(), len(m.reader.body), len(m.rendering))
	}
}
