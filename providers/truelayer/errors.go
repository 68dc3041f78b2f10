package truelayer

import (
	"fmt"
	"net/http"
)

// sentinel is a constant error, so that no other package can reassign it.
type sentinel string

// Error returns the message.
func (s sentinel) Error() string { return string(s) }

// Error is an error answer from TrueLayer: the HTTP status, TrueLayer's error code and
// description, the request id for support, and the operation that failed.
type Error struct {
	Status      int    // HTTP status
	Code        string // e.g. invalid_grant; empty when the body carried none
	Description string // error_description, or what was wrong with the answer
	RequestID   string // from X-Request-Id or Tl-Request-Id, when present
	Op          string // e.g. "exchange code", "signup-plus accounts"
}

// Error reads "truelayer: <op>: <code>: <description> (HTTP <status>)".
func (e *Error) Error() string {
	s := "truelayer: " + e.Op + ": "
	switch {
	case e.Code != "" && e.Description != "":
		s += e.Code + ": " + e.Description
	case e.Code != "":
		s += e.Code
	case e.Description != "":
		s += e.Description
	default:
		s += http.StatusText(e.Status)
	}
	if e.Status != 0 {
		s += fmt.Sprintf(" (HTTP %d)", e.Status)
	}
	return s
}

// ErrorCode returns TrueLayer's error code, e.g. invalid_grant.
func (e *Error) ErrorCode() string { return e.Code }

// ErrorDescription returns TrueLayer's error description.
func (e *Error) ErrorDescription() string { return e.Description }

// IsRetryable reports whether trying the same call again later may succeed: server errors,
// rate limiting, provider_error, internal_error and a temporarily locked account are; invalid
// grants, clients, codes, tokens, denied access and validation errors are not.
func (e *Error) IsRetryable() bool {
	switch {
	case isTransientCode(e.Code):
		return true
	case isPermanentCode(e.Code):
		return false
	default:
		return e.Status >= 500 || e.Status == http.StatusTooManyRequests
	}
}

// isTransientCode reports whether code may go away by itself.
func isTransientCode(code string) bool {
	switch code {
	case "provider_error", "internal_error", "account_temporarily_locked", "temporarily_unavailable",
		"server_error", "provider_timeout", "provider_too_many_requests", "rate_limit_exceeded":
		return true
	}
	return false
}

// isPermanentCode reports whether code fails the same way however often it is retried.
func isPermanentCode(code string) bool {
	switch code {
	case "invalid_grant", "invalid_client", "invalid_authorization_code", "invalid_token",
		"unauthorized", "unauthorized_client", "access_denied", "validation_error", "invalid_request",
		"account_permanently_locked", "wrong_credentials", "user_input_required", "sca_exceeded",
		"account_not_found":
		return true
	}
	return false
}
