package ui

import (
	"errors"

	tea "charm.land/bubbletea/v2"

	"github.com/linkstep/linkstep/flows"
)

// onIntent does what a screen of the home asked for.
func (a homeArea) onIntent(msg homeIntent) (homeArea, tea.Cmd) {
	switch msg := msg.(type) {
	case viewConnectionMsg:
		return a.viewConnection(msg.id)
	case refreshConnectionMsg:
		return a.act("refreshing the access token of "+msg.id, refreshConnection(a.ctx, a.conns, msg.id))
	case renewConnectionMsg:
		return a, send(showAreaMsg{id: areaJourney, then: startJourneyMsg{id: msg.journey, connection: msg.id}})
	case askForgetMsg:
		a.over, a.status = newForgetScreen(a.c, msg.summary), homeStatus{}
		return a, nil
	case forgetConnectionMsg:
		return a.act("forgetting "+msg.id, forgetConnection(a.ctx, a.conns, msg.id))
	case newConnectionMsg:
		return a, send(showAreaMsg{id: areaJourney, then: newJourneyMsg{}})
	case moveClockMsg:
		if a.clock == nil {
			return a, nil
		}
		return a, moveClock(a.clock, msg.by, msg.reset)
	case reloadConnectionsMsg:
		return a.load()
	}
	return a, nil
}

// act runs cmd, one action at a time, saying what runs in the header.
func (a homeArea) act(what string, cmd tea.Cmd) (homeArea, tea.Cmd) {
	if a.acting != "" {
		a.status = homeStatus{text: "one thing at a time: still " + a.acting}
		return a, nil
	}
	a.acting = what
	a, spin := a.spinOn()
	return a, tea.Batch(cmd, spin)
}

// viewConnection opens the view of the connection with the id, or reads it again when it is
// open, and fetches its accounts.
func (a homeArea) viewConnection(id string) (homeArea, tea.Cmd) {
	fetch := viewConnection(a.ctx, a.conns, id)
	if v, ok := a.over.(connectionScreen); ok && v.summary.ID == id {
		return a, fetch // r on the view: it shows its own spinner
	}
	for _, sum := range a.list.summaries() {
		if sum.ID == id {
			s, spin := newConnectionScreen(a.c, sum)
			a.over, a.status = s, homeStatus{}
			return a, tea.Batch(fetch, spin)
		}
	}
	return a, nil
}

// onListed shows the connections read, or why they could not be. The first time, a home with
// nothing to show gives way to the journey picker.
func (a homeArea) onListed(msg connectionsListedMsg) (homeArea, tea.Cmd) {
	if msg.gen != a.gen {
		return a, nil // an older listing, overtaken
	}
	first := !a.listed
	a.listed, a.loading, a.stamp = true, false, msg.stamp
	if msg.err != nil {
		a.list = a.list.failed(msg.err)
		return a, nil
	}
	a.list = a.list.withList(msg.list)
	if first && len(msg.list) == 0 && a.shown {
		return a, send(showAreaMsg{id: areaJourney})
	}
	return a, nil
}

// onRefreshed shows the connection's new access-token expiry, or why it was not renewed.
func (a homeArea) onRefreshed(msg connectionRefreshedMsg) (homeArea, tea.Cmd) {
	a.acting = ""
	if errors.Is(msg.err, flows.ErrNoConnection) {
		return a.goneElsewhere(msg.id)
	}
	if msg.err != nil {
		a.status = homeStatus{text: "could not refresh " + msg.id + ": " + describe(msg.err), bad: true}
		return a, nil
	}
	a.list = a.list.with(msg.summary)
	a.status = homeStatus{text: "refreshed " + msg.id + ": the access token " + accessText(msg.summary, a.c.now())}
	return a, nil
}

// onViewed gives the view its accounts, and the list the fresher summary that came with them.
func (a homeArea) onViewed(msg connectionViewedMsg) (homeArea, tea.Cmd) {
	if msg.err == nil {
		a.list = a.list.with(msg.view.Summary)
	}
	if v, ok := a.over.(connectionScreen); ok && v.summary.ID == msg.id {
		return a.updateTop(msg)
	}
	return a, nil
}

// goneElsewhere reads the connections again when one the list still showed is no longer
// stored: another linkstep forgot it meanwhile.
func (a homeArea) goneElsewhere(id string) (homeArea, tea.Cmd) {
	a.list = a.list.without(id)
	a.status = homeStatus{text: id + " is no longer stored (forgotten elsewhere, by another linkstep?): the list is read again", bad: true}
	return a.load()
}

// onForgotten closes the confirmation, says what was done and reads the connections again.
func (a homeArea) onForgotten(msg connectionForgottenMsg) (homeArea, tea.Cmd) {
	a.acting = ""
	if f, ok := a.over.(forgetScreen); ok && f.summary.ID == msg.id {
		a.over = nil
	}
	switch {
	case errors.Is(msg.err, flows.ErrNoConnection):
		return a.goneElsewhere(msg.id)
	case msg.err != nil:
		a.status = homeStatus{text: "forget " + msg.id + ": " + describe(msg.err), bad: true}
	case msg.revoked:
		a.list = a.list.without(msg.id)
		a.status = homeStatus{text: "forgot " + msg.id + ": revoked at the provider, its tokens deleted, its entry removed"}
	default:
		a.list = a.list.without(msg.id)
		a.status = homeStatus{text: "forgot " + msg.id + ": its tokens deleted, its entry removed (nothing to revoke)"}
	}
	return a.load()
}

// onClockMoved says where the demo clock is and reads the connections again, as of then.
func (a homeArea) onClockMoved(msg clockMovedMsg) (homeArea, tea.Cmd) {
	if msg.offset == 0 {
		a.status = homeStatus{text: "the clock is back to the real time"}
	} else {
		a.status = homeStatus{text: "the clock runs " + offsetText(msg.offset) + " ahead of the real time: consents age with it"}
	}
	return a.load()
}

// highlighted is the connection the home is about: the one on show, or the one highlighted.
func (a homeArea) highlighted() (flows.ConnectionSummary, bool) {
	switch s := a.over.(type) {
	case connectionScreen:
		return s.summary, true
	case forgetScreen:
		return s.summary, true
	}
	return a.list.selected()
}
