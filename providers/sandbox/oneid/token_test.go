package oneid

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestTokenExchange(t *testing.T) {
	e := newTestEnv(t, Config{ClientSecret: "s3cret/with+chars"})
	code, verifier := e.codeFor("janet", allScopes)
	status, header, body := e.postToken(exchangeForm(code, verifier), e.h.ClientID(), e.h.ClientSecret())
	if status != http.StatusOK {
		t.Fatalf("exchange: %d %v", status, body)
	}
	var keys []string
	for k := range body {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if strings.Join(keys, ",") != "access_token,expires_in,id_token,token_type" {
		t.Errorf("answer keys %v: want access_token, token_type, expires_in, id_token and no refresh token", keys)
	}
	access, _ := body["access_token"].(string)
	if len(access) < 32 || strings.Count(access, ".") != 0 || body["token_type"] != "Bearer" || body["expires_in"] != float64(300) {
		t.Errorf("answer %v", body)
	}
	if header.Get("Cache-Control") != "no-store" || header.Get(requestIDHeader) == "" {
		t.Errorf("headers %v", header)
	}
}

func TestTokenErrors(t *testing.T) {
	tests := []struct {
		name       string
		prepare    func(e *testEnv, code, verifier string) (form url.Values, id, secret string)
		wantStatus int
		wantCode   string
		wantBasic  bool // a Basic challenge
	}{
		{"no client authentication", func(e *testEnv, code, v string) (url.Values, string, string) {
			return exchangeForm(code, v), "", ""
		}, 401, "invalid_client", true},
		{"the secret in the body instead of Basic", func(e *testEnv, code, v string) (url.Values, string, string) {
			f := exchangeForm(code, v)
			f.Set("client_id", e.h.ClientID())
			f.Set("client_secret", e.h.ClientSecret())
			return f, "", ""
		}, 401, "invalid_client", true},
		{"the client id alone for the confidential client", func(e *testEnv, code, v string) (url.Values, string, string) {
			f := exchangeForm(code, v)
			f.Set("client_id", e.h.ClientID())
			return f, "", ""
		}, 401, "invalid_client", true},
		{"a wrong secret", func(e *testEnv, code, v string) (url.Values, string, string) {
			return exchangeForm(code, v), e.h.ClientID(), "wrong"
		}, 401, "invalid_client", true},
		{"an unknown client", func(e *testEnv, code, v string) (url.Values, string, string) {
			return exchangeForm(code, v), "nope", e.h.ClientSecret()
		}, 401, "invalid_client", true},
		{"an unknown public client", func(e *testEnv, code, v string) (url.Values, string, string) {
			f := exchangeForm(code, v)
			f.Set("client_id", "nope")
			return f, "", ""
		}, 401, "invalid_client", true},
		{"Basic and a secret in the body", func(e *testEnv, code, v string) (url.Values, string, string) {
			f := exchangeForm(code, v)
			f.Set("client_secret", e.h.ClientSecret())
			return f, e.h.ClientID(), e.h.ClientSecret()
		}, 400, "invalid_request", false},
		{"the public client with a code issued to the confidential one", func(e *testEnv, code, v string) (url.Values, string, string) {
			f := exchangeForm(code, v)
			f.Set("client_id", e.h.PublicClientID())
			return f, "", ""
		}, 400, "invalid_grant", false},
		{"a PKCE mismatch", func(e *testEnv, code, v string) (url.Values, string, string) {
			other, _ := pkce("someone else")
			return exchangeForm(code, other), e.h.ClientID(), e.h.ClientSecret()
		}, 400, "invalid_grant", false},
		{"no code_verifier", func(e *testEnv, code, v string) (url.Values, string, string) {
			f := exchangeForm(code, v)
			f.Del("code_verifier")
			return f, e.h.ClientID(), e.h.ClientSecret()
		}, 400, "invalid_grant", false},
		{"another redirect_uri", func(e *testEnv, code, v string) (url.Values, string, string) {
			f := exchangeForm(code, v)
			f.Set("redirect_uri", "http://127.0.0.1:1/other")
			return f, e.h.ClientID(), e.h.ClientSecret()
		}, 400, "invalid_grant", false},
		{"an unknown code", func(e *testEnv, code, v string) (url.Values, string, string) {
			return exchangeForm("not-a-code", v), e.h.ClientID(), e.h.ClientSecret()
		}, 400, "invalid_grant", false},
		{"no code", func(e *testEnv, code, v string) (url.Values, string, string) {
			return exchangeForm("", v), e.h.ClientID(), e.h.ClientSecret()
		}, 400, "invalid_request", false},
		{"a refresh grant", func(e *testEnv, code, v string) (url.Values, string, string) {
			return url.Values{"grant_type": {"refresh_token"}, "refresh_token": {"x"}}, e.h.ClientID(), e.h.ClientSecret()
		}, 400, "unsupported_grant_type", false},
		{"no grant type", func(e *testEnv, code, v string) (url.Values, string, string) {
			f := exchangeForm(code, v)
			f.Del("grant_type")
			return f, e.h.ClientID(), e.h.ClientSecret()
		}, 400, "invalid_request", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTestEnv(t, Config{})
			code, verifier := e.codeFor("janet", allScopes)
			form, id, secret := tt.prepare(e, code, verifier)
			status, header, body := e.postToken(form, id, secret)
			if status != tt.wantStatus || body["error"] != tt.wantCode || body["error_description"] == "" {
				t.Fatalf("got %d %v, want %d %s", status, body, tt.wantStatus, tt.wantCode)
			}
			if got := header.Get("WWW-Authenticate"); (got == `Basic realm="oneid"`) != tt.wantBasic {
				t.Errorf("WWW-Authenticate %q", got)
			}
		})
	}
}

func TestTokenNeedsAForm(t *testing.T) {
	e := newTestEnv(t, Config{})
	req, _ := http.NewRequest(http.MethodPost, e.iss+"/token", strings.NewReader(`{"grant_type":"authorization_code"}`))
	req.Header.Set("Content-Type", "application/json")
	req.SetBasicAuth(e.h.ClientID(), e.h.ClientSecret())
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("a JSON body: %d", resp.StatusCode)
	}
}

func TestTheCodeIsSingleUse(t *testing.T) {
	e := newTestEnv(t, Config{})
	code, verifier := e.codeFor("janet", allScopes)
	status, _, first := e.postToken(exchangeForm(code, verifier), e.h.ClientID(), e.h.ClientSecret())
	if status != http.StatusOK {
		t.Fatalf("first exchange: %d %v", status, first)
	}
	status, _, again := e.postToken(exchangeForm(code, verifier), e.h.ClientID(), e.h.ClientSecret())
	if status != http.StatusBadRequest || again["error"] != "invalid_grant" {
		t.Fatalf("second exchange: %d %v", status, again)
	}
	// The token the code gave is revoked once the code is replayed.
	status, _, body := e.get("/userinfo", first["access_token"].(string))
	wantError(t, status, body, http.StatusUnauthorized, "invalid_token")
}

func TestTheCodeExpires(t *testing.T) {
	tests := []struct {
		name       string
		wait       time.Duration
		wantStatus int
	}{
		{"just within 5 minutes", 5 * time.Minute, http.StatusOK},
		{"after 5 minutes", 5*time.Minute + time.Second, http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTestEnv(t, Config{})
			code, verifier := e.codeFor("janet", allScopes)
			e.clock.Advance(tt.wait)
			status, _, body := e.postToken(exchangeForm(code, verifier), e.h.ClientID(), e.h.ClientSecret())
			if status != tt.wantStatus || (status != http.StatusOK && body["error"] != "invalid_grant") {
				t.Fatalf("got %d %v", status, body)
			}
		})
	}
}

func TestThePublicClient(t *testing.T) {
	e := newTestEnv(t, Config{})
	verifier, challenge := pkce("public")
	p := e.authParams("openid profile product:age_check age_over_18", challenge)
	p.Set("client_id", e.h.PublicClientID())
	redirect, err := e.signIn(e.link(p), "gary", false)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(redirect)
	f := url.Values{"grant_type": {"authorization_code"}, "client_id": {e.h.PublicClientID()},
		"code": {u.Query().Get("code")}, "code_verifier": {verifier}}
	status, _, body := e.postToken(f, "", "")
	if status != http.StatusOK {
		t.Fatalf("public exchange: %d %v", status, body)
	}
	claims := verifyIDToken(t, e, body["id_token"].(string))
	if claims.Audience != e.h.PublicClientID() || claims.Subject != "b47e2d19-8c3a-5f06-a1d2-7e9c4b3f5a28" {
		t.Errorf("ID token claims %+v", claims)
	}
}
