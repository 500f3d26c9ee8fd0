package ui

import (
	"context"
	"testing"

	tea "charm.land/bubbletea/v2"

	"brief/store"
)

// TestPreviewFollowsCursor: with the reader pane beside the list, the pane
// shows the article under the cursor as it moves, keys stay with the list,
// and nothing is marked read until enter.
func TestPreviewFollowsCursor(t *testing.T) {
	st := sampleStore(t)
	d := newDriver(t, testOptions(st), 120, 40)
	d.wantScreen("1/17", "Lena Marchetti", "Summary")
	d.key("j")
	d.wantScreen("2/17", "Alibaba Cloud Revenue Jumps 34%", "Summary")
	d.key("j") // still the list's key
	d.wantScreen("3/17", "17 unread")
	if n, err := st.Count(context.Background(), store.Query{Unread: true}); err != nil || n != 17 {
		t.Fatalf("unread = %d, %v after previews; want 17", n, err)
	}
	// The chips' keys are the reader's: a preview does not offer them.
	d.noScreen("←/→ select")
	d.key("enter")
	d.wantScreen("16 unread", "Tickers (←/→ select, enter lists its articles)")
	d.key("q")
	d.noScreen("←/→ select")
}

// TestPreviewFollowsNewList: the preview follows the list to a new query,
// after an article was opened too.
func TestPreviewFollowsNewList(t *testing.T) {
	d := newDriver(t, testOptions(sampleStore(t)), 120, 40)
	d.key("/")
	d.typeText("Tencent")
	d.key("enter")
	d.wantScreen("Tencent's Domestic Games Revenue Rises 19%")
	if d.m.reader.art == nil || d.m.reader.art.Title[:7] != "Tencent" {
		t.Fatalf("reader shows %+v after the search, want the first result", d.m.reader.art)
	}
	d.key("esc", "esc")
	d.wantScreen("1/17")
	if d.m.reader.art == nil || d.m.reader.art.Title[:12] != "Thanksgiving" {
		t.Fatalf("reader shows %q back on the full list, want its first article", d.m.reader.art.Title)
	}
	d.key("j", "enter", "q") // open Alibaba, back to the list
	d.key("/")
	d.typeText("Tencent")
	d.key("enter")
	if d.m.reader.art == nil || d.m.reader.art.Title[:7] != "Tencent" {
		t.Fatalf("reader shows %q after a search, want the first result", d.m.reader.art.Title)
	}
}

// TestPreviewOnlyWhereTheCursorStops: moves within previewDelay of each
// other load only the last article.
func TestPreviewOnlyWhereTheCursorStops(t *testing.T) {
	d := newDriver(t, testOptions(sampleStore(t)), 120, 40)
	d.m.noTimers = false
	_, first := d.m.Update(keyPress("j"))
	_, second := d.m.Update(keyPress("j"))
	tick := func(cmd tea.Cmd) (previewTickMsg, bool) {
		for _, msg := range messages(cmd) {
			if p, ok := msg.(previewTickMsg); ok {
				return p, true
			}
		}
		return previewTickMsg{}, false
	}
	t1, ok1 := tick(first)
	t2, ok2 := tick(second)
	if !ok1 || !ok2 {
		t.Fatal("moving the cursor set no preview timer")
	}
	if _, cmd := d.m.Update(t1); cmd != nil {
		t.Error("the first timer loaded an article the cursor had left")
	}
	_, cmd := d.m.Update(t2)
	msgs := messages(cmd)
	if len(msgs) != 1 {
		t.Fatalf("the last timer gave %d messages, want the article", len(msgs))
	}
	am, ok := msgs[0].(articleMsg)
	if !ok || am.art.Title[:3] != "PDD" {
		t.Fatalf("loaded %#v, want the third article", msgs[0])
	}
}

// TestNoPreviewInOnePane: on a narrow terminal the reader is not on
// screen, so moving the cursor loads nothing into it.
func TestNoPreviewInOnePane(t *testing.T) {
	d := newDriver(t, testOptions(sampleStore(t)), 70, 24)
	before := d.m.reader.id()
	d.key("j", "j")
	d.wantScreen("3/17")
	if got := d.m.reader.id(); got != before {
		t.Fatalf("reader went from article %d to %d on a one-pane screen", before, got)
	}
}
