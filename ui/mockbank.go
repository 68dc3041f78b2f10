package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/linkstep/linkstep/flows"
)

// pendingAuthLink is the auth link prompt on screen, if that is what is on screen.
func (m Model) pendingAuthLink() (flows.OpenAuthLink, bool) {
	if m.run.pending == nil {
		return flows.OpenAuthLink{}, false
	}
	p, ok := m.run.pending.prompt.(flows.OpenAuthLink)
	return p, ok
}

// showSignIn opens the mock bank's form over the auth link screen.
func (m Model) showSignIn() (Model, tea.Cmd) {
	p, ok := m.pendingAuthLink()
	if !ok || p.SignIn == nil || m.top().kind() == kindSignIn {
		return m, nil
	}
	return m.push(newSignInScreen(m.com, p)), nil
}

// signIn posts the mock bank's login form in the background.
func (m Model) signIn(msg signInMsg) (Model, tea.Cmd) {
	p, ok := m.pendingAuthLink()
	if !ok || p.SignIn == nil {
		return m, nil
	}
	m.run.signingIn = true
	pend := m.run.pending
	return m, signInAtBank(pend.ctx, m.run.id, pend.id, p.SignIn, msg.username, msg.password)
}

// onSignedIn answers the auth link prompt with the bank's redirect, or shows why signing in
// failed on the form.
func (m Model) onSignedIn(msg signedInMsg) (Model, tea.Cmd) {
	pend := m.run.pending
	if pend == nil || msg.run != m.run.id || msg.id != pend.id {
		return m, nil
	}
	m.run.signingIn = false
	if msg.err != nil {
		return m.updateScreen(msg)
	}
	return m.reply(reply{answer: msg.redirect})
}
