package ui

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/flows/oauthlink"
)

// failureScreen shows a failed step (a flows.Failure prompt) or a journey that ended with an
// error. For a prompt, r retries the step and esc goes back; for an ended journey, r runs it
// again and esc returns to the journeys.
type failureScreen struct {
	c         common
	step      string
	err       error
	retryable bool
	ended     bool   // the journey itself ended with err
	journey   string // the journey's title, for an ended journey
	attempt   int    // the attempt that failed, when the user retried the step; 0 otherwise
}

func newFailureScreen(c common, p flows.Failure) failureScreen {
	return failureScreen{c: c, step: p.Step, err: p.Err, retryable: p.Retryable}
}

func newEndedScreen(c common, journey string, step flows.StepStarted, err error) failureScreen {
	return failureScreen{c: c, step: step.Title, err: err, retryable: true, ended: true, journey: journey}
}

func (s failureScreen) kind() screenKind       { return kindFailure }
func (s failureScreen) typing() bool           { return false }
func (s failureScreen) ownsBack() bool         { return false }
func (s failureScreen) resize(c common) screen { s.c = c; return s }

func (s failureScreen) title() string {
	if s.ended {
		return "Journey failed"
	}
	return "Step failed"
}

func (s failureScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || !key.Matches(k, s.c.keys.Retry) {
		return s, nil
	}
	switch {
	case s.ended:
		return s, send(rerunMsg{})
	case s.retryable:
		return s, send(answerMsg{answer: flows.Retry{}})
	}
	return s, nil
}

func (s failureScreen) view() string {
	st, w := s.c.styles, s.c.width
	code, desc := flows.Describe(s.err)
	var b strings.Builder
	headline := "✗ " + s.step + " failed"
	if s.attempt > 1 {
		headline = fmt.Sprintf("✗ %s failed again (attempt %d)", s.step, s.attempt)
	}
	if s.ended {
		headline = "✗ " + s.journey + " stopped"
	}
	b.WriteString(st.Failed.Render(truncate(headline, w)))
	b.WriteString("\n\n")
	b.WriteString(table(st, w, []field{
		{"Step", s.step},
		{"Code", code},
		{"Description", desc},
	}))
	return page(st, w, s.title(), s.intro(), b.String())
}

// intro says what kind of failure this is and what retrying would do: a transient fault may
// go away when the step runs again; a declined consent or a refused redirect is no passing
// fault, and a retry only starts afresh with a new auth link; a refused answer is asked again.
func (s failureScreen) intro() string {
	code, _ := flows.Describe(s.err)
	switch {
	case s.ended:
		return "The journey ended with this error: run it again, or go back to the journeys."
	case !s.retryable:
		return "Retrying would not help: go back and change an answer, or quit."
	case flows.IsTransient(s.err):
		return "This looks transient: retry the step, or go back and change an answer."
	case code == "access_denied":
		return "Declined at the bank, not a passing fault: retry makes a new auth link, or go back."
	case s.newLink():
		return "Not a passing fault: retry makes a new auth link, or go back and change an answer."
	default:
		return "Not a passing fault: retry asks again, or go back and change an answer."
	}
}

// newLink reports whether retrying the step makes a new auth link: the failure is the auth
// link's (a redirect's error, a state mismatch).
func (s failureScreen) newLink() bool {
	var le *oauthlink.Error
	if errors.As(s.err, &le) {
		return true
	}
	switch code, _ := flows.Describe(s.err); oauthlink.Code(code) {
	case oauthlink.ErrStateMismatch, oauthlink.ErrNoCode, oauthlink.ErrInvalidRedirect, oauthlink.ErrTooManyRefused, "access_denied":
		return true // a redirect error a journey rewrapped
	}
	return false
}

func (s failureScreen) ShortHelp() []key.Binding {
	k := s.c.keys
	switch {
	case s.ended:
		return []key.Binding{withDesc(k.Retry, "run again"), withDesc(k.Back, "journeys")}
	case s.retryable && !flows.IsTransient(s.err) && s.newLink():
		return []key.Binding{withDesc(k.Retry, "new auth link"), k.Back}
	case s.retryable:
		return []key.Binding{k.Retry, k.Back}
	default:
		return []key.Binding{k.Back}
	}
}

func (s failureScreen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }
