package ui

import "charm.land/bubbles/v2/key"

// canGoHome reports whether h goes to the connections home now: there is one, no journey runs
// and no text input has focus (the picker, a journey's result or its failure).
func (a journeyArea) canGoHome() bool {
	return a.home && !a.run.active && !a.top().typing()
}

// withHomeKey adds the home key to a screen's short help when it applies.
func (a journeyArea) withHomeKey(keys []key.Binding) []key.Binding {
	if !a.canGoHome() {
		return keys
	}
	return append(keys, a.c.keys.Home)
}

// withHomeColumn adds the home key to a screen's full help when it applies.
func (a journeyArea) withHomeColumn(cols [][]key.Binding) [][]key.Binding {
	if !a.canGoHome() {
		return cols
	}
	return append(cols, []key.Binding{a.c.keys.Home})
}
