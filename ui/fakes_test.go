package ui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/flows/oauthlink"
)

// testNow is the clock of every test: 14:54 UTC, ten minutes before the auth link times out.
func testNow() time.Time { return time.Date(2025, 11, 22, 14, 54, 0, 0, time.UTC) }

// testCode is the authorisation code of the fake bank; it must never reach the screen.
const testCode = "SECRETcodeXYZ123"

// fakeStorage is a Storage with a fixed description and notice.
type fakeStorage struct{ describe, notice string }

func (s fakeStorage) Describe() string             { return s.describe }
func (s fakeStorage) Probe(context.Context) string { return s.notice }

// got is one question a fake journey asked, and what came back.
type got struct {
	prompt flows.Prompt
	answer flows.Answer
	err    error
}

// recorder keeps what a fake journey was told in answer to its questions.
type recorder struct {
	mu  sync.Mutex
	got []got
}

func (r *recorder) add(p flows.Prompt, a flows.Answer, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got = append(r.got, got{prompt: p, answer: a, err: err})
}

func (r *recorder) all() []got {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]got(nil), r.got...)
}

// last returns the last answer to a prompt of p's type.
func (r *recorder) last(t *testing.T, p flows.Prompt) got {
	t.Helper()
	want := fmt.Sprintf("%T", p)
	all := r.all()
	for i := len(all) - 1; i >= 0; i-- {
		if fmt.Sprintf("%T", all[i].prompt) == want {
			return all[i]
		}
	}
	t.Fatalf("the journey never asked a %s; it asked %v", want, all)
	return got{}
}

// recordingAsker records every question a journey asks, Failure prompts included.
type recordingAsker struct {
	flows.Asker
	rec *recorder
}

func (r recordingAsker) Ask(ctx context.Context, p flows.Prompt) (flows.Answer, error) {
	ans, err := r.Asker.Ask(ctx, p)
	r.rec.add(p, ans, err)
	return ans, err
}

// fakeJourney runs scripted steps with flows.RunSteps, as the real journeys do.
type fakeJourney struct {
	id, title, summary string
	steps              []flows.Step
	result             flows.Result
	fail               error     // returned once the steps are done, when set
	rec                *recorder // when set, every question and its answer is recorded
}

func (j *fakeJourney) Info() flows.Info {
	return flows.Info{ID: j.id, Provider: "TrueLayer", Title: j.title, Summary: j.summary}
}

func (j *fakeJourney) Run(ctx context.Context, a flows.Asker) (flows.Result, error) {
	if j.rec != nil {
		a = recordingAsker{Asker: a, rec: j.rec}
	}
	if err := flows.RunSteps(ctx, a, j.steps); err != nil {
		return flows.Result{}, err
	}
	if j.fail != nil {
		return flows.Result{}, j.fail
	}
	return j.result, nil
}

// script builds a fake journey shaped like Signup+: bank, consent, auth link, an action,
// account. The zero value asks everything once and never fails.
type script struct {
	rec      recorder
	accounts []flows.Account
	// gate, when set, holds the action step until it is closed (to look at the working screen).
	gate chan struct{}
	// failures is how many times the action step fails (retryably) before it works.
	failures int
	// fatal, when set, ends the action step with this error, which the UI gets as a Failure.
	fatal error
	// withdraw, when set, withdraws the auth link prompt when closed, as the loopback listener
	// does when it catches the redirect first.
	withdraw chan struct{}
	// retryGate, when set, holds every retry of the action step (its second attempt on) until
	// something is sent on it or it is closed.
	retryGate chan struct{}
	// noSignIn leaves OpenAuthLink.SignIn nil, as outside the embedded sandbox.
	noSignIn bool
	// oneBank skips the bank step, as Signup+ does when one bank is offered.
	oneBank bool

	mu       sync.Mutex
	attempts int
}

func testBanks() []flows.Bank {
	return []flows.Bank{
		{ID: "mock", Name: "Mock", Country: "uk"},
		{ID: "ob-lloyds", Name: "Lloyds", Country: "uk"},
		{ID: "ob-monzo", Name: "Monzo", Country: "uk"},
	}
}

func testAccounts(n int) []flows.Account {
	accs := make([]flows.Account, n)
	for i := range accs {
		accs[i] = flows.Account{
			ID:          fmt.Sprintf("acc-%03d", i+1),
			DisplayName: fmt.Sprintf("Current Account %03d", i+1),
			Type:        "TRANSACTION",
			Currency:    "GBP",
			Number:      fmt.Sprintf("1000%04d", i+1),
			SortCode:    "040004",
		}
	}
	return accs
}

func testConsent() flows.ReviewConsent {
	return flows.ReviewConsent{
		Provider:    "TrueLayer",
		Environment: "embedded",
		Bank:        "Mock",
		Shares:      []string{"Full name, title and date of birth", "Address", "Account details: sort code, account number, IBAN"},
		Scopes:      []string{"info", "accounts", "balance", "offline_access", "signupplus"},
		RedirectURI: "http://127.0.0.1:<port>/callback (caught by linkstep)",
		Validity:    "90 days",
	}
}

const testRedirectURI = "http://127.0.0.1:51234/callback"

// testSignIn is the fake mock bank: john/doe gets in, anyone else is refused.
func testSignIn(ctx context.Context, user, pass string) (flows.RedirectReceived, error) {
	if user == "john" && pass == "doe" {
		return flows.RedirectReceived{Input: testRedirectURI + "?code=" + testCode + "&state=st4te"}, nil
	}
	return flows.RedirectReceived{}, &flows.Error{Code: "access_denied", Description: "the mock bank refused the username or password"}
}

func (s *script) authLink() flows.OpenAuthLink {
	p := flows.OpenAuthLink{
		URL: "https://auth.truelayer-sandbox.com/?response_type=code&client_id=sandbox-linkstep" +
			"&redirect_uri=http%3A%2F%2F127.0.0.1%3A51234%2Fcallback&scope=info%20accounts%20balance%20offline_access%20signupplus" +
			"&state=st4te&providers=uk-cs-mock&code_challenge=Zm9vYmFyYmF6cXV4&code_challenge_method=S256",
		RedirectURI: testRedirectURI,
		Listening:   true,
		Expires:     time.Date(2025, 11, 22, 15, 4, 0, 0, time.UTC),
		CheckPaste:  func(input string) error { return oauthlink.CheckPasted(input, "st4te") },
	}
	if !s.noSignIn {
		p.SignIn, p.DefaultUsername, p.DefaultPassword = testSignIn, "john", "doe"
	}
	return p
}

func (s *script) ask(title string, p func() flows.Prompt) flows.Step {
	return flows.Step{Title: title, Kind: flows.Question, Run: func(ctx context.Context, a flows.Asker) error {
		_, err := a.Ask(ctx, p())
		return err
	}}
}

// bankStep asks for a bank, or skips itself when the script offers one.
func (s *script) bankStep() flows.Step {
	if !s.oneBank {
		return s.ask("Choose a bank", func() flows.Prompt { return flows.ChooseBank{Banks: testBanks()} })
	}
	return flows.Step{Title: "Choose a bank", Kind: flows.Question, Run: func(ctx context.Context, a flows.Asker) error {
		flows.SkipStep(a, "one bank offered")
		a.Tell(flows.Progress{Message: "bank: Mock"})
		return nil
	}}
}

func (s *script) signInStep() flows.Step {
	return flows.Step{Title: "Sign in at the bank", Kind: flows.Question, Run: func(ctx context.Context, a flows.Asker) error {
		p := s.authLink()
		a.Tell(flows.Progress{Message: "auth link ready; waiting for the bank's redirect"})
		askCtx, cancel := context.WithCancel(ctx)
		defer cancel()
		if s.withdraw != nil {
			go func() {
				select {
				case <-s.withdraw:
					cancel()
				case <-askCtx.Done():
				}
			}()
		}
		ans, err := a.Ask(askCtx, p)
		switch {
		case err != nil && ctx.Err() == nil && askCtx.Err() != nil:
			a.Tell(flows.Progress{Message: "the loopback listener caught the redirect"})
			return nil
		case err != nil:
			return err
		}
		r, err := oauthlink.ParseRedirect(ans.(flows.RedirectReceived).Input)
		if err == nil {
			err = r.Check("st4te") // a provider's error redirect ends the step
		}
		if err != nil {
			return err
		}
		a.Tell(flows.Progress{Message: "authorisation code received"})
		return nil
	}}
}

func (s *script) actionStep() flows.Step {
	return flows.Step{Title: "Exchange the code", Kind: flows.Action, Run: func(ctx context.Context, a flows.Asker) error {
		a.Tell(flows.Progress{Message: "exchanging the code for tokens"})
		if s.gate != nil {
			select {
			case <-s.gate:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		s.mu.Lock()
		s.attempts++
		n := s.attempts
		s.mu.Unlock()
		if n > 1 && s.retryGate != nil {
			select {
			case <-s.retryGate:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		if s.fatal != nil {
			return s.fatal
		}
		if n <= s.failures {
			return &flows.Error{Code: "temporarily_unavailable", Description: "the token endpoint answered 503", Retryable: true}
		}
		a.Tell(flows.Progress{Message: "code exchanged for tokens"})
		return nil
	}}
}

func (s *script) journey() *fakeJourney {
	accounts := s.accounts
	if accounts == nil {
		accounts = testAccounts(3)
	}
	return &fakeJourney{
		rec: &s.rec,
		id:  "truelayer/signup-plus", title: "TrueLayer Signup+",
		summary: "verified identity from a UK bank account (data-only integration)",
		steps: []flows.Step{
			s.bankStep(),
			s.ask("Review consent", func() flows.Prompt { return testConsent() }),
			s.signInStep(),
			s.actionStep(),
			s.ask("Choose an account", func() flows.Prompt {
				return flows.ChooseAccount{Accounts: accounts, Purpose: "whose identity linkstep verifies"}
			}),
		},
		result: flows.Result{
			Journey: "truelayer/signup-plus", Provider: "truelayer", Environment: "embedded",
			ConnectionID: "conn-7f3a9c", Bank: "mock", AccountID: "acc-002",
			ConsentExpiresAt: time.Date(2026, 2, 20, 14, 54, 0, 0, time.UTC),
			Storage:          "memory (test)",
			Fields: []flows.Field{
				{Label: "Name", Value: "Mr John Doe"},
				{Label: "Date of birth", Value: "1979-01-01"},
				{Label: "Address", Value: "Flat 2, 10 Mockingbird Lane, London, N1 9GU, GB"},
				{Label: "Sort code", Value: "04-00-04"},
				{Label: "Account number", Value: "10000002"},
			},
		},
	}
}

// otherJourney is a second catalogue entry, so the picker has a choice.
func otherJourney() *fakeJourney {
	return &fakeJourney{id: "oneid/identity", title: "OneID identity", summary: "a verified identity from OneID's bank-backed ID"}
}

// harness drives the root model with teatest.
type harness struct {
	t    *testing.T
	tm   *teatest.TestModel
	seen bytes.Buffer // everything the program wrote that a wait read
}

// start runs the UI on journeys in a 100×30 terminal.
func start(t *testing.T, journeys ...flows.Journey) *harness {
	t.Helper()
	return startWith(t, fakeStorage{describe: "memory (test)"}, journeys...)
}

func startWith(t *testing.T, st Storage, journeys ...flows.Journey) *harness {
	t.Helper()
	h := launch(t, st, journeys...)
	h.waitTitle("Choose a journey")
	return h
}

// launch starts the UI without waiting for its first screen; it has no browser.
func launch(t *testing.T, st Storage, journeys ...flows.Journey) *harness {
	t.Helper()
	return launchOpening(t, st, func(context.Context, string) error { return errors.New("no browser here") }, journeys...)
}

// launchOpening is launch with open as the system's opener; no system clipboard is reachable.
func launchOpening(t *testing.T, st Storage, open opener, journeys ...flows.Journey) *harness {
	t.Helper()
	return launchWith(t, func(*Config) {}, st, open, noClip, journeys...)
}

// noClip is a way to copy with no system clipboard reachable.
var noClip = clip{copy: func(string) error { return errNoClipboardTool }, osc52: osc52Likely}

// launchConfigured is launchOpening with the configuration changed by configure.
func launchConfigured(t *testing.T, configure func(*Config), st Storage, open opener, journeys ...flows.Journey) *harness {
	t.Helper()
	return launchWith(t, configure, st, open, noClip, journeys...)
}

// launchCopying is launchOpening with c as the way to copy.
func launchCopying(t *testing.T, st Storage, open opener, c clip, journeys ...flows.Journey) *harness {
	t.Helper()
	return launchWith(t, func(*Config) {}, st, open, c, journeys...)
}

// launchWith starts the UI with the configuration changed by configure, open as the system's
// opener and c as the way to copy.
func launchWith(t *testing.T, configure func(*Config), st Storage, open opener, c clip, journeys ...flows.Journey) *harness {
	t.Helper()
	infos, build := built(journeys...)
	cfg := Config{
		Journeys:    infos,
		Journey:     build,
		Environment: "embedded",
		Storage:     st,
		Version:     "v0.0.0-test",
		Now:         testNow,
	}
	configure(&cfg)
	m := New(t.Context(), cfg)
	m = m.withSpinner(spinner.Spinner{Frames: []string{"◐"}, FPS: 100 * time.Millisecond})
	j := journeyOf(m)
	j.open = open
	j.clip = c
	m.areas = m.areas.set(areaJourney, j)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	return &harness{t: t, tm: tm}
}

// waitTitle waits until the window title names the screen: every screen change sets it.
func (h *harness) waitTitle(title string) {
	h.t.Helper()
	want := []byte(ansi.SetWindowTitle("linkstep · " + title))
	h.waitFor(func(b []byte) bool { return bytes.Contains(b, want) })
}

func (h *harness) waitFor(cond func([]byte) bool) {
	h.t.Helper()
	teatest.WaitFor(h.t, io.TeeReader(h.tm.Output(), &h.seen), cond,
		teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

// waitText waits until the output holds s (a single word is safest: the renderer only
// redraws the cells that changed).
func (h *harness) waitText(s string) {
	h.t.Helper()
	h.waitFor(func(b []byte) bool { return strings.Contains(ansi.Strip(string(b)), s) })
}

func (h *harness) press(keys ...tea.KeyPressMsg) {
	for _, k := range keys {
		h.tm.Send(k)
	}
}

func (h *harness) typeText(s string) { h.tm.Type(s) }

// final quits and returns the final model.
func (h *harness) final() Model {
	h.t.Helper()
	if err := h.tm.Quit(); err != nil {
		h.t.Fatal(err)
	}
	return h.tm.FinalModel(h.t, teatest.WithFinalTimeout(5*time.Second)).(Model)
}

// output is everything the program wrote, once it has quit.
func (h *harness) output() string {
	_, _ = io.Copy(&h.seen, h.tm.FinalOutput(h.t, teatest.WithFinalTimeout(5*time.Second)))
	return h.seen.String()
}

func teatestTimeout() teatest.FinalOpt { return teatest.WithFinalTimeout(5 * time.Second) }

// journeyOf is the journey area of m.
func journeyOf(m Model) journeyArea { return m.areas.get(areaJourney).(journeyArea) }

// top is the active screen of m's journey area.
func top(m Model) screen { return journeyOf(m).top() }

// screenText is the model's view without colours.
func screenText(m Model) string { return ansi.Strip(m.View().Content) }

// Keys.
var (
	enter = tea.KeyPressMsg{Code: tea.KeyEnter}
	esc   = tea.KeyPressMsg{Code: tea.KeyEscape}
	down  = tea.KeyPressMsg{Code: tea.KeyDown}
	tab   = tea.KeyPressMsg{Code: tea.KeyTab}
	ctrlU = tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
)

func char(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Text: string(r)} }

// built lists already built journeys for the picker and builds each by returning it.
func built(journeys ...flows.Journey) ([]flows.Info, func(string) (flows.Journey, error)) {
	infos := make([]flows.Info, len(journeys))
	for i, j := range journeys {
		infos[i] = j.Info()
	}
	return infos, func(id string) (flows.Journey, error) {
		for _, j := range journeys {
			if j.Info().ID == id {
				return j, nil
			}
		}
		return nil, fmt.Errorf("no journey %q", id)
	}
}
