package flows_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/flows/environment"
	"github.com/linkstep/linkstep/flows/flowstest"
	"github.com/linkstep/linkstep/keychain"
)

// faultyJourney is one journey of the fault test: before makes what the journey needs (a
// connection to extend, a session to return to), in the same faulty environment, and returns
// it; build makes the journey and its scripted answers.
type faultyJourney struct {
	before func(t *testing.T, e *flowstest.Embedded) string
	build  func(t *testing.T, e *flowstest.Embedded, before string) (flows.Journey, *scripted)
}

// faultyJourneys are the journeys linkstep has, each as a person would answer it; all but
// oidc/identity, whose standard provider in the tests (mockoidc) is not the sandbox the faults
// are injected into.
func faultyJourneys() map[string]faultyJourney {
	connect := func(username, password string) func(*testing.T, *flowstest.Embedded) string {
		return func(t *testing.T, e *flowstest.Embedded) string {
			var res flows.Result
			err := untilDone(func() (err error) {
				res, err = e.SignupPlus().Run(t.Context(), &scripted{username: username, password: password})
				return err
			})
			if err != nil {
				t.Fatalf("signup+ before the journey: %v", err)
			}
			return res.ConnectionID
		}
	}
	return map[string]faultyJourney{
		"truelayer/signup-plus": {build: func(_ *testing.T, e *flowstest.Embedded, _ string) (flows.Journey, *scripted) {
			return e.SignupPlus(), &scripted{username: "john", password: "doe"}
		}},
		"truelayer/extend/no-action-needed": {before: connect("john", "eternal"), build: func(_ *testing.T, e *flowstest.Embedded, id string) (flows.Journey, *scripted) {
			return flows.NewExtend(e.Common, e.TrueLayer), &scripted{onConnection: pick(id), onReconfirm: reconfirmAs("John Eternal", "john@example.com", "", true)}
		}},
		"truelayer/extend/authentication-needed": {before: connect("john1", "doe1"), build: func(_ *testing.T, e *flowstest.Embedded, id string) (flows.Journey, *scripted) {
			return flows.NewExtend(e.Common, e.TrueLayer), &scripted{username: "john1", password: "doe1", onConnection: pick(id),
				onReconfirm: reconfirmAs("John Doe", "", "+447700900123", true)}
		}},
		"truelayer/reauth": {before: connect("john1", "doe1"), build: func(_ *testing.T, e *flowstest.Embedded, id string) (flows.Journey, *scripted) {
			return flows.NewReauth(e.Common, e.TrueLayer), &scripted{onConnection: pick(id), username: "john1", password: "doe1"}
		}},
		"oneid/identity": {build: func(_ *testing.T, e *flowstest.Embedded, _ string) (flows.Journey, *scripted) {
			return e.OneIDIdentity(), &scripted{onLink: signInAs("janet")}
		}},
		"ivy/data-session": {build: func(_ *testing.T, e *flowstest.Embedded, _ string) (flows.Journey, *scripted) {
			return flows.NewIvyDataSession(e.Common, e.Ivy), &scripted{username: "john", password: "doe", onDescribe: describe(flows.ExternalUser{Email: "jane@example.com"})}
		}},
		"ivy/returning-user": {
			before: func(t *testing.T, e *flowstest.Embedded) string {
				err := untilDone(func() error {
					_, err := flows.NewIvyDataSession(e.Common, e.Ivy).Run(t.Context(), &scripted{username: "john", password: "doe",
						onDescribe: describe(flows.ExternalUser{Email: "jane@example.com"})})
					return err
				})
				if err != nil {
					t.Fatalf("a data session before the journey: %v", err)
				}
				return ""
			},
			build: func(_ *testing.T, e *flowstest.Embedded, _ string) (flows.Journey, *scripted) {
				return flows.NewIvyReturningUser(e.Common, e.Ivy), &scripted{username: "john", password: "doe",
					onIdentify: identify(flows.ByEmail, "jane@example.com"), onDescribe: describe(flows.ExternalUser{Email: "jane@example.com"})}
			},
		},
	}
}

// TestJourneysAgainstAFaultySandbox runs every journey against an embedded sandbox that fails
// some of its API calls (package providers/sandbox/faults), with several seeds. Each run either
// completes or ends with an error naming the provider; every connection in the index has its
// tokens in the store; and every TrueLayer token answer that reached linkstep whole (a code
// exchange, an extend) is what the store holds for its connection, listed in the index, whether
// the run completed or failed after it (OneID's five-minute tokens: when the run completed).
// Tokens whose answer the faults cut short never reached linkstep: the sandbox issued them,
// nobody holds them, and the run failed saying so.
func TestJourneysAgainstAFaultySandbox(t *testing.T) {
	if testing.Short() {
		t.Skip("runs each journey several times")
	}
	plans := map[string]string{
		"issue": "5xx=0.1,429=0.05,slow=50ms,malformed=0.02,drop=0.01", // the plan, a shorter delay
		"heavy": "5xx=0.15,429=0.05,slow=5ms,malformed=0.15,drop=0.05", // cuts token answers short often
	}
	for name, j := range faultyJourneys() {
		for planName, plan := range plans {
			for seed := 1; seed <= 6; seed++ {
				plan := fmt.Sprintf("%s,seed=%d", plan, seed)
				t.Run(fmt.Sprintf("%s/%s/seed=%d", name, planName, seed), func(t *testing.T) {
					t.Parallel()
					e := flowstest.NewEmbeddedWith(t, environment.Options{Faults: plan}, nil)
					tokens := watchTokens(e)
					var before string
					if j.before != nil {
						before = j.before(t, e)
					}
					journey, a := j.build(t, e, before)
					res, runErr := journey.Run(t.Context(), a)
					if err := runErr; err != nil {
						msg := err.Error()
						if !strings.Contains(msg, "truelayer") && !strings.Contains(msg, "oneid") && !strings.Contains(msg, "ivy") &&
							!strings.Contains(msg, "mock bank") {
							t.Errorf("the run ended with an unclear error: %q", msg)
						}
						t.Logf("ended with: %v", err)
					} else if res.ConnectionID == "" && !strings.Contains(name, "identity") {
						t.Errorf("completed without a connection: %+v", res)
					}
					conns, err := e.Index.List()
					if err != nil {
						t.Fatal(err)
					}
					for _, c := range conns {
						if c.Provider == "ivy" {
							continue // Ivy's connections are its sessions: no tokens
						}
						toks, err := keychain.LoadTokens(t.Context(), e.Store, keychain.ConnectionKey{Provider: c.Provider, Environment: c.Environment, ID: c.ID})
						if err != nil || toks.AccessToken == "" {
							t.Errorf("connection %s/%s in the index lost its tokens: %+v, %v", c.Provider, c.ID, toks, err)
						}
					}
					if runErr == nil && (name == "truelayer/signup-plus" || name == "oneid/identity") && len(tokens.seen) == 0 {
						t.Error("a completed journey received no token answer: the watch sees nothing")
					}
					assertNoTokenLost(t, e, tokens, runErr == nil)
				})
			}
		}
	}
}

// untilDone runs run until it succeeds, twenty times at most, as a person would try again.
func untilDone(run func() error) error {
	var err error
	for range 20 {
		if err = run(); err == nil {
			return nil
		}
	}
	return err
}

func TestRetriesAreToldAsWarnings(t *testing.T) {
	// Every other API call fails with a 503: reads are retried, and each retry is told.
	e := flowstest.NewEmbeddedWith(t, environment.Options{Faults: "5xx=0.5,seed=7"}, nil)
	told := 0
	for range 4 {
		a := &scripted{username: "john1", password: "doe1", onFailure: func(f flows.Failure) (flows.Answer, error) { return nil, f.Err }}
		_, _ = e.SignupPlus().Run(t.Context(), a)
		for _, ev := range a.events {
			if w, ok := ev.(flows.Warning); ok && strings.Contains(w.Message, "retry") {
				told++
			}
		}
	}
	if told == 0 {
		t.Fatal("no retry was told to the front-end")
	}
}
