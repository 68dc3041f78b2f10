package truelayer

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/linkstep/linkstep/providers/sandbox/browser"
)

// TestWithXOAuth2 drives the sandbox with golang.org/x/oauth2 as DESIGN.md tells the clients to:
// AuthStyleInParams, PKCE S256, the *http.Client through the context, refresh by TokenSource.
func TestWithXOAuth2(t *testing.T) {
	tests := []struct {
		name      string
		authStyle oauth2.AuthStyle
		wantErr   string // the token endpoint's error code, or ""
	}{
		{"client secret in params", oauth2.AuthStyleInParams, ""},
		{"auto-detect falls back to params", oauth2.AuthStyleAutoDetect, ""},
		{"Basic auth is refused", oauth2.AuthStyleInHeader, "invalid_client"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTestEnv(t, Config{})
			cfg := oauth2.Config{
				ClientID:     e.sb.ClientID(),
				ClientSecret: e.sb.ClientSecret(),
				Endpoint: oauth2.Endpoint{
					AuthURL:   e.authURL + "/",
					TokenURL:  e.authURL + "/connect/token",
					AuthStyle: tt.authStyle,
				},
				RedirectURL: testRedirectURI,
				Scopes:      []string{"info", "accounts", "signupplus", "offline_access"},
			}
			verifier := oauth2.GenerateVerifier()
			link := cfg.AuthCodeURL("st4te", oauth2.S256ChallengeOption(verifier),
				oauth2.SetAuthURLParam("providers", "uk-cs-mock uk-ob-all uk-oauth-all"))
			redirect, err := browser.SignIn(context.Background(), e.srv.Client(), browser.SignInRequest{AuthLink: link,
				RedirectURI: testRedirectURI, Username: "john", Password: "doe"})
			if err != nil {
				t.Fatal(err)
			}
			u, _ := url.Parse(redirect)
			ctx := context.WithValue(context.Background(), oauth2.HTTPClient, e.srv.Client())
			tok, err := cfg.Exchange(ctx, u.Query().Get("code"), oauth2.VerifierOption(verifier))
			if tt.wantErr != "" {
				var re *oauth2.RetrieveError
				if !errors.As(err, &re) || re.ErrorCode != tt.wantErr {
					t.Fatalf("Exchange error %v, want %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Exchange: %v", err)
			}
			if tok.RefreshToken == "" || tok.TokenType != "Bearer" || tok.Extra("scope") != "info accounts signupplus offline_access" {
				t.Fatalf("token %+v", tok)
			}
			// Let the access token expire; the TokenSource refreshes and rotates.
			e.clock.Advance(2 * time.Hour)
			tok.Expiry = time.Now().Add(-time.Minute)
			next, err := cfg.TokenSource(ctx, tok).Token()
			if err != nil {
				t.Fatalf("refresh: %v", err)
			}
			if next.RefreshToken == tok.RefreshToken || next.AccessToken == tok.AccessToken {
				t.Fatal("refresh did not rotate")
			}
			client := oauth2.NewClient(ctx, oauth2.StaticTokenSource(next))
			resp, err := client.Get(e.apiURL + "/signup-plus/accounts")
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("signup-plus with the refreshed token: %s", resp.Status)
			}
		})
	}
}
