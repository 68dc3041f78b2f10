package environment

import (
	"context"
	"time"

	"github.com/linkstep/linkstep/keychain"
)

// KeychainService is the service name linkstep's items carry in the OS keychain.
const KeychainService = "linkstep"

// DefaultHTTPTimeout bounds every provider call.
const DefaultHTTPTimeout = 30 * time.Second

// Options say which environment to open and how.
type Options struct {
	// Environment is the --env value: "embedded" (the default when empty), "sandbox" or "live".
	Environment string
	// ConfigDir holds config.json, connections.json and the insecure secrets file; empty means
	// the user config dir.
	ConfigDir string
	// Getenv reads credentials from the environment; nil means os.Getenv.
	Getenv func(string) string
	// InsecureStorage keeps secrets in a 0600 file instead of the OS keychain.
	InsecureStorage bool
	// RedirectURI overrides the provider's configured redirect URI; empty means the configured
	// one in real environments and a loopback listener on a random port otherwise.
	RedirectURI string
	// CallbackTimeout bounds the wait for a redirect; zero means the default.
	CallbackTimeout time.Duration
	// HTTPTimeout bounds each provider call; zero means DefaultHTTPTimeout.
	HTTPTimeout time.Duration
	// Issuer, when set, points the OpenID Connect journeys at this OpenID provider instead of
	// OneID, with this client id and (for a confidential client) secret.
	Issuer             string
	IssuerClientID     string
	IssuerClientSecret string
	// DataDir is where reports are saved; empty means the user data dir.
	DataDir string
	// Store replaces the OS keychain (tests use a memory store); nil means the OS keychain.
	Store keychain.Store
	// Now is the clock shared by the embedded sandbox and the journeys; nil means time.Now.
	Now func() time.Time
	// ClockOffset moves that clock (e.g. 85 days ahead, to show a consent about to expire).
	ClockOffset time.Duration
	// SandboxURL, in the embedded environment, points every provider at the standalone linkstep
	// sandbox (linkstep sandbox) at this base URL instead of starting one in-process; its client
	// credentials and clock are read from it (SandboxClientPath). A URL where no linkstep
	// sandbox answers is a *UsageError naming it.
	SandboxURL string
	// SandboxSource names where SandboxURL came from in its errors: "--sandbox" when empty, or
	// a variable such as "$LINKSTEP_SANDBOX" (the errors' Flag stays --sandbox, which overrides it).
	SandboxSource string
	// SandboxWait is how long to wait for the standalone sandbox at SandboxURL while it refuses
	// connections (still starting); zero means DefaultSandboxWait.
	SandboxWait time.Duration
	// Faults is a fault plan for the embedded sandbox (see package providers/sandbox/faults),
	// e.g. "5xx=0.1,429=0.05,slow=300ms,malformed=0.02,drop=0.01,seed=42"; empty means
	// $LINKSTEP_FAULTS (through Getenv), and that empty means none. A plan that cannot be read
	// is a *UsageError naming where it came from. A standalone sandbox (SandboxURL) takes its
	// own plan: linkstep sandbox --faults.
	Faults string
}

// EnvFaults is the variable that gives the embedded sandbox a fault plan.
const EnvFaults = "LINKSTEP_FAULTS"

// Storage is where secrets live, with a probe that says, for the user, whether it works.
type Storage interface {
	keychain.Store
	// Probe checks the storage and returns a notice for the user, or "" when all is well.
	Probe(ctx context.Context) (notice string)
}

// given is a Store the caller chose; it has nothing to report.
type given struct{ keychain.Store }

// Probe reports nothing: the caller chose the store.
func (given) Probe(context.Context) string { return "" }

// Check checks the caller's store as keychain.Check does.
func (g given) Check(ctx context.Context) error { return keychain.Check(ctx, g.Store) }
