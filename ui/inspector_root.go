package ui

import tea "charm.land/bubbletea/v2"

// openInspectorMsg tells the inspector it was opened from the area from, to return there.
type openInspectorMsg struct{ from areaID }

// openInspector shows the HTTP inspector over the active area, which keeps its place.
func (m Model) openInspector() (Model, tea.Cmd) {
	return m.showArea(showAreaMsg{id: areaInspector, then: openInspectorMsg{from: m.areas.active}})
}

// chrome is what the active area has to say in the header and the status line. The inspector
// shows the journey's (its step and its news keep arriving underneath), with its own status
// and counter when it has something to say.
func (m Model) chrome() chrome {
	ch := m.areas.current().chrome()
	if m.areas.active != areaInspector || !m.areas.has(areaJourney) {
		return ch
	}
	under := m.areas.get(areaJourney).chrome()
	if ch.status != "" {
		under.status = ch.status
	}
	under.counter = ch.counter
	return under
}
