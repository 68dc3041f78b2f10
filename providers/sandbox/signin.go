package sandbox

import (
	"context"
	"net/http"

	"github.com/linkstep/linkstep/providers/sandbox/browser"
)

// SignInRequest is what a person would type or click on the auth link's pages.
type SignInRequest = browser.SignInRequest

// PageError is an error page the sandbox showed instead of going on.
type PageError = browser.PageError

// ErrWrongCredentials means the mock bank refused the username and password.
const ErrWrongCredentials = browser.ErrWrongCredentials

// SignIn walks the auth link's pages like a browser up to the redirect URI and returns where
// the pages sent the browser; see browser.SignIn.
func SignIn(ctx context.Context, hc *http.Client, req SignInRequest) (redirectURL string, err error) {
	return browser.SignIn(ctx, hc, req)
}
