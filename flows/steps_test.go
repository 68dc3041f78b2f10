package flows_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/linkstep/linkstep/flows"
)

// trace builds steps that record which ran, in order.
type trace struct{ ran []string }

func (tr *trace) step(title string, kind flows.StepKind, run func(context.Context, flows.Asker) error) flows.Step {
	return flows.Step{Title: title, Kind: kind, Run: func(ctx context.Context, a flows.Asker) error {
		tr.ran = append(tr.ran, title)
		if run == nil {
			return nil
		}
		return run(ctx, a)
	}}
}

func askConsent(ctx context.Context, a flows.Asker) error {
	_, err := a.Ask(ctx, flows.ReviewConsent{})
	return err
}

func TestRunStepsBackSkipsActionsAndSilentQuestions(t *testing.T) {
	tr := &trace{}
	backs := 1
	a := &scripted{onAccount: func(flows.ChooseAccount) (flows.Answer, error) {
		if backs > 0 {
			backs--
			return nil, flows.ErrBack
		}
		return flows.AccountChoice{ID: "a"}, nil
	}}
	steps := []flows.Step{
		tr.step("bank (only one: asks nothing)", flows.Question, nil),
		tr.step("consent", flows.Question, askConsent),
		tr.step("exchange", flows.Action, nil),
		tr.step("account", flows.Question, func(ctx context.Context, a flows.Asker) error {
			_, err := a.Ask(ctx, flows.ChooseAccount{Accounts: []flows.Account{{ID: "a"}}})
			return err
		}),
	}
	if err := flows.RunSteps(t.Context(), a, steps); err != nil {
		t.Fatal(err)
	}
	want := []string{"bank (only one: asks nothing)", "consent", "exchange", "account", "consent", "exchange", "account"}
	if !slices.Equal(tr.ran, want) {
		t.Fatalf("ran %q\nwant %q", tr.ran, want)
	}
}

func TestRunStepsBackPastTheFirstQuestion(t *testing.T) {
	tr := &trace{}
	a := &scripted{onConsent: func(flows.ReviewConsent) (flows.Answer, error) { return nil, flows.ErrBack }}
	steps := []flows.Step{
		tr.step("bank (asks nothing)", flows.Question, nil),
		tr.step("consent", flows.Question, askConsent),
	}
	if err := flows.RunSteps(t.Context(), a, steps); !errors.Is(err, flows.ErrBack) {
		t.Fatalf("RunSteps = %v, want ErrBack out of the journey", err)
	}
	if want := []string{"bank (asks nothing)", "consent", "bank (asks nothing)"}; !slices.Equal(tr.ran, want) {
		t.Fatalf("ran %q, want %q", tr.ran, want)
	}
}

func TestRunStepsFailure(t *testing.T) {
	transient := &flows.Error{Code: "provider_error", Description: "try later", Retryable: true}
	permanent := &flows.Error{Code: "invalid_grant", Description: "code used"}
	tests := []struct {
		name      string
		err       error
		answer    func(flows.Failure) (flows.Answer, error)
		wantErr   error
		wantRan   []string
		retryable bool
	}{
		{
			name: "retry runs the step again", err: transient, retryable: true,
			answer:  func(flows.Failure) (flows.Answer, error) { return flows.Retry{}, nil },
			wantRan: []string{"consent", "fetch", "fetch"},
		},
		{
			name: "back returns to the previous question", err: permanent,
			answer:  func(flows.Failure) (flows.Answer, error) { return nil, flows.ErrBack },
			wantRan: []string{"consent", "fetch", "consent", "fetch"},
		},
		{
			name: "abort ends the run with the step's error", err: permanent,
			answer:  func(f flows.Failure) (flows.Answer, error) { return nil, f.Err },
			wantErr: permanent, wantRan: []string{"consent", "fetch"},
		},
		{
			name: "a wrong answer is reported", err: permanent,
			answer:  func(flows.Failure) (flows.Answer, error) { return flows.ConsentGiven{}, nil },
			wantErr: flows.ErrUnexpectedAnswer, wantRan: []string{"consent", "fetch"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := &trace{}
			failures := 1
			var seen flows.Failure
			a := &scripted{onFailure: func(f flows.Failure) (flows.Answer, error) { seen = f; return tt.answer(f) }}
			steps := []flows.Step{
				tr.step("consent", flows.Question, askConsent),
				tr.step("fetch", flows.Question, func(context.Context, flows.Asker) error {
					if failures > 0 {
						failures--
						return tt.err
					}
					return nil
				}),
			}
			err := flows.RunSteps(t.Context(), a, steps)
			if tt.wantErr == nil && err != nil || tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Fatalf("RunSteps = %v, want %v", err, tt.wantErr)
			}
			if !slices.Equal(tr.ran, tt.wantRan) {
				t.Fatalf("ran %q, want %q", tr.ran, tt.wantRan)
			}
			if seen.Step != "fetch" || seen.Retryable != tt.retryable || !errors.Is(seen.Err, tt.err) {
				t.Fatalf("Failure prompt = %+v", seen)
			}
		})
	}
}

func TestRunStepsTellsSteps(t *testing.T) {
	a := &scripted{}
	steps := []flows.Step{{Title: "one", Run: askConsent}, {Title: "two", Kind: flows.Action, Run: func(context.Context, flows.Asker) error { return nil }}}
	if err := flows.RunSteps(t.Context(), a, steps); err != nil {
		t.Fatal(err)
	}
	var got []flows.StepStarted
	for _, ev := range a.events {
		if s, ok := ev.(flows.StepStarted); ok {
			got = append(got, s)
		}
	}
	want := []flows.StepStarted{{Index: 1, Total: 2, Title: "one"}, {Index: 2, Total: 2, Title: "two", Automatic: true}}
	if !slices.Equal(got, want) {
		t.Fatalf("steps told %+v, want %+v", got, want)
	}
	plan, ok := a.events[0].(flows.Plan)
	wantPlan := []flows.PlannedStep{{Title: "one"}, {Title: "two", Automatic: true}}
	if !ok || plan.Level != 0 || !slices.Equal(plan.Steps, wantPlan) {
		t.Fatalf("first event %+v, want the plan %+v", a.events[0], wantPlan)
	}
}

func TestRunStepsInsideAStepPlansOneLevelDown(t *testing.T) {
	a := &scripted{}
	inner := []flows.Step{{Title: "inner", Kind: flows.Action, Run: func(context.Context, flows.Asker) error { return nil }}}
	outer := []flows.Step{{Title: "outer", Run: func(ctx context.Context, a flows.Asker) error { return flows.RunSteps(ctx, a, inner) }}}
	if err := flows.RunSteps(t.Context(), a, outer); err != nil {
		t.Fatal(err)
	}
	var levels []int
	for _, ev := range a.events {
		switch ev := ev.(type) {
		case flows.Plan:
			levels = append(levels, ev.Level)
		case flows.StepStarted:
			levels = append(levels, ev.Level)
		}
	}
	if want := []int{0, 0, 1, 1}; !slices.Equal(levels, want) {
		t.Fatalf("levels of plan, step, inner plan, inner step = %v, want %v", levels, want)
	}
}

func TestRunStepsStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	a := &scripted{onConsent: func(flows.ReviewConsent) (flows.Answer, error) { cancel(); return nil, context.Canceled }}
	err := flows.RunSteps(ctx, a, []flows.Step{{Title: "consent", Run: askConsent}})
	if !errors.Is(err, context.Canceled) || count[flows.Failure](a) != 0 {
		t.Fatalf("RunSteps = %v with %d failure prompts; want Canceled and none", err, count[flows.Failure](a))
	}
}
