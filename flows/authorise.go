package flows

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"

	"golang.org/x/oauth2"

	"github.com/linkstep/linkstep/providers/transcript"
)

// authorisation is the outcome of sending the user to the bank: a checked code and what the
// code exchange needs to go with it.
type authorisation struct {
	Code        string
	RedirectURI string
	Verifier    string
}

// linkParams is what an auth link is made from.
type linkParams struct {
	RedirectURI string
	State       string
	Nonce       string
	Verifier    string
}

// authorise starts a loopback listener (when the redirect URI allows it), builds the auth link,
// asks the front-end to open it, and waits for the redirect; bankID is passed to the mock bank
// when the front-end signs in itself. When nothing can listen, the front-end may park the link
// and a later run of the journey finish it.
func (d *Deps) authorise(ctx context.Context, a Asker, journey, bankID string, link func(linkParams) string) (authorisation, error) {
	p := linkParams{RedirectURI: d.RedirectURI, State: randomToken(), Nonce: randomToken(), Verifier: oauth2.GenerateVerifier()}

	var cb *Callback
	if p.RedirectURI == "" || IsLoopback(p.RedirectURI) {
		var err error
		if cb, err = ListenCallback(ctx, p.RedirectURI, p.State); err != nil {
			return authorisation{}, fmt.Errorf("start the loopback listener: %w", err)
		}
		defer cb.Close()
		p.RedirectURI = cb.RedirectURI()
	}

	prompt := OpenAuthLink{URL: link(p), RedirectURI: p.RedirectURI, Listening: cb != nil}
	waitCtx := ctx
	if cb != nil {
		prompt.Expires = d.now().Add(d.callbackTimeout())
		var cancel context.CancelFunc
		waitCtx, cancel = context.WithTimeoutCause(ctx, d.callbackTimeout(), ErrCallbackTimeout)
		defer cancel()
	}
	if d.MockBank != nil {
		prompt.DefaultUsername, prompt.DefaultPassword = "john", "doe"
		sink := transcript.SinkFrom(ctx)
		prompt.SignIn = func(ctx context.Context, username, password string) (RedirectReceived, error) {
			if sink != nil {
				ctx = transcript.WithSink(ctx, sink) // the mock bank's pages show in the transcript too
			}
			u, err := d.MockBank(ctx, MockBankSignIn{AuthLink: prompt.URL, RedirectURI: p.RedirectURI, BankID: bankID, Username: username, Password: password})
			if err != nil {
				return RedirectReceived{}, err
			}
			return RedirectReceived{Input: u}, nil
		}
	}

	prompt.Park = func(ctx context.Context) error { return d.park(ctx, journey, p) }

	a.Tell(Progress{Message: "auth link ready; waiting for the bank's redirect"})
	r, err := AwaitRedirect(waitCtx, a, prompt, cb, p.State)
	if err != nil {
		return authorisation{}, err
	}
	if r.Earlier {
		a.Tell(Progress{Message: "finishing the auth link of an earlier run"})
		return d.unpark(ctx, journey, r)
	}
	if r.Bare {
		a.Tell(Warning{Message: "a bare code was pasted: its state could not be checked"})
	}
	a.Tell(Progress{Message: "authorisation code received"})
	return authorisation{Code: r.Code, RedirectURI: p.RedirectURI, Verifier: p.Verifier}, nil
}

// randomToken returns 32 random bytes, base64url encoded, for state and nonce values.
func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return base64.RawURLEncoding.EncodeToString(b)
}
