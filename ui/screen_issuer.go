package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/linkstep/linkstep/flows"
)

// The fields of the issuer form, in tab order.
const (
	issuerField = iota
	clientIDField
	secretField
	issuerFields // how many there are
)

// issuerScreen answers flows.ConnectIssuer: a form with the issuer URL, the client id and an
// optional client secret, which stays masked. An empty issuer or client id is refused on the
// form, with what was typed kept.
type issuerScreen struct {
	c      common
	prompt flows.ConnectIssuer
	fields [issuerFields]textinput.Model
	focus  int
	errs   [issuerFields]string // why a field was refused
}

func newIssuerScreen(c common, p flows.ConnectIssuer) issuerScreen {
	var s issuerScreen
	s.prompt = p
	for i, spec := range []struct{ prompt, placeholder string }{
		{"Issuer URL     ", "the issuer's URL: https://…"},
		{"Client id      ", "the client id registered there"},
		{"Client secret  ", "optional: none for a public client (PKCE only)"},
	} {
		in := textinput.New()
		in.Prompt = spec.prompt
		in.Placeholder = spec.placeholder
		in.CharLimit = 2048
		s.fields[i] = in
	}
	s.fields[issuerField].SetValue(p.Issuer)
	s.fields[clientIDField].SetValue(p.ClientID)
	s.fields[secretField].EchoMode = textinput.EchoPassword
	s.fields[secretField].EchoCharacter = '•'
	s.fields[issuerField].Focus()
	return s.resize(c).(issuerScreen)
}

func (s issuerScreen) kind() screenKind { return kindIssuer }
func (s issuerScreen) title() string    { return "Connect an OpenID provider" }
func (s issuerScreen) typing() bool     { return true }
func (s issuerScreen) ownsBack() bool   { return false }

func (s issuerScreen) resize(c common) screen {
	s.c = c
	for i := range s.fields {
		s.fields[i].SetStyles(c.styles.Input)
		s.fields[i].SetWidth(min(60, max(10, c.width-20)))
	}
	return s
}

func (s issuerScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		keys := s.c.keys
		switch {
		case key.Matches(k, keys.Submit):
			return s.submit()
		case key.Matches(k, keys.NextField):
			return s.focusOn((s.focus + 1) % issuerFields)
		case key.Matches(k, keys.PrevField):
			return s.focusOn((s.focus + issuerFields - 1) % issuerFields)
		}
	}
	f := &s.fields[s.focus]
	before := f.Value()
	var cmd tea.Cmd
	*f, cmd = f.Update(msg)
	if f.Value() != before {
		s.errs[s.focus] = "" // the field changed: the old complaint no longer applies
	}
	return s, cmd
}

// submit answers with the form, or refuses the empty fields that are needed.
func (s issuerScreen) submit() (screen, tea.Cmd) {
	issuer := strings.TrimSpace(s.fields[issuerField].Value())
	clientID := strings.TrimSpace(s.fields[clientIDField].Value())
	s.errs = [issuerFields]string{}
	if issuer == "" {
		s.errs[issuerField] = "the issuer URL is needed: https://... (http:// on this machine)"
	} else if err := flows.CheckIssuerURL(issuer); err != nil {
		_, s.errs[issuerField] = flows.Describe(err)
	}
	if clientID == "" {
		s.errs[clientIDField] = "the client id registered at the provider is needed"
	}
	for i, e := range s.errs {
		if e != "" {
			return s.focusOn(i)
		}
	}
	return s, send(answerMsg{answer: flows.IssuerGiven{
		Issuer:       issuer,
		ClientID:     clientID,
		ClientSecret: s.fields[secretField].Value(),
	}})
}

func (s issuerScreen) focusOn(i int) (screen, tea.Cmd) {
	s.fields[s.focus].Blur()
	s.focus = i
	return s, s.fields[i].Focus()
}

func (s issuerScreen) view() string {
	st, w := s.c.styles, s.c.width
	var b strings.Builder
	for i, f := range s.fields {
		b.WriteString(cursorCell(st, i == s.focus) + f.View() + "\n")
		if s.errs[i] != "" {
			b.WriteString(indent(st.Error.Render(ansi.Wrap(s.errs[i], max(10, w-17), " ")), 17) + "\n")
		}
	}
	b.WriteString("\n")
	b.WriteString(st.Section.Render("Register this redirect URI at the provider"))
	b.WriteString("\n")
	b.WriteString(indent(st.Value.Render(ansi.Wrap(s.prompt.RedirectURI, max(10, w-2), "/&")), 2))
	b.WriteString("\n\n")
	b.WriteString(st.Muted.Render(ansi.Wrap("The secret stays masked here and is redacted from the recorded HTTP exchanges.", max(10, w), " ")))
	intro := "linkstep reads the provider's discovery document, then asks what to share."
	return page(st, w, s.title(), intro, b.String())
}

func (s issuerScreen) ShortHelp() []key.Binding {
	k := s.c.keys
	return []key.Binding{withDesc(k.Submit, "connect"), k.NextField, k.Back}
}

func (s issuerScreen) FullHelp() [][]key.Binding {
	k := s.c.keys
	return [][]key.Binding{{withDesc(k.Submit, "connect"), k.NextField, k.PrevField}, {k.Back}}
}
