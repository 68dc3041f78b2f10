package flows

import (
	"context"
	"time"

	"github.com/linkstep/linkstep/keychain"
	"github.com/linkstep/linkstep/providers"
	"github.com/linkstep/linkstep/providers/truelayer"
)

// DefaultCallbackTimeout is how long a loopback listener waits for the redirect.
const DefaultCallbackTimeout = 10 * time.Minute

// MockBankSignIn is what signing in to the embedded sandbox's mock bank needs.
type MockBankSignIn struct {
	AuthLink    string
	RedirectURI string
	BankID      string
	Username    string
	Password    string
}

// MockBankFunc walks the mock bank's pages like a browser and returns the final redirect URL.
type MockBankFunc func(ctx context.Context, r MockBankSignIn) (redirectURL string, err error)

// Deps is everything journeys need from the outside world, built by main for the chosen
// environment and by tests against the embedded sandbox.
type Deps struct {
	Env       providers.Environment
	TrueLayer *truelayer.Client
	// TrueLayerProviders is the auth link's providers parameter for this environment.
	TrueLayerProviders []string
	Store              keychain.Store
	Index              *keychain.Index // nil: connections are not indexed
	// RedirectURI is the redirect URI registered with the provider; empty means a loopback
	// listener on a random port.
	RedirectURI     string
	CallbackTimeout time.Duration
	// MockBank is set in the embedded sandbox: front-ends may sign in without a browser.
	MockBank MockBankFunc
	Now      func() time.Time
}

func (d *Deps) now() time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return time.Now()
}

func (d *Deps) callbackTimeout() time.Duration {
	if d.CallbackTimeout > 0 {
		return d.CallbackTimeout
	}
	return DefaultCallbackTimeout
}

// Catalog lists every journey, bound to d.
func Catalog(d *Deps) []Journey {
	return []Journey{
		NewSignupPlus(d),
	}
}

// Find returns the journey with the given id from the catalog.
func Find(d *Deps, id string) (Journey, bool) {
	for _, j := range Catalog(d) {
		if j.ID() == id {
			return j, true
		}
	}
	return nil, false
}
