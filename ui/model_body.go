package ui

import tea "charm.land/bubbletea/v2"

// routeKey scrolls the body when k is one of its keys and the active area's view overflows,
// and routes k to the active area otherwise.
func (m Model) routeKey(k tea.KeyPressMsg) (Model, tea.Cmd) {
	a := m.areas.current()
	arrows := false
	if u, ok := a.(arrowUser); ok {
		arrows = u.usesArrows()
	}
	if !m.body.wants(k, arrows, a.typing()) {
		return m.route(k) // most keys: no need to draw the view to know
	}
	if b, ok := m.body.scroll(k, a.view(), m.com.width, m.com.height); ok {
		m.body = b
		return m, nil
	}
	return m.route(k)
}

// followBody starts the body at the top when another screen is shown and, after input, keeps
// in sight what has focus on the active screen.
func (m Model) followBody(input bool) Model {
	a := m.areas.current()
	m.body = m.body.follow(a.title())
	if !input {
		return m
	}
	if f, ok := a.(focuser); ok {
		if first, last, ok := f.focusLines(); ok {
			m.body = m.body.show(a.view(), m.com.width, m.com.height, first, last)
		}
	}
	return m
}
