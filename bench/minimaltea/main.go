// Command minimaltea is the smallest Bubble Tea v2 program that draws a frame: bench/run.sh
// measures linkstep's start to its first frame against it.
package main

import (
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"
)

// model draws one line and quits on any key.
type model struct{}

func (model) Init() tea.Cmd { return nil }

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(tea.KeyPressMsg); ok {
		return m, tea.Quit
	}
	return m, nil
}

func (model) View() tea.View {
	v := tea.NewView("minimal-bubble-tea-ready")
	v.AltScreen = true
	return v
}

func main() {
	if _, err := tea.NewProgram(model{}).Run(); err != nil {
		fmt.Fprintln(os.Stderr, "minimaltea:", err)
		os.Exit(1)
	}
}
