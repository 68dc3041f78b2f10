package flows_test

import (
	"context"
	"fmt"
	"sync"

	"github.com/linkstep/linkstep/flows"
)

// scripted is a test Asker: each prompt kind has a handler, every prompt and event is recorded.
// Handlers left nil give the default a test usually wants: consent given, the first bank and
// account chosen, a sign-in as username/password when the prompt offers it, and failures end
// the run.
type scripted struct {
	username, password string
	onBank             func(flows.ChooseBank) (flows.Answer, error)
	onConsent          func(flows.ReviewConsent) (flows.Answer, error)
	onLink             func(context.Context, flows.OpenAuthLink) (flows.Answer, error)
	onAccount          func(flows.ChooseAccount) (flows.Answer, error)
	onFailure          func(flows.Failure) (flows.Answer, error)
	onScopes           func(flows.ChooseScopes) (flows.Answer, error)
	onIssuer           func(flows.ConnectIssuer) (flows.Answer, error)
	onConnection       func(flows.ChooseConnection) (flows.Answer, error)
	onReconfirm        func(flows.ReconfirmConsent) (flows.Answer, error)
	onDescribe         func(flows.DescribeUser) (flows.Answer, error)
	onIdentify         func(flows.IdentifyUser) (flows.Answer, error)

	mu      sync.Mutex
	prompts []flows.Prompt
	events  []flows.Event
}

func (s *scripted) Ask(ctx context.Context, p flows.Prompt) (flows.Answer, error) {
	s.mu.Lock()
	s.prompts = append(s.prompts, p)
	s.mu.Unlock()
	switch p := p.(type) {
	case flows.ChooseBank:
		if s.onBank != nil {
			return s.onBank(p)
		}
		return flows.BankChoice{ID: p.Banks[0].ID}, nil
	case flows.ReviewConsent:
		if s.onConsent != nil {
			return s.onConsent(p)
		}
		return flows.ConsentGiven{}, nil
	case flows.OpenAuthLink:
		if s.onLink != nil {
			return s.onLink(ctx, p)
		}
		if p.SignIn == nil {
			return nil, fmt.Errorf("the prompt offers no sign-in")
		}
		return p.SignIn(ctx, s.username, s.password)
	case flows.ChooseAccount:
		if s.onAccount != nil {
			return s.onAccount(p)
		}
		return flows.AccountChoice{ID: p.Accounts[0].ID}, nil
	case flows.Failure:
		if s.onFailure != nil {
			return s.onFailure(p)
		}
		return nil, p.Err
	case flows.ChooseScopes:
		if s.onScopes != nil {
			return s.onScopes(p)
		}
		return defaultScopes(p), nil
	case flows.ConnectIssuer:
		if s.onIssuer != nil {
			return s.onIssuer(p)
		}
		return nil, fmt.Errorf("no issuer scripted")
	case flows.ChooseConnection:
		if s.onConnection != nil {
			return s.onConnection(p)
		}
		return flows.ConnectionChoice{ID: p.Connections[0].ID}, nil
	case flows.ReconfirmConsent:
		if s.onReconfirm != nil {
			return s.onReconfirm(p)
		}
		return nil, fmt.Errorf("no reconfirmation scripted")
	case flows.DescribeUser:
		if s.onDescribe != nil {
			return s.onDescribe(p)
		}
		return nil, fmt.Errorf("no user scripted")
	case flows.IdentifyUser:
		if s.onIdentify != nil {
			return s.onIdentify(p)
		}
		return nil, fmt.Errorf("no identifier scripted")
	case flows.OfferDataSession:
		return flows.StartDataSession{}, nil
	}
	return nil, fmt.Errorf("unexpected prompt %T", p)
}

func (s *scripted) Tell(ev flows.Event) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.events = append(s.events, ev)
}

// defaultScopes answers ChooseScopes with what the prompt suggests.
func defaultScopes(p flows.ChooseScopes) flows.ScopesChosen {
	var chosen flows.ScopesChosen
	for _, sc := range p.Scopes {
		if sc.Default || sc.Required {
			chosen.Scopes = append(chosen.Scopes, sc.Name)
		}
	}
	chosen.Product = p.Product
	return chosen
}

// count returns how many prompts of type P were asked.
func count[P flows.Prompt](s *scripted) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, p := range s.prompts {
		if _, ok := p.(P); ok {
			n++
		}
	}
	return n
}

// first returns the first prompt of type P that was asked.
func first[P flows.Prompt](s *scripted) (P, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.prompts {
		if got, ok := p.(P); ok {
			return got, true
		}
	}
	var zero P
	return zero, false
}
