package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/linkstep/linkstep/flows"
)

// forgetScreen asks before a stored connection is forgotten, saying what will happen: revoked
// at the provider where it can be, its tokens deleted from where they live, its entry removed
// from the index. enter confirms; esc keeps the connection.
type forgetScreen struct {
	c       common
	summary flows.ConnectionSummary
	working bool // confirmed: forgetting
	spin    spinner.Model
}

func newForgetScreen(c common, sum flows.ConnectionSummary) forgetScreen {
	s := forgetScreen{
		summary: sum,
		spin:    spinner.New(spinner.WithSpinner(c.spinner), spinner.WithStyle(c.styles.Spinner)),
	}
	return s.resize(c).(forgetScreen)
}

func (s forgetScreen) kind() screenKind { return kindForget }
func (s forgetScreen) title() string    { return "Forget this connection?" }
func (s forgetScreen) typing() bool     { return false }
func (s forgetScreen) ownsBack() bool   { return false }

func (s forgetScreen) resize(c common) screen {
	s.c = c
	s.spin.Style = c.styles.Spinner
	return s
}

func (s forgetScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case spinner.TickMsg:
		if !s.working {
			return s, nil
		}
		var cmd tea.Cmd
		s.spin, cmd = s.spin.Update(msg)
		return s, cmd
	case tea.KeyPressMsg:
		if !s.working && key.Matches(msg, s.c.keys.Confirm) {
			s.working = true
			return s, tea.Batch(send(forgetConnectionMsg{id: s.summary.ID}), s.spin.Tick)
		}
	}
	return s, nil
}

// steps are what forgetting the connection will do, in order.
func (s forgetScreen) steps() []string {
	sum := s.summary
	name := providerName(sum)
	var steps []string
	if sum.Consent == flows.ConsentShortLived {
		steps = append(steps, name+" has nothing to revoke: its access token ends by itself")
	} else {
		steps = append(steps, "Revoke it at "+name+", where "+name+" can, so the bank stops sharing data")
	}
	switch {
	case sum.Storage == "":
		steps = append(steps, "No tokens are kept for it: nothing to delete from a keychain")
	case sum.TokensFound:
		steps = append(steps, "Delete its tokens from "+sum.Storage)
	default:
		steps = append(steps, "Its tokens are already gone from "+sum.Storage)
	}
	return append(steps, "Remove it from linkstep's index of connections")
}

func (s forgetScreen) view() string {
	st, w, sum := s.c.styles, s.c.width, s.summary
	var b strings.Builder
	b.WriteString(table(st, w, []field{
		{"Provider", joinFacts(providerName(sum), sum.Environment)},
		{"Bank", connectionWhat(sum, s.c.mask)},
		{"Id", sum.ID},
		{"Consent", consentNote(sum)},
	}))
	b.WriteString("\n\n")
	b.WriteString(st.Section.Render("What happens"))
	b.WriteString("\n")
	b.WriteString(bullets(st, w, s.steps()))
	b.WriteString("\n\n")
	if s.working {
		b.WriteString("  " + s.spin.View() + "  " + st.Value.Render("forgetting "+sum.ID+"…"))
	} else {
		b.WriteString(st.Warn.Render(truncate("This cannot be undone: to use the bank again, make a new connection.", w)))
	}
	intro := "Forgetting does what is listed below: enter confirms, esc keeps the connection."
	return page(st, w, s.title(), intro, b.String())
}

func (s forgetScreen) ShortHelp() []key.Binding {
	k := s.c.keys
	if s.working {
		return []key.Binding{withDesc(k.Back, "connections")}
	}
	return []key.Binding{k.Confirm, withDesc(k.Back, "keep it")}
}

func (s forgetScreen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }
