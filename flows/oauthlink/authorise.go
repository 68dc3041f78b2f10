package oauthlink

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"time"

	"golang.org/x/oauth2"

	"github.com/linkstep/linkstep/keychain"
)

// DefaultTimeout is how long a loopback listener waits for the redirect.
const DefaultTimeout = 10 * time.Minute

// Params is what an auth link is made from: fresh state, nonce and PKCE verifier for each link.
type Params struct {
	RedirectURI string
	State       string
	Nonce       string
	Verifier    string
}

// Link is an auth link ready to be shown, with what the front-end may do with it.
type Link struct {
	URL         string
	RedirectURI string
	Listening   bool      // a loopback listener waits for the redirect on RedirectURI
	Expires     time.Time // when the listener gives up; zero when not listening
	// SelfSigned says the listener serves https with linkstep's own self-signed certificate:
	// the browser warns about it before the redirect lands, and the person must accept it
	// for the redirect URI's host (127.0.0.1, [::1] or localhost).
	SelfSigned bool
	// Park keeps the link's state and PKCE verifier in the keychain so that a later run can
	// finish it with the redirect URL (a Reply with Earlier set).
	Park func(ctx context.Context) error
	// Check says whether a pasted reply may answer this link (CheckPasted): a front-end that
	// keeps the person on the link refuses such a paste beside the input instead of replying
	// with it, which would end the wait with the error.
	Check func(input string) error
}

// Reply is what a person gave back for a Link: the redirect URL they landed on, its query
// string or the bare code; Earlier says it answers the link an earlier run parked.
type Reply struct {
	Input   string
	Earlier bool
}

// ShowFunc shows a Link to the person and blocks until they reply, go back, or ctx ends (the
// listener caught the redirect first).
type ShowFunc func(ctx context.Context, l Link) (Reply, error)

// Authorisation is a checked authorisation code and what the code exchange needs with it.
type Authorisation struct {
	Code        string
	RedirectURI string
	Verifier    string
	Nonce       string
	Bare        bool // a bare code was pasted: its state could not be checked
	Unchecked   bool // the provider made the link without linkstep's state: nothing to check
	Earlier     bool // the code finishes a link an earlier run parked
}

// Flow sends a person through auth links of one journey in one environment.
type Flow struct {
	// RedirectURI is the redirect URI registered with the provider; empty means a loopback
	// listener on a random port.
	RedirectURI string
	// Timeout bounds the wait on a loopback listener; zero means DefaultTimeout.
	Timeout time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Parking is where a link waits for a later run (the PKCE verifier is a secret).
	Parking keychain.Store
	// ParkKey names this journey's parked link in Parking.
	ParkKey string
	// OnRefused, when set, is told of each request the loopback listener refuses (no or
	// another state, no parameters, another Host) with a sentence for the person; after
	// MaxRefused of them the wait fails with ErrTooManyRefused. Calls are serialised.
	OnRefused func(reason string)
	// CertDir is where an https loopback listener keeps its self-signed certificate (the
	// config dir); empty means a fresh certificate in memory for each listener.
	CertDir string
}

// listenOptions are the options of the flow's loopback listeners.
func (f Flow) listenOptions() []ListenOption {
	return []ListenOption{WithOnRefused(f.OnRefused), WithCertDir(f.CertDir)}
}

// Authorise starts a loopback listener (when the redirect URI allows it), builds the auth link
// with build, shows it, and returns the first redirect that arrives: caught by the listener or
// given by the person. A redirect whose state is not the link's is refused and its code never
// returned: given as the reply, it ends the wait with ErrStateMismatch (Link.Check lets a
// front-end refuse such a paste first and keep waiting); at the listener, it gets a 400 page
// and the wait goes on (OnRefused is told) until MaxRefused such requests end it. When nothing
// can listen, the person may park the link and a later run finish it.
func (f Flow) Authorise(ctx context.Context, build func(Params) string, show ShowFunc) (Authorisation, error) {
	auth, _, err := f.AuthoriseVia(ctx, func(_ context.Context, p Params) (MadeLink, error) {
		return MadeLink{URL: build(p)}, nil
	}, show)
	return auth, err
}

// MadeLink is an auth link a provider made (connection extend, re-authentication).
type MadeLink struct {
	URL string // empty: no link is needed after all
	// Stateless says the provider made the link without the state linkstep chose, so the
	// redirect's state cannot be checked.
	Stateless bool
	// NoPKCE says the link carries no PKCE challenge: the exchange sends no verifier.
	NoPKCE bool
}

// Linker makes the auth link for p; it may call the provider, and may find that no link is
// needed.
type Linker func(ctx context.Context, p Params) (MadeLink, error)

// AuthoriseVia is Authorise for links a provider makes: the listener starts first, so make
// can give the provider its redirect URI. It reports false, and no authorisation, when makeLink
// says no link is needed.
func (f Flow) AuthoriseVia(ctx context.Context, makeLink Linker, show ShowFunc) (Authorisation, bool, error) {
	p := Params{RedirectURI: f.RedirectURI, State: randomToken(), Nonce: randomToken(), Verifier: oauth2.GenerateVerifier()}

	var cb *Callback
	if p.RedirectURI == "" || IsLoopback(p.RedirectURI) {
		var err error
		if cb, err = ListenCallback(ctx, p.RedirectURI, p.State, f.listenOptions()...); err != nil {
			return Authorisation{}, false, fmt.Errorf("start the loopback listener: %w", err)
		}
		defer cb.Close()
		p.RedirectURI = cb.RedirectURI()
	}
	made, err := makeLink(ctx, p)
	if err != nil || made.URL == "" {
		return Authorisation{}, false, err
	}
	state := p.State
	if made.Stateless {
		state = ""
		cb.expectAnyState()
	}
	if made.NoPKCE {
		p.Verifier = ""
	}

	link := Link{URL: made.URL, RedirectURI: p.RedirectURI, Listening: cb != nil, SelfSigned: cb.selfSigned()}
	link.Check = func(input string) error { return CheckPasted(input, state) }
	link.Park = func(ctx context.Context) error { return f.park(ctx, p) }
	waitCtx := ctx
	if cb != nil {
		link.Expires = f.now().Add(f.timeout())
		var cancel context.CancelFunc
		waitCtx, cancel = context.WithTimeoutCause(ctx, f.timeout(), callbackTimeout())
		defer cancel()
	}

	r, err := AwaitRedirect(waitCtx, func(ctx context.Context) (Reply, error) { return show(ctx, link) }, cb, state)
	if err != nil {
		return Authorisation{}, true, err
	}
	if r.Earlier {
		auth, err := f.unpark(ctx, r)
		return auth, true, err
	}
	return Authorisation{Code: r.Code, RedirectURI: p.RedirectURI, Verifier: p.Verifier, Nonce: p.Nonce, Bare: r.Bare, Unchecked: made.Stateless}, true, nil
}

func (f Flow) now() time.Time {
	if f.Now != nil {
		return f.Now()
	}
	return time.Now()
}

func (f Flow) timeout() time.Duration {
	if f.Timeout > 0 {
		return f.Timeout
	}
	return DefaultTimeout
}

// randomToken returns 32 random bytes, base64url encoded, for state and nonce values.
func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return base64.RawURLEncoding.EncodeToString(b)
}
