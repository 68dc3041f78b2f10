package environment

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/keychain"
	"github.com/linkstep/linkstep/providers"
	"github.com/linkstep/linkstep/providers/ivy"
	"github.com/linkstep/linkstep/providers/oneid"
	"github.com/linkstep/linkstep/providers/sandbox"
	"github.com/linkstep/linkstep/providers/transcript"
)

// Env is an opened environment: what journeys are built from, and what front-ends show.
type Env struct {
	// Kind is the environment: embedded, sandbox or live.
	Kind providers.Environment
	// Parts are what journeys are built from; Journey builds one by id.
	Parts flows.Parts
	// Storage is where secrets live; the header describes it.
	Storage Storage
	// Index is the non-secret index of connections.
	Index *keychain.Index
	// HTTP is the client every provider call goes through; it records a redacted transcript.
	HTTP *http.Client
	// Sandbox is the embedded sandbox's server; nil in real environments and when the
	// providers talk to a standalone sandbox (Options.SandboxURL).
	Sandbox *sandbox.Server
	// SandboxURL is the base URL of the linkstep sandbox the providers talk to, in-process or
	// standalone; empty in real environments.
	SandboxURL string
	// Warnings are things the user should see before a journey starts.
	Warnings []string
	// ConfigPath is the config file credentials are read from.
	ConfigPath string
	// Clock is shared by the embedded sandbox and the journeys; a demo may move it.
	Clock *Clock

	redactor *transcript.Redactor
	closers  []func() error
	endpoint *sandboxEndpoint // the sandbox the providers talk to; nil in real environments
}

// Open builds everything journeys need in the environment opts names. A wrong option or a
// real environment without any credentials is a *UsageError naming the fix.
func Open(opts Options) (*Env, error) {
	kind, err := parseEnvironment(opts.Environment)
	if err != nil {
		return nil, err
	}
	if opts.ClockOffset != 0 && kind.IsReal() {
		return nil, &UsageError{Code: CodeInvalidFlag, Flag: "--clock", Err: fmt.Errorf("--clock moves the embedded sandbox's clock; the provider's %s keeps real time", kind)}
	}
	dir, err := configDir(opts.ConfigDir)
	if err != nil {
		return nil, err
	}
	file, err := providers.ReadConfig(filepath.Join(dir, providers.ConfigFile), opts.Getenv)
	if err != nil {
		return nil, &UsageError{Err: err, Code: CodeInvalidConfig}
	}
	data, err := dataDir(opts.DataDir)
	if err != nil {
		return nil, err
	}
	e := &Env{
		Clock:      NewClock(opts.Now, opts.ClockOffset),
		Kind:       kind,
		Index:      keychain.OpenIndex(filepath.Join(dir, "connections.json")),
		ConfigPath: file.Path(),
		redactor:   transcript.NewRedactor(),
	}
	e.HTTP = recordingClient(e.redactor, opts.HTTPTimeout)
	e.Storage = openStorage(opts, kind, dir, data)
	opts.Now = e.Clock.Now
	e.Parts = flows.Parts{
		Common: flows.Common{
			Env: kind, Store: e.Storage, Index: e.Index, DataDir: data, CertDir: dir,
			RedirectURI: opts.RedirectURI, CallbackTimeout: opts.CallbackTimeout, Now: opts.Now,
		},
		Missing: map[string]error{},
	}
	switch {
	case opts.SandboxURL != "" && kind != providers.Embedded:
		return nil, &UsageError{Code: CodeInvalidFlag, Flag: "--sandbox", Err: fmt.Errorf("--sandbox points the embedded environment at a standalone sandbox; it does not go with --env %s", kind)}
	case opts.SandboxURL != "":
		if err := e.connectSandbox(opts.SandboxURL, opts); err != nil {
			return nil, err
		}
	case kind == providers.Embedded:
		if err := e.startSandbox(opts); err != nil {
			return nil, err
		}
	}
	if err := e.addProviders(file, opts); err != nil {
		_ = e.Close()
		return nil, err
	}
	return e, nil
}

// addProviders adds each provider's part; a real environment with none configured is refused,
// naming what each provider needs.
func (e *Env) addProviders(file providers.Config, opts Options) error {
	e.addTrueLayer(file, opts)
	e.addOneID(file, opts)
	e.addIvy(file)
	if e.Parts.TrueLayer != nil || e.Parts.OneID != nil || e.Parts.Ivy != nil {
		return nil
	}
	var errs []error
	for _, id := range []string{trueLayerID, oneid.ID, ivy.ID} {
		if err := e.Parts.Missing[id]; err != nil {
			errs = append(errs, err)
		}
	}
	return &UsageError{Err: errors.Join(errs...), Code: CodeMissingCredentials}
}

// Journey builds the journey with the id; an unknown id, or a provider without credentials
// here, is a *UsageError.
func (e *Env) Journey(id string) (flows.Journey, error) {
	j, err := flows.Build(id, e.Parts)
	switch {
	case errors.Is(err, flows.ErrUnknownJourney):
		return nil, &UsageError{Err: err, Code: CodeUnknownJourney, Valid: flows.JourneyIDs()}
	case err != nil:
		return nil, &UsageError{Err: err, Code: CodeMissingCredentials}
	}
	return j, nil
}

// Close stops the embedded sandbox, if one was started; it is safe to call more than once.
func (e *Env) Close() error {
	var errs []error
	for _, c := range e.closers {
		errs = append(errs, c())
	}
	e.closers = nil
	return errors.Join(errs...)
}

// warn adds a warning for the user.
func (e *Env) warn(w string) {
	if w != "" {
		e.Warnings = append(e.Warnings, w)
	}
}

// parseEnvironment reads the --env value; empty means embedded.
func parseEnvironment(s string) (providers.Environment, error) {
	if strings.TrimSpace(s) == "" {
		return providers.Embedded, nil
	}
	kind, err := providers.ParseEnvironment(s)
	if err != nil {
		ue := usage(CodeInvalidFlag, "--env: %v", err)
		ue.Flag = "--env"
		for _, k := range providers.Environments() {
			ue.Valid = append(ue.Valid, k.String())
		}
		return 0, ue
	}
	return kind, nil
}

// configDir is dir, or the user config dir when dir is empty.
func configDir(dir string) (string, error) {
	if dir != "" {
		return dir, nil
	}
	dir, err := keychain.ConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the config dir: %w", err)
	}
	return dir, nil
}

// dataDir is dir, or linkstep's directory in the user data dir ($XDG_DATA_HOME/linkstep).
func dataDir(dir string) (string, error) {
	if dir != "" {
		return dir, nil
	}
	if xdg := os.Getenv("XDG_DATA_HOME"); xdg != "" {
		return filepath.Join(xdg, "linkstep"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("find the data dir: %w", err)
	}
	return filepath.Join(home, ".local", "share", "linkstep"), nil
}

// recordingClient is the HTTP client of every provider call: proxy from the environment, a
// timeout, and the redacting transcript recorder as its transport.
func recordingClient(r *transcript.Redactor, timeout time.Duration) *http.Client {
	if timeout <= 0 {
		timeout = DefaultHTTPTimeout
	}
	base := http.DefaultTransport.(*http.Transport).Clone()
	return &http.Client{Timeout: timeout, Transport: transcript.NewRecorder(base, r)}
}

// openStorage is the caller's store, or the OS keychain with its fallbacks: for the embedded
// sandbox a 0600 file in the data dir (its tokens open only the local sandbox), a 0600 file
// in the config dir when the user asked for insecure storage.
func openStorage(opts Options, kind providers.Environment, dir, data string) Storage {
	if opts.Store != nil {
		return given{opts.Store}
	}
	return keychain.NewAuto(StorageOptions(kind, dir, data, opts.InsecureStorage))
}

// StorageOptions is how the environment of kind chooses where tokens live: the OS keychain,
// falling back (embedded only) to a sandbox file in the data dir or to memory, or the
// plaintext file in the config dir with insecure (--insecure-storage). An empty dir leaves
// its file out.
func StorageOptions(kind providers.Environment, configDir, dataDir string, insecure bool) keychain.AutoOptions {
	auto := keychain.AutoOptions{Service: KeychainService, AllowMemoryFallback: kind == providers.Embedded}
	if kind == providers.Embedded && dataDir != "" {
		auto.SandboxFile = filepath.Join(dataDir, "sandbox-tokens.json")
	}
	if insecure && configDir != "" {
		auto.InsecureFile = filepath.Join(configDir, "secrets.json")
	}
	return auto
}
