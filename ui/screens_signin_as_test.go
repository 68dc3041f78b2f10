package ui

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/linkstep/linkstep/flows"
)

// toSignInAs opens the mock bank's test identities over the auth link.
func (h *harness) toSignInAs() {
	h.t.Helper()
	h.toIdentityLink()
	h.press(char('s'))
	h.waitTitle("Sign in as a test identity")
}

// toBalances signs in as Janet, who shares two accounts.
func (h *harness) toBalances() {
	h.t.Helper()
	h.toSignInAs()
	h.press(enter)
	h.waitTitle("Choose an account")
}

// TestSignInAsScreens renders the mock bank's test identities and the accounts they share, with
// balances, at 100×30 (testdata/TestSignInAsScreens/*.golden).
func TestSignInAsScreens(t *testing.T) {
	tests := []struct {
		name  string
		drive func(h *harness)
		kind  screenKind
	}{
		{name: "signin-as", drive: (*harness).toSignInAs, kind: kindSignInAs},
		{name: "accounts-balances", drive: (*harness).toBalances, kind: kindAccounts},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &identityScript{}
			h := start(t, s.journey(), (&script{}).journey())
			tt.drive(h)
			m := h.final()
			requireKind(t, m, tt.kind)
			golden.RequireEqual(t, []byte(screenText(m)))
		})
	}
}

// TestSignInAsTestIdentity checks that the test identities sign in through the prompt's SignIn,
// as the username and password form does.
func TestSignInAsTestIdentity(t *testing.T) {
	t.Run("choosing signs in as that identity", func(t *testing.T) {
		s := &identityScript{}
		h := start(t, s.journey())
		h.toBalances() // Janet, the first
		h.final()
		if got := s.calls(); !slices.Equal(got, []string{"janet/"}) {
			t.Errorf("SignIn calls = %q, want janet with no password", got)
		}
		want := flows.RedirectReceived{Input: testRedirectURI + "?code=" + testCode + "-janet&state=st4te"}
		if got := s.rec.last(t, flows.OpenAuthLink{}).answer; got != want {
			t.Errorf("auth link answer = %#v, want %#v", got, want)
		}
	})
	t.Run("cancel at the bank declines", func(t *testing.T) {
		s := &identityScript{}
		h := start(t, s.journey())
		h.toSignInAs()
		h.press(down, down, down, enter)
		h.waitTitle("Step failed")
		h.final()
		if got := s.calls(); !slices.Equal(got, []string{flows.SignInDecline + "/"}) {
			t.Errorf("SignIn calls = %q, want the decline", got)
		}
	})
	t.Run("a refused sign-in shows why on the list", func(t *testing.T) {
		scr := newSignInAsScreen(benchCommon(), (&identityScript{}).authLink())
		next, cmd := scr.update(enter)
		if msg := cmd(); msg != (signInMsg{username: "janet"}) {
			t.Fatalf("enter sent %#v, want a sign-in as janet", msg)
		}
		if _, again := next.update(enter); again != nil {
			t.Error("enter signed in again while a sign-in was in flight")
		}
		next, _ = next.update(signedInMsg{err: &flows.Error{Code: "access_denied", Description: "the mock bank is closed"}})
		if view := ansiStrip(next.view()); !strings.Contains(view, "access_denied: the mock bank is closed") {
			t.Errorf("view lacks the error:\n%s", view)
		}
	})
	t.Run("esc returns to the auth link", func(t *testing.T) {
		s := &identityScript{}
		h := start(t, s.journey())
		h.toSignInAs()
		h.press(esc)
		h.waitTitle("Open the auth link")
		m := h.final()
		requireKind(t, m, kindAuthLink)
		if len(s.calls()) != 0 {
			t.Errorf("SignIn was called: %q", s.calls())
		}
	})
}
