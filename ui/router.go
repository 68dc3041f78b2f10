package ui

import (
	"fmt"
	"slices"

	tea "charm.land/bubbletea/v2"
)

// areaID names an area of the UI; it is the area's index in the router.
type areaID int

const (
	areaJourney   areaID = iota // the picker and the screens of a journey run
	areaInspector               // the HTTP exchanges of the journey run
	areaHome                    // the stored connections; absent when there is no home
)

// String names the area.
func (id areaID) String() string {
	switch id {
	case areaJourney:
		return "journey"
	case areaInspector:
		return "inspector"
	case areaHome:
		return "home"
	default:
		return fmt.Sprintf("area(%d)", int(id))
	}
}

// router holds the areas and knows which one is active. Input (keys, pastes, the mouse) goes
// to the active area only; every other message goes to every area, so that a journey keeps
// running while another area has the keys.
type router struct {
	areas  []area // indexed by areaID
	active areaID
}

// newRouter returns a router over areas, given in areaID order, the first one active.
func newRouter(areas ...area) router {
	return router{areas: areas}
}

// current is the active area.
func (r router) current() area { return r.areas[r.active] }

// has reports whether the router holds the area id.
func (r router) has(id areaID) bool { return id >= 0 && int(id) < len(r.areas) }

// show makes the area id the active one, when the router holds it.
func (r router) show(id areaID) router {
	if r.has(id) {
		r.active = id
	}
	return r
}

// get is the area id.
func (r router) get(id areaID) area { return r.areas[id] }

// set replaces the area id with a.
func (r router) set(id areaID, a area) router {
	r.areas = slices.Clone(r.areas)
	r.areas[id] = a
	return r
}

// init starts every area.
func (r router) init() tea.Cmd {
	cmds := make([]tea.Cmd, len(r.areas))
	for i, a := range r.areas {
		cmds[i] = a.init()
	}
	return tea.Batch(cmds...)
}

// update routes msg: input to the active area, anything else to all of them.
func (r router) update(msg tea.Msg) (router, tea.Cmd) {
	if isInput(msg) {
		a, cmd := r.current().update(msg)
		return r.set(r.active, a), cmd
	}
	areas := make([]area, len(r.areas))
	cmds := make([]tea.Cmd, len(r.areas))
	for i, a := range r.areas {
		areas[i], cmds[i] = a.update(msg)
	}
	r.areas = areas
	return r, tea.Batch(cmds...)
}

// resize gives every area the body's size.
func (r router) resize(c common) router {
	areas := make([]area, len(r.areas))
	for i, a := range r.areas {
		areas[i] = a.resize(c)
	}
	r.areas = areas
	return r
}

// stop stops every area.
func (r router) stop() router {
	areas := make([]area, len(r.areas))
	for i, a := range r.areas {
		areas[i] = a.stop()
	}
	r.areas = areas
	return r
}

// running reports whether any area runs a journey, the active one or not.
func (r router) running() bool {
	for _, a := range r.areas {
		if a.running() {
			return true
		}
	}
	return false
}

// isInput reports whether msg comes from the user: it belongs to the active area alone.
func isInput(msg tea.Msg) bool {
	switch msg.(type) {
	case tea.KeyMsg, tea.MouseMsg, tea.PasteMsg, tea.PasteStartMsg, tea.PasteEndMsg:
		return true
	default:
		return false
	}
}
