package flows

import "github.com/linkstep/linkstep/providers/transcript"

// Event is something a journey tells its front-end while it runs; the set is sealed.
//
//sumtype:decl
type Event interface{ isEvent() }

// PlannedStep is one step of a plan as a front-end shows it before it runs.
type PlannedStep struct {
	Title string
	// Automatic steps ask nothing and run on their own (exchanging the code, reading data).
	Automatic bool
}

// Plan lists every step RunSteps is about to run, before the first one starts. Level is 0 for
// a journey's own steps and 1 for the steps of a journey run inside one of them (an Ivy data
// session started from the returning user's last step), and so on.
type Plan struct {
	Level int
	Steps []PlannedStep
}

// StepStarted says which step of the plan at Level runs now: Index of Total, 1-based, counting
// every step of the plan.
type StepStarted struct {
	Level     int
	Index     int
	Total     int
	Title     string
	Automatic bool
}

// StepSkipped says that the step that just ran, Index of the plan at Level, had nothing to ask
// or do, and why: "one bank offered".
type StepSkipped struct {
	Level  int
	Index  int
	Title  string
	Reason string
}

// Progress is a line of news: "exchanged the code for tokens".
type Progress struct{ Message string }

// Warning is something the user should notice but that does not stop the journey.
type Warning struct{ Message string }

// HTTPExchange is one redacted HTTP exchange with a provider.
type HTTPExchange struct{ Entry transcript.Entry }

func (Plan) isEvent()         {}
func (StepStarted) isEvent()  {}
func (StepSkipped) isEvent()  {}
func (Progress) isEvent()     {}
func (Warning) isEvent()      {}
func (HTTPExchange) isEvent() {}
