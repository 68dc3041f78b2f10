package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/linkstep/linkstep/flows"
)

// consentScreen answers flows.ReviewConsent: accept, or decline by going back.
type consentScreen struct {
	c      common
	prompt flows.ReviewConsent
}

func newConsentScreen(c common, p flows.ReviewConsent) consentScreen {
	return consentScreen{c: c, prompt: p}
}

func (s consentScreen) kind() screenKind       { return kindConsent }
func (s consentScreen) title() string          { return "Review consent" }
func (s consentScreen) typing() bool           { return false }
func (s consentScreen) ownsBack() bool         { return false }
func (s consentScreen) resize(c common) screen { s.c = c; return s }

func (s consentScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, s.c.keys.Accept) {
		return s, send(answerMsg{answer: flows.ConsentGiven{}})
	}
	return s, nil
}

func (s consentScreen) view() string {
	st, p, w := s.c.styles, s.prompt, s.c.width
	who := []field{
		{"Provider", p.Provider},
		{"Environment", p.Environment},
		{"Bank", p.Bank},
		{"Valid for", p.Validity},
	}
	how := []field{
		{"Scopes", strings.Join(p.Scopes, " ")},
		{"Redirect URI", p.RedirectURI},
	}
	lw := labelWidth(append(who, how...)...)
	var b strings.Builder
	b.WriteString(tableWith(st, w, lw, who))
	b.WriteString("\n\n")
	b.WriteString(st.Section.Render("What will be shared"))
	b.WriteString("\n")
	b.WriteString(bullets(st, w, p.Shares))
	b.WriteString("\n\n")
	b.WriteString(tableWith(st, w, lw, how))
	intro := "Nothing is shared until you accept; declining goes back to the previous step."
	return page(st, w, s.title(), intro, b.String())
}

func (s consentScreen) ShortHelp() []key.Binding {
	return []key.Binding{s.c.keys.Accept, s.c.keys.Decline}
}

func (s consentScreen) FullHelp() [][]key.Binding {
	return [][]key.Binding{{s.c.keys.Accept, s.c.keys.Decline}}
}
