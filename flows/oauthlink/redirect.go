package oauthlink

import (
	"fmt"
	"net/url"
	"strings"
)

// Redirect is what came back from the bank: an authorisation code, or an error, plus the state.
type Redirect struct {
	Code   string
	State  string
	Values url.Values // every parameter the redirect carried
	// Bare is set when the user pasted only the code: there is no state to check.
	Bare bool
	// Earlier is set when the redirect answers a link parked by an earlier run.
	Earlier bool
}

// ParseRedirect reads what a user pastes after finishing at the bank: the whole redirect URL
// (query or fragment), just its query string, or the bare code.
func ParseRedirect(input string) (Redirect, error) {
	s := strings.TrimSpace(input)
	if s == "" {
		return Redirect{}, failure(ErrInvalidRedirect, true, "nothing was pasted: paste the redirect URL or the code")
	}
	if strings.ContainsAny(s, " \t\n") {
		return Redirect{}, failure(ErrInvalidRedirect, true, "the pasted text contains spaces: paste the redirect URL or the code alone")
	}
	if !strings.Contains(s, "=") {
		return Redirect{Code: s, Values: url.Values{"code": {s}}, Bare: true}, nil
	}
	query := s
	if u, err := url.Parse(s); err == nil && (u.Scheme != "" || strings.HasPrefix(s, "/")) {
		query = u.RawQuery
		if query == "" {
			query = u.Fragment
		}
	} else {
		query = strings.TrimLeft(s, "?#")
	}
	values, err := url.ParseQuery(query)
	if err != nil {
		return Redirect{}, failure(ErrInvalidRedirect, true, fmt.Sprintf("cannot read the redirect's parameters: %v", err))
	}
	return RedirectFromValues(values)
}

// RedirectFromValues reads a redirect's parameters, as caught by the loopback listener.
func RedirectFromValues(v url.Values) (Redirect, error) {
	r := Redirect{Code: v.Get("code"), State: v.Get("state"), Values: v}
	if r.Code == "" && v.Get("error") == "" {
		return Redirect{}, noCode()
	}
	return r, nil
}

// Check refuses a redirect whose state differs from the one the auth link carried, and turns
// an error redirect into the provider's error. A bare code has no state and is accepted.
func (r Redirect) Check(state string) error {
	if !r.Bare && state != "" && r.State != state {
		if r.State == "" {
			return stateMismatch(" (the redirect carries no state)")
		}
		return stateMismatch("")
	}
	if code := r.Values.Get("error"); code != "" {
		return RedirectError(r.Values)
	}
	if r.Code == "" {
		return noCode()
	}
	return nil
}

// RedirectError turns a redirect's error parameters into an *Error. Providers may add their own
// detail (OneID's error_oneid): unknown values are shown verbatim.
func RedirectError(v url.Values) *Error {
	desc := v.Get("error_description")
	for _, extra := range []string{"error_oneid", "oneid_error"} {
		if d := v.Get(extra); d != "" {
			desc = strings.TrimSpace(desc + " (" + d + ")")
		}
	}
	if desc == "" {
		desc = "the bank or provider sent the user back with an error"
	}
	return &Error{Code: Code(v.Get("error")), Description: desc, Retryable: true}
}
