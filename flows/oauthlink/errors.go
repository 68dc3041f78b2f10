package oauthlink

import "fmt"

// Code is the machine-readable code of an auth-link failure. A Code is an error too, so the
// constants below are sentinels that nothing can reassign: errors.Is(err, ErrStateMismatch)
// matches every *Error carrying that code.
type Code string

// Error returns the code itself.
func (c Code) Error() string { return string(c) }

// The codes of the failures this package makes; a provider's redirect error keeps its own code.
const (
	// ErrStateMismatch: a redirect carried a state the link did not send; it is refused and its
	// code is never used. Retrying the step makes a new auth link.
	ErrStateMismatch Code = "state_mismatch"
	// ErrNoCode: a redirect carried neither a code nor an error.
	ErrNoCode Code = "no_code"
	// ErrCallbackTimeout: no redirect reached the loopback listener in time.
	ErrCallbackTimeout Code = "callback_timeout"
	// ErrInvalidRedirect: what was pasted is not a redirect URL, query string or code.
	ErrInvalidRedirect Code = "invalid_redirect"
	// ErrNothingParked: a redirect was given for an earlier run's link, but none is waiting.
	ErrNothingParked Code = "no_pending_link"
	// ErrParkedLinkExpired: the earlier run's link is too old to finish.
	ErrParkedLinkExpired Code = "pending_link_expired"
	// ErrTooManyRefused: the loopback listener refused MaxRefused requests that were not the
	// bank's redirect and stopped waiting. Retrying the step makes a new auth link.
	ErrTooManyRefused Code = "too_many_refused"
)

// ErrCannotListen means the redirect URI is not a loopback address this machine can listen on.
const ErrCannotListen = listenError("the redirect URI is not a loopback address: linkstep cannot catch the redirect")

// listenError is a constant error about the loopback listener.
type listenError string

// Error returns the message.
func (e listenError) Error() string { return string(e) }

// Error is an auth-link failure with a stable code, a readable description, and whether trying
// the step again could succeed.
type Error struct {
	Code        Code
	Description string
	Retryable   bool
}

// Error returns "code: description".
func (e *Error) Error() string {
	if e.Description == "" {
		return string(e.Code)
	}
	return string(e.Code) + ": " + e.Description
}

// ErrorCode returns the machine-readable code.
func (e *Error) ErrorCode() string { return string(e.Code) }

// ErrorDescription returns the readable description.
func (e *Error) ErrorDescription() string { return e.Description }

// IsRetryable reports whether running the step again could succeed.
func (e *Error) IsRetryable() bool { return e.Retryable }

// Is matches the Code sentinel of e, and any *Error with the same code.
func (e *Error) Is(target error) bool {
	if c, ok := target.(Code); ok {
		return c == e.Code
	}
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

// failure makes an *Error with code and description.
func failure(code Code, retryable bool, description string) *Error {
	return &Error{Code: code, Description: description, Retryable: retryable}
}

// stateMismatch is the refusal of a redirect whose state is not the link's.
func stateMismatch(detail string) *Error {
	return failure(ErrStateMismatch, true, "the redirect's state does not match the auth link's; the code was not used"+detail)
}

// anotherLink refuses a pasted redirect or callback whose state is not the link's, while the
// link is still awaited; noState says it carries none.
func anotherLink(noState bool) *Error {
	if noState {
		return failure(ErrStateMismatch, true, "this redirect carries no state, so it cannot be this auth link's: paste the redirect of the link shown here")
	}
	return failure(ErrStateMismatch, true, "this redirect belongs to another auth link: its state differs; paste the redirect of the link shown here")
}

// noCode is the failure of a redirect that carries neither a code nor an error.
func noCode() *Error {
	return failure(ErrNoCode, true, "the redirect carries no authorisation code")
}

// tooManyRefused is the failure of a listener that refused MaxRefused requests, the last for
// reason.
func tooManyRefused(reason string) *Error {
	return failure(ErrTooManyRefused, true, fmt.Sprintf("the loopback listener refused %d requests that did not come from the bank's redirect and stopped waiting (the last: %s); start the step again", MaxRefused, reason))
}

// callbackTimeout is the cause set on the wait when the listener's time is up.
func callbackTimeout() *Error {
	return failure(ErrCallbackTimeout, true, "no redirect reached linkstep before the auth link timed out")
}
