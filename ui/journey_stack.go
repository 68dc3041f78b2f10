package ui

import (
	"slices"

	tea "charm.land/bubbletea/v2"
)

// top is the active screen.
func (a journeyArea) top() screen { return a.stack[len(a.stack)-1] }

// updateScreen passes msg to the active screen.
func (a journeyArea) updateScreen(msg tea.Msg) (journeyArea, tea.Cmd) {
	top, cmd := a.top().update(msg)
	a.stack = append(slices.Clone(a.stack[:len(a.stack)-1]), top)
	return a, cmd
}

// show makes s the only screen.
func (a journeyArea) show(s screen) journeyArea {
	a.stack = []screen{s.resize(a.c)}
	return a
}

// push puts s over the active screen.
func (a journeyArea) push(s screen) journeyArea {
	a.stack = append(slices.Clone(a.stack), s.resize(a.c))
	return a
}

// pop closes the active screen when another is under it.
func (a journeyArea) pop() journeyArea {
	if len(a.stack) > 1 {
		a.stack = slices.Clone(a.stack[:len(a.stack)-1])
	}
	return a
}
