package sandbox

import (
	"net/http"
	"time"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
	"github.com/linkstep/linkstep/providers/sandbox/oneid"
	"github.com/linkstep/linkstep/providers/sandbox/truelayer"
)

// DefaultClientID is the client id a Sandbox accepts when Options.ClientID is empty.
const DefaultClientID = truelayer.DefaultClientID

// Options configure a Sandbox; the zero value is a ready-to-use sandbox with the Mock bank.
// The client id and secret are TrueLayer's and OneID's alike.
type Options struct {
	ClientID          string           // default "sandbox-linkstep"
	ClientSecret      string           // default: 32 random bytes, hex, generated per Sandbox
	Now               func() time.Time // default time.Now; tests inject a fake clock
	Banks             []Bank           // default: just the Mock bank
	ExtraRedirectURIs []string         // additionally allowed redirect URIs (exact match)
}

// Sandbox emulates the providers' sandbox environments; it is an http.Handler.
type Sandbox struct {
	trueLayer *truelayer.Handler
	oneID     *oneid.Handler
	pages     *kit.Pages
	mux       *http.ServeMux
}

// New returns a Sandbox configured by opts, with defaults filled in. TrueLayer and OneID accept
// the same client id and secret.
func New(opts Options) *Sandbox {
	tl := truelayer.New(truelayer.Config{
		ClientID:          opts.ClientID,
		ClientSecret:      opts.ClientSecret,
		Now:               opts.Now,
		Banks:             opts.Banks,
		ExtraRedirectURIs: opts.ExtraRedirectURIs,
	})
	s := &Sandbox{
		trueLayer: tl,
		oneID: oneid.New(oneid.Config{
			ClientID:          tl.ClientID(), // the defaults filled in, the generated secret included
			ClientSecret:      tl.ClientSecret(),
			Now:               opts.Now,
			ExtraRedirectURIs: opts.ExtraRedirectURIs,
		}),
		pages: parsePages(),
	}
	s.mux = s.routes()
	return s
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
func (s *Sandbox) IvyAPIKey() string { return s.ClientSecret() }

// IvyWebhookSecret returns the secret the sandbox's Ivy signs its result webhooks with.
func (s *Sandbox) IvyWebhookSecret() string { return "whsec-" + s.ClientSecret() }
