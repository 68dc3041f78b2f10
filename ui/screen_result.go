package ui

import (
	"fmt"
	"math"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/linkstep/linkstep/flows"
)

// resultScreen shows what a journey verified.
type resultScreen struct {
	c       common
	journey string // the journey's title
	result  flows.Result
}

// resultScreenFor is the screen that shows r: the identity card when the journey verified an
// identity, the returning-user view for Ivy's returning user, the result screen otherwise.
func resultScreenFor(c common, journey string, r flows.Result) screen {
	switch {
	case r.Identity != nil:
		return newIdentityScreen(c, journey, r)
	case r.Journey == flows.IvyReturningUserID:
		return newReturningScreen(c, journey, r)
	}
	return newResultScreen(c, journey, r)
}

func newResultScreen(c common, journey string, r flows.Result) resultScreen {
	return resultScreen{c: c, journey: journey, result: r}
}

func (s resultScreen) kind() screenKind       { return kindResult }
func (s resultScreen) title() string          { return "Connected" }
func (s resultScreen) typing() bool           { return false }
func (s resultScreen) ownsBack() bool         { return false }
func (s resultScreen) resize(c common) screen { s.c = c; return s }

func (s resultScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, s.c.keys.New) {
		return s, send(newJourneyMsg{})
	}
	return s, nil
}

func (s resultScreen) view() string {
	st, w, r := s.c.styles, s.c.width, s.result
	var b strings.Builder
	b.WriteString(st.Done.Render(truncate("✓ "+s.journey+" complete", w)))
	b.WriteString("\n\n")
	facts := []field{
		{"Connection", r.ConnectionID},
		{"Bank", bankText(r)},
		{"Account", r.AccountID},
		{"Consent expires", expiryText(r.ConsentExpiresAt, s.c.now())},
		{"Storage", r.Storage},
	}
	verified := make([]field, len(r.Fields))
	for i, f := range r.Fields {
		verified[i] = field{f.Label, f.Value}
	}
	lw := labelWidth(append(facts, verified...)...)
	b.WriteString(tableWith(st, w, lw, facts))
	if len(verified) > 0 {
		b.WriteString("\n\n")
		b.WriteString(st.Section.Render("Verified"))
		b.WriteString("\n")
		b.WriteString(tableWith(st, w, lw, verified))
	}
	intro := "The bank link is made and the tokens are stored; this is what the provider verified."
	return page(st, w, s.title(), intro, b.String())
}

// bankText names the bank with its provider id: "Mock (mock)".
func bankText(r flows.Result) string {
	switch {
	case r.BankName == "" || r.BankName == r.Bank:
		return r.Bank
	case r.Bank == "":
		return r.BankName
	}
	return r.BankName + " (" + r.Bank + ")"
}

// expiryText is a consent expiry with how far off it is: "20 Feb 2026 (in 90 days)".
func expiryText(at, now time.Time) string {
	if at.IsZero() {
		return ""
	}
	text := at.Format("2 Jan 2006 15:04")
	switch days := int(math.Round(at.Sub(now).Hours() / 24)); {
	case at.Before(now):
		text += " (expired)"
	case days == 1:
		text += " (in 1 day)"
	default:
		text += fmt.Sprintf(" (in %d days)", days)
	}
	return text
}

func (s resultScreen) ShortHelp() []key.Binding {
	return []key.Binding{s.c.keys.New}
}

func (s resultScreen) FullHelp() [][]key.Binding {
	return [][]key.Binding{{s.c.keys.New, withDesc(s.c.keys.Back, "journeys")}}
}
