package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"
)

// showAreaMsg asks the root to make the area id the active one, then to deliver then (when
// not nil) to the areas: the home starts a journey this way.
type showAreaMsg struct {
	id   areaID
	then tea.Msg
}

// areaShownMsg tells every area that the area id became the active one.
type areaShownMsg struct{ id areaID }

// areasFor builds the areas of cfg: the journey area, the HTTP inspector, and the connections
// home when cfg has connections to list; the home is then active first (unless cfg says nothing
// is stored), and gives way to the picker when it finds nothing stored.
func areasFor(ctx context.Context, c common, cfg Config) router {
	j := newJourneyArea(ctx, c, catalogOf(cfg.Journeys, cfg.Journey))
	ins := newInspectorArea(c, cfg)
	if cfg.Connections == nil {
		return newRouter(j, ins)
	}
	j.home = true
	home := newHomeArea(ctx, c, cfg.Connections, cfg.Clock, cfg.Environment)
	if cfg.NothingStored {
		return newRouter(j, ins, home).show(areaJourney)
	}
	return newRouter(j, ins, home).show(areaHome)
}

// showArea makes the area of msg the active one, tells the areas, and delivers msg.then.
func (m Model) showArea(msg showAreaMsg) (Model, tea.Cmd) {
	if !m.areas.has(msg.id) {
		return m, nil
	}
	m.areas = m.areas.show(msg.id)
	m = m.relayout() // the new area's keys may take more or fewer lines
	m, shown := m.route(areaShownMsg{id: msg.id})
	if msg.then == nil {
		return m, shown
	}
	m, then := m.route(msg.then)
	return m, tea.Batch(shown, then)
}
