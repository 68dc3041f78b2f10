package flows

import (
	"context"

	"github.com/linkstep/linkstep/flows/oauthlink"
	"github.com/linkstep/linkstep/providers/transcript"
)

// hostedRequest is a hosted flow (a provider's own pages, ending on a success or an error
// callback) as a journey starts it.
type hostedRequest struct {
	Create  func(ctx context.Context, urls oauthlink.HostedURLs) (link string, err error)
	Poll    func(ctx context.Context) (oauthlink.HostedOutcome, bool, error)
	Webhook oauthlink.WebhookFunc
	BankID  string // passed to the mock bank when the front-end signs in itself
}

// awaitHosted creates the hosted flow, asks OpenAuthLink for its link, and returns how it ended:
// the loopback listener catching a callback, the user pasting where they landed, or polling.
func (c Common) awaitHosted(ctx context.Context, a Asker, req hostedRequest) (oauthlink.HostedOutcome, error) {
	show := func(ctx context.Context, l oauthlink.Link) (oauthlink.Reply, error) {
		a.Tell(Progress{Message: "session ready; waiting for the user to come back from the bank"})
		ans, err := ask[RedirectReceived](ctx, a, c.openHostedLink(ctx, l, req.BankID))
		return oauthlink.Reply{Input: ans.Input}, err
	}
	f := c.linkFlowFor(a, linkRequest{})
	return f.AwaitHosted(ctx, oauthlink.HostedRequest{Create: req.Create, Show: show, Poll: req.Poll, Webhook: req.Webhook})
}

// openHostedLink is the prompt for a hosted flow's link, with a sign-in to the mock bank in the
// embedded sandbox (the walk stops at any callback under the link's redirect URI).
func (c Common) openHostedLink(ctx context.Context, l oauthlink.Link, bankID string) OpenAuthLink {
	p := OpenAuthLink{URL: l.URL, RedirectURI: l.RedirectURI, Listening: l.Listening, Expires: l.Expires, SelfSigned: l.SelfSigned, CheckPaste: l.Check}
	if c.MockBank == nil {
		return p
	}
	p.DefaultUsername, p.DefaultPassword = "john", "doe"
	sink := transcript.SinkFrom(ctx)
	p.SignIn = func(ctx context.Context, username, password string) (RedirectReceived, error) {
		if sink != nil {
			ctx = transcript.WithSink(ctx, sink)
		}
		u, err := c.MockBank(ctx, MockBankSignIn{AuthLink: l.URL, RedirectURI: l.RedirectURI, BankID: bankID, Username: username, Password: password})
		if err != nil {
			return RedirectReceived{}, err
		}
		return RedirectReceived{Input: u}, nil
	}
	return p
}
