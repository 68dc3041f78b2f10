package flows_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/oauth2-proxy/mockoidc"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/keychain"
)

// startMockOIDC starts an OpenID provider this project did not write, for the test.
func startMockOIDC(t *testing.T) *mockoidc.MockOIDC {
	t.Helper()
	m, err := mockoidc.Run()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = m.Shutdown() })
	return m
}

// followToRedirect opens an auth link the way a browser would and returns where the provider
// sends it back (mockoidc signs its default user in at once).
func followToRedirect(ctx context.Context, link string) (string, error) {
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, link, nil)
	if err != nil {
		return "", err
	}
	req.Header.Set("Accept", "text/html") // a browser: the fault plans leave its pages alone
	resp, err := hc.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if loc := resp.Header.Get("Location"); loc != "" {
		return loc, nil
	}
	return "", errors.New("the provider did not redirect: " + resp.Status)
}

func TestAnyIssuerIdentityAgainstAStandardProvider(t *testing.T) {
	m := startMockOIDC(t)
	cfg := m.Config()
	e := newEnv(t)
	var offered flows.ChooseScopes
	a := &scripted{
		onIssuer: func(p flows.ConnectIssuer) (flows.Answer, error) {
			if !strings.HasPrefix(p.RedirectURI, "http://127.0.0.1:") {
				t.Errorf("the redirect URI to register is %q", p.RedirectURI)
			}
			return flows.IssuerGiven{Issuer: m.Issuer(), ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret}, nil
		},
		onScopes: func(p flows.ChooseScopes) (flows.Answer, error) {
			offered = p
			return flows.ScopesChosen{Scopes: []string{"profile", "email"}}, nil
		},
		onLink: func(ctx context.Context, p flows.OpenAuthLink) (flows.Answer, error) {
			u, err := followToRedirect(ctx, p.URL)
			return flows.RedirectReceived{Input: u}, err
		},
	}
	res, err := flows.NewAnyIssuerIdentity(e.Common, e.OneID).Run(t.Context(), a)
	if err != nil {
		t.Fatal(err)
	}
	if len(offered.Products) != 0 || offered.Issuer != m.Issuer() || slicesHave(offered.Scopes, "accounts") {
		t.Errorf("a standard provider was offered OneID's products or scopes: %+v", offered)
	}
	card := res.Identity
	if card == nil || card.Subject == "" || card.Issuer != m.Issuer() || len(card.IDTokenClaims) == 0 {
		t.Fatalf("identity card = %+v", card)
	}
	if card.AgeOver18 != nil || card.Accounts != nil || card.ReportPath != "" {
		t.Errorf("OneID-only calls were made at a standard provider: %+v", card)
	}
	if !strings.Contains(string(res.Payload["userinfo"]), cfg.ClientID) && !strings.Contains(string(res.Payload["userinfo"]), "email") {
		t.Errorf("userinfo payload = %s", res.Payload["userinfo"])
	}
	if res.Provider != "oidc" || res.Journey != flows.AnyIssuerIdentityID {
		t.Errorf("result = %+v", res)
	}
	host := strings.Split(m.Issuer(), "/")[2] // http://HOST:PORT/...
	if conns, err := e.Index.List(); err != nil || len(conns) != 1 || conns[0].Details["bank_name"] != host {
		t.Errorf("the index keeps %+v (%v), want the connection named by the issuer's host %s", conns, err, host)
	}
	toks, err := keychain.LoadTokens(t.Context(), e.Store, keychain.ConnectionKey{Provider: "oidc", Environment: "embedded", ID: card.Subject})
	if err != nil || toks.AccessToken == "" || toks.IDToken == "" || toks.Expiry.IsZero() {
		t.Fatalf("stored tokens = %+v, %v", toks, err)
	}
	out, _ := json.Marshal(res)
	for _, secret := range []string{cfg.ClientSecret, toks.AccessToken, toks.IDToken} {
		if strings.Contains(string(out), secret) {
			t.Error("a secret is in the result")
		}
	}
}

func TestAnyIssuerRefusesWhatCannotWork(t *testing.T) {
	m := startMockOIDC(t)
	tests := []struct {
		name  string
		given flows.IssuerGiven
		want  string
	}{
		{name: "not a URL", given: flows.IssuerGiven{Issuer: "login example", ClientID: "c"}, want: "invalid_issuer"},
		{name: "plain http elsewhere", given: flows.IssuerGiven{Issuer: "http://login.example.com", ClientID: "c"}, want: "invalid_issuer"},
		{name: "no client id", given: flows.IssuerGiven{Issuer: m.Issuer()}, want: "invalid_client"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			a := &scripted{onIssuer: func(flows.ConnectIssuer) (flows.Answer, error) { return tt.given, nil }}
			_, err := flows.NewAnyIssuerIdentity(e.Common, e.OneID).Run(t.Context(), a)
			if code, _ := flows.Describe(err); code != tt.want {
				t.Fatalf("err = %v, want %s", err, tt.want)
			}
		})
	}
}

func slicesHave(scopes []flows.Scope, name string) bool {
	for _, s := range scopes {
		if s.Name == name {
			return true
		}
	}
	return false
}
