package flows

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/linkstep/linkstep/flows/oauthlink"
	"github.com/linkstep/linkstep/keychain"
	"github.com/linkstep/linkstep/providers"
)

// MockBankSignIn is what signing in to the embedded sandbox's mock bank needs.
type MockBankSignIn struct {
	AuthLink    string
	RedirectURI string
	BankID      string
	Username    string
	Password    string
	Decline     bool // say no at the bank (cancel, decline consent)
}

// MockBankFunc walks the mock bank's pages like a browser and returns the final redirect URL.
type MockBankFunc func(ctx context.Context, r MockBankSignIn) (redirectURL string, err error)

// Common is what every journey uses, whatever its provider: the environment, where secrets and
// the connection index live, how auth links are caught, and the clock.
type Common struct {
	Env   providers.Environment
	Store keychain.Store
	Index *keychain.Index // nil: connections are not indexed
	// RedirectURI overrides the redirect URI registered with each provider; where both are
	// empty, a loopback listener on a random port catches the redirect.
	RedirectURI     string
	CallbackTimeout time.Duration // zero means oauthlink.DefaultTimeout
	// DataDir is where files the user keeps are written (reports); empty means the working dir.
	DataDir string
	// CertDir keeps the loopback listener's own TLS certificate for https redirect URIs; empty
	// makes a fresh one for each listener.
	CertDir string
	// MockBank is set in the embedded sandbox: front-ends may sign in without a browser.
	MockBank MockBankFunc
	// Sandbox is the base URL of the standalone sandbox the providers talk to (--sandbox);
	// empty for the in-process one and in real environments. Connections remember it.
	Sandbox string
	Now     func() time.Time // nil means time.Now
}

// now is the journey's clock.
func (c Common) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// onClock moves t, a time on the real clock (x/oauth2 stamps a token's expiry with
// time.Now), onto the environment's clock, which the sandbox, the index and the screens go
// by: with the demo clock moved, a token issued now expires an hour from the moved now.
func (c Common) onClock(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.Add(c.now().Sub(time.Now()))
}

// offClock moves t from the environment's clock back to the real one, for x/oauth2.
func (c Common) offClock(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.Add(time.Since(c.now()))
}

// redirectURI is the override, else the provider's registered redirect URI (maybe empty).
func (c Common) redirectURI(registered string) string {
	if c.RedirectURI != "" {
		return c.RedirectURI
	}
	return registered
}

// saveFile writes data to name in the subdirectory dir of DataDir (0700 directories, a 0600
// file) and returns its path.
func (c Common) saveFile(dir, name string, data []byte) (string, error) {
	full := filepath.Join(c.DataDir, dir)
	if err := os.MkdirAll(full, 0o700); err != nil {
		return "", err
	}
	path := filepath.Join(full, name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return "", err
	}
	return path, nil
}

// linkFlow is the auth-link flow of one journey in this environment.
func (c Common) linkFlow(journey, registered string) oauthlink.Flow {
	return oauthlink.Flow{
		RedirectURI: c.redirectURI(registered),
		Timeout:     c.CallbackTimeout,
		Now:         c.Now,
		Parking:     c.Store,
		ParkKey:     oauthlink.ParkKey(journey, c.Env.String()),
		CertDir:     c.CertDir,
	}
}

// plural is n and the noun, in the plural unless n is 1: "1 account", "3 accounts".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
