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
