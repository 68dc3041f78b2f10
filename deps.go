package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/keychain"
	"github.com/linkstep/linkstep/providers"
	"github.com/linkstep/linkstep/providers/sandbox"
	"github.com/linkstep/linkstep/providers/transcript"
	"github.com/linkstep/linkstep/providers/truelayer"
)

// keychainService is the service name linkstep's items carry in the OS keychain.
const keychainService = "linkstep"

// environment is everything a front-end needs to run journeys in one environment.
type environment struct {
	env   providers.Environment
	deps  *flows.Deps
	store *keychain.Auto
	// warnings are things the user should see before the journey starts.
	warnings []string
	close    func()
}

// newEnvironment builds the real dependencies for the chosen environment: the embedded sandbox
// when asked for, the HTTP client with its redacting recorder, the provider clients, the
// keychain and the connection index.
func newEnvironment(g *globalFlags) (*environment, error) {
	env, err := providers.ParseEnvironment(g.env)
	if err != nil {
		return nil, usageError("--env: %v", err)
	}
	configDir, err := keychain.ConfigDir()
	if err != nil {
		return nil, fmt.Errorf("find the config dir: %w", err)
	}
	configPath := filepath.Join(configDir, providers.ConfigFile)
	creds, err := providers.LoadCredentials(configPath, os.Getenv)
	if err != nil {
		return nil, err
	}

	redactor := transcript.NewRedactor()
	base := http.DefaultTransport.(*http.Transport).Clone() // proxy from the environment
	hc := &http.Client{Timeout: 30 * time.Second, Transport: transcript.NewRecorder(base, redactor)}

	e := &environment{env: env, close: func() {}}
	d := &flows.Deps{Env: env, CallbackTimeout: g.timeout.d}
	tl := creds.TrueLayer
	hosts := truelayer.SandboxHosts
	switch env {
	case providers.Embedded:
		srv, err := sandbox.Start("", sandbox.Options{})
		if err != nil {
			return nil, fmt.Errorf("start the embedded sandbox: %w", err)
		}
		e.close = func() { _ = srv.Close() }
		urls := srv.URLs()
		hosts = truelayer.Hosts{Auth: urls.TrueLayerAuth, API: urls.TrueLayerAPI}
		tl = providers.TrueLayerCredentials{ClientID: srv.Sandbox().ClientID(), ClientSecret: srv.Sandbox().ClientSecret()}
		d.TrueLayerProviders = []string{"uk-cs-mock"}
		d.MockBank = mockBank(hc)
	case providers.Sandbox:
		d.TrueLayerProviders = []string{"uk-cs-mock"}
	case providers.Live:
		hosts = truelayer.LiveHosts
		d.TrueLayerProviders = []string{"uk-ob-all", "uk-oauth-all"}
	}
	if err := tl.Check(env, configPath); err != nil {
		return nil, usageError("%v", err)
	}
	if w := tl.Warning(env); w != "" {
		e.warnings = append(e.warnings, w)
	}
	redactor.AddValue(tl.ClientSecret)
	d.TrueLayer = truelayer.New(hosts, truelayer.Credentials{ClientID: tl.ClientID, ClientSecret: tl.ClientSecret}, hc)

	d.RedirectURI = g.redirectURI
	if d.RedirectURI == "" && env.IsReal() {
		d.RedirectURI = tl.RedirectURI
	}
	if env == providers.Live && d.RedirectURI != "" && flows.IsLoopback(d.RedirectURI) {
		e.warnings = append(e.warnings, "TrueLayer Console requires https:// redirect URIs for live clients: a loopback redirect URI will likely be refused")
	}

	store := keychain.AutoOptions{Service: keychainService, AllowMemoryFallback: env == providers.Embedded}
	if g.insecureStorage {
		store.InsecureFile = filepath.Join(configDir, "secrets.json")
	}
	e.store = keychain.NewAuto(store)
	d.Store = e.store
	d.Index = keychain.OpenIndex(filepath.Join(configDir, "connections.json"))
	e.deps = d
	return e, nil
}

// mockBank signs in to the embedded sandbox's mock bank with the recording HTTP client.
func mockBank(hc *http.Client) flows.MockBankFunc {
	return func(ctx context.Context, r flows.MockBankSignIn) (string, error) {
		u, err := sandbox.SignIn(ctx, hc, sandbox.SignInRequest{
			AuthLink: r.AuthLink, RedirectURI: r.RedirectURI, BankID: r.BankID,
			Username: r.Username, Password: r.Password,
		})
		if errors.Is(err, sandbox.ErrWrongCredentials) {
			return "", &flows.Error{Code: "mock_bank_login_failed", Description: fmt.Sprintf("the mock bank refused the password for %q (try john/doe)", r.Username), Retryable: true}
		}
		return u, err
	}
}
