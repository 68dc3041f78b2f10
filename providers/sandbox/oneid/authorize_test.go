package oneid

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestAuthorize(t *testing.T) {
	tests := []struct {
		name         string
		change       func(url.Values)
		wantPage     string // an error page with this code
		wantError    string // or a redirect with this error
		wantNoState  bool   // the redirect carries no state
		wantInDesc   string // part of the error description
		wantBankPage bool   // or the mock bank's page
	}{
		{name: "valid", wantBankPage: true},
		{name: "the public client", change: func(p url.Values) { p.Set("client_id", DefaultPublicClientID) }, wantBankPage: true},
		{name: "localhost on another port", change: func(p url.Values) { p.Set("redirect_uri", "http://localhost:9/cb") }, wantBankPage: true},
		{name: "an https redirect", change: func(p url.Values) { p.Set("redirect_uri", "https://app.example/cb") }, wantBankPage: true},
		{name: "scopes repeated", change: func(p url.Values) { p.Set("scope", "openid openid profile product:age_check") }, wantBankPage: true},
		{name: "an unknown client", change: func(p url.Values) { p.Set("client_id", "nope") }, wantPage: "unauthorized_client"},
		{name: "no client", change: func(p url.Values) { p.Del("client_id") }, wantPage: "unauthorized_client"},
		{name: "an http redirect off this machine", change: func(p url.Values) { p.Set("redirect_uri", "http://evil.example/cb") }, wantPage: "invalid_request"},
		{name: "a redirect with a fragment", change: func(p url.Values) { p.Set("redirect_uri", "https://app.example/cb#x") }, wantPage: "invalid_request"},
		{name: "a javascript redirect", change: func(p url.Values) { p.Set("redirect_uri", "javascript:alert(1)") }, wantPage: "invalid_request"},
		{name: "no redirect", change: func(p url.Values) { p.Del("redirect_uri") }, wantPage: "invalid_request"},
		{name: "no product", change: func(p url.Values) { p.Set("scope", "openid profile") }, wantError: "invalid_scope", wantInDesc: "it has none"},
		{name: "two products", change: func(p url.Values) { p.Set("scope", "openid product:id_assure product:age_check") },
			wantError: "invalid_scope", wantInDesc: "product:id_assure and product:age_check"},
		{name: "balances without accounts", change: func(p url.Values) { p.Set("scope", "openid accounts.balances product:id_assure") },
			wantError: "invalid_scope", wantInDesc: "needs the accounts scope"},
		{name: "an unknown scope", change: func(p url.Values) { p.Set("scope", "openid info product:id_assure") },
			wantError: "invalid_scope", wantInDesc: `"info" is not known`},
		{name: "no openid", change: func(p url.Values) { p.Set("scope", "profile product:id_assure") }, wantError: "invalid_scope", wantInDesc: "openid"},
		{name: "no scope", change: func(p url.Values) { p.Del("scope") }, wantError: "invalid_scope"},
		{name: "a token response", change: func(p url.Values) { p.Set("response_type", "token") }, wantError: "unsupported_response_type"},
		{name: "form_post", change: func(p url.Values) { p.Set("response_mode", "form_post") }, wantError: "invalid_request"},
		{name: "no PKCE", change: func(p url.Values) { p.Del("code_challenge"); p.Del("code_challenge_method") },
			wantError: "invalid_request", wantInDesc: "PKCE is required"},
		{name: "plain PKCE", change: func(p url.Values) { p.Set("code_challenge_method", "plain") }, wantError: "invalid_request", wantInDesc: "S256"},
		{name: "a malformed challenge", change: func(p url.Values) { p.Set("code_challenge", "short") }, wantError: "invalid_request"},
		{name: "no nonce", change: func(p url.Values) { p.Del("nonce") }, wantError: "invalid_request", wantInDesc: "nonce"},
		{name: "no state", change: func(p url.Values) { p.Del("state") }, wantError: "invalid_request", wantNoState: true},
		{name: "a huge state", change: func(p url.Values) { p.Set("state", strings.Repeat("s", 2000)) }, wantError: "invalid_request", wantNoState: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTestEnv(t, Config{})
			_, challenge := pkce("x")
			p := e.authParams(allScopes, challenge)
			if tt.change != nil {
				tt.change(p)
			}
			resp, err := noRedirectClient().Get(e.link(p))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			loc := resp.Header.Get("Location")
			switch {
			case tt.wantBankPage:
				if resp.StatusCode != http.StatusFound || !strings.HasPrefix(loc, Prefix+"/bank/") {
					t.Fatalf("got %d Location %q: %s", resp.StatusCode, loc, body)
				}
			case tt.wantPage != "":
				if resp.StatusCode != http.StatusBadRequest || loc != "" ||
					!strings.Contains(string(body), `<code id="error-code">`+tt.wantPage+`</code>`) ||
					!strings.Contains(string(body), `id="error-description"`) {
					t.Fatalf("got %d Location %q: %s", resp.StatusCode, loc, body)
				}
			default:
				u, err := url.Parse(loc)
				if err != nil || resp.StatusCode != http.StatusFound || !strings.HasPrefix(loc, testRedirectURI+"?") {
					t.Fatalf("got %d Location %q: %s", resp.StatusCode, loc, body)
				}
				q := u.Query()
				wantState := "st4te"
				if tt.wantNoState {
					wantState = ""
				}
				if q.Get("error") != tt.wantError || q.Get("state") != wantState || q.Get("code") != "" ||
					!strings.Contains(q.Get("error_description"), tt.wantInDesc) || q.Get("error_description") == "" {
					t.Fatalf("redirect %v, want error %s saying %q", q, tt.wantError, tt.wantInDesc)
				}
			}
		})
	}
}

func TestParseScope(t *testing.T) {
	got, e := parseScope("openid  profile openid product:sign_up_plus accounts accounts.balances")
	if e != nil || strings.Join(got, " ") != "openid profile product:sign_up_plus accounts accounts.balances" {
		t.Fatalf("parseScope = %v, %v", got, e)
	}
	if productOf(got) != "product:sign_up_plus" {
		t.Errorf("productOf = %q", productOf(got))
	}
}
