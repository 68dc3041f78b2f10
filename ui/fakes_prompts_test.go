package ui

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/linkstep/linkstep/flows"
)

// Keys the forms use.
var (
	shiftTab = tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	right    = tea.KeyPressMsg{Code: tea.KeyRight}
)

// promptJourney is a fake journey shaped like the Ivy and the TrueLayer extend journeys: its
// steps ask the prompts they are given, in order, and it returns its result.
type promptJourney struct {
	id, provider, title string
	steps               []flows.Step
	result              flows.Result
	rec                 recorder
}

func (j *promptJourney) Info() flows.Info {
	return flows.Info{ID: j.id, Provider: j.provider, Title: j.title}
}

func (j *promptJourney) Run(ctx context.Context, a flows.Asker) (flows.Result, error) {
	if err := flows.RunSteps(ctx, recordingAsker{Asker: a, rec: &j.rec}, j.steps); err != nil {
		return flows.Result{}, err
	}
	return j.result, nil
}

// askOnce is a question step that asks p.
func askOnce(title string, p flows.Prompt) flows.Step {
	return flows.Step{Title: title, Kind: flows.Question, Run: func(ctx context.Context, a flows.Asker) error {
		_, err := a.Ask(ctx, p)
		return err
	}}
}

// actionStep is a step that does nothing, for the step count.
func actionStep(title string) flows.Step {
	return flows.Step{Title: title, Kind: flows.Action, Run: func(context.Context, flows.Asker) error { return nil }}
}

// answerTo is the answer the journey got to the last prompt of p's type, and whether it got
// one; an ErrBack counts as none.
func answerTo(rec *recorder, p flows.Prompt) (flows.Answer, bool) {
	want := fmt.Sprintf("%T", p)
	all := rec.all()
	for i := len(all) - 1; i >= 0; i-- {
		if fmt.Sprintf("%T", all[i].prompt) == want && all[i].err == nil {
			return all[i].answer, true
		}
	}
	return nil, false
}

// requireNoAnswer fails when the journey got an answer to a prompt of p's type.
func requireNoAnswer(t *testing.T, rec *recorder, p flows.Prompt) {
	t.Helper()
	if a, ok := answerTo(rec, p); ok {
		t.Errorf("the %T prompt was answered with %+v, want it refused on the form", p, a)
	}
}

// testDescribeUser is the Ivy data session's question, with prefill known of the user.
func testDescribeUser(prefill flows.ExternalUser) flows.DescribeUser {
	return flows.DescribeUser{
		Provider:    "Ivy",
		Prefill:     prefill,
		Markets:     []string{"DE", "GB", "FR", "ES", "IT", "NL"},
		Market:      "DE",
		Locale:      "en",
		Permissions: []string{"identity", "accounts", "balances", "transactions"},
		Granted:     []string{"identity", "accounts", "balances"},
	}
}

// ivySessionJourney is a fake Ivy data session that asks p first.
func ivySessionJourney(p flows.DescribeUser) *promptJourney {
	return &promptJourney{
		id: "ivy/data-session", provider: "Ivy", title: "Ivy data session",
		steps: []flows.Step{
			askOnce("Describe the user", p),
			actionStep("Sign in at the bank"),
			actionStep("Read the accounts"),
			actionStep("Choose an account"),
		},
		result: ivySessionResult(),
	}
}

// ivySessionResult is a data session's result, shaped like flows' Ivy result.
func ivySessionResult() flows.Result {
	return flows.Result{
		Journey: "ivy/data-session", Provider: "ivy", Environment: "embedded",
		ConnectionID: "ses_5c1f0a7e", Bank: "mock-de", BankName: "Mockbank DE", AccountID: "acc_de_002",
		Storage: "no tokens: Ivy reads by session id",
		Fields: []flows.Field{
			{Label: "External user", Value: "email max@example.com"},
			{Label: "Market", Value: "DE"},
			{Label: "Name", Value: "Max Mustermann"},
			{Label: "Date of birth", Value: "1987-04-12"},
			{Label: "Account", Value: "Girokonto"},
			{Label: "IBAN", Value: "DE89370400440532013000"},
			{Label: "Balance", Value: "1523.40 EUR"},
		},
	}
}

// returningJourney is a fake Ivy returning user: it identifies the user, and offers a data
// session when offer is set, then serves the returning-user result.
func returningJourney(offer bool) *promptJourney {
	steps := []flows.Step{
		askOnce("Identify the user", flows.IdentifyUser{Provider: "Ivy", Kinds: []flows.IdentifierKind{flows.ByEmail, flows.ByPhone, flows.ByReferenceID}}),
		actionStep("Find their sessions"),
	}
	if offer {
		steps = append(steps, askOnce("Choose an account", flows.OfferDataSession{Provider: "Ivy", User: flows.ExternalUser{Email: "max@example.com"}}))
	} else {
		steps = append(steps, actionStep("Choose an account"))
	}
	return &promptJourney{
		id: "ivy/returning-user", provider: "Ivy", title: "Ivy returning user",
		steps: steps, result: returningResult(),
	}
}

// returningResult is a returning user's result, shaped like flows' returning-user result.
func returningResult() flows.Result {
	return flows.Result{
		Journey: "ivy/returning-user", Provider: "ivy", Environment: "embedded",
		ConnectionID: "ses_5c1f0a7e", BankName: "Mockbank DE", AccountID: "DE89370400440532013000",
		Storage: "no tokens: Ivy reads by session id",
		Fields: []flows.Field{
			{Label: "External user", Value: "email max@example.com"},
			{Label: "Completed sessions", Value: "2"},
			{Label: "Name", Value: "Max Mustermann"},
			{Label: "Date of birth", Value: "1987-04-12"},
			{Label: "Account", Value: "Girokonto"},
			{Label: "IBAN", Value: "DE89370400440532013000"},
			{Label: "BIC", Value: "COBADEFFXXX"},
		},
	}
}

// testConnections are stored connections: fresh, expiring soon, expired, and one without its
// refresh token.
func testConnections() []flows.StoredConnection {
	now := testNow()
	day := 24 * time.Hour
	return []flows.StoredConnection{
		{ID: "conn-7f3a9c", Bank: "mock", Created: now.Add(-28 * day), ConsentExpiresAt: now.Add(62 * day), Usable: true},
		{ID: "conn-2b81d4", Bank: "ob-lloyds", Created: now.Add(-87 * day), ConsentExpiresAt: now.Add(3 * day), Usable: true},
		{ID: "conn-9e07aa", Bank: "mock", Created: now.Add(-93 * day), ConsentExpiresAt: now.Add(-3 * day), Usable: true},
		{ID: "conn-41c6f0", Bank: "ob-monzo", Created: now.Add(-12 * day), ConsentExpiresAt: now.Add(78 * day), Why: "no refresh token is kept for it"},
	}
}

// testReconfirm is the extend journey's reconfirmation, for a consent that lapsed two days ago.
func testReconfirm() flows.ReconfirmConsent {
	return flows.ReconfirmConsent{
		Provider: "TrueLayer", Bank: "mock", Recipient: "linkstep (this application)",
		Shares: []string{
			"Your full name, date of birth and address, as your bank holds them",
			"Your accounts: names, numbers, sort codes and IBANs",
			"Your balances and transactions",
		},
		Validity: "90 more days", ExpiresAt: testNow().Add(-49 * time.Hour),
	}
}

// extendJourney is a fake TrueLayer extend: choose a connection, reconfirm, extend.
func extendJourney(conns []flows.StoredConnection) *promptJourney {
	return &promptJourney{
		id: "truelayer/extend", provider: "TrueLayer", title: "TrueLayer connection extend",
		steps: []flows.Step{
			askOnce("Choose a connection", flows.ChooseConnection{Provider: "TrueLayer", Environment: "embedded", Purpose: "extend", Connections: conns}),
			askOnce("Reconfirm consent", testReconfirm()),
			actionStep("Extend the connection"),
			actionStep("Keep the new tokens"),
		},
		result: flows.Result{
			Journey: "truelayer/extend", Provider: "truelayer", Environment: "embedded",
			ConnectionID: "conn-9e07aa", Bank: "mock", ConsentExpiresAt: testNow().Add(90 * 24 * time.Hour),
			Storage: "memory (test)",
			Facts:   map[string]any{"action_needed": "no_action_needed", "credentials_id": "conn-9e07aa"},
			Fields: []flows.Field{
				{Label: "Action needed", Value: "no_action_needed"},
				{Label: "Reconfirmed by", Value: "Max Mustermann (max@example.com)"},
				{Label: "Consent expired at", Value: "20 Nov 2025 13:54"},
			},
			FieldsHeading: "Renewed",
		},
	}
}

// requireView fails unless the active screen's view holds every one of want.
func requireView(t *testing.T, m Model, want ...string) {
	t.Helper()
	view := screenText(m)
	for _, w := range want {
		if !strings.Contains(view, w) {
			t.Errorf("view lacks %q:\n%s", w, view)
		}
	}
}

// testCommon is what the root hands a screen in a 100×30 terminal.
func testCommon() common {
	return common{width: 98, height: 25, styles: NewStyles(true), keys: DefaultKeyMap(), now: testNow}
}

// waitAnswer waits until the journey got an answer to a prompt of p's type, and returns it.
func waitAnswer(t *testing.T, rec *recorder, p flows.Prompt) flows.Answer {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if a, ok := answerTo(rec, p); ok {
			return a
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("the journey got no answer to its %T; it got %v", p, rec.all())
	return nil
}

// countOf is how many times the journey asked a prompt of p's type.
func countOf(all []got, p flows.Prompt) int {
	n := 0
	for _, g := range all {
		if reflect.TypeOf(g.prompt) == reflect.TypeOf(p) {
			n++
		}
	}
	return n
}
