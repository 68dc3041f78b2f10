// Package flowstest opens journey environments for the tests of the journeys and of their
// front-ends, through environment.Open as the CLI does.
package flowstest

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/flows/environment"
	"github.com/linkstep/linkstep/keychain"
	"github.com/linkstep/linkstep/providers/sandbox"
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

// Embedded is an embedded-sandbox environment for one test, opened as the CLI opens one, with
// tokens in memory, the config and index in a temporary dir, and a settable clock.
type Embedded struct {
	*environment.Env
	// Common is a copy of the environment's common part: a test may change it (a flaky store,
	// a redirect URI, a short timeout) before it builds a journey.
	Common flows.Common
	// TrueLayer, OneID and Ivy are the environment's provider parts, copies a test may change.
	TrueLayer flows.TrueLayer
	OneID     flows.OneID
	Ivy       flows.Ivy
	Clock     *Clock
	Store     *keychain.Memory
}

// NewEmbedded opens the embedded sandbox for the test; it is closed when the test ends.
func NewEmbedded(t testing.TB) *Embedded {
	t.Helper()
	return NewEmbeddedIn(t, t.TempDir(), keychain.NewMemory())
}

// NewEmbeddedIn opens the embedded sandbox with its state and reports under dataDir and tokens
// in store: a second one on the same dataDir and store is a later process of the same user.
func NewEmbeddedIn(t testing.TB, dataDir string, store *keychain.Memory) *Embedded {
	t.Helper()
	return NewEmbeddedWith(t, environment.Options{ConfigDir: dataDir, DataDir: dataDir}, store)
}

// NewEmbeddedWith opens the embedded sandbox with opts (e.g. a fault plan in opts.Faults) and
// tokens in store; the test's defaults fill what opts leaves empty: a temporary config and data
// dir, no variables from the environment, a 30 s callback and a 10 s call timeout, and a
// settable clock. A nil store is a new memory store.
func NewEmbeddedWith(t testing.TB, opts environment.Options, store *keychain.Memory) *Embedded {
	t.Helper()
	clk := &Clock{now: time.Now()}
	if store == nil {
		store = keychain.NewMemory()
	}
	if opts.ConfigDir == "" {
		opts.ConfigDir = t.TempDir()
	}
	if opts.DataDir == "" {
		opts.DataDir = opts.ConfigDir
	}
	if opts.Getenv == nil {
		opts.Getenv = func(string) string { return "" }
	}
	if opts.CallbackTimeout == 0 {
		opts.CallbackTimeout = 30 * time.Second
	}
	if opts.HTTPTimeout == 0 {
		opts.HTTPTimeout = 10 * time.Second
	}
	opts.Environment = "embedded"
	opts.Store = store
	opts.Now = clk.Now
	env, err := environment.Open(opts)
	if err != nil {
		t.Fatalf("open the embedded sandbox: %v", err)
	}
	t.Cleanup(func() { _ = env.Close() })
	return &Embedded{Env: env, Common: env.Parts.Common, TrueLayer: *env.Parts.TrueLayer, OneID: *env.Parts.OneID, Ivy: *env.Parts.Ivy, Clock: clk, Store: store}
}

// SignupPlus builds the Signup+ journey from the test's parts.
func (e *Embedded) SignupPlus() *flows.SignupPlus {
	return flows.NewSignupPlus(e.Common, e.TrueLayer)
}

// OneIDIdentity builds the OneID identity journey from the test's parts.
func (e *Embedded) OneIDIdentity() *flows.OneIDIdentity {
	return flows.NewOneIDIdentity(e.Common, e.OneID)
}

// SandboxSecret returns the embedded sandbox's client secret, for secret scans.
func (e *Embedded) SandboxSecret() string { return e.Sandbox.Sandbox().ClientSecret() }

// SandboxClientID returns the client id the embedded sandbox accepts.
func (e *Embedded) SandboxClientID() string { return e.Sandbox.Sandbox().ClientID() }

// SignIn walks the mock bank's pages for an auth link, as a person in a browser would, and
// returns where the bank redirects; decline says no on the consent page.
func (e *Embedded) SignIn(ctx context.Context, link, redirectURI, username, password string, decline bool) (string, error) {
	return sandbox.SignIn(ctx, e.HTTP, sandbox.SignInRequest{AuthLink: link, RedirectURI: redirectURI, BankID: "mock", Username: username, Password: password, Decline: decline})
}

// Tokens returns the tokens stored for a TrueLayer connection made in the test.
func (e *Embedded) Tokens(ctx context.Context, connectionID string) (keychain.TokenSet, error) {
	return keychain.LoadTokens(ctx, e.Store, keychain.ConnectionKey{Provider: truelayer.ID, Environment: e.Kind.String(), ID: connectionID})
}
