package flows

import "context"

// AwaitRedirect asks the front-end to show the auth link and returns the first redirect that
// arrives: caught by cb (which may be nil when nothing listens) or answered by the front-end
// (pasted, or signed in to the mock bank). The redirect is checked against state; a mismatch is
// refused with ErrStateMismatch and its code is never returned. When ctx ends first, the error
// is ctx's cause (e.g. ErrCallbackTimeout set by the caller's deadline). A redirect answering a
// link parked by an earlier run comes back unchecked with Earlier set: the caller checks it
// against that link's state.
func AwaitRedirect(ctx context.Context, a Asker, p OpenAuthLink, cb *Callback, state string) (Redirect, error) {
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
			<-asked // the prompt is withdrawn; wait until the front-end lets go of it
		}
	}()
	go func() {
		ans, err := ask[RedirectReceived](ctx, a, p)
		if err != nil {
			asked <- outcome{err: err}
			return
		}
		r, err := ParseRedirect(ans.Input)
		r.Earlier = ans.Earlier
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
