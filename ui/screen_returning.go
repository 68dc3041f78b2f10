package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/linkstep/linkstep/flows"
)

// The labels of flows.Result.Fields the returning-user view puts in its panels; any other field
// is listed under them.
var (
	identityLabels = []string{"Name", "Date of birth", "External user"}
	accountLabels  = []string{"Account", "IBAN", "BIC", "Balance"}
)

// panelsMinWidth is the width below which the panels are stacked rather than side by side.
const panelsMinWidth = 84

// returningScreen shows what the returning-user journey served without a second bank login:
// the bank, the identity and the chosen account side by side, then the rest of the result.
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
	s.scroll = s.scroll.resize(c.width, c.height-headLines(c.width, returningIntro)-scrollHintLines)
	s.scroll = s.scroll.setContent(s.body())
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

// body is the banner, the three panels and the rest of the result.
func (s returningScreen) body() string {
	st, w, r := s.c.styles, s.c.width, s.result
	var b strings.Builder
	b.WriteString(st.Done.Render(truncate("✓ "+s.journey+" complete", w)))
	b.WriteString("\n\n")
	b.WriteString(s.panels())
	b.WriteString("\n\n")
	rest := []field{{"Session", r.ConnectionID}}
	for _, f := range r.Fields {
		if !slices.Contains(identityLabels, f.Label) && !slices.Contains(accountLabels, f.Label) {
			rest = append(rest, field{f.Label, f.Value})
		}
	}
	rest = append(rest, field{"Storage", r.Storage})
	b.WriteString(table(st, w, rest))
	return b.String()
}

// panels are the bank, the identity and the account, side by side when there is room.
func (s returningScreen) panels() string {
	st, w, r := s.c.styles, s.c.width, s.result
	muted := func(parts ...string) []string {
		var out []string
		for _, p := range parts {
			if p != "" {
				out = append(out, st.Muted.Render(p))
			}
		}
		return out
	}
	prefixed := func(prefix, v string) string {
		if v == "" {
			return ""
		}
		return prefix + v
	}
	bank := panelText(st, "Bank", bankText(r), muted(prefixed("session ", r.ConnectionID)))
	identity := panelText(st, "Identity", s.field("Name"), muted(
		prefixed("born ", s.field("Date of birth")),
		prefixed("known by ", s.field("External user")),
	))
	account := panelText(st, "Account", s.field("Account"), append(
		[]string{st.Value.Render(groupIBAN(s.field("IBAN")))},
		muted(prefixed("BIC ", s.field("BIC")), prefixed("balance ", s.field("Balance")))...,
	))
	boxes := []string{bank, identity, account}
	if w < panelsMinWidth {
		for i, box := range boxes {
			boxes[i] = st.Panel.Width(w).Render(box)
		}
		return strings.Join(boxes, "\n")
	}
	gap := 2
	pw := (w - 2*gap) / 3
	h := 0
	for _, box := range boxes {
		h = max(h, lipgloss.Height(st.Panel.Width(pw).Render(box)))
	}
	for i, box := range boxes {
		boxes[i] = st.Panel.Width(pw).Height(h).Render(box)
	}
	space := strings.Repeat(" ", gap)
	return lipgloss.JoinHorizontal(lipgloss.Top, boxes[0], space, boxes[1], space, boxes[2])
}

// panelText is a panel's heading, its headline (or a dash) and its other lines.
func panelText(st Styles, heading, headline string, lines []string) string {
	if headline == "" {
		headline = "—"
	}
	var out []string
	out = append(out, st.Section.Render(heading), st.Big.Render(headline))
	for _, l := range lines {
		if ansi.Strip(l) != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
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
