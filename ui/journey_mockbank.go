package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/linkstep/linkstep/flows"
)

// pendingAuthLink is the auth link prompt on screen, if that is what is on screen.
func (a journeyArea) pendingAuthLink() (flows.OpenAuthLink, bool) {
	if a.run.pending == nil {
		return flows.OpenAuthLink{}, false
	}
	p, ok := a.run.pending.prompt.(flows.OpenAuthLink)
	return p, ok
}

// showSignIn opens the mock bank's form over the auth link screen, or its list of test
// identities when the prompt offers people instead of a username and password.
func (a journeyArea) showSignIn() (journeyArea, tea.Cmd) {
	p, ok := a.pendingAuthLink()
	if !ok || p.SignIn == nil || a.top().kind() != kindAuthLink {
		return a, nil
	}
	if len(p.SignInChoices) > 0 {
		return a.push(newSignInAsScreen(a.c, p)), nil
	}
	return a.push(newSignInScreen(a.c, p)), nil
}

// signIn posts the mock bank's login form in the background: the username and password typed,
// or the chosen identity's value as the username and no password.
func (a journeyArea) signIn(msg signInMsg) (journeyArea, tea.Cmd) {
	p, ok := a.pendingAuthLink()
	if !ok || p.SignIn == nil {
		return a, nil
	}
	a.run.signingIn = true
	pend := a.run.pending
	return a, signInAtBank(pend.ctx, a.run.id, pend.id, p.SignIn, msg.username, msg.password)
}

// onSignedIn answers the auth link prompt with the bank's redirect, or shows why signing in
// failed on the form.
func (a journeyArea) onSignedIn(msg signedInMsg) (journeyArea, tea.Cmd) {
	pend := a.run.pending
	if pend == nil || msg.run != a.run.id || msg.id != pend.id {
		return a, nil
	}
	a.run.signingIn = false
	if msg.err != nil {
		return a.updateScreen(msg)
	}
	return a.reply(reply{answer: msg.redirect})
}
