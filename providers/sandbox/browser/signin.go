package browser

import (
	"context"
	"fmt"
	"net/http"
)

// sentinel is an error that can be a constant, so no other package can change it.
type sentinel string

// Error returns the sentinel's text.
func (e sentinel) Error() string { return string(e) }

// ErrWrongCredentials means the mock bank refused the username and password.
const ErrWrongCredentials = sentinel("the mock bank refused the username or password")

// SignInRequest is what a person would type or click on the auth link's pages.
type SignInRequest struct {
	AuthLink    string // the auth link, as the client built it
	RedirectURI string // where the walk stops: the auth link's redirect_uri, or any URL below it
	BankID      string // provider_id to pick on the bank selection page, if one is shown
	Username    string // the mock bank username, or the identity to choose on an identity page
	Password    string // the mock bank password
	Decline     bool   // decline on the consent page instead of allowing, or cancel on an identity page
}

// PageError is an error page the sandbox showed instead of going on.
type PageError struct {
	Status      int    // the page's HTTP status
	Code        string // the error code the page shows, e.g. unauthorized_client
	Description string // the readable reason the page shows
}

// Error describes the page's error code and reason.
func (e *PageError) Error() string {
	return fmt.Sprintf("error page (HTTP %d): %s: %s", e.Status, e.Code, e.Description)
}

// SignIn walks the auth link's pages like a browser: it picks the bank, allows (or declines)
// consent and logs in to the mock bank, or picks the identity named req.Username (or cancels)
// where the mock bank offers people by name, following redirects within the sandbox. It stops as
// soon as a redirect, or a form_post form, points at req.RedirectURI or below it (the same
// scheme, host and port, and its path or a path under it: for .../callback also
// .../callback/success and .../callback/error, a hosted flow's callbacks), without requesting
// it, and returns that URL (for form_post, with the posted fields as its query).
// Requests go through hc's Transport, so a transcript recorder still sees them.
func SignIn(ctx context.Context, hc *http.Client, req SignInRequest) (redirectURL string, err error) {
	w, err := newWalker(hc, req)
	if err != nil {
		return "", fmt.Errorf("sign in: %w", err)
	}
	redirectURL, err = w.walk(ctx)
	if err != nil {
		return "", fmt.Errorf("sign in: %w", err)
	}
	return redirectURL, nil
}
