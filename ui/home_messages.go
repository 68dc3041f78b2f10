package ui

import (
	"time"

	"github.com/linkstep/linkstep/flows"
)

// homeIntent is what a screen of the home asks the home to do; the home decides how. Other
// areas get these messages too and ignore them.
type homeIntent interface{ isHomeIntent() }

// viewConnectionMsg asks for the connection's accounts and balances, fetched live.
type viewConnectionMsg struct{ id string }

// refreshConnectionMsg asks for the connection's access token to be renewed.
type refreshConnectionMsg struct{ id string }

// renewConnectionMsg starts a journey (extend, re-auth) on the connection in the journey area.
type renewConnectionMsg struct{ journey, id string }

// askForgetMsg opens the confirmation before forgetting the connection.
type askForgetMsg struct{ summary flows.ConnectionSummary }

// forgetConnectionMsg forgets the connection, once confirmed.
type forgetConnectionMsg struct{ id string }

// newConnectionMsg goes to the journey picker to make a new connection.
type newConnectionMsg struct{}

// moveClockMsg moves the demo clock by d, or back to the real time.
type moveClockMsg struct {
	by    time.Duration
	reset bool
}

// reloadConnectionsMsg reads the stored connections again.
type reloadConnectionsMsg struct{}

func (viewConnectionMsg) isHomeIntent()    {}
func (refreshConnectionMsg) isHomeIntent() {}
func (renewConnectionMsg) isHomeIntent()   {}
func (askForgetMsg) isHomeIntent()         {}
func (forgetConnectionMsg) isHomeIntent()  {}
func (newConnectionMsg) isHomeIntent()     {}
func (moveClockMsg) isHomeIntent()         {}
func (reloadConnectionsMsg) isHomeIntent() {}

// connectionsListedMsg is the stored connections as read by listing number gen.
type connectionsListedMsg struct {
	gen   int
	stamp string // the stored connections' stamp taken before listing (home_watch.go)
	list  []flows.ConnectionSummary
	err   error
}

// connectionRefreshedMsg is the outcome of refreshing the connection's access token.
type connectionRefreshedMsg struct {
	id      string
	summary flows.ConnectionSummary
	err     error
}

// connectionViewedMsg is the connection's accounts and balances, or why they could not be read.
type connectionViewedMsg struct {
	id   string
	view flows.ConnectionView
	err  error
}

// connectionForgottenMsg is the outcome of forgetting the connection.
type connectionForgottenMsg struct {
	id      string
	revoked bool
	err     error
}

// clockMovedMsg says the demo clock moved; offset is where it is now.
type clockMovedMsg struct{ offset time.Duration }
