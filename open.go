package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/linkstep/linkstep/flows/environment"
	"github.com/linkstep/linkstep/providers"
)

// issuerOptions point the OpenID Connect journeys at another OpenID provider (run --issuer).
type issuerOptions struct{ issuer, clientID, clientSecret string }

// openEnvironment opens the environment the global flags name; what the user asked for that
// cannot work is a usage error (exit 2).
func openEnvironment(g *globalFlags, iss issuerOptions) (*environment.Env, error) {
	env, err := environment.Open(environment.Options{
		Environment:        g.env,
		SandboxURL:         g.sandboxURL(),
		SandboxSource:      g.sandboxSource(),
		InsecureStorage:    g.insecureStorage,
		RedirectURI:        g.redirectURI.uri,
		CallbackTimeout:    g.timeout.d,
		ClockOffset:        g.clock.d,
		Issuer:             iss.issuer,
		IssuerClientID:     iss.clientID,
		IssuerClientSecret: iss.clientSecret,
	})
	return env, asUsage(err)
}

// envSandbox is the environment variable that points linkstep at a standalone sandbox, as
// --sandbox does.
const envSandbox = "LINKSTEP_SANDBOX"

// sandboxURL is the standalone sandbox the embedded environment talks to: --sandbox, or else
// $LINKSTEP_SANDBOX when the environment is the embedded one (so the variable never stands in
// the way of --env sandbox or live); empty means an in-process sandbox.
func (g *globalFlags) sandboxURL() string {
	if g.sandbox != "" {
		return g.sandbox
	}
	if kind, err := providers.ParseEnvironment(g.env); err == nil && kind == providers.Embedded {
		return os.Getenv(envSandbox)
	}
	return ""
}

// sandboxSource names where sandboxURL came from, for its errors: --sandbox, or the variable.
func (g *globalFlags) sandboxSource() string {
	if g.sandbox == "" && g.sandboxURL() != "" {
		return "$" + envSandbox
	}
	return "--sandbox"
}

// asUsage turns an environment's *UsageError into exit code 2 (its code, flag and valid values
// reported as they are); other errors pass unchanged.
func asUsage(err error) error {
	var ue *environment.UsageError
	if errors.As(err, &ue) {
		return &exitError{exit: exitUsage, err: ue}
	}
	return err
}

// environmentError is an unknown --env value as the environment reports it.
func environmentError(err error) error {
	var valid []string
	for _, k := range providers.Environments() {
		valid = append(valid, k.String())
	}
	return &environment.UsageError{Err: fmt.Errorf("--env: %w", err), Code: environment.CodeInvalidFlag, Flag: "--env", Valid: valid}
}
