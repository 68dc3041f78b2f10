package flows

import "github.com/linkstep/linkstep/providers/transcript"

// Event is something a journey tells its front-end while it runs; the set is sealed.
//
//sumtype:decl
type Event interface{ isEvent() }

// StepStarted says which step the journey is in, for "step 3 of 6".
type StepStarted struct {
	Index int // 1-based
	Total int
	Title string
}

// Progress is a line of news: "exchanged the code for tokens".
type Progress struct{ Message string }

// Warning is something the user should notice but that does not stop the journey.
type Warning struct{ Message string }

// HTTPExchange is one redacted HTTP exchange with a provider.
type HTTPExchange struct{ Entry transcript.Entry }

func (StepStarted) isEvent()  {}
func (Progress) isEvent()     {}
func (Warning) isEvent()      {}
func (HTTPExchange) isEvent() {}
