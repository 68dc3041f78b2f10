package ui

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/linkstep/linkstep/flows"
)

func TestMaskerHidesPersonalData(t *testing.T) {
	on := masker{on: true}
	tests := []struct {
		name, label, value, want string
	}{
		{"a name keeps initials", "Name", "Mr John Doe", "M• J••• D••"},
		{"an address keeps initials and punctuation", "Address", "Flat 2, 10 Mockingbird Lane, N1 9GU", "F••• •, •• M•••••••••• L•••, N• •••"},
		{"a birth date is all hidden", "Date of birth", "1979-01-01", "••••-••-••"},
		{"an email keeps first letters and the top-level domain", "Email", "janet.davidson@example.com", "j•••@e•••.com"},
		{"a phone keeps its last three digits", "Phone", "+447700900123", "•••• 123"},
		{"an account number keeps its last four", "Account number", "10000002", "•••• 0002"},
		{"a sort code keeps its last two digits", "Sort code", "040004", "••-••-04"},
		{"an IBAN keeps its country and last four", "IBAN", "GB06MOCK01213141273019", "GB•• •••• 3019"},
		{"an external user by email", "External user", "email max@example.com", "email m•••@e•••.com"},
		{"an external user by phone", "External user", "phone +4915112345678", "phone •••• 678"},
		{"a reconfirming name", "Reconfirmed by", "Jane Doe", "J••• D••"},
		{"a field that is not personal stays", "Market", "DE", "DE"},
		{"an empty value stays empty", "Name", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := on.field(tt.label, tt.value); got != tt.want {
				t.Errorf("field(%q, %q) = %q, want %q", tt.label, tt.value, got, tt.want)
			}
			if got := (masker{}).field(tt.label, tt.value); got != tt.value {
				t.Errorf("off, field(%q, %q) = %q, want it unchanged", tt.label, tt.value, got)
			}
		})
	}
	t.Run("ID token claims", func(t *testing.T) {
		raw := json.RawMessage(`{"sub":"sub-janet","name":"Janet Davidson","email":"janet@example.com","address":{"street_address":"27 Corporation Street","country":"GB"},"birthdate":"1984-02-17"}`)
		var got map[string]any
		if err := json.Unmarshal(on.claims(raw), &got); err != nil {
			t.Fatal(err)
		}
		addr, _ := got["address"].(map[string]any)
		if got["sub"] != "sub-janet" || got["name"] != "J•••• D•••••••" || got["email"] != "j•••@e•••.com" ||
			got["birthdate"] != "••••-••-••" || addr["street_address"] != "•• C•••••••••• S•••••" || addr["country"] != "G•" {
			t.Errorf("masked claims = %v", got)
		}
	})
}

// startPresenter runs the UI in presenter mode on journeys in a 100×30 terminal.
func startPresenter(t *testing.T, journeys ...flows.Journey) *harness {
	t.Helper()
	h := launchConfigured(t, func(c *Config) { c.Presenter = true }, fakeStorage{describe: "memory (test)"},
		func(context.Context, string) error { return errors.New("no browser here") }, journeys...)
	h.waitTitle("Choose a journey")
	return h
}

// TestPresenterScreens renders the screens that show personal data in presenter mode: the
// header's badge, the account picker, the result card and the identity card, with nothing of
// the person in sight.
func TestPresenterScreens(t *testing.T) {
	personal := []string{"John Doe", "Mockingbird", "1979", "10000002", "04-00-04", "040004",
		"Janet Davidson", "Mary Smith", "Corporation", "1984-02-17", "janet.davidson", "7700900123"}
	tests := []struct {
		name    string
		journey func() flows.Journey
		drive   func(h *harness)
		kind    screenKind
	}{
		{name: "accounts", journey: func() flows.Journey { return (&script{}).journey() }, drive: (*harness).toAccounts, kind: kindAccounts},
		{name: "result", journey: func() flows.Journey { return (&script{}).journey() }, drive: func(h *harness) {
			h.toAccounts()
			h.press(down, enter)
			h.waitTitle("Connected")
		}, kind: kindResult},
		{name: "identity", journey: func() flows.Journey { return (&identityScript{}).journey() }, drive: (*harness).toJanet, kind: kindIdentity},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := startPresenter(t, tt.journey())
			tt.drive(h)
			m := h.final()
			requireKind(t, m, tt.kind)
			view := screenText(m)
			golden.RequireEqual(t, []byte(view))
			if head, _, _ := strings.Cut(view, "\n"); !strings.Contains(head, "linkstep  presenter ") {
				t.Errorf("the header lacks the presenter badge:\n%s", view)
			}
			for _, p := range personal {
				if strings.Contains(view, p) {
					t.Errorf("presenter mode shows %q:\n%s", p, view)
				}
			}
		})
	}
}
