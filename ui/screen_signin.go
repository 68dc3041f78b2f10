package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/linkstep/linkstep/flows"
)

// mockUsers are the sandbox's documented mock users, shown as a hint.
func mockUsers() []field {
	return []field{
		{"john / doe", "3 accounts"},
		{"john / iban", "3 accounts, own IBANs"},
		{"john1 / doe1", "1 account"},
		{"john100 / doe100", "100 accounts"},
		{"error.internal_error / error", "the bank fails"},
	}
}

// signInScreen is the mock bank's login form, over the auth link screen: linkstep posts it
// the way a browser would, and the bank's redirect answers the auth link prompt.
type signInScreen struct {
	c     common
	user  textinput.Model
	pass  textinput.Model
	focus int    // 0: username, 1: password
	busy  bool   // a sign-in is in flight
	err   string // why the last sign-in failed
}

func newSignInScreen(c common, p flows.OpenAuthLink) signInScreen {
	user := textinput.New()
	user.Prompt = "Username  "
	user.SetValue(p.DefaultUsername)
	user.CharLimit = 128
	pass := textinput.New()
	pass.Prompt = "Password  "
	pass.SetValue(p.DefaultPassword)
	pass.EchoMode = textinput.EchoPassword
	pass.EchoCharacter = '•'
	pass.CharLimit = 128
	user.Focus()
	return signInScreen{user: user, pass: pass}.resize(c).(signInScreen)
}

func (s signInScreen) kind() screenKind { return kindSignIn }
func (s signInScreen) title() string    { return "Sign in to the mock bank" }
func (s signInScreen) typing() bool     { return true }
func (s signInScreen) ownsBack() bool   { return false }

func (s signInScreen) resize(c common) screen {
	s.c = c
	for _, f := range []*textinput.Model{&s.user, &s.pass} {
		f.SetStyles(c.styles.Input)
		f.SetWidth(min(40, max(10, c.width-14)))
	}
	return s
}

func (s signInScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case signedInMsg:
		s.busy = false
		if msg.err != nil {
			s.err = describe(msg.err)
		}
		return s, nil
	case tea.KeyPressMsg:
		keys := s.c.keys
		switch {
		case key.Matches(msg, keys.Submit):
			if s.busy {
				return s, nil
			}
			s.busy, s.err = true, ""
			return s, send(signInMsg{username: s.user.Value(), password: s.pass.Value()})
		case key.Matches(msg, keys.NextField), key.Matches(msg, keys.PrevField):
			return s.focusOn(1 - s.focus)
		}
	}
	var cmd tea.Cmd
	f := s.focused()
	*f, cmd = f.Update(msg)
	return s, cmd
}

// focused is the field with focus, in s.
func (s *signInScreen) focused() *textinput.Model {
	if s.focus == 1 {
		return &s.pass
	}
	return &s.user
}

func (s signInScreen) focusOn(i int) (screen, tea.Cmd) {
	s.focused().Blur()
	s.focus = i
	return s, s.focused().Focus()
}

func (s signInScreen) view() string {
	st, w := s.c.styles, s.c.width
	var b strings.Builder
	b.WriteString(cursorCell(st, s.focus == 0) + s.user.View() + "\n")
	b.WriteString(cursorCell(st, s.focus == 1) + s.pass.View() + "\n")
	b.WriteString("\n")
	switch {
	case s.busy:
		b.WriteString(st.Muted.Render("signing in at the mock bank…"))
	case s.err != "":
		b.WriteString(st.Error.Render(ansi.Wrap(s.err, max(10, w), " ")))
	}
	b.WriteString("\n\n")
	b.WriteString(st.Section.Render("Mock users"))
	b.WriteString("\n")
	b.WriteString(indent(table(st, w-2, mockUsers()), 2))
	intro := "The sandbox's mock bank: linkstep posts its login form for you, as a browser would."
	return page(st, w, s.title(), intro, b.String())
}

func (s signInScreen) ShortHelp() []key.Binding {
	k := s.c.keys
	return []key.Binding{withDesc(k.Submit, "sign in"), k.NextField, withDesc(k.Back, "back to the link")}
}

func (s signInScreen) FullHelp() [][]key.Binding {
	k := s.c.keys
	return [][]key.Binding{{withDesc(k.Submit, "sign in"), k.NextField, k.PrevField}, {withDesc(k.Back, "back to the link")}}
}
