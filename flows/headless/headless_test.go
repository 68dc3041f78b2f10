package headless_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/flows/headless"
)

func missing(t *testing.T, err error) *flows.MissingAnswerError {
	t.Helper()
	var m *flows.MissingAnswerError
	if !errors.As(err, &m) {
		t.Fatalf("err = %v, want a MissingAnswerError", err)
	}
	return m
}

// invalid returns err as an InvalidAnswerError, or fails the test.
func invalid(t *testing.T, err error) *headless.InvalidAnswerError {
	t.Helper()
	var m *headless.InvalidAnswerError
	if !errors.As(err, &m) {
		t.Fatalf("err = %v, want an InvalidAnswerError", err)
	}
	return m
}

func TestChoices(t *testing.T) {
	banks := flows.ChooseBank{Banks: []flows.Bank{{ID: "ob-monzo", Name: "Monzo"}, {ID: "ob-barclays", Name: "Barclays"}}}
	sandboxBanks := flows.ChooseBank{Banks: []flows.Bank{{ID: "ob-monzo"}, {ID: "mock", Name: "Mock"}}}
	accounts := flows.ChooseAccount{Accounts: []flows.Account{{ID: "acc-1", DisplayName: "Current", Number: "12345678"}, {ID: "acc-2", DisplayName: "Savings", IBAN: "GB33 BUKB 2020 1555 5555 55"}}}
	tests := []struct {
		name        string
		answers     headless.Answers
		prompt      flows.Prompt
		want        flows.Answer
		wantFlag    string // a missing answer names this flag
		wantInvalid string // an invalid answer names this flag
		wantValid   []string
		wantText    []string // what the error's message says besides the valid values
	}{
		{name: "bank given", answers: headless.Answers{Bank: "ob-barclays"}, prompt: banks, want: flows.BankChoice{ID: "ob-barclays"}},
		{name: "bank missing", prompt: banks, wantFlag: "--bank", wantValid: []string{"ob-monzo", "ob-barclays"}},
		{name: "bank unknown", answers: headless.Answers{Bank: "ob-nope"}, prompt: banks, wantInvalid: "--bank", wantValid: []string{"ob-monzo", "ob-barclays"}, wantText: []string{`"ob-nope"`, "ob-monzo (Monzo)"}},
		{name: "a mock-bank sign-in takes the Mock bank", answers: headless.Answers{Username: "john", Password: "doe"}, prompt: sandboxBanks, want: flows.BankChoice{ID: "mock"}},
		{name: "a mock-bank sign-in at another bank", answers: headless.Answers{Username: "john", Password: "doe", Bank: "ob-monzo"}, prompt: sandboxBanks, want: flows.BankChoice{ID: "ob-monzo"}},
		{name: "a sign-in without the Mock bank offered", answers: headless.Answers{Username: "john", Password: "doe"}, prompt: banks, wantFlag: "--bank", wantValid: []string{"ob-monzo", "ob-barclays"}},
		{name: "account given", answers: headless.Answers{Account: "acc-2"}, prompt: accounts, want: flows.AccountChoice{ID: "acc-2"}},
		{name: "account missing", prompt: accounts, wantFlag: "--account", wantValid: []string{"acc-1", "acc-2"}},
		{name: "account unknown: each named with its last four digits", answers: headless.Answers{Account: "acc-bogus"}, prompt: accounts, wantInvalid: "--account", wantValid: []string{"acc-1", "acc-2"},
			wantText: []string{`account "acc-bogus" is not linked`, "acc-1 (Current ••5678)", "acc-2 (Savings ••5555)"}},
		{name: "account unknown: the connection kept is named", answers: headless.Answers{Account: "acc-bogus"}, prompt: flows.ChooseAccount{Accounts: accounts.Accounts, Connection: "conn-1"}, wantInvalid: "--account", wantValid: []string{"acc-1", "acc-2"},
			wantText: []string{"connection conn-1 is kept", "linkstep connections show conn-1"}},
		{name: "consent is given by running the command", prompt: flows.ReviewConsent{Provider: "TrueLayer"}, want: flows.ConsentGiven{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var log bytes.Buffer
			got, err := headless.New(tt.answers, &log, false).Ask(t.Context(), tt.prompt)
			var flag string
			var valid []string
			switch {
			case tt.wantFlag != "":
				m := missing(t, err)
				flag, valid = m.Flag, m.Valid
				if flag != tt.wantFlag {
					t.Fatalf("missing %s, want %s", flag, tt.wantFlag)
				}
			case tt.wantInvalid != "":
				m := invalid(t, err)
				flag, valid = m.Flag, m.Valid
				if flag != tt.wantInvalid {
					t.Fatalf("invalid %s, want %s", flag, tt.wantInvalid)
				}
			default:
				if err != nil || got != tt.want {
					t.Fatalf("Ask = %#v, %v; want %#v", got, err, tt.want)
				}
				return
			}
			if strings.Join(valid, ",") != strings.Join(tt.wantValid, ",") {
				t.Fatalf("%s valid %v, want %v", flag, valid, tt.wantValid)
			}
			for _, v := range append(tt.wantValid, tt.wantText...) {
				if !strings.Contains(err.Error(), v) {
					t.Fatalf("message %q does not say %s", err.Error(), v)
				}
			}
		})
	}
}

func TestCheckUnasked(t *testing.T) {
	one := flows.ChooseBank{Banks: []flows.Bank{{ID: "mock", Name: "Mock"}}}
	if err := headless.New(headless.Answers{}, io.Discard, false).CheckUnasked(one); err != nil {
		t.Fatalf("no --bank: %v", err)
	}
	if err := headless.New(headless.Answers{Bank: "mock"}, io.Discard, false).CheckUnasked(one); err != nil {
		t.Fatalf("--bank mock: %v", err)
	}
	err := headless.New(headless.Answers{Bank: "ob-nope"}, io.Discard, false).CheckUnasked(one)
	if m := invalid(t, err); m.Flag != "--bank" || strings.Join(m.Valid, ",") != "mock" {
		t.Fatalf("--bank ob-nope with one bank offered: %+v", m)
	}
	var _ flows.UnaskedChecker = headless.New(headless.Answers{}, io.Discard, false)

	t.Run("one account linked", func(t *testing.T) {
		one := flows.ChooseAccount{Accounts: []flows.Account{{ID: "acc-1", DisplayName: "Current", Number: "12345678"}}, Connection: "conn-1"}
		for _, account := range []string{"", "acc-1"} {
			if err := headless.New(headless.Answers{Account: account}, io.Discard, false).CheckUnasked(one); err != nil {
				t.Fatalf("--account %q: %v", account, err)
			}
		}
		err := headless.New(headless.Answers{Account: "acc-bogus"}, io.Discard, false).CheckUnasked(one)
		if m := invalid(t, err); m.Flag != "--account" || strings.Join(m.Valid, ",") != "acc-1" || !strings.Contains(err.Error(), "conn-1") {
			t.Fatalf("--account acc-bogus with one account linked: %v", err)
		}
	})
}

func TestChooseConnection(t *testing.T) {
	p := flows.ChooseConnection{Provider: "truelayer", Environment: "embedded", Purpose: "extend",
		Connections: []flows.StoredConnection{{ID: "c-1", Usable: true}, {ID: "c-2", Usable: true}}}
	if ans, err := headless.New(headless.Answers{Connection: "c-2"}, io.Discard, false).Ask(t.Context(), p); err != nil || ans != (flows.ConnectionChoice{ID: "c-2"}) {
		t.Fatalf("--connection c-2: %#v, %v", ans, err)
	}
	_, err := headless.New(headless.Answers{}, io.Discard, false).Ask(t.Context(), p)
	if m := missing(t, err); m.Flag != "--connection" {
		t.Fatalf("no --connection: %+v", m)
	}
	_, err = headless.New(headless.Answers{Connection: "c-9"}, io.Discard, false).Ask(t.Context(), p)
	if m := invalid(t, err); m.Flag != "--connection" || strings.Join(m.Valid, ",") != "c-1,c-2" {
		t.Fatalf("--connection c-9: %+v", m)
	}
}

func TestReconfirmCountsKindsOfData(t *testing.T) {
	answers := headless.Answers{Name: "John Doe", Reconfirm: true, User: flows.ExternalUser{Email: "john@example.com"}}
	for _, tt := range []struct {
		shares []string
		want   string
	}{
		{[]string{"Your accounts"}, "continues to receive 1 kind of data"},
		{[]string{"Your accounts", "Your balances"}, "continues to receive 2 kinds of data"},
	} {
		var log bytes.Buffer
		p := flows.ReconfirmConsent{Recipient: "linkstep", Shares: tt.shares, Validity: "90 more days"}
		if _, err := headless.New(answers, &log, false).Ask(t.Context(), p); err != nil || !strings.Contains(log.String(), tt.want) {
			t.Errorf("reconfirming %d shares printed %q (%v), want %q", len(tt.shares), log.String(), err, tt.want)
		}
	}
}

func TestFailureEndsTheRun(t *testing.T) {
	boom := errors.New("boom")
	_, err := headless.New(headless.Answers{}, &bytes.Buffer{}, false).Ask(t.Context(), flows.Failure{Err: boom, Retryable: true})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the failure's error: headless never retries", err)
	}
}

func TestOpenAuthLink(t *testing.T) {
	signIn := func(ctx context.Context, u, p string) (flows.RedirectReceived, error) {
		return flows.RedirectReceived{Input: "?code=c&state=s&user=" + u}, nil
	}
	t.Run("redirect URL finishes an earlier run's link", func(t *testing.T) {
		got, err := headless.New(headless.Answers{RedirectURL: "https://x/cb?code=c&state=s"}, &bytes.Buffer{}, false).Ask(t.Context(), flows.OpenAuthLink{URL: "https://bank/link"})
		if err != nil || got != (flows.RedirectReceived{Input: "https://x/cb?code=c&state=s", Earlier: true}) {
			t.Fatalf("Ask = %#v, %v", got, err)
		}
	})
	t.Run("username signs in to the mock bank", func(t *testing.T) {
		got, err := headless.New(headless.Answers{Username: "john", Password: "doe"}, &bytes.Buffer{}, false).Ask(t.Context(), flows.OpenAuthLink{SignIn: signIn})
		if err != nil || got.(flows.RedirectReceived).Input != "?code=c&state=s&user=john" {
			t.Fatalf("Ask = %#v, %v", got, err)
		}
	})
	t.Run("username without a mock bank", func(t *testing.T) {
		_, err := headless.New(headless.Answers{Username: "john", Password: "doe"}, &bytes.Buffer{}, false).Ask(t.Context(), flows.OpenAuthLink{})
		if m := missing(t, err); m.Flag != "--redirect-url" {
			t.Fatalf("flag %s", m.Flag)
		}
	})
	t.Run("username without password", func(t *testing.T) {
		_, err := headless.New(headless.Answers{Username: "john"}, &bytes.Buffer{}, false).Ask(t.Context(), flows.OpenAuthLink{SignIn: signIn})
		if m := missing(t, err); m.Flag != "--password" {
			t.Fatalf("flag %s", m.Flag)
		}
	})
	t.Run("not listening: the link is parked and the run asks for --redirect-url", func(t *testing.T) {
		var log bytes.Buffer
		parked := false
		p := flows.OpenAuthLink{URL: "https://bank/link", RedirectURI: "https://app/cb", Park: func(context.Context) error { parked = true; return nil }}
		_, err := headless.New(headless.Answers{}, &log, false).Ask(t.Context(), p)
		if m := missing(t, err); m.Flag != "--redirect-url" || !parked || !strings.Contains(log.String(), "https://bank/link") {
			t.Fatalf("flag %s, parked %v, log %q", m.Flag, parked, log.String())
		}
	})
	t.Run("listening: prints the link and waits", func(t *testing.T) {
		var log bytes.Buffer
		ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
		defer cancel()
		p := flows.OpenAuthLink{URL: "https://bank/link", RedirectURI: "http://127.0.0.1:1/callback", Listening: true, Expires: time.Now()}
		_, err := headless.New(headless.Answers{}, &log, false).Ask(ctx, p)
		if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(log.String(), "waiting for the redirect on http://127.0.0.1:1/callback") {
			t.Fatalf("err %v, log %q", err, log.String())
		}
	})
	t.Run("a pasted line answers", func(t *testing.T) {
		p := flows.OpenAuthLink{URL: "https://bank/link", RedirectURI: "https://app/cb"}
		got, err := headless.New(headless.Answers{Paste: strings.NewReader("\n  https://app/cb?code=c&state=s \n")}, &bytes.Buffer{}, false).Ask(t.Context(), p)
		if err != nil || got != (flows.RedirectReceived{Input: "https://app/cb?code=c&state=s"}) {
			t.Fatalf("Ask = %#v, %v", got, err)
		}
	})
	t.Run("an empty paste falls back to --redirect-url", func(t *testing.T) {
		p := flows.OpenAuthLink{URL: "https://bank/link", RedirectURI: "https://app/cb"}
		_, err := headless.New(headless.Answers{Paste: strings.NewReader("")}, &bytes.Buffer{}, false).Ask(t.Context(), p)
		if m := missing(t, err); m.Flag != "--redirect-url" {
			t.Fatalf("flag %s", m.Flag)
		}
	})
}

func TestTell(t *testing.T) {
	var quiet, loud bytes.Buffer
	events := []flows.Event{
		flows.Plan{Steps: []flows.PlannedStep{{Title: "Choose a bank"}, {Title: "Review consent"}}},
		flows.StepStarted{Index: 1, Total: 5, Title: "Choose a bank"},
		flows.StepSkipped{Index: 1, Title: "Choose a bank", Reason: "one bank offered"},
		flows.StepStarted{Index: 2, Total: 5, Title: "Review consent"},
		flows.Progress{Message: "code exchanged"},
		flows.Warning{Message: "careful"},
		flows.HTTPExchange{},
	}
	for _, ev := range events {
		headless.New(headless.Answers{}, &quiet, false).Tell(ev)
		headless.New(headless.Answers{}, &loud, true).Tell(ev)
	}
	for _, want := range []string{"[1/5] Choose a bank\n      skipped: one bank offered\n[2/5] Review consent", "code exchanged", "warning: careful"} {
		if !strings.Contains(quiet.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, quiet.String())
		}
	}
	if strings.Contains(quiet.String(), "→") || !strings.Contains(loud.String(), "→") {
		t.Errorf("HTTP exchanges must show with verbose only:\nquiet %q\nloud %q", quiet.String(), loud.String())
	}
}
