package oauthlink

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// DefaultPollEvery is how often a hosted flow that cannot be caught asks the provider.
const DefaultPollEvery = 2 * time.Second

// HostedRequest is one hosted flow to send a person through.
type HostedRequest struct {
	// Create makes the flow at the provider with the callback URLs and returns where to send
	// the person (Ivy's redirectUrl).
	Create func(ctx context.Context, urls HostedURLs) (link string, err error)
	// Show shows the link and returns what the person pasted (the callback URL they landed on).
	Show ShowFunc
	// Poll asks the provider whether the flow has ended; it is used when nothing can listen
	// for the callbacks (a callback URI that is not a loopback address). done is false while
	// the flow is still open.
	Poll func(ctx context.Context) (outcome HostedOutcome, done bool, err error)
	// PollEvery is the polling interval; zero means DefaultPollEvery.
	PollEvery time.Duration
	// Webhook checks result webhooks that reach the listener; nil accepts them unchecked.
	Webhook WebhookFunc
}

// AwaitHosted creates the hosted flow with callback URLs on a loopback listener (or under the
// configured non-loopback URI), shows its link, and returns how it ended: whichever comes
// first of the listener catching the success or error callback, the person pasting the URL
// they landed on, or polling the provider. A callback with another state given as the reply
// ends the wait (Link.Check lets a front-end refuse such a paste first); at the listener, it
// gets a 400 page and the wait goes on (OnRefused is told) until MaxRefused such requests end
// it.
func (f Flow) AwaitHosted(ctx context.Context, req HostedRequest) (HostedOutcome, error) {
	state := randomToken()
	var h *Hosted
	base := strings.TrimRight(f.RedirectURI, "/")
	if base == "" || IsLoopback(base) {
		var err error
		if h, err = ListenHosted(ctx, base, state, req.Webhook, f.listenOptions()...); err != nil {
			return HostedOutcome{}, fmt.Errorf("start the loopback listener: %w", err)
		}
		defer h.Close()
		base = h.base
	}
	urls := hostedURLs(base, state)
	link, err := req.Create(ctx, urls)
	if err != nil {
		return HostedOutcome{}, err
	}
	l := Link{URL: link, RedirectURI: base, Listening: h != nil, SelfSigned: h != nil && h.lb.selfSigned}
	l.Check = func(input string) error { return CheckPastedHosted(input, base, state) }
	waitCtx := ctx
	if h != nil {
		l.Expires = f.now().Add(f.timeout())
		var cancel context.CancelFunc
		waitCtx, cancel = context.WithTimeoutCause(ctx, f.timeout(), callbackTimeout())
		defer cancel()
	}
	return firstOutcome(waitCtx, base, state, l, req, h)
}

// firstOutcome runs the ways a hosted flow can end side by side and returns the first.
func firstOutcome(ctx context.Context, base, state string, l Link, req HostedRequest, h *Hosted) (HostedOutcome, error) {
	ctx, cancel := context.WithCancel(ctx)
	type result struct {
		outcome HostedOutcome
		err     error
	}
	results := make(chan result, 3)
	asked := make(chan struct{})
	go func() {
		defer close(asked)
		reply, err := req.Show(ctx, l)
		if err != nil {
			results <- result{err: err}
			return
		}
		o, err := ParseHosted(reply.Input, base, state)
		results <- result{outcome: o, err: err}
	}()
	defer func() {
		cancel()
		<-asked // the link is withdrawn; wait until the front-end lets go of it
	}()
	if h != nil {
		go func() {
			o, err := h.Wait(ctx)
			results <- result{outcome: o, err: err}
		}()
	} else if req.Poll != nil {
		go func() {
			o, err := poll(ctx, req)
			results <- result{outcome: o, err: err}
		}()
	}
	got := <-results
	if got.err != nil && ctx.Err() != nil {
		return HostedOutcome{}, context.Cause(ctx)
	}
	return got.outcome, got.err
}

// poll asks the provider until the flow ends or ctx does.
func poll(ctx context.Context, req HostedRequest) (HostedOutcome, error) {
	every := req.PollEvery
	if every <= 0 {
		every = DefaultPollEvery
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return HostedOutcome{}, ctx.Err()
		case <-t.C:
		}
		o, done, err := req.Poll(ctx)
		if err != nil {
			return HostedOutcome{}, err
		}
		if done {
			return o, nil
		}
	}
}
