package oauthlink

import "context"

// AwaitRedirect asks for a reply through ask and returns the first redirect that arrives:
// caught by cb (which may be nil when nothing listens; it delivers only redirects with the
// link's state, or ErrTooManyRefused) or given in the reply (pasted, or the result of signing
// in to the mock bank). The redirect is checked against state; a reply with another state ends
// the wait with ErrStateMismatch and its code is never returned (a front-end that would rather
// keep waiting refuses such a paste first, with CheckPasted). When ctx ends first, the error
// is ctx's cause (e.g. ErrCallbackTimeout set by the caller's deadline). A reply answering a
// link parked by an earlier run comes back unchecked with Earlier set: the caller checks it
// against that link's state.
func AwaitRedirect(ctx context.Context, ask func(ctx context.Context) (Reply, error), cb *Callback, state string) (Redirect, error) {
	ctx, cancel := context.WithCancel(ctx)
	type outcome struct {
		redirect Redirect
		err      error
	}
	asked := make(chan outcome, 1)
	askDone := false
	defer func() {
		cancel()
		if !askDone {
			<-asked // the link is withdrawn; wait until the front-end lets go of it
		}
	}()
	go func() {
		reply, err := ask(ctx)
		if err != nil {
			asked <- outcome{err: err}
			return
		}
		r, err := ParseRedirect(reply.Input)
		r.Earlier = reply.Earlier
		asked <- outcome{redirect: r, err: err}
	}()

	var caught chan outcome
	if cb != nil {
		caught = make(chan outcome, 1)
		go func() {
			r, err := cb.Wait(ctx)
			caught <- outcome{redirect: r, err: err}
		}()
	}

	var got outcome
	select {
	case got = <-asked:
		askDone = true
	case got = <-caught:
	}
	if got.err != nil {
		if ctx.Err() != nil {
			return Redirect{}, context.Cause(ctx)
		}
		return Redirect{}, got.err
	}
	if got.redirect.Earlier {
		return got.redirect, nil
	}
	if err := got.redirect.Check(state); err != nil {
		return Redirect{}, err
	}
	return got.redirect, nil
}
