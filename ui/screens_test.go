package ui

import (
	"errors"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/linkstep/linkstep/flows"
)

// The walk through a scripted journey, one screen after the other.

func (h *harness) toBank() {
	h.t.Helper()
	h.press(enter)
	h.waitTitle("Choose a bank")
}

func (h *harness) toConsent() {
	h.t.Helper()
	h.toBank()
	h.press(enter)
	h.waitTitle("Review consent")
}

func (h *harness) toAuthLink() {
	h.t.Helper()
	h.toConsent()
	h.press(enter)
	h.waitTitle("Open the auth link")
}

func (h *harness) toSignIn() {
	h.t.Helper()
	h.toAuthLink()
	h.press(char('s'))
	h.waitTitle("Sign in to the mock bank")
}

func (h *harness) toAccounts() {
	h.t.Helper()
	h.toSignIn()
	h.press(enter)
	h.waitTitle("Choose an account")
}

// requireKind fails unless the active screen is k.
func requireKind(t *testing.T, m Model, k screenKind) {
	t.Helper()
	if got := top(m).kind(); got != k {
		t.Fatalf("active screen is %s, want %s\n%s", got, k, screenText(m))
	}
}

// TestScreens renders every screen at 100×30 and compares it to testdata/TestScreens/*.golden
// (go test ./ui/ -update rewrites them).
func TestScreens(t *testing.T) {
	tests := []struct {
		name  string
		setup func(s *script)
		drive func(h *harness)
		kind  screenKind
		check func(t *testing.T, s *script, m Model)
	}{
		{
			name:  "picker",
			drive: func(h *harness) {},
			kind:  kindPicker,
		},
		{
			name:  "bank",
			drive: (*harness).toBank,
			kind:  kindBank,
		},
		{
			name:  "consent",
			drive: (*harness).toConsent,
			kind:  kindConsent,
			check: func(t *testing.T, s *script, _ Model) {
				if got := s.rec.last(t, flows.ChooseBank{}).answer; got != (flows.BankChoice{ID: "mock"}) {
					t.Errorf("bank answer = %#v, want mock", got)
				}
			},
		},
		{
			name:  "authlink",
			drive: (*harness).toAuthLink,
			kind:  kindAuthLink,
			check: func(t *testing.T, s *script, _ Model) {
				if got := s.rec.last(t, flows.ReviewConsent{}).answer; got != (flows.ConsentGiven{}) {
					t.Errorf("consent answer = %#v, want ConsentGiven", got)
				}
			},
		},
		{
			name: "authlink-paste",
			drive: func(h *harness) {
				h.toAuthLink()
				h.press(char('p'))
				h.tm.Send(tea.PasteMsg{Content: testRedirectURI + "?code=" + testCode + "&state=st4te"})
			},
			kind: kindAuthLink,
		},
		{
			name:  "signin",
			drive: (*harness).toSignIn,
			kind:  kindSignIn,
		},
		{
			name:  "working",
			setup: func(s *script) { s.gate = make(chan struct{}) },
			drive: func(h *harness) { h.toSignIn(); h.press(enter); h.waitText("exchanging") },
			kind:  kindWorking,
			check: func(t *testing.T, s *script, _ Model) {
				got := s.rec.last(t, flows.OpenAuthLink{}).answer
				if got != (flows.RedirectReceived{Input: testRedirectURI + "?code=" + testCode + "&state=st4te"}) {
					t.Errorf("auth link answer = %#v, want the mock bank's redirect", got)
				}
			},
		},
		{
			name:  "accounts",
			drive: (*harness).toAccounts,
			kind:  kindAccounts,
		},
		{
			name:  "result",
			drive: func(h *harness) { h.toAccounts(); h.press(down, enter); h.waitTitle("Connected") },
			kind:  kindResult,
			check: func(t *testing.T, s *script, _ Model) {
				if got := s.rec.last(t, flows.ChooseAccount{}).answer; got != (flows.AccountChoice{ID: "acc-002"}) {
					t.Errorf("account answer = %#v, want acc-002", got)
				}
			},
		},
		{
			name:  "failure",
			setup: func(s *script) { s.failures = 1 },
			drive: func(h *harness) { h.toSignIn(); h.press(enter); h.waitTitle("Step failed") },
			kind:  kindFailure,
		},
		{
			name:  "quit-confirm",
			drive: func(h *harness) { h.toAuthLink(); h.press(char('q')); h.waitText("Quit and stop") },
			kind:  kindAuthLink,
		},
		{
			name: "toosmall",
			drive: func(h *harness) {
				h.toConsent()
				h.tm.Send(tea.WindowSizeMsg{Width: 50, Height: 12})
				h.waitTitle("terminal too small")
			},
			kind: kindConsent, // still underneath, untouched
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &script{}
			if tt.setup != nil {
				tt.setup(s)
			}
			if s.gate != nil {
				t.Cleanup(func() { close(s.gate) })
			}
			h := start(t, s.journey(), otherJourney())
			tt.drive(h)
			m := h.final()
			requireKind(t, m, tt.kind)
			golden.RequireEqual(t, []byte(screenText(m)))
			if tt.check != nil {
				tt.check(t, s, m)
			}
		})
	}
}

// TestScreenJourneyFailed renders the view of a journey that ended with an error.
func TestScreenJourneyFailed(t *testing.T) {
	s := &script{}
	j := &fakeJourney{
		id: "truelayer/signup-plus", title: "TrueLayer Signup+",
		steps: []flows.Step{s.ask("Choose a bank", func() flows.Prompt { return flows.ChooseBank{Banks: testBanks()} })},
		fail:  &flows.Error{Code: "unexpected_response", Description: "the Signup+ answer carries no identity"},
		rec:   &s.rec,
	}
	h := start(t, j)
	h.toBank()
	h.press(enter)
	h.waitTitle("Journey failed")
	m := h.final()
	requireKind(t, m, kindFailure)
	golden.RequireEqual(t, []byte(screenText(m)))
	if !errors.Is(top(m).(failureScreen).err, j.fail) {
		t.Errorf("failure screen shows %v, want %v", top(m).(failureScreen).err, j.fail)
	}
}
