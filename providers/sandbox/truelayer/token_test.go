package truelayer

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestTokenExchange(t *testing.T) {
	e := newTestEnv(t, Config{})
	code, verifier := e.codeFor("john1", "doe1", "info accounts signupplus offline_access")
	status, body := e.postToken(e.exchangeForm(code, verifier))
	if status != http.StatusOK {
		t.Fatalf("exchange: %d %v", status, body)
	}
	for _, k := range []string{"access_token", "expires_in", "token_type", "refresh_token", "scope"} {
		if _, ok := body[k]; !ok {
			t.Errorf("token answer lacks %q: %v", k, body)
		}
	}
	if len(body) != 5 {
		t.Errorf("token answer has extra fields: %v", body)
	}
	if body["expires_in"] != float64(3600) || body["token_type"] != "Bearer" || body["scope"] != "info accounts signupplus offline_access" {
		t.Errorf("token answer %v", body)
	}
	claims := jwtClaims(t, body["access_token"].(string))
	sub, _ := claims["sub"].(string)
	if len(sub) != 22 || strings.ContainsAny(sub, "+/=") {
		t.Errorf("sub %q, want a 22-character base64url credentials_id", sub)
	}
	now := e.clock.Now().Unix()
	if claims["client_id"] != e.sb.ClientID() || claims["iat"] != float64(now) || claims["exp"] != float64(now+3600) {
		t.Errorf("claims %v", claims)
	}
	// The sub is the connection's credentials_id, as /me shows it.
	_, me := e.get("/data/v1/me", body["access_token"].(string))
	if got := decode(t, me)["results"].([]any)[0].(map[string]any)["credentials_id"]; got != sub {
		t.Errorf("credentials_id on /me %v, want the token's sub %s", got, sub)
	}
}

func TestTokenWithoutOfflineAccessHasNoRefreshToken(t *testing.T) {
	e := newTestEnv(t, Config{})
	body := e.connect("john1", "doe1", "info signupplus")
	if _, ok := body["refresh_token"]; ok || body["scope"] != "info signupplus" {
		t.Fatalf("token answer %v, want no refresh_token and the two scopes", body)
	}
}

func TestTokenErrors(t *testing.T) {
	tests := []struct {
		name       string
		change     func(e *testEnv, form url.Values)
		wantStatus int
		wantCode   string
	}{
		{"wrong secret", func(_ *testEnv, f url.Values) { f.Set("client_secret", "nope") }, 400, "invalid_client"},
		{"wrong client id", func(_ *testEnv, f url.Values) { f.Set("client_id", "sandbox-other") }, 400, "invalid_client"},
		{"no client credentials", func(_ *testEnv, f url.Values) { f.Del("client_id"); f.Del("client_secret") }, 400, "invalid_client"},
		{"unknown code", func(_ *testEnv, f url.Values) { f.Set("code", "0123") }, 400, "invalid_authorization_code"},
		{"code older than 5 minutes", func(e *testEnv, _ url.Values) { e.clock.Advance(5*time.Minute + time.Second) }, 400, "invalid_authorization_code"},
		{"other redirect_uri", func(_ *testEnv, f url.Values) { f.Set("redirect_uri", "http://127.0.0.1:9999/callback") }, 400, "invalid_grant"},
		{"PKCE verifier mismatch", func(_ *testEnv, f url.Values) { f.Set("code_verifier", strings.Repeat("x", 50)) }, 400, "invalid_grant"},
		{"PKCE verifier missing", func(_ *testEnv, f url.Values) { f.Del("code_verifier") }, 400, "invalid_grant"},
		{"missing code", func(_ *testEnv, f url.Values) { f.Del("code") }, 400, "validation_error"},
		{"missing redirect_uri", func(_ *testEnv, f url.Values) { f.Del("redirect_uri") }, 400, "validation_error"},
		{"missing grant_type", func(_ *testEnv, f url.Values) { f.Del("grant_type") }, 400, "validation_error"},
		{"unknown grant_type", func(_ *testEnv, f url.Values) { f.Set("grant_type", "password") }, 400, "unsupported_grant_type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTestEnv(t, Config{})
			code, verifier := e.codeFor("john", "doe", "info signupplus offline_access")
			form := e.exchangeForm(code, verifier)
			tt.change(e, form)
			status, body := e.postToken(form)
			raw, _ := json.Marshal(body)
			wantError(t, status, raw, tt.wantStatus, tt.wantCode)
		})
	}
}

func TestCodeExactlyFiveMinutesOldStillWorks(t *testing.T) {
	e := newTestEnv(t, Config{})
	code, verifier := e.codeFor("john", "doe", "signupplus")
	e.clock.Advance(5 * time.Minute)
	if status, body := e.postToken(e.exchangeForm(code, verifier)); status != http.StatusOK {
		t.Fatalf("exchange at 5 minutes: %d %v", status, body)
	}
}

func TestTokenBasicAuthIsRefused(t *testing.T) {
	e := newTestEnv(t, Config{})
	code, verifier := e.codeFor("john", "doe", "signupplus")
	form := e.exchangeForm(code, verifier)
	form.Del("client_id")
	form.Del("client_secret")
	req, _ := http.NewRequest(http.MethodPost, e.authURL+"/connect/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(e.sb.ClientID(), e.sb.ClientSecret())
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&body)
	if resp.StatusCode != http.StatusBadRequest || body["error"] != "invalid_client" ||
		!strings.Contains(body["error_description"].(string), "body") {
		t.Fatalf("Basic auth: %d %v, want invalid_client telling to use the body", resp.StatusCode, body)
	}
	// The code was not consumed by the refused attempt.
	if status, body := e.postToken(e.exchangeForm(code, verifier)); status != http.StatusOK {
		t.Fatalf("exchange after the refused attempt: %d %v", status, body)
	}
}

func TestTokenNeedsAFormBody(t *testing.T) {
	e := newTestEnv(t, Config{})
	raw, _ := json.Marshal(map[string]string{"grant_type": "authorization_code", "client_id": e.sb.ClientID()})
	resp, err := e.srv.Client().Post(e.authURL+"/connect/token", "application/json", strings.NewReader(string(raw)))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&body)
	if resp.StatusCode != http.StatusBadRequest || body["error"] != "validation_error" {
		t.Fatalf("JSON body: %d %v, want validation_error", resp.StatusCode, body)
	}
}

func TestReusedCodeRevokesItsTokens(t *testing.T) {
	e := newTestEnv(t, Config{})
	code, verifier := e.codeFor("john1", "doe1", "info signupplus offline_access")
	status, first := e.postToken(e.exchangeForm(code, verifier))
	if status != http.StatusOK {
		t.Fatalf("first exchange: %d %v", status, first)
	}
	access := first["access_token"].(string)
	if status, body := e.get("/signup-plus/accounts", access); status != http.StatusOK {
		t.Fatalf("data call before the reuse: %d %s", status, body)
	}
	status, second := e.postToken(e.exchangeForm(code, verifier))
	raw, _ := json.Marshal(second)
	wantError(t, status, raw, http.StatusBadRequest, "invalid_authorization_code")

	status, body := e.get("/signup-plus/accounts", access)
	wantError(t, status, body, http.StatusUnauthorized, "invalid_token")
	status, refreshed := e.postToken(refreshForm(e, first["refresh_token"].(string)))
	raw, _ = json.Marshal(refreshed)
	wantError(t, status, raw, http.StatusBadRequest, "invalid_grant")
}

func TestRefreshRotates(t *testing.T) {
	e := newTestEnv(t, Config{})
	first := e.connect("john", "doe", "info signupplus offline_access")
	sub := jwtClaims(t, first["access_token"].(string))["sub"]
	oldRefresh := first["refresh_token"].(string)

	e.clock.Advance(2 * time.Hour) // the first access token expired
	status, body := e.get("/data/v1/me", first["access_token"].(string))
	wantError(t, status, body, http.StatusUnauthorized, "invalid_token")

	status, second := e.postToken(refreshForm(e, oldRefresh))
	if status != http.StatusOK {
		t.Fatalf("refresh: %d %v", status, second)
	}
	newRefresh, _ := second["refresh_token"].(string)
	if newRefresh == "" || newRefresh == oldRefresh {
		t.Fatalf("refresh answer %v, want a new refresh token", second)
	}
	if got := jwtClaims(t, second["access_token"].(string))["sub"]; got != sub {
		t.Errorf("sub after refresh %v, want the same credentials_id %v", got, sub)
	}
	if second["scope"] != "info signupplus offline_access" || second["expires_in"] != float64(3600) {
		t.Errorf("refresh answer %v", second)
	}
	if status, body := e.get("/signup-plus/accounts", second["access_token"].(string)); status != http.StatusOK {
		t.Errorf("data call with the refreshed token: %d %s", status, body)
	}

	status, again := e.postToken(refreshForm(e, oldRefresh))
	raw, _ := json.Marshal(again)
	wantError(t, status, raw, http.StatusBadRequest, "invalid_grant")

	if status, third := e.postToken(refreshForm(e, newRefresh)); status != http.StatusOK {
		t.Fatalf("refresh with the new token: %d %v", status, third)
	}
}

func TestRefreshErrors(t *testing.T) {
	tests := []struct {
		name     string
		form     func(e *testEnv, refresh string) url.Values
		wantCode string
	}{
		{"missing refresh_token", func(e *testEnv, _ string) url.Values {
			f := refreshForm(e, "")
			f.Del("refresh_token")
			return f
		}, "validation_error"},
		{"unknown refresh_token", func(e *testEnv, _ string) url.Values { return refreshForm(e, "abc") }, "invalid_grant"},
		{"wrong secret", func(e *testEnv, r string) url.Values {
			f := refreshForm(e, r)
			f.Set("client_secret", "x")
			return f
		}, "invalid_client"},
		{"consent expired after 90 days", func(e *testEnv, r string) url.Values {
			e.clock.Advance(91 * 24 * time.Hour)
			return refreshForm(e, r)
		}, "invalid_grant"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTestEnv(t, Config{})
			refresh := e.connect("john", "doe", "info offline_access")["refresh_token"].(string)
			status, body := e.postToken(tt.form(e, refresh))
			raw, _ := json.Marshal(body)
			wantError(t, status, raw, http.StatusBadRequest, tt.wantCode)
		})
	}
}

func TestTokensDoNotCrossSandboxes(t *testing.T) {
	a := newTestEnv(t, Config{})
	b := newTestEnv(t, Config{ClientSecret: "fixed"})
	if a.sb.ClientSecret() == b.sb.ClientSecret() || len(a.sb.ClientSecret()) != 64 {
		t.Fatalf("secrets %q and %q, want a random 64-hex default", a.sb.ClientSecret(), b.sb.ClientSecret())
	}
	token := a.accessToken("john1", "doe1")
	status, body := b.get("/signup-plus/accounts", token)
	wantError(t, status, body, http.StatusUnauthorized, "invalid_token")
}

// refreshForm is the form of a refresh grant.
func refreshForm(e *testEnv, refresh string) url.Values {
	return url.Values{
		"grant_type":    {"refresh_token"},
		"client_id":     {e.sb.ClientID()},
		"client_secret": {e.sb.ClientSecret()},
		"refresh_token": {refresh},
	}
}

// jwtClaims decodes a JWT's claims without verifying it, as a client would read them.
func jwtClaims(t *testing.T, token string) map[string]any {
	t.Helper()
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("access token %q is not a JWT", token)
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatalf("decode JWT payload: %v", err)
	}
	var claims map[string]any
	if err := json.Unmarshal(raw, &claims); err != nil {
		t.Fatalf("decode JWT claims: %v", err)
	}
	return claims
}
