package ui

import (
	"context"
	"errors"
	"fmt"

	"github.com/linkstep/linkstep/flows"
)

// ErrUnsupportedPrompt answers a prompt this UI has no screen for.
var ErrUnsupportedPrompt = errors.New("the terminal UI cannot answer this prompt")

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

// journeyRun is the journey in flight, or the last one.
type journeyRun struct {
	id        int
	journey   flows.Journey
	provider  string // shown in the header
	active    bool
	cancel    context.CancelFunc
	pending   *askMsg // the prompt on screen, until answered or withdrawn
	signingIn bool    // a sign-in to the mock bank is in flight
	step      flows.StepStarted
	outcome   runOutcome
}
