package browser

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// newFakeIdentitySite serves identity pages that are not any provider's: people offered by
// name as buttons (/who) or as radios with a Continue button (/who-radio), each with Cancel.
func newFakeIdentitySite(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /who", func(w http.ResponseWriter, _ *http.Request) {
		page(w, 200, `<form method="post" action="/who"><input type="hidden" name="form_token" value="ft">
			<button name="identity" value="ada">Ada</button><button name="identity" value="bob">Bob</button>
			<button name="decision" value="decline">Cancel</button></form>`)
	})
	mux.HandleFunc("GET /who-radio", func(w http.ResponseWriter, _ *http.Request) {
		page(w, 200, `<form method="post" action="/who"><input type="hidden" name="form_token" value="ft">
			<input type="radio" name="identity" value="ada" checked><input type="radio" name="identity" value="bob">
			<button type="submit" name="decision" value="cancel">Cancel</button><button type="submit">Continue</button></form>`)
	})
	mux.HandleFunc("GET /who-one", func(w http.ResponseWriter, _ *http.Request) {
		page(w, 200, `<form method="post" action="/who"><input type="hidden" name="form_token" value="ft">
			<button name="identity" value="ada">Ada</button></form>`)
	})
	mux.HandleFunc("POST /who", func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.PostFormValue("form_token") != "ft":
			page(w, 400, `<code id="error-code">invalid_request</code><p id="error-description">no token</p>`)
		case r.PostFormValue("decision") != "":
			http.Redirect(w, r, testRedirectURI+"?error=access_denied", http.StatusFound)
		default:
			http.Redirect(w, r, testRedirectURI+"?code=c0de-"+r.PostFormValue("identity"), http.StatusFound)
		}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestSignInChoosesAnIdentity(t *testing.T) {
	srv := newFakeIdentitySite(t)
	tests := []struct {
		name        string
		path        string
		req         SignInRequest
		want        string // the redirect URL SignIn returns
		wantMessage string // or an error saying this
	}{
		{name: "a button", path: "/who", req: SignInRequest{Username: "bob"}, want: testRedirectURI + "?code=c0de-bob"},
		{name: "a radio", path: "/who-radio", req: SignInRequest{Username: "bob"}, want: testRedirectURI + "?code=c0de-bob"},
		{name: "the checked radio", path: "/who-radio", req: SignInRequest{Username: "ada"}, want: testRedirectURI + "?code=c0de-ada"},
		{name: "the only person offered", path: "/who-one", want: testRedirectURI + "?code=c0de-ada"},
		{name: "cancel by button", path: "/who", req: SignInRequest{Username: "bob", Decline: true}, want: testRedirectURI + "?error=access_denied"},
		{name: "cancel beside radios", path: "/who-radio", req: SignInRequest{Decline: true}, want: testRedirectURI + "?error=access_denied"},
		{name: "nowhere to cancel", path: "/who-one", req: SignInRequest{Decline: true}, wantMessage: "no cancel button"},
		{name: "someone not offered", path: "/who", req: SignInRequest{Username: "eve"}, wantMessage: `identity "eve" is not offered (offered: ada, bob)`},
		{name: "nobody chosen", path: "/who", wantMessage: "several identities (ada, bob): choose one"},
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
			if err == nil || !strings.Contains(err.Error(), tt.wantMessage) {
				t.Fatalf("SignIn = %q, %v; want an error saying %q", got, err, tt.wantMessage)
			}
		})
	}
}
