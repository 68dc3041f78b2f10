package ui

import (
	"context"
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/providers/transcript"
)

// start runs j in the background, stopping any journey still in flight.
func (m Model) start(j flows.Journey) (Model, tea.Cmd) {
	if j == nil {
		return m, nil
	}
	m = m.stopRun()
	m.runs++
	ctx, cancel := context.WithCancel(m.ctx)
	a := &asker{run: m.runs, box: m.box}
	m.run = journeyRun{id: m.runs, journey: j, provider: j.Provider(), active: true, cancel: cancel, outcome: outcomeRunning}
	m.status = statusLine{}
	m.exchanges, m.exchangeCount = nil, 0
	m, work := m.showWorking()
	cmds := []tea.Cmd{runJourney(ctx, j, a), work}
	if !m.spinning {
		m.spinning = true
		cmds = append(cmds, m.spin.Tick)
	}
	return m, tea.Batch(cmds...)
}

// stopRun cancels the journey in flight, if any.
func (m Model) stopRun() Model {
	if m.run.active && m.run.cancel != nil {
		m.run.cancel()
	}
	m.run.active, m.run.pending, m.run.signingIn = false, nil, false
	return m
}

// onBridge handles a message of a journey run and listens for the next one.
func (m Model) onBridge(msg bridgeMsg) (Model, tea.Cmd) {
	listen := listenMailbox(m.ctx, m.box)
	if msg.runID() != m.run.id || !m.run.active {
		return m, listen // from a run that was stopped: its Ask returns on its own ctx
	}
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case askMsg:
		m, cmd = m.onAsk(msg)
	case tellMsg:
		m, cmd = m.onTell(msg)
	case withdrawnMsg:
		m, cmd = m.onWithdrawn(msg)
	case journeyDoneMsg:
		m, cmd = m.onJourneyDone(msg)
	}
	return m, tea.Batch(cmd, listen)
}

// onAsk shows the screen of a prompt.
func (m Model) onAsk(msg askMsg) (Model, tea.Cmd) {
	s, ok := m.screenFor(msg.prompt)
	if !ok {
		msg.reply <- reply{err: fmt.Errorf("%w: %T", ErrUnsupportedPrompt, msg.prompt)}
		return m, nil
	}
	m.run.pending = &msg
	m.run.signingIn = false
	return m.show(s), nil
}

// screenFor builds the screen that answers p.
func (m Model) screenFor(p flows.Prompt) (screen, bool) {
	switch p := p.(type) {
	case flows.ChooseBank:
		return newBankScreen(m.com, p), true
	case flows.ReviewConsent:
		return newConsentScreen(m.com, p), true
	case flows.OpenAuthLink:
		return newAuthLinkScreen(m.com, p), true
	case flows.ChooseAccount:
		return newAccountsScreen(m.com, p), true
	case flows.Failure:
		return newFailureScreen(m.com, p), true
	default:
		return nil, false
	}
}

// onTell records an event of the journey and passes it to the active screen.
func (m Model) onTell(msg tellMsg) (Model, tea.Cmd) {
	switch ev := msg.event.(type) {
	case flows.StepStarted:
		m.run.step = ev
	case flows.Progress:
		m.status = statusLine{text: ev.Message}
	case flows.Warning:
		m.status = statusLine{text: ev.Message, warn: true}
	case flows.HTTPExchange:
		m.exchanges = appendBounded(m.exchanges, ev.Entry, maxExchanges)
		m.exchangeCount++
	}
	return m.updateScreen(msg)
}

// appendBounded appends e to s, dropping the oldest entries beyond limit.
func appendBounded(s []transcript.Entry, e transcript.Entry, limit int) []transcript.Entry {
	if len(s) >= limit {
		s = append(s[:0:0], s[len(s)-limit+1:]...)
	}
	return append(s, e)
}

// onWithdrawn leaves the screen of a prompt the journey no longer waits on.
func (m Model) onWithdrawn(msg withdrawnMsg) (Model, tea.Cmd) {
	if m.run.pending == nil || m.run.pending.id != msg.id {
		return m, nil
	}
	m.run.pending, m.run.signingIn = nil, false
	return m.showWorking()
}

// onJourneyDone shows how the journey ended.
func (m Model) onJourneyDone(msg journeyDoneMsg) (Model, tea.Cmd) {
	m = m.stopRun()
	title := m.run.journey.Title()
	switch {
	case msg.err == nil:
		m.run.outcome = outcomeSucceeded
		return m.show(newResultScreen(m.com, title, msg.result)), nil
	case errors.Is(msg.err, flows.ErrBack):
		return m.toPicker() // the user went back past the first question
	default:
		m.run.outcome = outcomeFailed
		return m.show(newEndedScreen(m.com, title, m.run.step, msg.err)), nil
	}
}

// showWorking shows the working screen.
func (m Model) showWorking() (Model, tea.Cmd) {
	w, cmd := newWorkingScreen(m.com, m.run.step, m.status)
	return m.show(w), cmd
}

// reply answers the prompt on screen and shows the working screen until the next one.
func (m Model) reply(r reply) (Model, tea.Cmd) {
	p := m.run.pending
	if p == nil {
		return m, nil
	}
	p.reply <- r // buffered: never blocks
	m.run.pending, m.run.signingIn = nil, false
	return m.showWorking()
}

// back goes back: closes a sub-screen, answers the prompt with flows.ErrBack, cancels the
// journey at work, or returns to the picker.
func (m Model) back() (Model, tea.Cmd) {
	switch {
	case len(m.stack) > 1:
		return m.pop(), nil
	case m.run.pending != nil:
		return m.reply(reply{err: flows.ErrBack})
	case m.run.active, m.top().kind() != kindPicker:
		return m.toPicker()
	}
	return m, nil
}

// toPicker stops any journey and shows the journeys, the last one highlighted.
func (m Model) toPicker() (Model, tea.Cmd) {
	m = m.stopRun()
	m.run.outcome, m.run.step = outcomeNone, flows.StepStarted{}
	m.status = statusLine{}
	last := ""
	if m.run.journey != nil {
		last = m.run.journey.ID()
	}
	return m.show(newPickerScreen(m.com, m.catalog.infos, last)), nil
}
