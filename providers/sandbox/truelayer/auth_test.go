package truelayer

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/linkstep/linkstep/providers/sandbox/browser"
)

func TestAuthLinkValidation(t *testing.T) {
	_, challenge := pkce("v")
	type want struct {
		pageStatus int    // an error page with this status, or 0
		pageCode   string // its error code
		redirErr   string // or a redirect to the redirect URI with this error
		nextPage   string // or a redirect to this sandbox page prefix
	}
	tests := []struct {
		name   string
		opts   Config
		change func(url.Values)
		want   want
	}{
		{"valid link skips bank selection with one bank", Config{}, func(url.Values) {},
			want{nextPage: "/truelayer/auth/consent/"}},
		{"unknown client_id", Config{}, func(p url.Values) { p.Set("client_id", "sandbox-other") },
			want{pageStatus: 400, pageCode: "unauthorized_client"}},
		{"missing client_id", Config{}, func(p url.Values) { p.Del("client_id") },
			want{pageStatus: 400, pageCode: "unauthorized_client"}},
		{"missing redirect_uri", Config{}, func(p url.Values) { p.Del("redirect_uri") },
			want{pageStatus: 400, pageCode: "unauthorized_client"}},
		{"non-loopback http redirect_uri", Config{}, func(p url.Values) { p.Set("redirect_uri", "http://evil.example/cb") },
			want{pageStatus: 400, pageCode: "unauthorized_client"}},
		{"custom scheme not registered", Config{}, func(p url.Values) { p.Set("redirect_uri", "myapp://cb") },
			want{pageStatus: 400, pageCode: "unauthorized_client"}},
		{"custom scheme registered as extra", Config{ExtraRedirectURIs: []string{"myapp://cb"}},
			func(p url.Values) { p.Set("redirect_uri", "myapp://cb") }, want{nextPage: "/truelayer/auth/consent/"}},
		{"localhost on any port", Config{}, func(p url.Values) { p.Set("redirect_uri", "http://localhost:1234/x") },
			want{nextPage: "/truelayer/auth/consent/"}},
		{"https is accepted", Config{}, func(p url.Values) { p.Set("redirect_uri", "https://console.truelayer-sandbox.com/redirect-page") },
			want{nextPage: "/truelayer/auth/consent/"}},
		{"response_type token", Config{}, func(p url.Values) { p.Set("response_type", "token") },
			want{redirErr: "unsupported_response_type"}},
		{"missing scope", Config{}, func(p url.Values) { p.Del("scope") },
			want{redirErr: "invalid_scope"}},
		{"unknown scope", Config{}, func(p url.Values) { p.Set("scope", "info everything") },
			want{redirErr: "invalid_scope"}},
		{"plain PKCE", Config{}, func(p url.Values) { p.Set("code_challenge", challenge); p.Set("code_challenge_method", "plain") },
			want{redirErr: "invalid_request"}},
		{"PKCE without method", Config{}, func(p url.Values) { p.Set("code_challenge", challenge) },
			want{redirErr: "invalid_request"}},
		{"malformed challenge", Config{}, func(p url.Values) { p.Set("code_challenge", "short"); p.Set("code_challenge_method", "S256") },
			want{redirErr: "invalid_request"}},
		{"unknown response_mode", Config{}, func(p url.Values) { p.Set("response_mode", "fragment") },
			want{redirErr: "invalid_request"}},
		{"unknown provider_id", Config{}, func(p url.Values) { p.Set("provider_id", "ob-monzo") },
			want{pageStatus: 400, pageCode: "invalid_request"}},
		{"providers without the mock bank", Config{}, func(p url.Values) { p.Set("providers", "uk-ob-all") },
			want{pageStatus: 400, pageCode: "invalid_request"}},
		{"several banks show the selection page", Config{Banks: twoBanks()}, func(url.Values) {},
			want{nextPage: "/truelayer/auth/select/"}},
		{"provider_id skips the selection page", Config{Banks: twoBanks()}, func(p url.Values) { p.Set("provider_id", "ob-monzo") },
			want{nextPage: "/truelayer/auth/consent/"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTestEnv(t, tt.opts)
			p := e.linkParams()
			tt.change(p)
			resp, err := noRedirectClient().Get(e.link(p))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			switch {
			case tt.want.pageStatus != 0:
				page, err := browser.ParsePage(resp.Body)
				if err != nil {
					t.Fatal(err)
				}
				if resp.StatusCode != tt.want.pageStatus || page.ErrorCode != tt.want.pageCode || page.ErrorDescription == "" {
					t.Fatalf("got %d page %+v, want %d %s", resp.StatusCode, page, tt.want.pageStatus, tt.want.pageCode)
				}
				if loc := resp.Header.Get("Location"); loc != "" {
					t.Fatalf("an error page must not redirect, got Location %s", loc)
				}
			case tt.want.redirErr != "":
				loc, err := url.Parse(resp.Header.Get("Location"))
				if err != nil || resp.StatusCode != http.StatusFound {
					t.Fatalf("got %d Location %q, want a redirect", resp.StatusCode, resp.Header.Get("Location"))
				}
				q := loc.Query()
				if !strings.HasPrefix(loc.String(), testRedirectURI+"?") || q.Get("error") != tt.want.redirErr ||
					q.Get("state") != "st4te" || q.Get("error_description") == "" {
					t.Fatalf("got redirect %s, want %s with error=%s and the state", loc, testRedirectURI, tt.want.redirErr)
				}
			default:
				loc := resp.Header.Get("Location")
				if resp.StatusCode != http.StatusFound || !strings.HasPrefix(loc, tt.want.nextPage) {
					t.Fatalf("got %d Location %q, want a redirect to %s…", resp.StatusCode, loc, tt.want.nextPage)
				}
			}
		})
	}
}

func TestAuthLinkWithoutTrailingSlash(t *testing.T) {
	e := newTestEnv(t, Config{})
	resp, err := noRedirectClient().Get(e.authURL + "?" + e.linkParams().Encode())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("got %d, want the auth link served at {auth} too", resp.StatusCode)
	}
}

func TestAuthSessionIsSingleUse(t *testing.T) {
	e := newTestEnv(t, Config{})
	link := e.link(e.linkParams())
	if _, err := e.signIn(link, "john1", "doe1"); err != nil {
		t.Fatal(err)
	}
	// Replaying the same session's pages after the code went out shows an error page.
	resp, err := noRedirectClient().Get(link)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	consent := resp.Header.Get("Location")
	if _, err := e.signIn(e.srv.URL+consent, "john1", "doe1"); err != nil {
		t.Fatalf("a fresh session from the same link should work: %v", err)
	}
	resp, err = e.srv.Client().Get(e.srv.URL + consent)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	page, err := browser.ParsePage(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusBadRequest || page.ErrorCode != "invalid_request" {
		t.Fatalf("got %d %+v, want the finished-session error page", resp.StatusCode, page)
	}
}

// twoBanks is the Mock bank and a second, made-up one.
func twoBanks() []Bank {
	return []Bank{MockBank(), {ID: "ob-monzo", Name: "Monzo", Country: "uk"}}
}
