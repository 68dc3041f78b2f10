package flows

import (
	"context"

	"github.com/linkstep/linkstep/flows/oauthlink"
	"github.com/linkstep/linkstep/providers/transcript"
)

// authorise sends the user to the bank with the auth link build makes and returns the checked
// code: it asks OpenAuthLink, and the loopback listener or the user's answer, whichever comes
// first, finishes it. registered is the provider's redirect URI; bankID is passed to the mock bank when the front-end signs in itself.
func (c Common) authorise(ctx context.Context, a Asker, journey, registered, bankID string, build func(oauthlink.Params) string) (oauthlink.Authorisation, error) {
	show := func(ctx context.Context, l oauthlink.Link) (oauthlink.Reply, error) {
		a.Tell(Progress{Message: "auth link ready; waiting for the bank's redirect"})
		ans, err := ask[RedirectReceived](ctx, a, c.openAuthLink(ctx, l, bankID))
		return oauthlink.Reply{Input: ans.Input, Earlier: ans.Earlier}, err
	}
	auth, err := c.linkFlow(journey, registered).Authorise(ctx, build, show)
	if err != nil {
		return oauthlink.Authorisation{}, err
	}
	switch {
	case auth.Earlier:
		a.Tell(Progress{Message: "finishing the auth link of an earlier run"})
	case auth.Bare:
		a.Tell(Warning{Message: "a bare code was pasted: its state could not be checked"})
	}
	a.Tell(Progress{Message: "authorisation code received"})
	return auth, nil
}

// openAuthLink is the prompt for l, with a sign-in to the mock bank in the embedded sandbox.
func (c Common) openAuthLink(ctx context.Context, l oauthlink.Link, bankID string) OpenAuthLink {
	p := OpenAuthLink{URL: l.URL, RedirectURI: l.RedirectURI, Listening: l.Listening, Expires: l.Expires, Park: l.Park}
	if c.MockBank == nil {
		return p
	}
	p.DefaultUsername, p.DefaultPassword = "john", "doe"
	sink := transcript.SinkFrom(ctx)
	p.SignIn = func(ctx context.Context, username, password string) (RedirectReceived, error) {
		if sink != nil {
			ctx = transcript.WithSink(ctx, sink) // the mock bank's pages show in the transcript too
		}
		u, err := c.MockBank(ctx, MockBankSignIn{AuthLink: l.URL, RedirectURI: l.RedirectURI, BankID: bankID, Username: username, Password: password})
		if err != nil {
			return RedirectReceived{}, err
		}
		return RedirectReceived{Input: u}, nil
	}
	return p
}
