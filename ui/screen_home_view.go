package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/linkstep/linkstep/flows"
)

// connectionScreen shows one stored connection and its accounts with their balances, fetched
// live: a spinner while they come, why they did not with r to try again, scrollable when taller
// than the body. esc returns to the list.
type connectionScreen struct {
	c       common
	summary flows.ConnectionSummary // the list's, until the view brings a fresher one
	fetched *flows.ConnectionView
	err     error
	loading bool
	spin    spinner.Model
	scroll  scroller
}

// newConnectionScreen returns the screen, waiting for sum's accounts, and the command that
// starts its spinner.
func newConnectionScreen(c common, sum flows.ConnectionSummary) (connectionScreen, tea.Cmd) {
	s := connectionScreen{
		summary: sum,
		loading: true,
		spin:    spinner.New(spinner.WithSpinner(c.spinner), spinner.WithStyle(c.styles.Spinner)),
		scroll:  newScroller(c.keys),
	}
	s = s.resize(c).(connectionScreen)
	return s, s.spin.Tick
}

func (s connectionScreen) kind() screenKind { return kindConnection }
func (s connectionScreen) title() string    { return "Connection " + s.summary.ID }
func (s connectionScreen) typing() bool     { return false }
func (s connectionScreen) ownsBack() bool   { return false }

func (s connectionScreen) resize(c common) screen {
	s.c = c
	s.spin.Style = c.styles.Spinner
	s.scroll = s.scroll.resize(c.width, c.height-headLines(c.width, s.intro())-scrollHintLines)
	return s.layout()
}

// layout lays out what is shown to the width.
func (s connectionScreen) layout() connectionScreen {
	s.scroll = s.scroll.setContent(s.content())
	return s
}

func (s connectionScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case spinner.TickMsg:
		if !s.loading {
			return s, nil
		}
		var cmd tea.Cmd
		s.spin, cmd = s.spin.Update(msg)
		return s.layout(), cmd
	case connectionViewedMsg:
		if msg.id != s.summary.ID {
			return s, nil
		}
		s.loading, s.err, s.fetched = false, msg.err, nil
		if msg.err == nil {
			s.fetched = &msg.view
			s.summary = msg.view.Summary
		}
		return s.layout().top(), nil
	case tea.KeyPressMsg:
		if !s.loading && key.Matches(msg, s.c.keys.Retry) {
			s.loading, s.err = true, nil
			return s.layout(), tea.Batch(send(viewConnectionMsg{id: s.summary.ID}), s.spin.Tick)
		}
		s.scroll, _ = s.scroll.update(msg)
	}
	return s, nil
}

// top scrolls back to the first line.
func (s connectionScreen) top() connectionScreen {
	s.scroll = s.scroll.top()
	return s
}

// content is the connection's facts, then its accounts, the spinner or the error.
func (s connectionScreen) content() string {
	st, w, now := s.c.styles, s.c.width, s.c.now()
	sum := s.summary
	facts := table(st, w, []field{
		{"Provider", joinFacts(providerName(sum), sum.Environment)},
		{"Bank", connectionWhat(sum, s.c.mask)},
		{"Id", sum.ID},
		{"Created", createdText(sum)},
		{"Consent", consentStyle(st, sum, now).Render(consentNote(sum))},
		{"Access token", accessText(sum, now)},
		{"Tokens", storageText(sum)},
	})
	var b strings.Builder
	b.WriteString(facts)
	b.WriteString("\n\n")
	switch {
	case s.loading:
		b.WriteString("  " + s.spin.View() + "  " + st.Value.Render("reading the accounts and their balances…"))
	case s.err != nil:
		code, desc := flows.Describe(s.err)
		b.WriteString(st.Failed.Render(truncate("✗ Could not read the accounts", w)))
		b.WriteString("\n\n")
		b.WriteString(table(st, w, []field{{"Code", code}, {"Description", desc}}))
	case len(s.fetched.Accounts) == 0:
		b.WriteString(st.Muted.Render("No account is shared through this connection."))
	default:
		b.WriteString(st.Section.Render("Accounts"))
		b.WriteString("\n")
		b.WriteString(accountsTable(st, w, s.c.mask, s.fetched.Accounts))
	}
	return b.String()
}

// accountsTable lays out accounts with their balances under column headings, masked by m.
func accountsTable(st Styles, width int, m masker, accounts []flows.Account) string {
	cols := columnsFor(accounts)
	lines := []string{st.ColHead.Render(truncate(cols.heading(), width))}
	for _, a := range accounts {
		lines = append(lines, newAccountRow(m.account(a), cols).render(st, false, width))
	}
	return strings.Join(lines, "\n")
}

func (s connectionScreen) view() string {
	st, w := s.c.styles, s.c.width
	note := ""
	if s.err != nil {
		note = keyHint(st, "r", "tries again")
	}
	content := s.scroll.view() + "\n" + spread(note, styled(st.Muted, s.scroll.hint()), w)
	return page(st, w, s.title(), s.intro(), content)
}

// intro says where the accounts come from.
func (s connectionScreen) intro() string {
	return "Its accounts and balances, read live from " + providerName(s.summary) + " (an expired access token is renewed first)."
}

func (s connectionScreen) ShortHelp() []key.Binding {
	k := s.c.keys
	var b []key.Binding
	if s.scroll.overflows() {
		b = append(b, k.Scroll)
	}
	switch {
	case s.loading:
	case s.err != nil:
		b = append(b, k.Retry)
	default:
		b = append(b, withDesc(k.Retry, "read again"))
	}
	return append(b, withDesc(k.Back, "connections"))
}

func (s connectionScreen) FullHelp() [][]key.Binding {
	k := s.c.keys
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, s.ShortHelp()}
}
