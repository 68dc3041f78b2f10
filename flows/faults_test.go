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

// TestJourneysAgainstAFaultySandbox runs the journeys against an embedded sandbox that fails
// some of its API calls (package providers/sandbox/faults): each run either completes or ends
// with an error naming the provider, and every connection a run put in the index has its
// tokens in the store.
func TestJourneysAgainstAFaultySandbox(t *testing.T) {
	if testing.Short() {
		t.Skip("runs each journey several times")
	}
	journeys := map[string]func(e *flowstest.Embedded) (*scripted, func(*scripted) (flows.Result, error)){
		"signup-plus": func(e *flowstest.Embedded) (*scripted, func(*scripted) (flows.Result, error)) {
			return &scripted{username: "john", password: "doe"}, func(a *scripted) (flows.Result, error) { return e.SignupPlus().Run(t.Context(), a) }
		},
		"oneid-identity": func(e *flowstest.Embedded) (*scripted, func(*scripted) (flows.Result, error)) {
			return &scripted{onLink: signInAs("janet")}, func(a *scripted) (flows.Result, error) { return e.OneIDIdentity().Run(t.Context(), a) }
		},
		"ivy-data-session": func(e *flowstest.Embedded) (*scripted, func(*scripted) (flows.Result, error)) {
			a := &scripted{username: "john", password: "doe", onDescribe: describe(flows.ExternalUser{Email: "jane@example.com"})}
			return a, func(a *scripted) (flows.Result, error) {
				return flows.NewIvyDataSession(e.Common, e.Ivy).Run(t.Context(), a)
			}
		},
	}
	for name, journey := range journeys {
		for seed := 1; seed <= 8; seed++ {
			t.Run(fmt.Sprintf("%s/seed=%d", name, seed), func(t *testing.T) {
				t.Parallel()
				plan := fmt.Sprintf("5xx=0.1,429=0.05,slow=50ms,malformed=0.02,drop=0.01,seed=%d", seed) // the plan, a shorter delay
				e := flowstest.NewEmbeddedWith(t, environment.Options{Faults: plan}, nil)
				a, run := journey(e)
				res, err := run(a)
				if err != nil {
					msg := err.Error()
					if !strings.Contains(msg, "truelayer") && !strings.Contains(msg, "oneid") && !strings.Contains(msg, "ivy") && !strings.Contains(msg, "mock bank") {
						t.Errorf("the run ended with an unclear error: %q", msg)
					}
					t.Logf("ended with: %v", err)
				} else if res.ConnectionID == "" && name != "oneid-identity" {
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
			})
		}
	}
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
