package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/linkstep/linkstep/flows"
)

// The labels of flows.Result.Fields the returning-user card puts in its Identity and Account
// sections; any other field is listed under them.
var (
	identityLabels = []string{"Name", "Date of birth", "External user"}
	accountLabels  = []string{"Account", "IBAN", "BIC", "Balance"}
)

// returningScreen shows what the returning-user journey served without a second bank login, as
// a card: the bank and the outcome, the identity, the chosen account, then the rest.
// Enter or n starts a new journey; ↑/↓ scroll when it is taller than the body.
type returningScreen struct {
	c       common
	journey string // the journey's title
	result  flows.Result
	scroll  scroller
}

func newReturningScreen(c common, journey string, r flows.Result) returningScreen {
	s := returningScreen{journey: journey, result: r, scroll: newScroller(c.keys)}
	return s.resize(c).(returningScreen)
}

func (s returningScreen) kind() screenKind { return kindReturning }
func (s returningScreen) title() string    { return "Returning user served" }
func (s returningScreen) typing() bool     { return false }
func (s returningScreen) ownsBack() bool   { return false }

func (s returningScreen) resize(c common) screen {
	s.c = c
	room := c.height - headLines(c.width, returningIntro) - scrollHintLines
	s.scroll = s.scroll.resize(c.width, room)
	s.scroll = s.scroll.setContent(s.body(room))
	return s
}

func (s returningScreen) update(msg tea.Msg) (screen, tea.Cmd) {
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

// field is the value of the result's field with the label, or "".
func (s returningScreen) field(label string) string {
	for _, f := range s.result.Fields {
		if f.Label == label {
			return f.Value
		}
	}
	return ""
}

// body is the result card, at least room lines tall: the bank and the outcome, the identity,
// the chosen account, then the rest of the result.
func (s returningScreen) body(room int) string {
	st, r := s.c.styles, s.result
	inner := cardInner(st, s.c.width)
	identity := s.fields(identityLabels)
	account := s.fields(accountLabels)
	for i, f := range account {
		if f.label == "IBAN" && !s.c.mask.on {
			account[i].value = groupIBAN(f.value)
		}
	}
	rest := []field{{"Session", r.ConnectionID}}
	for _, f := range r.Fields {
		if !slices.Contains(identityLabels, f.Label) && !slices.Contains(accountLabels, f.Label) {
			rest = append(rest, field{f.Label, s.c.mask.field(f.Label, f.Value)})
		}
	}
	rest = append(rest, field{"Storage", r.Storage})
	lw := labelWidth(append(append(identity, account...), rest...)...)
	section := func(heading string, fields []field) string {
		if len(fields) == 0 {
			return ""
		}
		return sectionText(st, inner, heading, "", tableWith(st, inner, lw, fields))
	}
	top := cardTop{bank: bankText(r), outcome: "✓ no second bank login", journey: s.journey}
	return resultCard(st, s.c.width, room, top, section("Identity", identity), section("Account", account), section("Details", rest))
}

// fields are the result's fields with the labels, in the labels' order.
func (s returningScreen) fields(labels []string) []field {
	var out []field
	for _, l := range labels {
		if v := s.field(l); v != "" {
			out = append(out, field{l, s.c.mask.field(l, v)})
		}
	}
	return out
}

// groupIBAN writes an IBAN in groups of four, as it is printed: "DE89 3704 0044 0532 0130 00".
func groupIBAN(iban string) string {
	compact := strings.ToUpper(strings.Join(strings.Fields(iban), ""))
	var groups []string
	for len(compact) > 4 {
		groups, compact = append(groups, compact[:4]), compact[4:]
	}
	return strings.Join(append(groups, compact), " ")
}

func (s returningScreen) view() string {
	st, w := s.c.styles, s.c.width
	content := s.scroll.view() + "\n" + spread("", styled(st.Muted, s.scroll.hint()), w)
	return page(st, w, s.title(), returningIntro, content)
}

// returningIntro says where a returning user's data comes from.
const returningIntro = "Served from the user's completed data sessions: no second bank login."

func (s returningScreen) ShortHelp() []key.Binding {
	k := s.c.keys
	if s.scroll.overflows() {
		return []key.Binding{k.Scroll, k.New}
	}
	return []key.Binding{k.New}
}

func (s returningScreen) FullHelp() [][]key.Binding {
	k := s.c.keys
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.New, withDesc(k.Back, "journeys")}}
}
