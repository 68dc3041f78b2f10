// Package flowstest builds journey dependencies against the embedded sandbox, for the tests of
// the journeys and of their front-ends.
package flowstest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/keychain"
	"github.com/linkstep/linkstep/providers"
	"github.com/linkstep/linkstep/providers/sandbox"
	"github.com/linkstep/linkstep/providers/transcript"
	"github.com/linkstep/linkstep/providers/truelayer"
)

// Clock is a settable clock shared by the sandbox and the journey.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Embedded is a journey environment against an embedded sandbox served by httptest.
type Embedded struct {
	Deps    *flows.Deps
	Sandbox *sandbox.Sandbox
	Clock   *Clock
	HTTP    *http.Client // records a redacted transcript, like the real one
	Store   *keychain.Memory
}

// NewEmbedded starts a sandbox for the test and returns dependencies wired to it: tokens in
// memory, the connection index in a temporary dir, the mock bank for signing in.
func NewEmbedded(t testing.TB) *Embedded {
	t.Helper()
	clk := &Clock{now: time.Now()}
	sb := sandbox.New(sandbox.Options{Now: clk.Now})
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	urls := sandbox.URLsFor(srv.URL)
	hc := &http.Client{Timeout: 10 * time.Second, Transport: transcript.NewRecorder(srv.Client().Transport, transcript.NewRedactor(sb.ClientSecret()))}
	store := keychain.NewMemory()
	e := &Embedded{Sandbox: sb, Clock: clk, HTTP: hc, Store: store}
	e.Deps = &flows.Deps{
		Env:                providers.Embedded,
		TrueLayer:          truelayer.New(truelayer.Hosts{Auth: urls.TrueLayerAuth, API: urls.TrueLayerAPI}, truelayer.Credentials{ClientID: sb.ClientID(), ClientSecret: sb.ClientSecret()}, hc),
		TrueLayerProviders: []string{"uk-cs-mock"},
		Store:              store,
		Index:              keychain.OpenIndex(filepath.Join(t.TempDir(), "connections.json")),
		CallbackTimeout:    30 * time.Second,
		MockBank: func(ctx context.Context, r flows.MockBankSignIn) (string, error) {
			return e.SignIn(ctx, r.AuthLink, r.RedirectURI, r.Username, r.Password, false)
		},
		Now: clk.Now,
	}
	return e
}

// SignIn walks the mock bank's pages for an auth link, as a person in a browser would, and
// returns where the bank redirects; decline says no on the consent page.
func (e *Embedded) SignIn(ctx context.Context, link, redirectURI, username, password string, decline bool) (string, error) {
	return sandbox.SignIn(ctx, e.HTTP, sandbox.SignInRequest{AuthLink: link, RedirectURI: redirectURI, BankID: "mock", Username: username, Password: password, Decline: decline})
}

// Tokens returns the tokens stored for a TrueLayer connection made in the test.
func (e *Embedded) Tokens(ctx context.Context, connectionID string) (keychain.TokenSet, error) {
	return keychain.LoadTokens(ctx, e.Store, keychain.ConnectionKey{Provider: "truelayer", Environment: e.Deps.Env.String(), ID: connectionID})
}
