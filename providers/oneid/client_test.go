package oneid_test

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/linkstep/linkstep/providers/oneid"
)

func TestDiscoverAndAuthLink(t *testing.T) {
	op := newFakeOP(t)
	c := oneid.NewIssuer(op.srv.URL+"/", oneid.Credentials{ClientID: "client-1"}, oneid.Options{HTTP: op.srv.Client()})
	ep, err := c.Discover(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if ep.Authorize != op.srv.URL+"/authorize" || ep.JWKS != op.srv.URL+"/jwks" || c.IsOneID() {
		t.Fatalf("endpoints = %+v", ep)
	}
	link, err := url.Parse(c.AuthLink(oneid.AuthRequest{RedirectURI: "http://127.0.0.1:9/cb", State: "st", Nonce: "no", Verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", Scopes: []string{"openid", "profile"}}))
	if err != nil {
		t.Fatal(err)
	}
	q := link.Query()
	for k, want := range map[string]string{"response_type": "code", "client_id": "client-1", "redirect_uri": "http://127.0.0.1:9/cb", "scope": "openid profile", "state": "st", "nonce": "no", "code_challenge_method": "S256"} {
		if q.Get(k) != want {
			t.Errorf("%s = %q, want %q", k, q.Get(k), want)
		}
	}
	if strings.Contains(link.RawQuery, "+") {
		t.Errorf("scopes are joined with +, want %%20: %s", link.RawQuery)
	}
}

func TestDiscoverRefusesAnotherIssuer(t *testing.T) {
	op := newFakeOP(t)
	c := oneid.NewIssuer(op.srv.URL+"/elsewhere", oneid.Credentials{ClientID: "c"}, oneid.Options{HTTP: op.srv.Client()})
	if _, err := c.Discover(t.Context()); err == nil {
		t.Fatal("discovery at a path that does not serve it succeeded")
	}
}

func TestExchangeAndVerify(t *testing.T) {
	const nonce = "the-nonce"
	op := newFakeOP(t)
	other := newKey(t)
	tests := []struct {
		name    string
		forge   func(map[string]any) string
		secret  string
		nonce   string
		wantErr string
	}{
		{name: "valid token, confidential client", secret: "s3cret", forge: func(c map[string]any) string { return op.idToken(op.key, c) }},
		{name: "valid token, public client", forge: func(c map[string]any) string { return op.idToken(op.key, c) }},
		{name: "signed by another key", forge: func(c map[string]any) string { return op.idToken(other, c) }, wantErr: "signature"},
		{name: "another audience", forge: func(c map[string]any) string { c["aud"] = "someone-else"; return op.idToken(op.key, c) }, wantErr: "another client"},
		{name: "expired", forge: func(c map[string]any) string {
			c["exp"] = time.Now().Add(-time.Minute).Unix()
			return op.idToken(op.key, c)
		}, wantErr: "expired"},
		{name: "another issuer", forge: func(c map[string]any) string { c["iss"] = "https://evil.example"; return op.idToken(op.key, c) }, wantErr: "another provider"},
		{name: "wrong nonce", forge: func(c map[string]any) string { c["nonce"] = "replayed"; return op.idToken(op.key, c) }, wantErr: "nonce"},
		{name: "not a JWT", forge: func(map[string]any) string { return "not-a-jwt" }, wantErr: "JWT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := oneid.NewIssuer(op.srv.URL, oneid.Credentials{ClientID: "client-1", ClientSecret: tt.secret}, oneid.Options{HTTP: op.srv.Client()})
			if _, err := c.Discover(t.Context()); err != nil {
				t.Fatal(err)
			}
			op.answer(tt.forge(op.claims("client-1", nonce)))
			op.header.Set("X-Request-Id", "req-token")
			toks, err := c.Exchange(t.Context(), "the-code", "http://127.0.0.1:9/cb", "the-verifier")
			if err != nil {
				t.Fatal(err)
			}
			if toks.AccessToken != "opaque-access" || toks.RequestID != "req-token" || toks.Expiry.IsZero() {
				t.Fatalf("tokens = %+v", toks)
			}
			if tt.secret != "" && (op.basic != [2]string{"client-1", tt.secret} || op.form["client_secret"] != "") {
				t.Fatalf("a confidential client must use HTTP Basic: basic %v, form %v", op.basic, op.form)
			}
			if tt.secret == "" && (op.basic != [2]string{} || op.form["client_id"] != "client-1") {
				t.Fatalf("a public client sends its id in the body: basic %v, form %v", op.basic, op.form)
			}
			if op.form["code_verifier"] != "the-verifier" {
				t.Fatalf("no PKCE verifier in %v", op.form)
			}
			id, err := c.VerifyIDToken(t.Context(), toks.IDToken, nonce)
			if tt.wantErr == "" {
				if err != nil || id.Subject != "user-1" || len(id.Claims) == 0 {
					t.Fatalf("VerifyIDToken = %+v, %v", id, err)
				}
				return
			}
			var e *oneid.Error
			if !errors.As(err, &e) || e.Code != "invalid_id_token" || !strings.Contains(e.Description, tt.wantErr) {
				t.Fatalf("VerifyIDToken = %v, want invalid_id_token saying %q", err, tt.wantErr)
			}
		})
	}
}

func TestUserInfoAndOneIDOnlyCalls(t *testing.T) {
	op := newFakeOP(t)
	c := oneid.NewIssuer(op.srv.URL, oneid.Credentials{ClientID: "client-1"}, oneid.Options{HTTP: op.srv.Client()})
	if _, err := c.Discover(t.Context()); err != nil {
		t.Fatal(err)
	}
	u, err := c.UserInfo(t.Context(), "opaque-access")
	if err != nil {
		t.Fatal(err)
	}
	if u.Name != "Janet Davidson" || u.Unverified == nil || u.Unverified.Name != "Mary Smith" || u.Fraud["nationalSIRAFraud"] != true || u.RequestID != "req-userinfo" || !strings.Contains(string(u.Raw), "unverified_claims") {
		t.Fatalf("userinfo = %+v", u)
	}
	_, err = c.UserInfo(t.Context(), "wrong")
	var e *oneid.Error
	if !errors.As(err, &e) || e.Status != 401 || e.Code != "invalid_token" {
		t.Fatalf("bad token = %v", err)
	}
	if _, err := c.AgeVerification(t.Context(), "opaque-access"); !errors.As(err, &e) || e.Code != "not_supported" {
		t.Fatalf("age verification at another issuer = %v, want not_supported", err)
	}
}
