package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/linkstep/linkstep/flows"
)

// signInChoiceRow is one person the mock bank offers to sign in as.
type signInChoiceRow struct{ choice flows.SignInChoice }

// FilterValue is what a filter would match: the label and the value.
func (r signInChoiceRow) FilterValue() string { return r.choice.Label + " " + r.choice.Value }

func (r signInChoiceRow) render(s Styles, selected bool, width int) string {
	label := s.Row.Render(r.choice.Label)
	if selected {
		label = s.Selected.Render(r.choice.Label)
	}
	return spread(cursorCell(s, selected)+label, s.Muted.Render(r.choice.Value), width)
}

// signInStatusLines is the room under the list for what signing in is doing.
const signInStatusLines = 2

// signInAsScreen is the mock bank's list of test identities, over the auth link screen, when
// the prompt offers people instead of a username and password (OneID's embedded sandbox): the
// generic choice screen lists them, and choosing one signs in as that person, the way the
// sign-in form does.
type signInAsScreen struct {
	c       common
	choices choiceScreen[signInChoiceRow]
	busy    string // who is being signed in, while it is in flight
	err     string // why the last sign-in failed
}

func newSignInAsScreen(c common, p flows.OpenAuthLink) signInAsScreen {
	rows := make([]signInChoiceRow, len(p.SignInChoices))
	for i, ch := range p.SignInChoices {
		rows[i] = signInChoiceRow{choice: ch}
	}
	choices := newChoiceScreen(c, choiceSpec[signInChoiceRow]{
		kind:   kindSignInAs,
		title:  "Sign in as a test identity",
		intro:  "The sandbox's mock bank: choose who signs in, and linkstep posts the bank's form for you.",
		noun:   [2]string{"identity", "identities"},
		lines:  1,
		choose: withDesc(c.keys.Choose, "sign in"),
		chosen: func(r signInChoiceRow) tea.Msg { return signInMsg{username: r.choice.Value} },
	}, rows)
	return signInAsScreen{choices: choices}.resize(c).(signInAsScreen)
}

func (s signInAsScreen) kind() screenKind { return kindSignInAs }
func (s signInAsScreen) title() string    { return s.choices.title() }
func (s signInAsScreen) typing() bool     { return false }
func (s signInAsScreen) ownsBack() bool   { return false }

// resize gives the list the rows it has and no more, so what signing in does shows under it.
func (s signInAsScreen) resize(c common) screen {
	s.c = c
	inner := c
	inner.height = min(c.height-signInStatusLines, headLines(c.width, s.choices.intro())+len(s.choices.list.Items())+1) // +1: the list's pager line
	s.choices = s.choices.resize(inner).(choiceScreen[signInChoiceRow])
	return s
}

func (s signInAsScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case signedInMsg:
		s.busy = ""
		if msg.err != nil {
			s.err = describe(msg.err)
		}
		return s, nil
	case tea.KeyPressMsg:
		if key.Matches(msg, s.choices.spec.choose) {
			r, ok := s.choices.selected()
			if !ok || s.busy != "" {
				return s, nil
			}
			s.busy, s.err = r.choice.Label, ""
		}
	}
	next, cmd := s.choices.update(msg)
	s.choices = next.(choiceScreen[signInChoiceRow])
	return s, cmd
}

func (s signInAsScreen) view() string {
	st, w := s.c.styles, s.c.width
	var status string
	switch {
	case s.busy != "":
		status = st.Muted.Render(truncate("signing in at the mock bank as "+s.busy+"…", w))
	case s.err != "":
		status = st.Error.Render(ansi.Wrap(s.err, max(10, w), " "))
	}
	return strings.TrimRight(s.choices.view(), "\n") + "\n\n" + status
}

func (s signInAsScreen) ShortHelp() []key.Binding {
	k := s.c.keys
	return []key.Binding{k.Up, k.Down, s.choices.spec.choose, withDesc(k.Back, "back to the link")}
}

func (s signInAsScreen) FullHelp() [][]key.Binding {
	k := s.c.keys
	return [][]key.Binding{{k.Up, k.Down}, {s.choices.spec.choose, withDesc(k.Back, "back to the link")}}
}
