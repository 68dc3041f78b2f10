package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/linkstep/linkstep/flows"
)

// onIntent does what a screen asked for.
func (a journeyArea) onIntent(msg intent) (journeyArea, tea.Cmd) {
	switch msg := msg.(type) {
	case answerMsg:
		if _, ok := msg.answer.(flows.Retry); ok {
			a = a.retrying()
		}
		return a.reply(reply{answer: msg.answer})
	case backMsg:
		return a.back()
	case startJourneyMsg:
		j, err := a.catalog.journey(msg.id)
		if err != nil {
			return a.cannotStart(msg.id, err)
		}
		return a.startWith(j, msg.connection)
	case newJourneyMsg:
		return a.toPicker()
	case rerunMsg:
		return a.start(a.run.journey)
	case openLinkMsg:
		return a, openInBrowser(a.ctx, a.open, msg.url)
	case copyLinkMsg:
		return a, copyText(a.clip, msg.text)
	case showSignInMsg:
		return a.showSignIn()
	case signInMsg:
		return a.signIn(msg)
	}
	return a, nil
}

// retrying notes that the failed step on screen is tried again, and which attempt that is, so
// the working screen says so at once.
func (a journeyArea) retrying() journeyArea {
	if a.run.pending == nil {
		return a
	}
	f, ok := a.run.pending.prompt.(flows.Failure)
	if !ok {
		return a
	}
	if a.run.retry.step == f.Step {
		a.run.retry.attempt++
	} else {
		a.run.retry = retryState{step: f.Step, attempt: 2}
	}
	a.run.setStatus(statusLine{text: fmt.Sprintf("trying '%s' again…", f.Step)})
	return a
}

// back goes back: closes a sub-screen, answers the prompt with flows.ErrBack, cancels the
// journey at work, or returns to the picker.
func (a journeyArea) back() (journeyArea, tea.Cmd) {
	switch {
	case len(a.stack) > 1:
		return a.pop(), nil
	case a.run.pending != nil:
		return a.reply(reply{err: flows.ErrBack})
	case a.run.active, a.top().kind() != kindPicker:
		return a.toPicker()
	}
	return a, nil
}
