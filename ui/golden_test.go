package ui

import (
	"fmt"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// TestGoldenScreens pins the screens at four sizes: 60×15 (list alone),
// 80×24 (list alone, article full width), 120×40 (list · preview) and
// 200×50 (sidebar · list · preview, article in a centred column).
// Update with: go test ./ui/ -run TestGoldenScreens -update
func TestGoldenScreens(t *testing.T) {
	st := sampleStore(t)
	for _, sz := range [][2]int{{60, 15}, {80, 24}, {120, 40}, {200, 50}} {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			d := newDriver(t, testOptions(st), sz[0], sz[1])
			t.Run("list", func(t *testing.T) { golden.RequireEqual(t, d.screen()) })
			d.key("j", "enter")
			t.Run("reader", func(t *testing.T) { golden.RequireEqual(t, d.screen()) })
			d.key("t")
			t.Run("tickers", func(t *testing.T) { golden.RequireEqual(t, d.screen()) })
			d.key("q", "?")
			t.Run("help", func(t *testing.T) { golden.RequireEqual(t, d.screen()) })
			d.key("esc", "f")
			t.Run("filter", func(t *testing.T) { golden.RequireEqual(t, d.screen()) })
			// Undo the read mark so the next size starts from the same store.
			d.key("esc", "m")
		})
	}
}
