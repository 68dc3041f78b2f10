package ui

import (
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/linkstep/linkstep/flows"
)

// ErrUnsupportedPrompt answers a prompt this UI has no screen for.
var ErrUnsupportedPrompt = errors.New("the terminal UI cannot answer this prompt")

// maxExchanges bounds the HTTP exchanges kept for the inspector.
const maxExchanges = 256

// onBridge handles a message of a journey run and listens for the next one.
func (a journeyArea) onBridge(msg bridgeMsg) (journeyArea, tea.Cmd) {
	listen := listenMailbox(a.ctx, a.box)
	if msg.runID() != a.run.id || !a.run.active {
		return a, listen // from a run that was stopped: its Ask returns on its own ctx
	}
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case askMsg:
		a, cmd = a.onAsk(msg)
	case tellMsg:
		a, cmd = a.onTell(msg)
	case withdrawnMsg:
		a, cmd = a.onWithdrawn(msg)
	case journeyDoneMsg:
		a, cmd = a.onJourneyDone(msg)
	}
	return a, tea.Batch(cmd, listen)
}

// onAsk shows the screen of a prompt. The status line keeps only the news since the last
// screen the user saw; a failed step's screen starts without any.
func (a journeyArea) onAsk(msg askMsg) (journeyArea, tea.Cmd) {
	a.run.dropSeenStatus()
	if _, ok := msg.prompt.(flows.Failure); ok {
		a.run.setStatus(statusLine{})
	}
	a, answered := a.answerPreselected(msg)
	if answered {
		return a, nil
	}
	s, ok := screenFor(a.c, msg.prompt)
	if !ok {
		msg.reply <- reply{err: fmt.Errorf("%w: %T", ErrUnsupportedPrompt, msg.prompt)}
		return a, nil
	}
	if f, ok := s.(failureScreen); ok && a.run.retry.step == f.step {
		f.attempt = a.run.retry.attempt // it failed again
		s = f
		a.run.setStatus(statusLine{text: fmt.Sprintf("'%s' failed again (attempt %d)", f.step, f.attempt), warn: true})
	}
	a.run.pending = &msg
	a.run.signingIn = false
	a.run.phase++
	return a.show(s), nil
}

// screenFor builds the screen that answers p. It names every prompt type and has no default
// clause, so an exhaustiveness checker reports a prompt type added to flows without a screen.
func screenFor(c common, p flows.Prompt) (screen, bool) {
	switch p := p.(type) {
	case flows.ChooseBank:
		return newBankScreen(c, p), true
	case flows.ReviewConsent:
		return newConsentScreen(c, p), true
	case flows.OpenAuthLink:
		return newAuthLinkScreen(c, p), true
	case flows.ChooseAccount:
		return newAccountsScreen(c, p), true
	case flows.ChooseScopes:
		return newScopesScreen(c, p), true
	case flows.ConnectIssuer:
		return newIssuerScreen(c, p), true
	case flows.DescribeUser:
		return newUserScreen(c, p), true
	case flows.IdentifyUser:
		return newIdentifyScreen(c, p), true
	case flows.OfferDataSession:
		return newOfferScreen(c, p), true
	case flows.ChooseConnection:
		return newConnectionsScreen(c, p), true
	case flows.ReconfirmConsent:
		return newReconfirmScreen(c, p), true
	case flows.Failure:
		return newFailureScreen(c, p), true
	}
	return nil, false // nil, or a type outside the sealed set
}

// onTell records an event of the journey and passes it to the active screen. Like screenFor,
// it names every event type and has no default clause.
func (a journeyArea) onTell(msg tellMsg) (journeyArea, tea.Cmd) {
	a.run.rail = a.run.rail.apply(msg.event)
	switch ev := msg.event.(type) {
	case flows.Plan: // on the rail
	case flows.StepSkipped:
		a.run.setStatus(statusLine{text: fmt.Sprintf("'%s' skipped: %s", ev.Title, ev.Reason)})
	case flows.StepStarted:
		a.run.step = ev
		if ev.Title != a.run.retry.step {
			a.run.retry = retryState{} // the retried step is behind us
		}
	case flows.Progress:
		ev.Message = a.c.mask.news(ev.Message)
		msg.event = ev
		a.run.setStatus(statusLine{text: ev.Message})
	case flows.Warning:
		ev.Message = a.c.mask.news(ev.Message)
		msg.event = ev
		a.run.setStatus(statusLine{text: ev.Message, warn: true})
	case flows.HTTPExchange:
		a.run.exchangeCount++
		x := exchange{seq: a.run.exchangeCount, step: a.run.step.Title, entry: ev.Entry}
		a.run.exchanges = appendBounded(a.run.exchanges, x, maxExchanges)
		a, cmd := a.updateScreen(msg)
		return a, tea.Batch(cmd, a.publishExchanges())
	}
	return a.updateScreen(msg)
}

// appendBounded appends e to s, dropping the oldest entries beyond limit.
func appendBounded[T any](s []T, e T, limit int) []T {
	if len(s) >= limit {
		s = append(s[:0:0], s[len(s)-limit+1:]...)
	}
	return append(s, e)
}

// onWithdrawn leaves the screen of a prompt the journey no longer waits on.
func (a journeyArea) onWithdrawn(msg withdrawnMsg) (journeyArea, tea.Cmd) {
	if a.run.pending == nil || a.run.pending.id != msg.id {
		return a, nil
	}
	a.run.pending, a.run.signingIn = nil, false
	a.run.phase++
	return a.showWorking()
}

// reply answers the prompt on screen and shows the working screen until the next one.
func (a journeyArea) reply(r reply) (journeyArea, tea.Cmd) {
	p := a.run.pending
	if p == nil {
		return a, nil
	}
	p.reply <- r // buffered: never blocks
	a.run.pending, a.run.signingIn = nil, false
	a.run.phase++
	return a.showWorking()
}
