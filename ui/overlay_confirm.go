package ui

import (
	tea "charm.land/bubbletea/v2"
)

// confirmOverlay asks a yes/no question; y runs yes, any other key
// withdraws it and says so.
type confirmOverlay struct {
	question string
	yes      func(m *model) tea.Cmd
	no       string // what is said when the answer is no
}

func (c *confirmOverlay) title() string { return "Confirm" }
func (c *confirmOverlay) boxWidth() int { return 60 }
func (c *confirmOverlay) hint() string  { return "y yes · n or esc no" }

func (c *confirmOverlay) lines(m *model, w int) ([]string, int) {
	return wrapHanging(c.question, "", w), -1
}

func (c *confirmOverlay) key(m *model, msg tea.KeyPressMsg) (tea.Cmd, bool, bool) {
	switch msg.String() {
	case "y", "Y":
		m.closeOverlay()
		return c.yes(m), true, true
	case "j", "k", "down", "up":
		return nil, false, false // a long question scrolls
	}
	return m.setFlash(c.no, false), true, true
}
