package ui

import "github.com/linkstep/linkstep/flows"

// journeyInfo is what the picker shows of a journey: plain data, so listing the journeys
// never needs one built.
type journeyInfo struct{ id, provider, title, summary string }

// catalog is the journeys on offer: what the picker lists, in order, and how to get the
// journey to run for an id.
type catalog struct {
	infos []journeyInfo
	build func(id string) (flows.Journey, bool)
}

// catalogOf adapts journeys that are already built, as ui.Config gives them, to a catalog.
func catalogOf(journeys []flows.Journey) catalog {
	infos := make([]journeyInfo, len(journeys))
	byID := make(map[string]flows.Journey, len(journeys))
	for i, j := range journeys {
		infos[i] = journeyInfo{id: j.ID(), provider: j.Provider(), title: j.Title(), summary: j.Summary()}
		if _, dup := byID[j.ID()]; !dup {
			byID[j.ID()] = j
		}
	}
	return catalog{infos: infos, build: func(id string) (flows.Journey, bool) {
		j, ok := byID[id]
		return j, ok
	}}
}
