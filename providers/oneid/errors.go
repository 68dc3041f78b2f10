package oneid

import (
	"cmp"
	"fmt"
	"net/http"
)

// Error is a failed call to the OpenID provider: the operation, the HTTP status, the error code
// and description the provider gave (or what was wrong with its answer), and the request id
// for support.
type Error struct {
	Provider    string // who answered: "oneid", or "oidc" for another OpenID provider ("" reads oneid)
	Op          string // e.g. "exchange code", "userinfo"
	Status      int    // HTTP status; 0 when no answer was read
	Code        string // e.g. invalid_grant, invalid_id_token
	Description string
	RequestID   string // from x-request-id, when present
}

// Error reads "oneid: <op>: <code>: <description> (HTTP <status>)" ("oidc: ..." for another
// OpenID provider).
func (e *Error) Error() string {
	s := cmp.Or(e.Provider, ID) + ": " + e.Op + ": "
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

// ErrorCode returns the error code.
func (e *Error) ErrorCode() string {
	if e.Code == "" {
		return "provider_error"
	}
	return e.Code
}

// ErrorDescription returns the description.
func (e *Error) ErrorDescription() string { return e.Description }

// IsRetryable reports whether the same call may work later: server errors and rate limits.
func (e *Error) IsRetryable() bool {
	return e.Status >= 500 || e.Status == http.StatusTooManyRequests
}
