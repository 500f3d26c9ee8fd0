// Command floor is the floor of bench/firstframe: a program that links the
// same terminal libraries as brief and draws only the counter the script
// waits for. Built with -tags noglamour it leaves glamour out.
//
//	go build -o /tmp/floor ./bench/floor
//	bench/firstframe /tmp/floor /path/to/100k.db 9
package main

import (
	"os"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

type model struct{}

func (model) Init() tea.Cmd { return nil }

func (model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && (k.String() == "Q" || k.String() == "q") {
		return model{}, tea.Quit
	}
	return model{}, nil
}

func (model) View() tea.View {
	v := tea.NewView(lipgloss.NewStyle().Bold(true).Render("1/100000"))
	v.AltScreen = true
	return v
}

func main() {
	// The script first asks how many articles the database holds.
	for _, a := range os.Args {
		if a == "--count" {
			os.Stdout.WriteString("100000\n")
			return
		}
	}
	if _, err := tea.NewProgram(model{}).Run(); err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		os.Exit(1)
	}
}
