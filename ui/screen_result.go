package ui

import (
	"fmt"
	"math"
	"slices"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/linkstep/linkstep/flows"
)

// resultScreen shows what a journey verified as a card: the bank and the outcome at the top,
// the verified fields below, the connection's facts last. ↑/↓ scroll when it is taller than
// the body; enter or n starts a new journey.
type resultScreen struct {
	c       common
	journey string // the journey's title
	result  flows.Result
	scroll  scroller
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
	s := resultScreen{journey: journey, result: r, scroll: newScroller(c.keys)}
	return s.resize(c).(resultScreen)
}

func (s resultScreen) kind() screenKind { return kindResult }
func (s resultScreen) title() string    { return "Connected" }
func (s resultScreen) typing() bool     { return false }
func (s resultScreen) ownsBack() bool   { return false }

func (s resultScreen) resize(c common) screen {
	s.c = c
	room := c.height - headLines(c.width, resultIntro) - scrollHintLines
	s.scroll = s.scroll.resize(c.width, room)
	s.scroll = s.scroll.setContent(s.card(room))
	return s
}

func (s resultScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return s, nil
	}
	if key.Matches(k, s.c.keys.New) {
		return s, send(newJourneyMsg{})
	}
	s.scroll, _ = s.scroll.update(k)
	return s, nil
}

// card is the result card, at least room lines tall; the verified fields are a blank line
// apart when that still fits.
func (s resultScreen) card(room int) string {
	st, r := s.c.styles, s.result
	inner := cardInner(st, s.c.width)
	facts := []field{
		{"Connection", r.ConnectionID},
		{"Account", r.AccountID},
		{"Consent expires", expiryText(r.ConsentExpiresAt, s.c.now())},
		{"Storage", r.Storage},
	}
	facts = slices.DeleteFunc(facts, func(f field) bool { return f.value == "" }) // extend and re-auth choose no account
	verified := make([]field, len(r.Fields))
	for i, f := range r.Fields {
		verified[i] = field{f.Label, s.c.mask.field(f.Label, f.Value)}
	}
	lw := labelWidth(append(facts, verified...)...)
	top := cardTop{bank: bankText(r), outcome: "✓ complete", journey: s.journey}
	draw := func(spacious bool) string {
		var fieldsText string
		if len(verified) > 0 {
			fieldsText = sectionText(st, inner, fieldsHeading(r), "", spacedTable(st, inner, lw, verified, spacious))
		}
		return resultCard(st, s.c.width, room, top, fieldsText, sectionText(st, inner, "Details", "", tableWith(st, inner, lw, facts)))
	}
	if spacious := draw(true); lineCount(spacious) <= room {
		return spacious
	}
	return draw(false)
}

func (s resultScreen) view() string {
	st, w := s.c.styles, s.c.width
	content := s.scroll.view() + "\n" + spread("", styled(st.Muted, s.scroll.hint()), w)
	return page(st, w, s.title(), resultIntro, content)
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
	if s.scroll.overflows() {
		return []key.Binding{s.c.keys.Scroll, s.c.keys.New}
	}
	return []key.Binding{s.c.keys.New}
}

func (s resultScreen) FullHelp() [][]key.Binding {
	k := s.c.keys
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.New, withDesc(k.Back, "journeys")}}
}

// resultIntro says what the result screen shows; where the tokens went (if there are any: Ivy
// reads by session id) is on the card.
const resultIntro = "The bank link is made; this is what the provider verified."

// fieldsHeading is the heading of a result's fields: what the provider verified, unless the
// journey says otherwise (a renewal).
func fieldsHeading(r flows.Result) string {
	if r.FieldsHeading != "" {
		return r.FieldsHeading
	}
	return "Verified"
}
