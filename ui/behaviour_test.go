package ui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/linkstep/linkstep/flows"
)

func TestConsentEscAnswersBack(t *testing.T) {
	s := &script{}
	h := start(t, s.journey())
	h.toConsent()
	h.press(esc)
	h.waitTitle("Choose a bank") // RunSteps asks the previous question again
	m := h.final()
	requireKind(t, m, kindBank)
	if got := s.rec.last(t, flows.ReviewConsent{}); !errors.Is(got.err, flows.ErrBack) || got.answer != nil {
		t.Errorf("consent got (%v, %v), want ErrBack", got.answer, got.err)
	}
}

func countPrompts(all []got, p flows.Prompt) int {
	n := 0
	for _, g := range all {
		if sameType(g.prompt, p) {
			n++
		}
	}
	return n
}

func sameType(a, b flows.Prompt) bool {
	switch a.(type) {
	case flows.ChooseBank:
		_, ok := b.(flows.ChooseBank)
		return ok
	case flows.ReviewConsent:
		_, ok := b.(flows.ReviewConsent)
		return ok
	case flows.OpenAuthLink:
		_, ok := b.(flows.OpenAuthLink)
		return ok
	case flows.ChooseAccount:
		_, ok := b.(flows.ChooseAccount)
		return ok
	case flows.ChooseScopes:
		_, ok := b.(flows.ChooseScopes)
		return ok
	case flows.ConnectIssuer:
		_, ok := b.(flows.ConnectIssuer)
		return ok
	case flows.Failure:
		_, ok := b.(flows.Failure)
		return ok
	}
	return false
}

// hundredAccounts returns 100 accounts, one of them named "Holiday Fund".
func hundredAccounts() (accs []flows.Account, holidayID string) {
	accs = testAccounts(100)
	accs[57].DisplayName = "Holiday Fund"
	return accs, accs[57].ID
}

func TestAccountFilterNarrowsToOne(t *testing.T) {
	t.Run("typing the name leaves one account", func(t *testing.T) {
		accs, holiday := hundredAccounts()
		s := &script{accounts: accs}
		h := start(t, s.journey())
		h.toAccounts()
		h.press(char('/'))
		h.typeText("Holiday Fund")
		m := h.final()
		requireKind(t, m, kindAccounts)
		a := top(m).(accountsScreen)
		if n := len(a.list.VisibleItems()); n != 1 {
			t.Fatalf("%d accounts shown after filtering, want 1", n)
		}
		if it, _ := a.selected(); it.acc.ID != holiday {
			t.Errorf("highlighted %s, want %s", it.acc.ID, holiday)
		}
		view := screenText(m)
		for _, want := range []string{"/ Holiday Fund", "1 of 100 accounts", "› Holiday Fund"} {
			if !strings.Contains(view, want) {
				t.Errorf("view lacks %q:\n%s", want, view)
			}
		}
	})
	t.Run("enter applies the filter, enter again chooses", func(t *testing.T) {
		accs, holiday := hundredAccounts()
		s := &script{accounts: accs}
		h := start(t, s.journey())
		h.toAccounts()
		h.press(char('/'))
		h.typeText("Holiday Fund")
		h.press(enter, enter)
		h.waitTitle("Connected")
		h.final()
		if got := s.rec.last(t, flows.ChooseAccount{}).answer; got != (flows.AccountChoice{ID: holiday}) {
			t.Errorf("account answer = %#v, want %s", got, holiday)
		}
	})
	t.Run("esc clears the filter before it goes back", func(t *testing.T) {
		accs, _ := hundredAccounts()
		s := &script{accounts: accs}
		h := start(t, s.journey())
		h.toAccounts()
		h.press(char('/'))
		h.typeText("Holiday")
		h.press(enter, esc)
		m := h.final()
		requireKind(t, m, kindAccounts)
		if n := len(top(m).(accountsScreen).list.VisibleItems()); n != 100 {
			t.Errorf("%d accounts shown after esc, want all 100", n)
		}
	})
}

// TestPasteRefusedInPlaceKeepsTheLink: a paste that is neither a redirect nor a plausible code,
// or a redirect of another auth link (another state, or none), is refused beside the input with
// the text kept for editing; the journey gets no answer, so the link stays and no code is used.
func TestPasteRefusedInPlaceKeepsTheLink(t *testing.T) {
	tests := []struct{ name, paste, wantErr string }{
		{"spaces", "not a redirect", "invalid_redirect: the pasted text contains spaces"},
		{"a garbled URL is not a code", "ht!tp://%%%zz", "invalid_redirect: the pasted text does not read as a URL"},
		{"a percent sign is not in a code", "abc%zz", "invalid_redirect: the pasted text is neither a redirect URL nor a code"},
		{"another link's state", testRedirectURI + "?code=" + testCode + "&state=other", "state_mismatch: this redirect belongs to another auth link: its state differs; paste the redirect of the link shown here"},
		{"no state", testRedirectURI + "?code=" + testCode, "state_mismatch: this redirect carries no state"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &script{}
			h := start(t, s.journey())
			h.toAuthLink()
			h.press(char('p'))
			h.tm.Send(tea.PasteMsg{Content: tt.paste})
			h.press(enter)
			h.waitText(strings.SplitN(tt.wantErr, ":", 2)[0])
			m := h.final()
			requireKind(t, m, kindAuthLink)
			a := top(m).(authLinkScreen)
			if !a.pasting || a.input.Value() != tt.paste {
				t.Errorf("paste box open=%v with %q, want it open with what was pasted", a.pasting, a.input.Value())
			}
			view := screenText(m)
			if flat := strings.Join(strings.Fields(strings.ReplaceAll(view, "│", " ")), " "); !strings.Contains(flat, tt.wantErr) {
				t.Errorf("view lacks the inline error %q:\n%s", tt.wantErr, view)
			}
			if strings.Contains(view, testCode) {
				t.Errorf("the view shows the code:\n%s", view)
			}
			if n := countPrompts(s.rec.all(), flows.OpenAuthLink{}); n != 0 {
				t.Errorf("the journey got an answer to the auth link: %v", s.rec.all())
			}
		})
	}
}

// TestStatusLineFollowsTheScreen: the news of an auth link ("waiting for the bank's redirect")
// leaves with it: on the failure of its step, and on the question before it after going back.
func TestStatusLineFollowsTheScreen(t *testing.T) {
	const waiting = "waiting for the bank's redirect"
	statusOf := func(m Model) string { return ansi.Strip(journeyOf(m).chrome().status) }
	t.Run("on the auth link it says so", func(t *testing.T) {
		h := start(t, (&script{}).journey())
		h.toAuthLink()
		if got := statusOf(h.final()); !strings.Contains(got, waiting) {
			t.Errorf("status on the auth link = %q, want it waiting", got)
		}
	})
	t.Run("the failure of the link's step", func(t *testing.T) {
		h := start(t, (&script{}).journey())
		h.toAuthLink()
		h.press(char('p'))
		h.tm.Send(tea.PasteMsg{Content: testRedirectURI + "?error=access_denied&state=st4te"})
		h.press(enter)
		h.waitTitle("Step failed")
		m := h.final()
		requireKind(t, m, kindFailure)
		if got := statusOf(m); strings.Contains(got, waiting) {
			t.Errorf("status on the failure = %q, still waiting on the link", got)
		}
	})
	t.Run("back to consent", func(t *testing.T) {
		h := start(t, (&script{}).journey())
		h.toAuthLink()
		h.press(esc)
		h.waitTitle("Review consent")
		m := h.final()
		requireKind(t, m, kindConsent)
		if got := statusOf(m); strings.Contains(got, waiting) {
			t.Errorf("status back on consent = %q, still waiting on the link", got)
		}
	})
	t.Run("news since the last screen stays", func(t *testing.T) {
		h := start(t, (&script{oneBank: true}).journey())
		h.press(enter)
		h.waitTitle("Review consent")
		if got := statusOf(h.final()); got != "'Choose a bank' skipped: one bank offered" {
			t.Errorf("status on consent = %q, want the news told before it", got)
		}
	})
}

// TestPasteOfAnotherLinkThenTheRightOne: after another link's redirect is refused, the same
// link is still awaited and its own redirect, pasted next, answers it: the only answer the
// journey ever gets.
func TestPasteOfAnotherLinkThenTheRightOne(t *testing.T) {
	s := &script{gate: make(chan struct{})}
	t.Cleanup(func() { close(s.gate) })
	h := start(t, s.journey())
	h.toAuthLink()
	h.press(char('p'))
	h.tm.Send(tea.PasteMsg{Content: testRedirectURI + "?code=" + testCode + "&state=other"})
	h.press(enter)
	h.waitText("another auth link")
	right := testRedirectURI + "?code=" + testCode + "&state=st4te"
	h.press(ctrlU)
	h.tm.Send(tea.PasteMsg{Content: right})
	h.press(enter)
	h.waitText("exchanging")
	h.final()
	var answers []flows.Answer
	for _, g := range s.rec.all() {
		if sameType(g.prompt, flows.OpenAuthLink{}) {
			answers = append(answers, g.answer)
		}
	}
	if len(answers) != 1 || answers[0] != (flows.RedirectReceived{Input: right}) {
		t.Errorf("the auth link was answered with %v, want once with the right redirect", answers)
	}
}

// TestPastedErrorRedirectAnswersTheLink: a provider's error redirect with the link's state is
// not refused in place: it answers the link, so the journey ends the step with that error.
func TestPastedErrorRedirectAnswersTheLink(t *testing.T) {
	s := &script{}
	h := start(t, s.journey())
	h.toAuthLink()
	declined := testRedirectURI + "?error=access_denied&state=st4te"
	h.press(char('p'))
	h.tm.Send(tea.PasteMsg{Content: declined})
	h.press(enter)
	h.waitFor(func([]byte) bool { return countPrompts(s.rec.all(), flows.OpenAuthLink{}) == 1 })
	h.final()
	if got := s.rec.last(t, flows.OpenAuthLink{}).answer; got != (flows.RedirectReceived{Input: declined}) {
		t.Errorf("auth link answer = %#v, want the error redirect", got)
	}
}

func TestPastedRedirectAnswersTheAuthLink(t *testing.T) {
	s := &script{gate: make(chan struct{})}
	t.Cleanup(func() { close(s.gate) })
	h := start(t, s.journey())
	h.toAuthLink()
	redirect := testRedirectURI + "?code=" + testCode + "&state=st4te"
	h.press(char('p'))
	h.tm.Send(tea.PasteMsg{Content: redirect})
	h.press(enter)
	h.waitText("exchanging")
	h.final()
	if got := s.rec.last(t, flows.OpenAuthLink{}).answer; got != (flows.RedirectReceived{Input: redirect}) {
		t.Errorf("auth link answer = %#v, want the pasted redirect", got)
	}
}

func TestWithdrawnAuthLinkMovesToWorking(t *testing.T) {
	s := &script{withdraw: make(chan struct{}), gate: make(chan struct{})}
	t.Cleanup(func() { close(s.gate) })
	h := start(t, s.journey())
	h.toAuthLink()
	h.press(char('p')) // the user was about to paste when the listener won
	close(s.withdraw)
	h.waitText("exchanging")
	m := h.final()
	requireKind(t, m, kindWorking)
	if journeyOf(m).run.pending != nil {
		t.Errorf("a prompt is still pending: %T", journeyOf(m).run.pending.prompt)
	}
	if got := s.rec.last(t, flows.OpenAuthLink{}); !errors.Is(got.err, context.Canceled) {
		t.Errorf("auth link Ask returned (%v, %v), want context.Canceled", got.answer, got.err)
	}
}

func TestTooSmallThenResizeRestores(t *testing.T) {
	drive := func(h *harness) {
		h.toAccounts()
		h.press(down, down, char('/'))
		h.typeText("Acc")
	}
	// The same walk twice, once with a detour through a tiny terminal.
	ref := start(t, (&script{}).journey())
	drive(ref)
	want := screenText(ref.final())

	h := start(t, (&script{}).journey())
	drive(h)
	h.tm.Send(tea.WindowSizeMsg{Width: 50, Height: 12})
	h.waitTitle("terminal too small")
	h.typeText("xyz") // keys are ignored while nothing can be seen
	h.tm.Send(tea.WindowSizeMsg{Width: 100, Height: 30})
	h.waitTitle("Choose an account")
	got := screenText(h.final())
	if got != want {
		t.Errorf("after resizing back the screen differs:\n--- want\n%s\n--- got\n%s", want, got)
	}
}

func TestSecretsNeverShown(t *testing.T) {
	t.Run("pasted redirect", func(t *testing.T) {
		s := &script{gate: make(chan struct{})}
		t.Cleanup(func() { close(s.gate) })
		h := start(t, s.journey())
		h.toAuthLink()
		h.press(char('p'))
		h.tm.Send(tea.PasteMsg{Content: testRedirectURI + "?code=" + testCode + "&state=st4te"})
		h.waitText("reads")
		h.press(enter)
		h.waitText("exchanging")
		requireNoSecret(t, h, testCode)
	})
	t.Run("typed bare code", func(t *testing.T) {
		s := &script{}
		h := start(t, s.journey())
		h.toAuthLink()
		h.press(char('p'))
		h.typeText(testCode)
		h.waitText("hidden")
		requireNoSecret(t, h, testCode)
	})
	t.Run("sign in", func(t *testing.T) {
		s := &script{}
		h := start(t, s.journey())
		h.toSignIn()
		h.press(tab, ctrlU)
		h.typeText("hunter2pass")
		h.press(enter)
		h.waitText("access_denied")
		requireNoSecret(t, h, "hunter2pass")
	})
}

// requireNoSecret quits and fails if secret is in the final view or anywhere in the output;
// it returns the final model.
func requireNoSecret(t *testing.T, h *harness, secret string) Model {
	t.Helper()
	m := h.final()
	if strings.Contains(screenText(m), secret) || strings.Contains(m.View().Content, secret) {
		t.Errorf("the final view shows the secret:\n%s", screenText(m))
	}
	out := h.output()
	if strings.Contains(out, secret) || strings.Contains(ansi.Strip(out), secret) {
		t.Errorf("the secret was written to the terminal")
	}
	return m
}

func TestSignIn(t *testing.T) {
	t.Run("wrong password keeps the form", func(t *testing.T) {
		s := &script{}
		h := start(t, s.journey())
		h.toSignIn()
		h.press(tab, ctrlU)
		h.typeText("nope")
		h.press(enter)
		h.waitText("access_denied")
		m := h.final()
		requireKind(t, m, kindSignIn)
		f := top(m).(signInScreen)
		if f.user.Value() != "john" || f.pass.Value() != "nope" {
			t.Errorf("form holds %q/%q, want what was typed", f.user.Value(), f.pass.Value())
		}
		if !strings.Contains(screenText(m), "access_denied: the mock bank refused the username or password") {
			t.Errorf("view lacks the error:\n%s", screenText(m))
		}
		if n := countPrompts(s.rec.all(), flows.OpenAuthLink{}); n != 0 {
			t.Errorf("the auth link was answered: %v", s.rec.all())
		}
	})
	t.Run("esc returns to the auth link", func(t *testing.T) {
		s := &script{}
		h := start(t, s.journey())
		h.toSignIn()
		h.press(esc)
		h.waitTitle("Open the auth link")
		m := h.final()
		requireKind(t, m, kindAuthLink)
		if journeyOf(m).run.pending == nil {
			t.Error("the auth link prompt is no longer pending")
		}
	})
	t.Run("no s without the embedded sandbox", func(t *testing.T) {
		s := &script{noSignIn: true}
		h := start(t, s.journey())
		h.toAuthLink()
		h.press(char('s'))
		m := h.final()
		requireKind(t, m, kindAuthLink)
		if strings.Contains(screenText(m), "sign in") {
			t.Errorf("the sign-in action is offered:\n%s", screenText(m))
		}
	})
}

func TestFailure(t *testing.T) {
	t.Run("r retries the step", func(t *testing.T) {
		s := &script{failures: 1}
		h := start(t, s.journey())
		h.toSignIn()
		h.press(enter)
		h.waitTitle("Step failed")
		h.press(char('r'))
		h.waitTitle("Choose an account")
		h.final()
		if got := s.rec.last(t, flows.Failure{}); got.answer != (flows.Retry{}) || got.err != nil {
			t.Errorf("failure got (%v, %v), want Retry", got.answer, got.err)
		}
	})
	t.Run("retry says so at once and counts the attempts", func(t *testing.T) {
		s := &script{failures: 2, retryGate: make(chan struct{})}
		h := start(t, s.journey())
		h.toSignIn()
		h.press(enter)
		h.waitTitle("Step failed")
		h.press(char('r'))
		h.waitText("trying 'Exchange the code' again… (attempt 2)")
		s.retryGate <- struct{}{}
		h.waitFor(func(b []byte) bool { // the headline, and a status line that is not stale
			text := ansi.Strip(string(b))
			return strings.Contains(text, "Exchange the code failed again (attempt 2)") &&
				strings.Contains(text, "⚠ 'Exchange the code' failed again (attempt 2)")
		})
		h.press(char('r'))
		h.waitText("(attempt 3)")
		close(s.retryGate)
		h.waitTitle("Choose an account")
		m := h.final()
		requireKind(t, m, kindAccounts)
		if r := journeyOf(m).run.retry; r != (retryState{}) {
			t.Errorf("retry state %+v outlived the step", r)
		}
	})
	t.Run("esc goes back", func(t *testing.T) {
		s := &script{failures: 1}
		h := start(t, s.journey())
		h.toSignIn()
		h.press(enter)
		h.waitTitle("Step failed")
		h.press(esc)
		h.waitTitle("Open the auth link") // back to the last step that asks
		h.final()
		if got := s.rec.last(t, flows.Failure{}); !errors.Is(got.err, flows.ErrBack) {
			t.Errorf("failure got (%v, %v), want ErrBack", got.answer, got.err)
		}
	})
	t.Run("no retry when it would not help", func(t *testing.T) {
		s := &script{fatal: &flows.Error{Code: "invalid_client", Description: "the client secret is wrong", Retryable: false}}
		h := start(t, s.journey())
		h.toSignIn()
		h.press(enter)
		h.waitTitle("Step failed")
		h.press(char('r'))
		m := h.final()
		requireKind(t, m, kindFailure)
		if n := countPrompts(s.rec.all(), flows.Failure{}); n != 0 {
			t.Errorf("the failure was answered: %v", s.rec.all())
		}
	})
	t.Run("journey that failed runs again or returns", func(t *testing.T) {
		s := &script{}
		j := &fakeJourney{
			id: "truelayer/signup-plus", title: "TrueLayer Signup+",
			steps: []flows.Step{s.ask("Choose a bank", func() flows.Prompt { return flows.ChooseBank{Banks: testBanks()} })},
			fail:  errors.New("boom"),
			rec:   &s.rec,
		}
		h := start(t, j)
		h.toBank()
		h.press(enter)
		h.waitTitle("Journey failed")
		h.press(char('r'))
		h.waitTitle("Choose a bank")
		h.press(enter)
		h.waitTitle("Journey failed")
		h.press(esc)
		h.waitTitle("Choose a journey")
		m := h.final()
		requireKind(t, m, kindPicker)
		if journeyOf(m).run.active {
			t.Error("a journey still runs")
		}
	})
}

func TestBackPastTheFirstQuestionReturnsToPicker(t *testing.T) {
	s := &script{}
	h := start(t, s.journey())
	h.toBank()
	h.press(esc)
	h.waitTitle("Choose a journey")
	m := h.final()
	requireKind(t, m, kindPicker)
	if got := s.rec.last(t, flows.ChooseBank{}); !errors.Is(got.err, flows.ErrBack) {
		t.Errorf("bank got (%v, %v), want ErrBack", got.answer, got.err)
	}
}

func TestQuitCancelsTheJourney(t *testing.T) {
	s := &script{}
	h := start(t, s.journey())
	h.toAuthLink()
	h.press(char('q'))
	h.waitText("Quit and stop")
	h.press(char('y'))
	h.tm.WaitFinished(t, teatestTimeout())
	deadline := time.Now().Add(5 * time.Second)
	for countPrompts(s.rec.all(), flows.OpenAuthLink{}) == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if got := s.rec.last(t, flows.OpenAuthLink{}); !errors.Is(got.err, context.Canceled) {
		t.Errorf("auth link Ask returned (%v, %v), want context.Canceled", got.answer, got.err)
	}
}

func TestQuitMidJourneyAsks(t *testing.T) {
	t.Run("n goes on with the journey", func(t *testing.T) {
		h := start(t, (&script{}).journey())
		h.toAuthLink()
		h.press(char('q'))
		h.waitText("Quit and stop")
		h.press(char('n'))
		h.press(char('p')) // the auth link screen has the keys again
		h.waitText("Paste")
		m := h.final()
		requireKind(t, m, kindAuthLink)
		if m.asking || !journeyOf(m).run.active {
			t.Errorf("asking = %v, journey active = %v; want the journey going on", m.asking, journeyOf(m).run.active)
		}
		if strings.Contains(screenText(m), "Quit and stop") {
			t.Errorf("the question is still shown:\n%s", screenText(m))
		}
	})
	t.Run("esc goes on, enter quits", func(t *testing.T) {
		h := start(t, (&script{}).journey())
		h.toConsent()
		h.press(char('q'))
		h.waitText("Quit and stop")
		h.press(esc)
		h.press(char('q'))
		h.press(enter)
		h.tm.WaitFinished(t, teatestTimeout())
		requireKind(t, h.tm.FinalModel(t, teatestTimeout()).(Model), kindConsent) // esc did not decline
	})
	t.Run("while work is in flight", func(t *testing.T) {
		s := &script{gate: make(chan struct{})}
		t.Cleanup(func() { close(s.gate) })
		h := start(t, s.journey())
		h.toSignIn()
		h.press(enter)
		h.waitText("exchanging")
		h.press(char('q'))
		h.waitText("Quit and stop")
		h.press(char('y'))
		h.tm.WaitFinished(t, teatestTimeout())
	})
	t.Run("ctrl+c quits at once", func(t *testing.T) {
		h := start(t, (&script{}).journey())
		h.toAuthLink()
		h.press(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
		h.tm.WaitFinished(t, teatestTimeout())
	})
	t.Run("outside a journey q quits at once", func(t *testing.T) {
		h := start(t, (&script{}).journey())
		h.press(char('q'))
		h.tm.WaitFinished(t, teatestTimeout())
		if m := h.tm.FinalModel(t, teatestTimeout()).(Model); m.asking {
			t.Error("q asked with no journey running")
		}
	})
}

func TestQIsTextWhileTyping(t *testing.T) {
	s := &script{}
	h := start(t, s.journey())
	h.toAuthLink()
	h.press(char('p'))
	h.typeText("q?")
	m := h.final()
	a := top(m).(authLinkScreen)
	if a.input.Value() != "q?" {
		t.Errorf("paste box holds %q, want %q", a.input.Value(), "q?")
	}
	if m.footer.allKeys() {
		t.Error("? toggled the help while typing")
	}
}

func TestAuthLinkActions(t *testing.T) {
	t.Run("open shows why the browser did not start", func(t *testing.T) {
		h := start(t, (&script{}).journey())
		h.toAuthLink()
		h.press(char('o'))
		h.waitText("browser (no")
		m := h.final()
		if !strings.Contains(screenText(m), "could not open a browser (no browser here): copy the link instead") {
			t.Errorf("view lacks the failure:\n%s", screenText(m))
		}
	})
}

func TestStorageNotice(t *testing.T) {
	h := launch(t, fakeStorage{describe: "memory (this session only)", notice: "OS keychain locked: tokens stay in memory"}, (&script{}).journey())
	h.waitText("locked")
	h.press(char('x'))
	m := h.final()
	if m.notice != "" || strings.Contains(screenText(m), "locked") {
		t.Errorf("the notice is still shown:\n%s", screenText(m))
	}
}

func TestHelpToggle(t *testing.T) {
	h := start(t, (&script{}).journey())
	h.toConsent()
	h.press(char('?'))
	m := h.final()
	if !m.footer.allKeys() || !strings.Contains(screenText(m), "fewer keys") {
		t.Errorf("full help not shown:\n%s", screenText(m))
	}
}

func TestEscOnWorkingCancelsTheJourney(t *testing.T) {
	s := &script{gate: make(chan struct{})}
	t.Cleanup(func() { close(s.gate) })
	h := start(t, s.journey())
	h.toSignIn()
	h.press(enter)
	h.waitText("exchanging")
	h.press(esc)
	h.waitTitle("Choose a journey")
	m := h.final()
	requireKind(t, m, kindPicker)
	if journeyOf(m).run.active {
		t.Error("the journey still runs")
	}
}

// longNotice is what the storage probe says when the keychain is out of reach: longer than one
// line at 100 columns.
const longNotice = "OS keychain unavailable (no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset)): " +
	"tokens for the embedded sandbox kept in /tmp/linkstep-test/linkstep/sandbox-tokens.json"

func TestStorageNoticeIsOneLine(t *testing.T) {
	t.Run("one line, cut", func(t *testing.T) {
		h := launch(t, fakeStorage{describe: "memory (test)", notice: longNotice}, (&script{}).journey())
		h.waitText("dismisses")
		m := h.final()
		golden.RequireEqual(t, []byte(screenText(m)))
		lines := strings.Split(screenText(m), "\n")
		if len(lines) < 3 || !strings.HasPrefix(lines[2], " ⚠ OS keychain") || !strings.HasSuffix(lines[2], "… (? all, x dismisses)") {
			t.Errorf("the notice is not one cut line:\n%s", screenText(m))
		}
		if !strings.HasPrefix(lines[3], " ───") {
			t.Errorf("the notice takes more than one line:\n%s", screenText(m))
		}
	})
	t.Run("? shows it in full", func(t *testing.T) {
		h := launch(t, fakeStorage{describe: "memory (test)", notice: longNotice}, (&script{}).journey())
		h.waitText("dismisses")
		h.press(char('?'))
		h.waitText("fewer")
		m := h.final()
		text := strings.Join(strings.Fields(screenText(m)), " ")
		if !strings.Contains(text, "sandbox-tokens.json (x dismisses)") {
			t.Errorf("the full notice is not shown:\n%s", screenText(m))
		}
	})
}
