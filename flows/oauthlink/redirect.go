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
// (query or fragment), just its query string, or the bare code. Text that is neither (a bare
// code has only URL-safe token characters) is refused with ErrInvalidRedirect, never taken as
// a code.
func ParseRedirect(input string) (Redirect, error) {
	s := strings.TrimSpace(input)
	if s == "" {
		return Redirect{}, failure(ErrInvalidRedirect, true, "nothing was pasted: paste the redirect URL or the code")
	}
	if strings.ContainsAny(s, " \t\n") {
		return Redirect{}, failure(ErrInvalidRedirect, true, "the pasted text contains spaces: paste the redirect URL or the code alone")
	}
	looksLikeURL := strings.Contains(s, "://") || strings.ContainsAny(s[:1], "/?#")
	if !looksLikeURL && !strings.Contains(s, "=") {
		if !isBareCode(s) {
			return Redirect{}, failure(ErrInvalidRedirect, true, "the pasted text is neither a redirect URL nor a code (a code has only letters, digits and - . _ ~): paste the whole address the bank sent you to")
		}
		return Redirect{Code: s, Values: url.Values{"code": {s}}, Bare: true}, nil
	}
	query := strings.TrimLeft(s, "?#")
	if looksLikeURL {
		u, err := url.Parse(s)
		if err != nil {
			// url.Parse's error quotes the input, which may hold the code: say what is wrong only.
			return Redirect{}, failure(ErrInvalidRedirect, true, "the pasted text does not read as a URL: paste the whole address the bank sent you to, as it is")
		}
		query = u.RawQuery
		if query == "" {
			query = u.Fragment
		}
	}
	values, err := url.ParseQuery(query)
	if err != nil {
		return Redirect{}, failure(ErrInvalidRedirect, true, fmt.Sprintf("cannot read the redirect's parameters: %v", err))
	}
	return RedirectFromValues(values)
}

// isBareCode reports whether s could be an authorisation code on its own: URL-safe token
// characters only (RFC 3986's unreserved set).
func isBareCode(s string) bool {
	for _, c := range s {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.ContainsRune("-._~", c):
		default:
			return false
		}
	}
	return s != ""
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
	if !r.belongsTo(state) {
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

// belongsTo reports whether r may answer the auth link that carried state: its state is that
// one, or there is nothing to compare (a bare code, or a link made without linkstep's state).
func (r Redirect) belongsTo(state string) bool {
	return r.Bare || state == "" || r.State == state
}

// CheckPasted says whether a pasted redirect may answer the auth link that carried state, so
// that a front-end can refuse it beside the input and keep waiting on the same link: nil, or
// ErrInvalidRedirect or ErrNoCode (it cannot be read) or ErrStateMismatch (it belongs to
// another link, or carries no state). A provider's error redirect with the link's state passes:
// given as the reply, it ends the step with that error.
func CheckPasted(input, state string) error {
	r, err := ParseRedirect(input)
	if err != nil {
		return err
	}
	if !r.belongsTo(state) {
		return anotherLink(r.State == "")
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
