package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/linkstep/linkstep/providers/transcript"
)

// exchange is one HTTP exchange of a journey run, kept for the inspector with the step that
// made it.
type exchange struct {
	seq   int    // its place in the run, from 1; stays the same when older ones are dropped
	step  string // the title of the step in progress when it arrived
	entry transcript.Entry
}

// exchangesMsg is the journey run's exchanges as they stand, sent by the journey area to the
// inspector whenever they change and when a run starts.
type exchangesMsg struct {
	run       int    // the run they belong to
	journey   string // its id, e.g. "truelayer/signup-plus"; "" before any run
	exchanges []exchange
	total     int // how many the run made, the dropped ones included
}

// publishExchanges tells the inspector what the run's exchanges are now.
func (a journeyArea) publishExchanges() tea.Cmd {
	msg := exchangesMsg{run: a.run.id, exchanges: a.run.exchanges, total: a.run.exchangeCount}
	if a.run.journey != nil {
		msg.journey = a.run.journey.Info().ID
	}
	return send(msg)
}
