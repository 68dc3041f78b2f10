package oneid

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"golang.org/x/oauth2"
)

// Tokens are what the token endpoint gives: an access token (OneID's is opaque and lives 5
// minutes), the signed ID token, and no refresh token.
type Tokens struct {
	AccessToken  string
	TokenType    string
	Expiry       time.Time
	IDToken      string // the raw JWT; verify it with VerifyIDToken
	RefreshToken string // empty at OneID
	Scope        string // the granted scopes, when the provider says
	RequestID    string
}

// Exchange trades an authorization code for tokens: HTTP Basic for a confidential client, the
// PKCE code_verifier, and the redirect_uri (harmless at OneID, required elsewhere).
func (c *Client) Exchange(ctx context.Context, code, redirectURI, verifier string) (Tokens, error) {
	const op = "exchange code"
	var opts []oauth2.AuthCodeOption
	if verifier != "" {
		opts = append(opts, oauth2.VerifierOption(verifier))
	}
	capture := &requestIDCapture{base: c.hc.Transport}
	hc := *c.hc
	hc.Transport = capture
	tok, err := c.oauthConfig(redirectURI, nil).Exchange(context.WithValue(ctx, oauth2.HTTPClient, &hc), code, opts...)
	if err != nil {
		return Tokens{}, tokenError(c.who(), op, err)
	}
	t := Tokens{AccessToken: tok.AccessToken, TokenType: tok.TokenType, Expiry: tok.Expiry, RefreshToken: tok.RefreshToken, RequestID: capture.id()}
	t.IDToken, _ = tok.Extra("id_token").(string)
	t.Scope, _ = tok.Extra("scope").(string)
	if t.IDToken == "" {
		return Tokens{}, &Error{Provider: c.who(), Op: op, Code: "no_id_token", Description: "the token answer carries no id_token (was openid asked for?)", RequestID: t.RequestID}
	}
	return t, nil
}

// tokenError turns what x/oauth2 returns into an *Error when the token endpoint answered.
func tokenError(who, op string, err error) error {
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) {
		return fmt.Errorf("%s: %s: %w", who, op, err)
	}
	e := &Error{Provider: who, Op: op, Code: re.ErrorCode, Description: re.ErrorDescription}
	var header http.Header
	if re.Response != nil {
		e.Status, header = re.Response.StatusCode, re.Response.Header
		e.RequestID = header.Get(requestIDHeader)
	}
	if e.Code == "" && e.Description == "" {
		e.Code, e.Description = parseErrorBody(header.Get("Content-Type"), re.Body)
	}
	return e
}

// requestIDCapture keeps the request id of the last answer that went through it.
type requestIDCapture struct {
	base http.RoundTripper
	mu   sync.Mutex
	last string
}

// RoundTrip forwards r and notes the answer's request id.
func (c *requestIDCapture) RoundTrip(r *http.Request) (*http.Response, error) {
	base := c.base
	if base == nil {
		base = http.DefaultTransport
	}
	resp, err := base.RoundTrip(r)
	if resp != nil {
		c.mu.Lock()
		c.last = resp.Header.Get(requestIDHeader)
		c.mu.Unlock()
	}
	return resp, err
}

func (c *requestIDCapture) id() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.last
}
