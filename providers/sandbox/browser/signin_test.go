package browser

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"syscall"
	"testing"
)

func TestSignInOnAnotherSite(t *testing.T) {
	srv := newFakeSite(t)
	tests := []struct {
		name        string
		path        string
		req         SignInRequest
		want        string // the redirect URL SignIn returns
		wantErr     error  // or an error matching this
		wantPage    string // or an error page with this code
		wantMessage string // or an error saying this
		wantNot     string // which never says this
	}{
		{name: "the chosen bank", path: "/link", req: SignInRequest{BankID: "beta", Username: "ada", Password: "lovelace"},
			want: testRedirectURI + "?code=c0de-beta"},
		{name: "the only bank offered", path: "/link1", req: SignInRequest{Username: "ada", Password: "lovelace"},
			want: testRedirectURI + "?code=c0de-alpha"},
		{name: "several banks and no choice", path: "/link", req: SignInRequest{Username: "ada", Password: "lovelace"},
			wantMessage: "several banks (alpha, beta): choose one"},
		{name: "a bank not offered", path: "/link", req: SignInRequest{BankID: "gamma", Username: "ada", Password: "lovelace"},
			wantMessage: `bank "gamma" is not offered`},
		{name: "declined consent", path: "/link", req: SignInRequest{BankID: "alpha", Decline: true},
			want: testRedirectURI + "?error=access_denied"},
		{name: "wrong password", path: "/link", req: SignInRequest{BankID: "alpha", Username: "ada", Password: "guess-me"},
			wantErr: ErrWrongCredentials, wantMessage: `"ada"`, wantNot: "guess-me"},
		{name: "form_post", path: "/formpost", req: SignInRequest{Username: "ada", Password: "lovelace"},
			want: testRedirectURI + "?code=c0de-alpha&state=st"},
		{name: "an error page", path: "/broken", wantPage: "unauthorized_client"},
		{name: "not a page", path: "/json", wantMessage: "not a page"},
		{name: "a page without a known form", path: "/empty", wantMessage: "no bank, consent or login form"},
		{name: "a redirect loop", path: "/loop", wantMessage: "gave up after 20 requests"},
		{name: "leaving the site", path: "/away", wantMessage: "https://elsewhere.example/x", wantNot: "s3cr3t"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := tt.req
			req.AuthLink, req.RedirectURI = srv.URL+tt.path, testRedirectURI
			got, err := SignIn(context.Background(), srv.Client(), req)
			if tt.want != "" {
				if err != nil || got != tt.want {
					t.Fatalf("SignIn = %q, %v; want %q", got, err, tt.want)
				}
				return
			}
			if err == nil {
				t.Fatalf("SignIn = %q, want an error", got)
			}
			var pe *PageError
			switch {
			case tt.wantErr != nil && !errors.Is(err, tt.wantErr):
				t.Errorf("error %v, want %v", err, tt.wantErr)
			case tt.wantPage != "" && (!errors.As(err, &pe) || pe.Code != tt.wantPage || pe.Description == "" || pe.Status != 400):
				t.Errorf("error %v, want the error page %s", err, tt.wantPage)
			case !strings.Contains(err.Error(), tt.wantMessage) || !strings.HasPrefix(err.Error(), "sign in: "):
				t.Errorf("error %q, want it to say %q", err, tt.wantMessage)
			case tt.wantNot != "" && strings.Contains(err.Error(), tt.wantNot):
				t.Errorf("error %q reveals %q", err, tt.wantNot)
			}
		})
	}
}

func TestSignInChecksItsRequest(t *testing.T) {
	tests := []struct{ name, link, redirect string }{
		{"a relative auth link", "/link", testRedirectURI},
		{"a relative redirect URI", "http://127.0.0.1:1/link", "/callback"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := SignIn(context.Background(), nil, SignInRequest{AuthLink: tt.link, RedirectURI: tt.redirect}); err == nil {
				t.Fatal("SignIn accepted it")
			}
		})
	}
}

func TestSignInStopsWithTheContext(t *testing.T) {
	srv := newFakeSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := SignIn(ctx, srv.Client(), SignInRequest{AuthLink: srv.URL + "/link", RedirectURI: testRedirectURI})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("SignIn with a cancelled context: %v", err)
	}
}

func TestErrWrongCredentialsIsAConstantSentinel(t *testing.T) {
	const again = ErrWrongCredentials
	wrapped := errors.Join(errors.New("log in"), again)
	if !errors.Is(wrapped, ErrWrongCredentials) || ErrWrongCredentials.Error() != "the mock bank refused the username or password" {
		t.Fatalf("%v is not ErrWrongCredentials", wrapped)
	}
}

// TestSignInWhenNothingAnswers is a sandbox that stopped mid-journey: the error says so, names
// the host, and does not repeat the auth link's query (its state, nonce and challenge).
func TestSignInWhenNothingAnswers(t *testing.T) {
	srv := newFakeSite(t)
	link := srv.URL + "/link?state=the-state&nonce=the-nonce&code_challenge=the-challenge"
	srv.Close()
	_, err := SignIn(context.Background(), http.DefaultClient, SignInRequest{AuthLink: link, RedirectURI: testRedirectURI})
	if err == nil || !errors.Is(err, syscall.ECONNREFUSED) || !strings.Contains(err.Error(), "has the sandbox stopped?") ||
		!strings.Contains(err.Error(), strings.TrimPrefix(srv.URL, "http://")) {
		t.Fatalf("SignIn against a stopped site: %v", err)
	}
	for _, leak := range []string{"the-state", "the-nonce", "the-challenge"} {
		if strings.Contains(err.Error(), leak) {
			t.Errorf("the error %q repeats the auth link's query (%s)", err, leak)
		}
	}
}
