package flows

import (
	"errors"
	"fmt"
	"strings"
)

// ErrBack is returned by Ask when the user goes back to the previous question.
var ErrBack = errors.New("back")

// ErrUnexpectedAnswer means a front-end answered a prompt with the wrong kind of answer.
var ErrUnexpectedAnswer = errors.New("unexpected answer")

// Error is a journey failure with a stable machine-readable code and a readable description.
type Error struct {
	Code        string
	Description string
	Retryable   bool
}

// Error returns "code: description".
func (e *Error) Error() string {
	if e.Description == "" {
		return e.Code
	}
	return e.Code + ": " + e.Description
}

// ErrorCode returns the machine-readable code.
func (e *Error) ErrorCode() string { return e.Code }

// ErrorDescription returns the readable description.
func (e *Error) ErrorDescription() string { return e.Description }

// IsRetryable reports whether running the step again could succeed.
func (e *Error) IsRetryable() bool { return e.Retryable }

// Is matches another *Error with the same code, so sentinel errors work with errors.Is.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

// Sentinel journey errors; match them with errors.Is.
var (
	// ErrStateMismatch means a redirect carried a state the journey did not send: it is refused
	// and its code is never used.
	// Retrying the step makes a new auth link.
	ErrStateMismatch = &Error{Code: "state_mismatch", Description: "the redirect's state does not match the auth link's; the code was not used", Retryable: true}
	// ErrNoCode means a redirect carried neither a code nor an error.
	ErrNoCode = &Error{Code: "no_code", Description: "the redirect carries no authorisation code", Retryable: true}
	// ErrCallbackTimeout means no redirect reached the loopback listener in time.
	ErrCallbackTimeout = &Error{Code: "callback_timeout", Description: "no redirect reached linkstep before the auth link timed out", Retryable: true}
)

// coded is what an error offers to be reported with a code and description.
type coded interface {
	ErrorCode() string
	ErrorDescription() string
}

// retryable is what an error offers to say whether retrying its step could succeed.
type retryable interface{ IsRetryable() bool }

// Describe returns the code and description that best explain err, for exit reports and views.
func Describe(err error) (code, description string) {
	var c coded
	if errors.As(err, &c) {
		return c.ErrorCode(), c.ErrorDescription()
	}
	return "error", err.Error()
}

// IsRetryable reports whether running the failed step again could succeed; errors that do not
// say are treated as transient.
func IsRetryable(err error) bool {
	var r retryable
	if errors.As(err, &r) {
		return r.IsRetryable()
	}
	return true
}

// MissingAnswerError is a question a non-interactive front-end could not answer: the flag that
// would answer it and the values it accepts.
type MissingAnswerError struct {
	Question string
	Flag     string
	Valid    []string
}

// Error names the flag and the valid values.
func (e *MissingAnswerError) Error() string {
	msg := fmt.Sprintf("%s: pass %s", e.Question, e.Flag)
	if len(e.Valid) > 0 {
		msg += " with one of: " + strings.Join(e.Valid, ", ")
	}
	return msg
}
