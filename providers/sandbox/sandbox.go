package sandbox

import (
	"net/http"
	"path/filepath"
	"time"

	"github.com/linkstep/linkstep/providers/sandbox/faults"
	"github.com/linkstep/linkstep/providers/sandbox/ivy"
	"github.com/linkstep/linkstep/providers/sandbox/kit"
	"github.com/linkstep/linkstep/providers/sandbox/oneid"
	"github.com/linkstep/linkstep/providers/sandbox/truelayer"
)

// DefaultClientID is the client id a Sandbox accepts when Options.ClientID is empty.
const DefaultClientID = truelayer.DefaultClientID

// Options configure a Sandbox; the zero value is a ready-to-use sandbox with the Mock bank
// that keeps everything in memory. The client id and secret are TrueLayer's and OneID's alike;
// the secret is also Ivy's API key.
type Options struct {
	ClientID          string           // default "sandbox-linkstep"
	ClientSecret      string           // default: 32 random bytes, hex, generated per Sandbox
	Now               func() time.Time // default time.Now; tests inject a fake clock
	Banks             []Bank           // default: just the Mock bank
	ExtraRedirectURIs []string         // additionally allowed redirect URIs (exact match)
	// Wrap, when set, wraps the handler Start serves (New ignores it): the standalone command
	// logs each request with it and answers its own paths.
	Wrap func(http.Handler) http.Handler
	// StateDir is where each provider sandbox that keeps state across restarts keeps its own
	// file (TrueLayer: truelayer.json, its signing key and connections; Ivy: ivy.json, its
	// closed data sessions); the directory is made 0700 on the first write. Empty: everything
	// in memory, gone with the Sandbox.
	StateDir string
	// Faults, when it injects anything, faults the JSON API calls Start serves (New ignores
	// it): see package faults. The bank's pages are never faulted. OnFault, when set, is told
	// of each fault injected.
	Faults  faults.Plan
	OnFault func(r *http.Request, d faults.Decision)
	// Timeouts bound each connection of the server Start makes (New ignores them).
	Timeouts Timeouts
}

// The names of the provider sandboxes' state files in Options.StateDir.
const (
	ivyStateFile       = "ivy.json"
	trueLayerStateFile = "truelayer.json"
)

// Sandbox emulates the providers' sandbox environments; it is an http.Handler.
type Sandbox struct {
	trueLayer *truelayer.Handler
	oneID     *oneid.Handler
	ivy       *ivy.Handler
	pages     *kit.Pages
	mux       *http.ServeMux
}

// New returns a Sandbox configured by opts, with defaults filled in. TrueLayer and OneID accept
// the same client id and secret, and Ivy the secret as its API key. With a StateDir, a state
// file there that a provider sandbox cannot read is an error naming it (the file is left
// untouched).
func New(opts Options) (*Sandbox, error) {
	var ivyState, trueLayerState string
	if opts.StateDir != "" {
		ivyState = filepath.Join(opts.StateDir, ivyStateFile)
		trueLayerState = filepath.Join(opts.StateDir, trueLayerStateFile)
	}
	tl, err := truelayer.Open(truelayer.Config{
		ClientID:          opts.ClientID,
		ClientSecret:      opts.ClientSecret,
		Now:               opts.Now,
		Banks:             opts.Banks,
		ExtraRedirectURIs: opts.ExtraRedirectURIs,
		StateFile:         trueLayerState,
	})
	if err != nil {
		return nil, err // it names TrueLayer's sandbox and the file
	}
	iv, err := ivy.New(ivy.Config{
		APIKey:        tl.ClientSecret(), // the defaults filled in, the generated secret included
		WebhookSecret: "whsec-" + tl.ClientSecret(),
		Now:           opts.Now,
		StateFile:     ivyState,
	})
	if err != nil {
		return nil, err // it names Ivy's sandbox and the file
	}
	s := &Sandbox{
		trueLayer: tl,
		oneID: oneid.New(oneid.Config{
			ClientID:          tl.ClientID(),
			ClientSecret:      tl.ClientSecret(),
			Now:               opts.Now,
			ExtraRedirectURIs: opts.ExtraRedirectURIs,
		}),
		ivy:   iv,
		pages: parsePages(),
	}
	s.mux = s.routes()
	return s, nil
}

// ServeHTTP serves every emulated host under its path prefix.
func (s *Sandbox) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mux.ServeHTTP(w, r)
}

// ClientID returns the client id the sandbox accepts, at TrueLayer and at OneID.
func (s *Sandbox) ClientID() string { return s.trueLayer.ClientID() }

// ClientSecret returns the client secret the sandbox accepts, at TrueLayer and at OneID.
func (s *Sandbox) ClientSecret() string { return s.trueLayer.ClientSecret() }

// IvyAPIKey returns the API key the sandbox's Ivy accepts: the sandbox's client secret.
func (s *Sandbox) IvyAPIKey() string { return s.ivy.APIKey() }

// IvyWebhookSecret returns the secret the sandbox's Ivy signs its result webhooks with.
func (s *Sandbox) IvyWebhookSecret() string { return s.ivy.WebhookSecret() }

// IvyStateFile returns the file the sandbox's Ivy keeps its closed sessions in, or "" when
// they are kept in memory only.
func (s *Sandbox) IvyStateFile() string { return s.ivy.StateFile() }
