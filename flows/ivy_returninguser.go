package flows

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/linkstep/linkstep/providers/ivy"
)

// IvyReturningUserID is the id of Ivy's returning-user journey.
const IvyReturningUserID = ivy.ID + "/returning-user"

func ivyReturningUserInfo() Info {
	return Info{
		ID:       IvyReturningUserID,
		Provider: ivy.Name,
		Title:    "Ivy returning user",
		Summary:  "a user known by one identifier, served from past sessions without a second bank login",
	}
}

// ivyReturningUserEntry registers the returning-user journey: it needs the Ivy part.
func ivyReturningUserEntry() entry {
	return entry{info: ivyReturningUserInfo(), build: func(p Parts) (Journey, error) {
		part, err := p.ivyPart()
		if err != nil {
			return nil, err
		}
		return NewIvyReturningUser(p.Common, part), nil
	}}
}

// IvyReturningUser serves a returning user from their completed data sessions: no second bank
// login. With none, it offers a data session for them, the identifier filled in.
type IvyReturningUser struct {
	c    Common
	part Ivy
}

// NewIvyReturningUser returns the returning-user journey.
func NewIvyReturningUser(c Common, part Ivy) *IvyReturningUser {
	return &IvyReturningUser{c: c, part: part}
}

// Info describes the journey.
func (j *IvyReturningUser) Info() Info { return ivyReturningUserInfo() }

// returningRun is what one run has learnt so far.
type returningRun struct {
	key       ivyUserKey
	past      *ivy.PastSessions
	completed []ivy.PastSession
	chosen    string // the chosen account's id
	fresh     *sessionRun
}

// Run walks the journey.
func (j *IvyReturningUser) Run(ctx context.Context, a Asker) (Result, error) {
	r := &returningRun{}
	steps := []Step{
		{Title: "Identify the user", Kind: Question, Run: func(ctx context.Context, a Asker) error { return j.identify(ctx, a, r) }},
		{Title: "Find their sessions", Kind: Action, Run: func(ctx context.Context, a Asker) error { return j.findSessions(ctx, a, r) }},
		{Title: "Choose an account", Kind: Question, Run: func(ctx context.Context, a Asker) error { return j.chooseAccount(ctx, a, r) }},
	}
	if err := RunSteps(ctx, a, steps); err != nil {
		return Result{}, err
	}
	if r.fresh != nil {
		return NewIvyDataSession(j.c, j.part).result(r.fresh), nil
	}
	return j.result(r), nil
}

func (j *IvyReturningUser) identify(ctx context.Context, a Asker, r *returningRun) error {
	got, err := ask[UserIdentified](ctx, a, IdentifyUser{Provider: ivy.Name, Kinds: []IdentifierKind{ByEmail, ByPhone, ByReferenceID}})
	if err != nil {
		return err
	}
	value := strings.TrimSpace(got.Value)
	if value == "" {
		return &Error{Code: "invalid_user", Description: "give the user's " + string(got.Kind), Retryable: true}
	}
	switch got.Kind {
	case ByEmail:
		r.key = ivyUserKey{ivy.UserKey{Email: value}}
	case ByPhone:
		r.key = ivyUserKey{ivy.UserKey{Phone: value}}
	case ByReferenceID:
		r.key = ivyUserKey{ivy.UserKey{ReferenceID: value}}
	default:
		return &Error{Code: "invalid_user", Description: fmt.Sprintf("%q is not an identifier: email, phone or reference_id", got.Kind), Retryable: true}
	}
	return nil
}

func (j *IvyReturningUser) findSessions(ctx context.Context, a Asker, r *returningRun) error {
	past, err := j.part.Client.ListSessions(ctx, r.key.UserKey)
	if err != nil {
		return fmt.Errorf("list the user's sessions: %w", err)
	}
	r.past, r.completed, r.fresh = &past, nil, nil
	for _, s := range past.Sessions {
		if s.Status == ivy.StatusComplete {
			r.completed = append(r.completed, s)
		}
	}
	kind, value := r.key.describe()
	noun := "completed sessions"
	if len(r.completed) == 1 {
		noun = "completed session"
	}
	a.Tell(Progress{Message: fmt.Sprintf("%d %s for %s %s", len(r.completed), noun, kind, value)})
	return nil
}

func (j *IvyReturningUser) chooseAccount(ctx context.Context, a Asker, r *returningRun) error {
	if len(r.completed) == 0 {
		return j.offerDataSession(ctx, a, r)
	}
	offered := pastAccounts(r.completed)
	switch len(offered) {
	case 0:
		return &Error{Code: "no_accounts", Description: "the user's completed sessions hold no accounts"}
	}
	prompt := ChooseAccount{Accounts: offered, Purpose: "to serve without a bank login"}
	if len(offered) == 1 {
		if err := checkUnasked(a, prompt); err != nil {
			return err
		}
		r.chosen = offered[0].ID
		SkipStep(a, "one account in their sessions")
		return nil
	}
	choice, err := ask[AccountChoice](ctx, a, prompt)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(offered, func(x Account) bool { return x.ID == choice.ID }) {
		return &Error{Code: "unknown_account", Description: fmt.Sprintf("no account %q in the user's sessions", choice.ID)}
	}
	r.chosen = choice.ID
	return nil
}

// offerDataSession offers a data session for a user with none completed, and runs it.
func (j *IvyReturningUser) offerDataSession(ctx context.Context, a Asker, r *returningRun) error {
	kind, value := r.key.describe()
	user := ExternalUser{Email: r.key.Email, Phone: r.key.Phone, ReferenceID: r.key.ReferenceID}
	a.Tell(Warning{Message: fmt.Sprintf("no completed data session for %s %s", kind, value)})
	if _, err := ask[StartDataSession](ctx, a, OfferDataSession{Provider: ivy.Name, User: user}); err != nil {
		return err
	}
	ds := NewIvyDataSession(j.c, j.part)
	fresh := &sessionRun{prefill: user}
	if err := RunSteps(ctx, a, ds.steps(fresh)); err != nil {
		return err
	}
	r.fresh = fresh
	return nil
}
