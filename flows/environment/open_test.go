package environment_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/flows/environment"
	"github.com/linkstep/linkstep/keychain"
	"github.com/linkstep/linkstep/providers"
	"github.com/linkstep/linkstep/providers/truelayer"
)

// open opens an environment with a private config dir, a memory store and the given variables.
func open(t *testing.T, opts environment.Options, vars map[string]string) (*environment.Env, error) {
	t.Helper()
	if opts.ConfigDir == "" {
		opts.ConfigDir = t.TempDir()
	}
	opts.DataDir = t.TempDir() // the sandbox's state and reports stay out of the real data dir
	opts.Getenv = func(k string) string { return vars[k] }
	opts.Store = keychain.NewMemory()
	env, err := environment.Open(opts)
	if err == nil {
		t.Cleanup(func() { _ = env.Close() })
	}
	return env, err
}

func TestOpenRefusesWhatCannotWork(t *testing.T) {
	loose := t.TempDir()
	if err := os.WriteFile(filepath.Join(loose, providers.ConfigFile), []byte(`{}`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		opts environment.Options
		want string
	}{
		{name: "unknown environment", opts: environment.Options{Environment: "prod"}, want: "embedded, sandbox or live"},
		{name: "sandbox without credentials", opts: environment.Options{Environment: "sandbox"}, want: "TRUELAYER_CLIENT_ID"},
		{name: "live without credentials", opts: environment.Options{Environment: "live"}, want: "TRUELAYER_CLIENT_SECRET"},
		{name: "config readable by others", opts: environment.Options{Environment: "embedded", ConfigDir: loose}, want: "chmod 600"},
		{name: "a clock in the provider's sandbox", opts: environment.Options{Environment: "sandbox", ClockOffset: 24 * time.Hour}, want: "keeps real time"},
		{name: "a clock live", opts: environment.Options{Environment: "live", ClockOffset: -time.Hour}, want: "--clock moves the embedded sandbox's clock"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := open(t, tt.opts, nil)
			var ue *environment.UsageError
			if !errors.As(err, &ue) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Open = %v, want a UsageError naming %q", err, tt.want)
			}
		})
	}
}

func TestOpenEmbedded(t *testing.T) {
	env, err := open(t, environment.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if env.Kind != providers.Embedded || env.Sandbox == nil || env.Parts.Common.MockBank == nil || env.Parts.TrueLayer == nil {
		t.Fatalf("embedded env = %+v", env)
	}
	if env.Standalone() || env.Label() != "embedded" {
		t.Fatalf("an in-process sandbox: Standalone() = %v, Label() = %q", env.Standalone(), env.Label())
	}
	if got := env.Parts.TrueLayer.Client.Hosts().Auth; got != env.Sandbox.URLs().TrueLayerAuth {
		t.Fatalf("TrueLayer talks to %s, want the embedded sandbox %s", got, env.Sandbox.URLs().TrueLayerAuth)
	}
	j, err := env.Journey(flows.SignupPlusID)
	if err != nil || j.Info().ID != flows.SignupPlusID {
		t.Fatalf("Journey = %v, %v", j, err)
	}
	_, err = env.Journey("nope/nothing")
	var ue *environment.UsageError
	if !errors.As(err, &ue) || !errors.Is(err, flows.ErrUnknownJourney) || !strings.Contains(err.Error(), flows.SignupPlusID) {
		t.Fatalf("unknown journey = %v, want a UsageError listing the journeys", err)
	}
	if err := env.Close(); err != nil {
		t.Fatal(err)
	}
	if err := env.Close(); err != nil {
		t.Fatalf("closing twice: %v", err)
	}
}

func TestOpenRealEnvironments(t *testing.T) {
	creds := func(id string) map[string]string {
		return map[string]string{truelayer.EnvClientID: id, truelayer.EnvClientSecret: "s3cret-value", truelayer.EnvRedirectURI: "http://localhost:3000/callback"}
	}
	tests := []struct {
		name        string
		opts        environment.Options
		vars        map[string]string
		wantAuth    string
		wantBanks   string
		wantWarning string
	}{
		{name: "sandbox", opts: environment.Options{Environment: "sandbox"}, vars: creds("sandbox-abc"), wantAuth: truelayer.SandboxAuthHost, wantBanks: "uk-cs-mock"},
		{name: "sandbox with a live id", opts: environment.Options{Environment: "sandbox"}, vars: creds("abc"), wantAuth: truelayer.SandboxAuthHost, wantBanks: "uk-cs-mock", wantWarning: "live client"},
		{name: "live with a loopback redirect", opts: environment.Options{Environment: "live"}, vars: creds("abc"), wantAuth: truelayer.LiveAuthHost, wantBanks: "uk-ob-all uk-oauth-all", wantWarning: "https://"},
		{name: "live with an https redirect", opts: environment.Options{Environment: "live", RedirectURI: "https://app.example.com/cb"}, vars: creds("abc"), wantAuth: truelayer.LiveAuthHost, wantBanks: "uk-ob-all uk-oauth-all"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, err := open(t, tt.opts, tt.vars)
			if err != nil {
				t.Fatal(err)
			}
			tl := env.Parts.TrueLayer
			if env.Sandbox != nil || env.Parts.Common.MockBank != nil {
				t.Fatal("a real environment started the embedded sandbox")
			}
			if tl.Client.Hosts().Auth != tt.wantAuth || strings.Join(tl.BankGroups, " ") != tt.wantBanks || tl.RedirectURI != "http://localhost:3000/callback" {
				t.Fatalf("TrueLayer part = hosts %+v, banks %v, redirect %s", tl.Client.Hosts(), tl.BankGroups, tl.RedirectURI)
			}
			warnings := strings.Join(env.Warnings, "\n")
			if tt.wantWarning == "" && warnings != "" || !strings.Contains(warnings, tt.wantWarning) {
				t.Fatalf("warnings = %q, want %q", warnings, tt.wantWarning)
			}
		})
	}
}

func TestUsageErrorsSayWhatToChange(t *testing.T) {
	_, err := open(t, environment.Options{Environment: "prod"}, nil)
	var ue *environment.UsageError
	if !errors.As(err, &ue) || ue.ErrorCode() != environment.CodeInvalidFlag || ue.ErrorFlag() != "--env" || strings.Join(ue.ErrorValid(), ",") != "embedded,sandbox,live" {
		t.Fatalf("unknown environment: %+v", ue)
	}
	_, err = open(t, environment.Options{Environment: "sandbox"}, nil)
	if !errors.As(err, &ue) || ue.ErrorCode() != environment.CodeMissingCredentials {
		t.Fatalf("no credentials: %+v", ue)
	}
	env, err := open(t, environment.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = env.Journey("nope/nothing")
	if !errors.As(err, &ue) || ue.ErrorCode() != environment.CodeUnknownJourney || !slices.Contains(ue.ErrorValid(), flows.SignupPlusID) {
		t.Fatalf("unknown journey: %+v", ue)
	}
}
