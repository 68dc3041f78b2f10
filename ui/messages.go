package ui

import "github.com/linkstep/linkstep/flows"

// intent is what a screen asks its area to do; the area decides how.
type intent interface{ isIntent() }

// answerMsg answers the prompt on screen.
type answerMsg struct{ answer flows.Answer }

// backMsg goes back: the prompt on screen is answered with flows.ErrBack, a sub-screen closes,
// or a finished journey returns to the picker.
type backMsg struct{}

// startJourneyMsg starts the journey with this id from the picker, or from the home with a
// stored connection chosen beforehand (connection; "" for none).
type startJourneyMsg struct{ id, connection string }

// newJourneyMsg returns to the picker after a journey ended.
type newJourneyMsg struct{}

// rerunMsg runs the journey that just failed again.
type rerunMsg struct{}

// openLinkMsg asks for the auth link to be opened in the browser, or a saved file (the identity
// report) with the system's viewer: the same opener does both.
type openLinkMsg struct{ url string }

// copyLinkMsg asks for the auth link to be put on the clipboard.
type copyLinkMsg struct{ text string }

// showSignInMsg opens the mock bank's sign-in form over the auth link screen.
type showSignInMsg struct{}

// signInMsg signs in to the mock bank with what the form holds.
type signInMsg struct{ username, password string }

func (answerMsg) isIntent()       {}
func (backMsg) isIntent()         {}
func (startJourneyMsg) isIntent() {}
func (newJourneyMsg) isIntent()   {}
func (rerunMsg) isIntent()        {}
func (openLinkMsg) isIntent()     {}
func (copyLinkMsg) isIntent()     {}
func (showSignInMsg) isIntent()   {}
func (signInMsg) isIntent()       {}

// storageProbedMsg carries what probing the storage had to say; empty when all is well.
type storageProbedMsg struct{ notice string }

// linkOpenedMsg says whether the browser could be started.
type linkOpenedMsg struct{ err error }

// signedInMsg is the outcome of signing in to the mock bank for prompt id of run.
type signedInMsg struct {
	run, id  int
	redirect flows.RedirectReceived
	err      error
}
