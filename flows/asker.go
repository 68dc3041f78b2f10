package flows

import (
	"context"
	"fmt"
)

// Asker is a front-end as a journey sees it.
type Asker interface {
	// Ask blocks until the prompt is answered, the user goes back (ErrBack), or ctx is done.
	Ask(ctx context.Context, p Prompt) (Answer, error)
	// Tell reports progress; it must not block for long.
	Tell(ev Event)
}

// UnaskedChecker is implemented by front-ends that were given their answers in advance
// (headless flags). A journey that answers a question itself, because only one answer is
// possible (one bank offered), shows it the question with checkUnasked: an answer given in
// advance that the question would not accept then fails the run instead of being ignored.
// Front-ends that ask a person do not implement it.
type UnaskedChecker interface {
	CheckUnasked(p Prompt) error
}

// checkUnasked shows p, which the journey answered itself, to a front-end that checks answers
// given in advance.
func checkUnasked(a Asker, p Prompt) error {
	if c, ok := a.(UnaskedChecker); ok {
		return c.CheckUnasked(p)
	}
	return nil
}

// ask asks p and checks that the answer has the type the prompt calls for.
func ask[A Answer](ctx context.Context, a Asker, p Prompt) (A, error) {
	var zero A
	ans, err := a.Ask(ctx, p)
	if err != nil {
		return zero, err
	}
	got, ok := ans.(A)
	if !ok {
		return zero, fmt.Errorf("%w: %T answered with %T", ErrUnexpectedAnswer, p, ans)
	}
	return got, nil
}
