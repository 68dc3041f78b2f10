package truelayer

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"golang.org/x/oauth2"
)

// Exchange trades an authorization code for tokens at {auth}/connect/token, sending the client
// secret, redirect_uri and (when verifier is set) the PKCE code_verifier in the form body.
func (c *Client) Exchange(ctx context.Context, code, redirectURI, verifier string) (*oauth2.Token, error) {
	const op = "exchange code"
	var opts []oauth2.AuthCodeOption
	if verifier != "" {
		opts = append(opts, oauth2.VerifierOption(verifier))
	}
	tok, err := c.oauthConfig(redirectURI).Exchange(c.oauthContext(ctx), code, opts...)
	if err != nil {
		return nil, tokenError(op, err)
	}
	return tok, nil
}

// Refresh trades a refresh token for new tokens; TrueLayer rotates the refresh token, so the
// returned one replaces the old one, which stops working.
func (c *Client) Refresh(ctx context.Context, refreshToken string) (*oauth2.Token, error) {
	const op = "refresh token"
	if refreshToken == "" {
		return nil, fmt.Errorf("truelayer: %s: %w", op, ErrNoRefreshToken)
	}
	src := c.oauthConfig("").TokenSource(c.oauthContext(ctx), &oauth2.Token{RefreshToken: refreshToken})
	tok, err := src.Token()
	if err != nil {
		return nil, tokenError(op, err)
	}
	return tok, nil
}

// ErrNoRefreshToken is returned when a refresh is needed but there is no refresh token
// (the auth link lacked offline_access).
const ErrNoRefreshToken = sentinel("no refresh token (was offline_access requested?)")

// tokenError turns what x/oauth2 returns into an *Error for op when the token endpoint
// answered, and wraps anything else (network, context) with op.
func tokenError(op string, err error) error {
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) {
		return fmt.Errorf("truelayer: %s: %w", op, err)
	}
	e := &Error{Op: op, Code: re.ErrorCode, Description: re.ErrorDescription}
	var header http.Header
	if re.Response != nil {
		e.Status = re.Response.StatusCode
		header = re.Response.Header
		e.RequestID = requestID(header)
	}
	if e.Code == "" && e.Description == "" {
		e.Code, e.Description = parseErrorBody(header.Get("Content-Type"), re.Body)
	}
	return e
}
