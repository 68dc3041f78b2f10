package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/linkstep/linkstep/flows"
)

// toJanet picks Janet's savings account and waits for her card.
func (h *harness) toJanet() {
	h.t.Helper()
	h.toBalances()
	h.press(down, enter)
	h.waitTitle("Identity verified")
}

// toAlix signs in as Alix, who shares one account, and waits for her card.
func (h *harness) toAlix() {
	h.t.Helper()
	h.toSignInAs()
	h.press(down, enter)
	h.waitTitle("Identity verified")
}

var pgdown = tea.KeyPressMsg{Code: tea.KeyPgDown}

// startOpening runs the UI on journeys with open as the system's opener.
func startOpening(t *testing.T, open opener, journeys ...flows.Journey) *harness {
	t.Helper()
	h := launchOpening(t, fakeStorage{describe: "memory (test)"}, open, journeys...)
	h.waitTitle("Choose a journey")
	return h
}

// TestIdentityCardScreens renders the identity card of a test identity at 100×30
// (testdata/TestIdentityCardScreens/*.golden).
func TestIdentityCardScreens(t *testing.T) {
	tests := []struct {
		name  string
		drive func(h *harness)
		kind  screenKind
	}{
		{name: "card-janet", drive: (*harness).toJanet, kind: kindIdentity},
		{
			name: "card-janet-end",
			drive: func(h *harness) {
				h.toJanet()
				h.press(pgdown, pgdown, pgdown)
			},
			kind: kindIdentity,
		},
		{name: "card-alix", drive: (*harness).toAlix, kind: kindIdentity},
		{
			name: "claims",
			drive: func(h *harness) {
				h.toJanet()
				h.press(char('t'))
				h.waitTitle("ID token claims")
			},
			kind: kindIdentity,
		},
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

// TestIdentityResultDispatch checks that only a result with an identity gets the card.
func TestIdentityResultDispatch(t *testing.T) {
	c := benchCommon()
	if k := resultScreenFor(c, "OneID identity", janetResult()).kind(); k != kindIdentity {
		t.Errorf("an identity result shows the %s screen", k)
	}
	if k := resultScreenFor(c, "TrueLayer Signup+", flows.Result{}).kind(); k != kindResult {
		t.Errorf("a result without identity shows the %s screen", k)
	}
}

func TestIdentityCard(t *testing.T) {
	t.Run("t toggles the ID token's claims", func(t *testing.T) {
		h := start(t, (&identityScript{}).journey())
		h.toJanet()
		h.press(char('t'))
		h.waitTitle("ID token claims")
		h.press(char('t'))
		h.waitTitle("Identity verified")
		h.press(char('t'))
		h.waitTitle("ID token claims")
		h.press(esc) // closes the claims, not the card
		h.waitTitle("Identity verified")
		m := h.final()
		requireKind(t, m, kindIdentity)
		if top(m).(identityScreen).claims {
			t.Error("the claims are still shown")
		}
	})
	t.Run("the claims are pretty JSON", func(t *testing.T) {
		h := start(t, (&identityScript{}).journey())
		h.toJanet()
		h.press(char('t'))
		h.waitTitle("ID token claims")
		view := screenText(h.final())
		for _, want := range []string{"{", `  "sub": "sub-janet-7d2f"`, `  "nonce": "n0nce",`} {
			if !strings.Contains(view, want) {
				t.Errorf("view lacks %q:\n%s", want, view)
			}
		}
	})
	t.Run("o opens the report with the system's opener", func(t *testing.T) {
		opened := make(chan string, 1)
		open := func(_ context.Context, url string) error { opened <- url; return nil }
		h := startOpening(t, open, (&identityScript{}).journey())
		h.toJanet()
		h.press(char('o'))
		h.waitText("viewer")
		h.final()
		select {
		case got := <-opened:
			if want := janetResult().Identity.ReportPath; got != want {
				t.Errorf("opened %q, want %q", got, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("nothing was opened")
		}
	})
	t.Run("a report that cannot be opened says why", func(t *testing.T) {
		h := start(t, (&identityScript{}).journey())
		h.toJanet()
		h.press(char('o'))
		h.waitText("browser here")
		if view := screenText(h.final()); !strings.Contains(view, "could not open the report (no browser here)") {
			t.Errorf("view lacks the failure:\n%s", view)
		}
	})
	t.Run("the card scrolls and says what is out of sight", func(t *testing.T) {
		h := start(t, (&identityScript{}).journey())
		h.toJanet()
		h.press(pgdown, pgdown, pgdown)
		m := h.final()
		view := screenText(m)
		for _, want := range []string{"req-7f1c0a2e-accounts", "more above · end"} {
			if !strings.Contains(view, want) {
				t.Errorf("view lacks %q:\n%s", want, view)
			}
		}
	})
	t.Run("esc returns to the journeys", func(t *testing.T) {
		h := start(t, (&identityScript{}).journey())
		h.toJanet()
		h.press(esc)
		h.waitTitle("Choose a journey")
		requireKind(t, h.final(), kindPicker)
	})
	t.Run("every difference is marked", func(t *testing.T) {
		view := ansiStrip(identityCard(NewStyles(true), masker{}, 98, 0, testNow(), "OneID identity", janetResult()))
		for _, want := range []string{
			"✗ 2 of 4 claims the user typed differ from what the bank verified: Name, Address",
			"Mary Smith", "over 18: yes", "expires at 14:58 (in 4 min) — no refresh token: sign in again after",
		} {
			if !strings.Contains(view, want) {
				t.Errorf("card lacks %q:\n%s", want, view)
			}
		}
		if n := strings.Count(view, "✗ differs"); n != 2 {
			t.Errorf("%d claims marked as differing, want 2:\n%s", n, view)
		}
	})
	t.Run("no age line without an age check", func(t *testing.T) {
		view := ansiStrip(identityCard(NewStyles(true), masker{}, 98, 0, testNow(), "OneID identity", alixResult()))
		if strings.Contains(view, "over 18") {
			t.Errorf("the card shows an age it was not given:\n%s", view)
		}
		if !strings.Contains(view, "⚠ 3 alerts") {
			t.Errorf("the card does not count the alerts:\n%s", view)
		}
	})
}

func TestTokenText(t *testing.T) {
	now := testNow()
	tests := []struct {
		name    string
		expires time.Time
		want    string
	}{
		{"in four minutes", now.Add(4 * time.Minute), "expires at 14:58 (in 4 min) — no refresh token: sign in again after"},
		{"expired", now.Add(-time.Minute), "expired at 14:53 — no refresh token: sign in again"},
		{"not given", time.Time{}, "expiry not given — no refresh token: sign in again after"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tokenText(tt.expires, now); got != tt.want {
				t.Errorf("tokenText = %q, want %q", got, tt.want)
			}
		})
	}
}
