package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/linkstep/linkstep/flows"
)

// onIntent does what a screen asked for.
func (a journeyArea) onIntent(msg intent) (journeyArea, tea.Cmd) {
	switch msg := msg.(type) {
	case answerMsg:
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
		return a, tea.SetClipboard(msg.text)
	case showSignInMsg:
		return a.showSignIn()
	case signInMsg:
		return a.signIn(msg)
	}
	return a, nil
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
