package ui

import (
	"errors"
	"fmt"

	"github.com/linkstep/linkstep/flows"
)

// journeyInfo is what the picker shows of a journey: plain data, so listing the journeys
// never needs one built.
type journeyInfo struct{ id, provider, title, summary string }

// catalog is the journeys on offer: what the picker lists, in order, and how to build the
// journey to run for an id.
type catalog struct {
	infos []journeyInfo
	build func(id string) (flows.Journey, error)
}

// catalogOf adapts the Config's journey infos and builder to a catalog.
func catalogOf(infos []flows.Info, build func(id string) (flows.Journey, error)) catalog {
	c := catalog{infos: make([]journeyInfo, len(infos)), build: build}
	for i, j := range infos {
		c.infos[i] = journeyInfo{id: j.ID, provider: j.Provider, title: j.Title, summary: j.Summary}
	}
	if c.build == nil {
		c.build = func(id string) (flows.Journey, error) { return nil, errNoBuilder }
	}
	return c
}

// errNoBuilder answers a start when the UI was given no way to build journeys.
var errNoBuilder = errors.New("this UI was started without a way to build journeys")

// info returns the info of the journey with the id.
func (c catalog) info(id string) journeyInfo {
	for _, j := range c.infos {
		if j.id == id {
			return j
		}
	}
	return journeyInfo{id: id, title: id}
}

// journey builds the journey with the id, saying which one could not be built.
func (c catalog) journey(id string) (flows.Journey, error) {
	j, err := c.build(id)
	if err != nil {
		return nil, fmt.Errorf("%s cannot start here: %w", c.info(id).title, err)
	}
	return j, nil
}
