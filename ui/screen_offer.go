package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/linkstep/linkstep/flows"
)

// offerScreen answers flows.OfferDataSession: it says the returning user has no completed data
// session, and offers to start one for them with their identifier filled in. Enter starts it;
// esc goes back to the identifier.
type offerScreen struct {
	c      common
	prompt flows.OfferDataSession
}

func newOfferScreen(c common, p flows.OfferDataSession) offerScreen {
	return offerScreen{c: c, prompt: p}
}

func (s offerScreen) kind() screenKind       { return kindOffer }
func (s offerScreen) title() string          { return "No completed session" }
func (s offerScreen) typing() bool           { return false }
func (s offerScreen) ownsBack() bool         { return false }
func (s offerScreen) resize(c common) screen { s.c = c; return s }

func (s offerScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, s.c.keys.Start) {
		return s, send(answerMsg{answer: flows.StartDataSession{}})
	}
	return s, nil
}

// identifiers are the user's identifiers that are set, masked in presenter mode.
func (s offerScreen) identifiers() []field {
	u := s.prompt.User
	var out []field
	for _, f := range []field{{"Email", u.Email}, {"Phone", u.Phone}, {"Reference id", u.ReferenceID}} {
		if f.value != "" {
			out = append(out, field{f.label, s.c.mask.field(f.label, f.value)})
		}
	}
	return out
}

// who names the user by their first identifier.
func (s offerScreen) who() string {
	if ids := s.identifiers(); len(ids) > 0 {
		return ids[0].value
	}
	return "this user"
}

func (s offerScreen) view() string {
	st, p, w := s.c.styles, s.prompt, s.c.width
	var b strings.Builder
	b.WriteString(st.Alert.Render(ansi.Wrap("! "+s.who()+" has no completed data session with "+p.Provider, max(10, w), " ")))
	b.WriteString("\n\n")
	if ids := s.identifiers(); len(ids) > 0 {
		b.WriteString(table(st, w, ids))
		b.WriteString("\n\n")
	}
	b.WriteString(st.Value.Render(ansi.Wrap("Start a data session for them: the user form opens with the identifier above "+
		"filled in, then they sign in at their bank once. Next time they are served from it, without a "+
		"second bank login.", max(10, w), " ")))
	b.WriteString("\n\n")
	b.WriteString(hintRows(w, keyHint(st, "enter", "start a data session for them"), keyHint(st, "esc", "back to the identifier")))
	intro := "A returning user is served from their completed data sessions; this one has none yet."
	return page(st, w, s.title(), intro, b.String())
}

func (s offerScreen) ShortHelp() []key.Binding {
	k := s.c.keys
	return []key.Binding{withDesc(k.Start, "start a data session"), k.Back}
}

func (s offerScreen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }
