package ui

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// The first read of a list is one screenful, the terminal's size arriving
// while it is on its way does not start a second read that would drop
// it, and the full page follows once the first is shown.
func TestFirstPageIsOneScreenfulAndNotReadTwice(t *testing.T) {
	// More articles than a screenful, fewer than a full page.
	st := manyFeedsStore(t, 120, func(i int) string { return fmt.Sprintf("Feed %03d", i+1) })
	m := New(testOptions(st))
	m.noTimers = true
	m.width, m.height = 120, 40
	m.relayout()
	rows := m.list.rowsVisible()
	init := m.Init()
	if !m.list.loading || m.list.pendingOff != 0 || m.list.pendingLim != rows+1 {
		t.Fatalf("first read: loading %v, offset %d, limit %d; want rows [0, %d)", m.list.loading, m.list.pendingOff, m.list.pendingLim, rows+1)
	}
	seq := m.pageSeq
	// The size comes before the page, as it does from a real terminal.
	if _, cmd := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40}); cmd != nil && m.pageSeq != seq {
		t.Fatalf("the window size started a second read (seq %d → %d) while the first was on its way", seq, m.pageSeq)
	}
	d := &driver{tb: t, m: m}
	d.run(init)
	if got := len(m.list.page); got != 120 || m.list.count() != 120 {
		t.Fatalf("after the first frame the list holds %d rows of %d; want all 120 (a full page)", got, m.list.count())
	}
	if !m.feedsLoaded {
		t.Fatal("the feeds were never read after the first page")
	}
}

// A prepared reader has its first page on the way before it runs, and
// one given up before it runs stops reading: the read ends and the store
// can close.
func TestPreparedReaderReadsFirstAndDiscardEnds(t *testing.T) {
	st := manyFeedsStore(t, 30, func(i int) string { return fmt.Sprintf("Feed %03d", i+1) })

	p := Prepare(testOptions(st))
	if !p.m.list.loading || p.m.firstPage == nil {
		t.Fatal("Prepare did not start the first read")
	}
	msg, ok := p.m.firstPage().(pageMsg)
	if !ok || msg.err != nil || len(msg.arts) == 0 || msg.total != 30 {
		t.Fatalf("first page = %+v, want rows of 30 articles", msg)
	}
	p.Discard()

	q := Prepare(testOptions(st))
	q.Discard()
	if q.m.ctx.Err() == nil {
		t.Fatal("Discard left the context of the reader's reads live")
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- q.m.firstPage() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the first read of a discarded reader never ended")
	}
	if err := st.Close(); err != nil {
		t.Fatalf("closing the store after a discarded reader: %v", err)
	}
}
