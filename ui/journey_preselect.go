package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/linkstep/linkstep/flows"
)

// startWith runs j with the stored connection chosen on the home (connection; "" for none): when
// the journey asks which connection to work on, the area answers for the user.
func (a journeyArea) startWith(j flows.Journey, connection string) (journeyArea, tea.Cmd) {
	a, cmd := a.start(j)
	if a.run.active {
		a.run.preselect = connection
	}
	return a, cmd
}

// answerPreselected answers a flows.ChooseConnection with the connection chosen on the home,
// without showing the chooser, when the journey offers it and it is usable; it reports whether
// it did. It answers once: going back to the question shows the chooser.
func (a journeyArea) answerPreselected(msg askMsg) (journeyArea, bool) {
	id := a.run.preselect
	p, ok := msg.prompt.(flows.ChooseConnection)
	if id == "" || !ok {
		return a, false
	}
	a.run.preselect = ""
	for _, c := range p.Connections {
		if c.ID != id {
			continue
		}
		if !c.Usable {
			why := c.Why
			if why == "" {
				why = "the journey cannot use it"
			}
			a.run.setStatus(statusLine{text: "connection " + id + " cannot be used: " + why, warn: true})
			return a, false
		}
		msg.reply <- reply{answer: flows.ConnectionChoice{ID: id}} // buffered: never blocks
		return a, true
	}
	a.run.setStatus(statusLine{text: "connection " + id + " is not offered here: choose one", warn: true})
	return a, false
}
