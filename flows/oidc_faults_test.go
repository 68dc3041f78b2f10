package flows_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/oauth2-proxy/mockoidc"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/keychain"
	"github.com/linkstep/linkstep/providers/sandbox/faults"
)

// startFaultyMockOIDC starts mockoidc with plan's faults injected into its API calls (its
// discovery, keys, token and userinfo endpoints; the sign-in page a browser opens is spared).
func startFaultyMockOIDC(t *testing.T, plan string) *mockoidc.MockOIDC {
	t.Helper()
	p, err := faults.Parse(plan)
	if err != nil {
		t.Fatal(err)
	}
	m, err := mockoidc.NewServer(nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.AddMiddleware(func(next http.Handler) http.Handler { return faults.Wrap(next, p, "/oidc") }); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Start(ln, nil); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = m.Shutdown() })
	return m
}

// TestAnyIssuerAgainstAFaultyProvider runs oidc/identity against a standard OpenID provider
// that fails some of its calls, with several seeds: each run completes, its tokens stored and
// indexed, or ends with a clear error that blames the OpenID provider (not OneID), leaving no
// index entry without its tokens.
func TestAnyIssuerAgainstAFaultyProvider(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the journey several times")
	}
	for seed := 1; seed <= 8; seed++ {
		plan := fmt.Sprintf("5xx=0.1,429=0.05,slow=20ms,malformed=0.05,drop=0.02,seed=%d", seed)
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			t.Parallel()
			m := startFaultyMockOIDC(t, plan)
			cfg := m.Config()
			e := newEnv(t)
			a := &scripted{
				onIssuer: func(flows.ConnectIssuer) (flows.Answer, error) {
					return flows.IssuerGiven{Issuer: m.Issuer(), ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret}, nil
				},
				onScopes: func(flows.ChooseScopes) (flows.Answer, error) {
					return flows.ScopesChosen{Scopes: []string{"profile", "email"}}, nil
				},
				onLink: func(ctx context.Context, p flows.OpenAuthLink) (flows.Answer, error) {
					u, err := followToRedirect(ctx, p.URL)
					return flows.RedirectReceived{Input: u}, err
				},
				onFailure: func(f flows.Failure) (flows.Answer, error) { return nil, f.Err },
			}
			res, err := flows.NewAnyIssuerIdentity(e.Common, e.OneID).Run(t.Context(), a)
			if err != nil {
				code, desc := flows.Describe(err)
				if code == "" || desc == "" || strings.Contains(desc, cfg.ClientSecret) {
					t.Errorf("the run ended with an unclear error: code %q, %q", code, desc)
				}
				if strings.Contains(err.Error(), "oneid") {
					t.Errorf("a standard provider's failure is blamed on OneID: %v", err)
				}
				t.Logf("ended with %s: %s", code, desc)
			} else if res.Identity == nil || res.Identity.Subject == "" {
				t.Fatalf("completed without an identity: %+v", res)
			}
			conns, lerr := e.Index.List()
			if lerr != nil {
				t.Fatal(lerr)
			}
			if err == nil && len(conns) != 1 {
				t.Errorf("a completed run indexed %d connections, want 1", len(conns))
			}
			for _, c := range conns {
				toks, terr := keychain.LoadTokens(t.Context(), e.Store, c.Key())
				if terr != nil || toks.AccessToken == "" || toks.IDToken == "" {
					t.Errorf("connection %s/%s in the index lost its tokens: %v", c.Provider, c.ID, terr)
				}
			}
		})
	}
}
