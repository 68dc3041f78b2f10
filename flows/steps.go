package flows

import (
	"context"
	"errors"
	"fmt"

	"github.com/linkstep/linkstep/providers/retry"
	"github.com/linkstep/linkstep/providers/transcript"
)

// StepKind says how a step behaves when the user goes back past it.
type StepKind int

const (
	// Question steps may ask the user something; going back stops at them.
	Question StepKind = iota
	// Action steps only do work (exchange a code, store tokens); going back skips them.
	Action
)

// String names the kind.
func (k StepKind) String() string {
	switch k {
	case Question:
		return "question"
	case Action:
		return "action"
	default:
		return fmt.Sprintf("stepkind(%d)", int(k))
	}
}

// Step is one titled stage of a journey. RunSteps runs a journey's steps by these rules:
//
//   - A step may run more than once: again after a failure the user retries, and again when the
//     user goes back to it or past it and forward once more. So an Action must be safe to
//     re-run: it does only what is not done yet (keep what it learnt in the run's state, e.g.
//     "tokens exchanged", "tokens stored") and never repeats what must happen once (a code is
//     single use: clear it whatever the exchange's outcome).
//   - Going back (ErrBack from Ask) moves to the previous Question step, skipping Action steps
//     and Question steps that asked nothing on their last run (the only bank, chosen for the
//     user). Past the first step, RunSteps returns ErrBack.
//   - Going back resets nothing by itself: the Question step that runs again asks afresh and
//     overwrites what it decided, and a step that starts something new (a new auth link) resets
//     what depended on the old one (the code, the tokens, the chosen account).
//   - Any other error becomes a Failure prompt: retry runs the same step again, back goes to the
//     previous question, and anything else ends the run with the step's error.
type Step struct {
	Title string
	Kind  StepKind
	Run   func(ctx context.Context, a Asker) error
}

// RunSteps runs steps in order and handles going back and failures the same way for every
// journey: ErrBack from a step returns to the previous Question step that asks something (and
// past the first step, RunSteps returns ErrBack); any other error is shown as a Failure prompt,
// whose answer retries the step, goes back, or ends the run with the step's error.
func RunSteps(ctx context.Context, a Asker, steps []Step) error {
	ctx = transcript.WithSink(ctx, func(e transcript.Entry) { a.Tell(HTTPExchange{Entry: e}) })
	ctx = retry.WithObserver(ctx, func(n retry.Notice) { a.Tell(Warning{Message: n.String()}) })
	level := stepLevel(ctx)
	a.Tell(planOf(level, steps))
	ctx = context.WithValue(ctx, stepLevelKey{}, level+1) // a RunSteps inside a step plans one level down
	i := 0
	back := false // moving backwards: skip steps that do not ask
	for i < len(steps) {
		if i < 0 {
			return ErrBack
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		s := steps[i]
		if back && s.Kind == Action {
			i--
			continue
		}
		a.Tell(StepStarted{Level: level, Index: i + 1, Total: len(steps), Title: s.Title, Automatic: s.Kind == Action})
		counter := &askCounter{Asker: a}
		err := s.Run(ctx, counter)
		switch {
		case err == nil:
			if counter.skipped != "" {
				a.Tell(StepSkipped{Level: level, Index: i + 1, Title: s.Title, Reason: counter.skipped})
			}
			if back && counter.asked == 0 {
				// Nothing was asked (e.g. the only bank was chosen for the user): keep going back.
				i--
				continue
			}
			back = false
			i++
		case errors.Is(err, ErrBack):
			back = true
			i--
		case ctx.Err() != nil:
			return ctx.Err()
		default:
			next, ferr := resolveFailure(ctx, a, s.Title, err)
			if ferr != nil {
				return ferr
			}
			if next == failureBack {
				back = true
				i--
			}
		}
	}
	return nil
}

type failureOutcome int

const (
	failureRetry failureOutcome = iota
	failureBack
)

// resolveFailure asks the front-end what to do about a failed step; ending the run returns the
// step's error prefixed with its title.
func resolveFailure(ctx context.Context, a Asker, step string, err error) (failureOutcome, error) {
	ans, aerr := a.Ask(ctx, Failure{Step: step, Err: err, Retryable: IsRetryable(err)})
	switch {
	case errors.Is(aerr, ErrBack):
		return failureBack, nil
	case aerr != nil:
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		return 0, fmt.Errorf("%s: %w", step, err)
	}
	if _, ok := ans.(Retry); !ok {
		return 0, fmt.Errorf("%w: Failure answered with %T", ErrUnexpectedAnswer, ans)
	}
	return failureRetry, nil
}

// askCounter counts the questions a step asks, so going back can skip steps that asked none,
// and keeps why the step skipped itself, if it did.
type askCounter struct {
	Asker
	asked   int
	skipped string
}

// SkipStep marks the step running with a (the Asker RunSteps gave it) as skipped for reason,
// "one bank offered": it had nothing to ask or do. RunSteps tells the front-end a StepSkipped
// once the step ends without an error; outside RunSteps it does nothing.
func SkipStep(a Asker, reason string) {
	if c, ok := a.(*askCounter); ok {
		c.skipped = reason
	}
}

// stepLevelKey is the context key of the plan level a RunSteps call tells its steps at.
type stepLevelKey struct{}

// stepLevel is the level of the plan RunSteps runs with ctx: 0 for a journey's own steps.
func stepLevel(ctx context.Context) int {
	level, _ := ctx.Value(stepLevelKey{}).(int)
	return level
}

// planOf is the Plan event of steps at level.
func planOf(level int, steps []Step) Plan {
	p := Plan{Level: level, Steps: make([]PlannedStep, len(steps))}
	for i, s := range steps {
		p.Steps[i] = PlannedStep{Title: s.Title, Automatic: s.Kind == Action}
	}
	return p
}

// CheckUnasked forwards to the wrapped Asker when it checks unasked questions; it is not a
// question asked, so it does not count.
func (c *askCounter) CheckUnasked(p Prompt) error { return checkUnasked(c.Asker, p) }

// Ask forwards to the wrapped Asker and counts the question.
func (c *askCounter) Ask(ctx context.Context, p Prompt) (Answer, error) {
	c.asked++
	return c.Asker.Ask(ctx, p)
}
