package sandbox

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"
)

// TestSignInThroughTheRoot checks the root's SignIn, SignInRequest, ErrWrongCredentials and
// PageError, which callers outside the sandbox use.
func TestSignInThroughTheRoot(t *testing.T) {
	tests := []struct {
		name, username, password string
		link                     func(sb *Sandbox, urls URLs) string
		wantErr                  error
		wantPage                 string
	}{
		{"john1/doe1", "john1", "doe1", authLink, nil, ""},
		{"a wrong password", "john", "nope", authLink, ErrWrongCredentials, ""},
		{"an unknown client", "john", "doe", func(sb *Sandbox, urls URLs) string {
			return strings.Replace(authLink(sb, urls), "client_id=sandbox-linkstep", "client_id=nope", 1)
		}, nil, "unauthorized_client"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sb, srv, urls := serve(t, Options{})
			got, err := SignIn(context.Background(), srv.Client(), SignInRequest{AuthLink: tt.link(sb, urls),
				RedirectURI: testRedirectURI, BankID: "mock", Username: tt.username, Password: tt.password})
			var pe *PageError
			switch {
			case tt.wantErr != nil:
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("SignIn error %v, want %v", err, tt.wantErr)
				}
			case tt.wantPage != "":
				if !errors.As(err, &pe) || pe.Code != tt.wantPage {
					t.Fatalf("SignIn error %v, want the error page %s", err, tt.wantPage)
				}
			default:
				u, perr := url.Parse(got)
				if err != nil || perr != nil || u.Query().Get("code") == "" || u.Query().Get("state") != "st4te" {
					t.Fatalf("SignIn = %q, %v; want a code and the state", got, err)
				}
			}
		})
	}
}
