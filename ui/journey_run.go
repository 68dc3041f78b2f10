package ui

import (
	"context"
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/linkstep/linkstep/flows"
)

// runOutcome is how the last journey run went.
type runOutcome int

const (
	outcomeNone runOutcome = iota // no journey has run since the picker was shown
	outcomeRunning
	outcomeSucceeded
	outcomeFailed
)

// String names the outcome.
func (o runOutcome) String() string {
	switch o {
	case outcomeNone:
		return "none"
	case outcomeRunning:
		return "running"
	case outcomeSucceeded:
		return "succeeded"
	case outcomeFailed:
		return "failed"
	default:
		return fmt.Sprintf("outcome(%d)", int(o))
	}
}

// journeyRun is the journey in flight, or the last one: where it is, what it asks, what it
// said last and the HTTP exchanges it made.
type journeyRun struct {
	id          int
	journey     flows.Journey
	provider    string // shown in the header
	preselect   string // a stored connection chosen on the home, until the journey asks for one
	active      bool
	cancel      context.CancelFunc
	pending     *askMsg // the prompt on screen, until answered or withdrawn
	signingIn   bool    // a sign-in to the mock bank is in flight
	step        flows.StepStarted
	rail        rail // every step of the journey, for the step rail
	outcome     runOutcome
	status      statusLine // the latest progress or warning
	statusPhase int        // the phase status was set in
	// phase counts the turns between a prompt on screen and the journey at work: news of an
	// earlier phase was on an earlier screen.
	phase         int
	exchanges     []exchange // the latest maxExchanges, for the inspector
	exchangeCount int
	retry         retryState // the step being tried again, after the user chose retry
}

// setStatus makes s the latest news, of the phase now.
func (r *journeyRun) setStatus(s statusLine) { r.status, r.statusPhase = s, r.phase }

// dropSeenStatus forgets news of an earlier phase: an earlier screen showed it, and it would
// go stale on the next one (a link's "waiting for the redirect" on its failure, or on the
// question before it after going back).
func (r *journeyRun) dropSeenStatus() {
	if r.statusPhase < r.phase {
		r.status = statusLine{}
	}
}

// retryState is the step the user chose to retry and which attempt at it runs now (2 for the
// first retry); zero once another step starts.
type retryState struct {
	step    string
	attempt int
}

// note is what the working screen says while the step is tried again.
func (r retryState) note() string {
	if r.step == "" {
		return ""
	}
	return fmt.Sprintf("↻ trying '%s' again… (attempt %d)", r.step, r.attempt)
}

// start runs j in the background, stopping any journey still in flight.
func (a journeyArea) start(j flows.Journey) (journeyArea, tea.Cmd) {
	if j == nil {
		return a, nil
	}
	a = a.stopRun()
	a.runs++
	ctx, cancel := context.WithCancel(a.ctx)
	as := &asker{run: a.runs, box: a.box}
	a.run = journeyRun{id: a.runs, journey: j, provider: j.Info().Provider, active: true, cancel: cancel, outcome: outcomeRunning}
	a, work := a.showWorking()
	cmds := []tea.Cmd{runJourney(ctx, j, as), work, a.publishExchanges()}
	if !a.spinning {
		a.spinning = true
		cmds = append(cmds, a.spin.Tick)
	}
	return a, tea.Batch(cmds...)
}

// stopRun cancels the journey in flight, if any.
func (a journeyArea) stopRun() journeyArea {
	if a.run.active && a.run.cancel != nil {
		a.run.cancel()
	}
	a.run.active, a.run.pending, a.run.signingIn = false, nil, false
	return a
}

// onJourneyDone shows how the journey ended.
func (a journeyArea) onJourneyDone(msg journeyDoneMsg) (journeyArea, tea.Cmd) {
	a = a.stopRun()
	a.run.dropSeenStatus()
	title := a.run.journey.Info().Title
	switch {
	case msg.err == nil:
		a.run.outcome = outcomeSucceeded
		a.run.rail = a.run.rail.finished()
		return a.show(resultScreenFor(a.c, title, msg.result)), nil
	case errors.Is(msg.err, flows.ErrBack):
		return a.toPicker() // the user went back past the first question
	default:
		a.run.outcome = outcomeFailed
		return a.show(newEndedScreen(a.c, title, a.run.step, msg.err)), nil
	}
}

// showWorking shows the working screen.
func (a journeyArea) showWorking() (journeyArea, tea.Cmd) {
	w, cmd := newWorkingScreen(a.c, a.run.step, a.run.status)
	w.note = a.run.retry.note()
	return a.show(w), cmd
}

// toPicker stops any journey and shows the journeys, the last one highlighted.
func (a journeyArea) toPicker() (journeyArea, tea.Cmd) {
	a = a.stopRun()
	a.run.outcome, a.run.step, a.run.rail = outcomeNone, flows.StepStarted{}, rail{}
	a.run.status = statusLine{}
	last := ""
	if a.run.journey != nil {
		last = a.run.journey.Info().ID
	}
	return a.show(newPickerScreen(a.c, a.catalog.infos, last)), nil
}

// cannotStart shows why the journey with the id could not be built (e.g. its provider has no
// credentials in this environment).
func (a journeyArea) cannotStart(id string, err error) (journeyArea, tea.Cmd) {
	a = a.stopRun()
	a.run = journeyRun{outcome: outcomeFailed}
	return a.show(newEndedScreen(a.c, a.catalog.info(id).title, flows.StepStarted{}, err)), nil
}
