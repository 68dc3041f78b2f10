package flows

import (
	"context"

	"github.com/linkstep/linkstep/flows/oauthlink"
	"github.com/linkstep/linkstep/providers/transcript"
)

// linkRequest is what sending the user through one auth link needs besides the link itself.
type linkRequest struct {
	Journey    string         // the journey's id: a parked link is kept under it
	Registered string         // the provider's registered redirect URI (maybe empty)
	BankID     string         // passed to the mock bank when the front-end signs in itself
	Choices    []SignInChoice // the people the mock bank offers, instead of a username and password
}

// authorise sends the user to the bank with the auth link build makes and returns the checked
// code: it asks OpenAuthLink, and the loopback listener or the user's answer, whichever comes
// first, finishes it.
func (c Common) authorise(ctx context.Context, a Asker, req linkRequest, build func(oauthlink.Params) string) (oauthlink.Authorisation, error) {
	show := func(ctx context.Context, l oauthlink.Link) (oauthlink.Reply, error) {
		a.Tell(Progress{Message: "auth link ready; waiting for the bank's redirect"})
		ans, err := ask[RedirectReceived](ctx, a, c.openAuthLink(ctx, l, req))
		return oauthlink.Reply{Input: ans.Input, Earlier: ans.Earlier}, err
	}
	auth, err := c.linkFlowFor(a, req).Authorise(ctx, build, show)
	if err != nil {
		return oauthlink.Authorisation{}, err
	}
	c.tellReceived(a, auth)
	return auth, nil
}

// authoriseVia is authorise for a link the provider makes (extend, re-auth): the listener
// starts first so that makeLink can give the provider its redirect URI; false says no link was
// needed after all.
func (c Common) authoriseVia(ctx context.Context, a Asker, req linkRequest, makeLink oauthlink.Linker) (oauthlink.Authorisation, bool, error) {
	show := func(ctx context.Context, l oauthlink.Link) (oauthlink.Reply, error) {
		a.Tell(Progress{Message: "bank link ready; waiting for the bank's redirect"})
		ans, err := ask[RedirectReceived](ctx, a, c.openAuthLink(ctx, l, req))
		return oauthlink.Reply{Input: ans.Input, Earlier: ans.Earlier}, err
	}
	auth, needed, err := c.linkFlowFor(a, req).AuthoriseVia(ctx, makeLink, show)
	if err != nil || !needed {
		return oauthlink.Authorisation{}, needed, err
	}
	c.tellReceived(a, auth)
	return auth, true, nil
}

// linkFlowFor is the journey's auth-link flow, telling a about every request the loopback
// listener refuses (a stray or forged redirect) while it keeps waiting.
func (c Common) linkFlowFor(a Asker, req linkRequest) oauthlink.Flow {
	f := c.linkFlow(req.Journey, req.Registered)
	f.OnRefused = func(reason string) { a.Tell(Warning{Message: reason}) }
	return f
}

// tellReceived says how the code came back.
func (c Common) tellReceived(a Asker, auth oauthlink.Authorisation) {
	switch {
	case auth.Earlier:
		a.Tell(Progress{Message: "finishing the auth link of an earlier run"})
	case auth.Bare:
		a.Tell(Warning{Message: "a bare code was pasted: its state could not be checked"})
	case auth.Unchecked:
		a.Tell(Warning{Message: "the provider made this link without a state of linkstep's: the redirect could not be checked"})
	}
	a.Tell(Progress{Message: "authorisation code received"})
}

// openAuthLink is the prompt for l, with a sign-in to the mock bank in the embedded sandbox.
func (c Common) openAuthLink(ctx context.Context, l oauthlink.Link, req linkRequest) OpenAuthLink {
	p := OpenAuthLink{URL: l.URL, RedirectURI: l.RedirectURI, Listening: l.Listening, Expires: l.Expires, Park: l.Park, SelfSigned: l.SelfSigned, CheckPaste: l.Check}
	if c.MockBank == nil {
		return p
	}
	if len(req.Choices) > 0 {
		p.SignInChoices = req.Choices
	} else {
		p.DefaultUsername, p.DefaultPassword = "john", "doe"
	}
	sink := transcript.SinkFrom(ctx)
	p.SignIn = func(ctx context.Context, username, password string) (RedirectReceived, error) {
		if sink != nil {
			ctx = transcript.WithSink(ctx, sink) // the mock bank's pages show in the transcript too
		}
		in := MockBankSignIn{AuthLink: l.URL, RedirectURI: l.RedirectURI, BankID: req.BankID, Username: username, Password: password}
		if len(req.Choices) > 0 && username == SignInDecline {
			in.Username, in.Decline = "", true
		}
		u, err := c.MockBank(ctx, in)
		if err != nil {
			return RedirectReceived{}, err
		}
		return RedirectReceived{Input: u}, nil
	}
	return p
}
