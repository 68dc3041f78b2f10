package flows

import (
	"errors"
	"fmt"
	"strings"
)

// sentinel is a constant error, so that no other package can reassign it.
type sentinel string

// Error returns the message.
func (s sentinel) Error() string { return string(s) }

// ErrBack is returned by Ask when the user goes back to the previous question.
const ErrBack = sentinel("back")

// ErrUnexpectedAnswer means a front-end answered a prompt with the wrong kind of answer.
const ErrUnexpectedAnswer = sentinel("unexpected answer")

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

// IsTransient reports whether err is a passing fault (an outage, a timeout, a lock that lifts)
// that the same step, run again, may get past. A retryable error need not be transient: a
// declined consent (the user's own decision) or a state mismatch can be retried, but a retry
// only starts the step afresh (a new auth link), and an answer that was refused is refused
// again until it changes.
func IsTransient(err error) bool {
	if err == nil || !IsRetryable(err) {
		return false
	}
	code, _ := Describe(err)
	return !isDecisionOrRefusal(code)
}

// isDecisionOrRefusal reports whether code names a decision, a mismatch or a refused answer
// rather than a passing fault, whatever its error says about retrying.
func isDecisionOrRefusal(code string) bool {
	switch code {
	case "access_denied", // the user declined (OneID: UserCancelled)
		"state_mismatch", "invalid_redirect", "no_code", "too_many_refused",
		"invalid_grant", "invalid_client", "wrong_credentials", "mock_bank_login_failed",
		"unknown_account", "invalid_issuer", "invalid_user", "invalid_market", "invalid_permission",
		"validation_error", "not_reconfirmed":
		return true
	}
	return false
}

// MissingAnswerError is a question a non-interactive front-end could not answer: the flag that
// would answer it and the values it accepts.
type MissingAnswerError struct {
	Question string
	Flag     string
	Or       []string // other flags that answer it as well, e.g. --phone besides --email
	Valid    []string
}

// Error names the flag (or its alternatives) and the valid values.
func (e *MissingAnswerError) Error() string {
	flags := e.Flag
	if n := len(e.Or); n > 0 {
		flags = strings.Join(append([]string{e.Flag}, e.Or[:n-1]...), ", ") + " or " + e.Or[n-1]
	}
	msg := fmt.Sprintf("%s: pass %s", e.Question, flags)
	if len(e.Valid) > 0 {
		msg += " with one of: " + strings.Join(e.Valid, ", ")
	}
	return msg
}
