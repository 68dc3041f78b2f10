package ui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/linkstep/linkstep/flows"
)

// The rows of the reconfirmation form.
const (
	reconfirmName = iota
	reconfirmEmail
	reconfirmPhone
	reconfirmBox
)

// reconfirmScreen answers flows.ReconfirmConsent: the reconfirmation of consent TrueLayer
// requires the application to show before it extends a connection. It states what continues
// to be shared, with whom, from which bank, for how long and when the consent lapses; then the
// user gives their full name and an email or a phone, and ticks the box that reconfirms, with
// space. Enter answers, or refuses inline what is missing, keeping what was typed; esc goes
// back.
type reconfirmScreen struct {
	c       common
	prompt  flows.ReconfirmConsent
	form    form
	missing [reconfirmBox + 1]string // what each refused row still misses, for the note
	scroll  scroller
}

func newReconfirmScreen(c common, p flows.ReconfirmConsent) reconfirmScreen {
	box := checkField("Confirm", reconfirmText(p), false)
	box.gap = true
	s := reconfirmScreen{c: c, prompt: p, scroll: newScroller(c.keys)}
	s.form = newForm(
		textField("Full name", "first and last name", p.Name),
		textField("Email", "an email or a phone: at least one", p.Email),
		textField("Phone", "an email or a phone: at least one", p.Phone),
		box,
	)
	s.form, _ = s.form.focusOn(reconfirmName)
	return s.resize(c).(reconfirmScreen)
}

// reconfirmText is what ticking the box says.
func reconfirmText(p flows.ReconfirmConsent) string {
	text := "I reconfirm my consent: " + orDash(p.Recipient) + " keeps receiving the data above"
	if p.Bank != "" {
		text += " from " + p.Bank
	}
	if p.Validity != "" {
		text += " for " + p.Validity
	}
	return text
}

// orDash is s, or "—" for nothing.
func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func (s reconfirmScreen) kind() screenKind { return kindReconfirm }
func (s reconfirmScreen) title() string    { return "Reconfirm consent" }
func (s reconfirmScreen) typing() bool     { return true }
func (s reconfirmScreen) ownsBack() bool   { return false }

func (s reconfirmScreen) resize(c common) screen {
	s.c = c
	s.form = s.form.resize(c)
	s.scroll = s.scroll.resize(c.width, c.height-headLines(c.width, reconfirmIntro)-scrollHintLines)
	return s.refresh()
}

func (s reconfirmScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, s.c.keys.Submit) {
		return s.submit()
	}
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if scroll, paged := s.scroll.page(k); paged {
			s.scroll = scroll
			return s, nil
		}
	}
	var cmd tea.Cmd
	var changed bool
	s.form, cmd, changed = s.form.update(s.c.keys, msg)
	if changed && (s.form.focus == reconfirmEmail || s.form.focus == reconfirmPhone) && s.form.rows[reconfirmPhone].err == errNoContact {
		s.form = s.form.refuse(reconfirmPhone, "") // an email or a phone is being given
	}
	for i, r := range s.form.rows {
		if r.err == "" {
			s.missing[i] = "" // answered since: no longer missing
		}
	}
	return s.refresh(), cmd
}

// note says what the last enter found missing and is still missing.
func (s reconfirmScreen) note() string {
	var missing []string
	for _, m := range s.missing {
		if m != "" {
			missing = append(missing, m)
		}
	}
	if len(missing) == 0 {
		return ""
	}
	return "still missing: " + strings.Join(missing, " · ")
}

// errNoContact refuses a reconfirmation with neither an email nor a phone.
const errNoContact = "give an email or a phone: at least one"

// submit answers with the reconfirmation, or refuses what is missing where it is.
func (s reconfirmScreen) submit() (screen, tea.Cmd) {
	f := s.form.clearErrors()
	name := strings.Join(strings.Fields(f.rows[reconfirmName].input.Value()), " ")
	email, phone := f.rows[reconfirmEmail].value(), f.rows[reconfirmPhone].value()
	s.missing = [len(s.missing)]string{}
	refuse := func(row int, why, missing string) {
		f, s.missing[row] = f.refuse(row, why), missing
	}
	switch {
	case name == "":
		refuse(reconfirmName, "give the user's full name: first and last", "the full name")
	case !strings.Contains(name, " "):
		refuse(reconfirmName, "give the full name, first and last: "+name+" is one word", "the full name")
	}
	switch {
	case email == "" && phone == "":
		refuse(reconfirmPhone, errNoContact, "an email or a phone")
	case email != "":
		if why := emailProblem(email); why != "" {
			refuse(reconfirmEmail, why, "a valid email")
		}
	}
	if !f.rows[reconfirmBox].ticked {
		refuse(reconfirmBox, "tick the box with space to reconfirm: without it the connection is not extended", "the ticked box")
	}
	s.form = f
	if i := f.refused(); i >= 0 {
		var cmd tea.Cmd
		s.form, cmd = s.form.focusOn(i)
		return s.refresh(), cmd
	}
	return s, send(answerMsg{answer: flows.ConsentReconfirmed{Name: name, Email: email, Phone: phone, Confirmed: true}})
}

// statement is what the user reconfirms: the bank, the recipient, how long, when the consent
// lapses, and what continues to be shared.
func (s reconfirmScreen) statement() string {
	st, p, w := s.c.styles, s.prompt, s.c.width
	var b strings.Builder
	b.WriteString(table(st, w, []field{
		{"Bank", p.Bank},
		{"Shared with", p.Recipient},
		{"For", p.Validity},
		{"Consent", lapseText(p.ExpiresAt, s.c.now())},
		{"Through", p.Provider},
	}))
	b.WriteString("\n\n")
	b.WriteString(st.Section.Render("What continues to be shared"))
	b.WriteString("\n")
	b.WriteString(bullets(st, w, p.Shares))
	b.WriteString("\n\n")
	b.WriteString(st.Section.Render("Who reconfirms"))
	return b.String()
}

// lapseText says when a consent lapses or lapsed: "lapsed 20 Nov 2025 14:54, 2 days ago".
func lapseText(at, now time.Time) string {
	switch {
	case at.IsZero():
		return "expiry not recorded"
	case at.After(now):
		return "lapses " + at.Format("2 Jan 2006 15:04") + ", in " + spanWords(at.Sub(now))
	default:
		return "lapsed " + at.Format("2 Jan 2006 15:04") + ", " + spanWords(now.Sub(at)) + " ago"
	}
}

// refresh lays the statement and the form out again and scrolls the focused row into sight.
func (s reconfirmScreen) refresh() reconfirmScreen {
	head := s.statement()
	offset := strings.Count(head, "\n") + 1
	lines, first, last := s.form.lines(s.c.styles)
	s.scroll = s.scroll.setContent(head+"\n"+strings.Join(lines, "\n")).show(offset+first, offset+last)
	return s
}

func (s reconfirmScreen) view() string {
	st, w := s.c.styles, s.c.width
	content := s.scroll.view() + "\n" + spread(styled(st.Error, s.note()), styled(st.Muted, s.scroll.hint()), w)
	return page(st, w, s.title(), reconfirmIntro, content)
}

// reconfirmIntro says what the reconfirmation is for.
const reconfirmIntro = "Before the connection is extended, the user reconfirms what keeps being shared, and with whom."

func (s reconfirmScreen) ShortHelp() []key.Binding {
	k := s.c.keys
	return append(s.form.keysNow(k), withDesc(k.Submit, "reconfirm"), k.NextField, k.Back)
}

func (s reconfirmScreen) FullHelp() [][]key.Binding {
	k := s.c.keys
	return [][]key.Binding{{k.NextField, k.PrevField}, {k.Toggle}, {withDesc(k.Submit, "reconfirm"), k.Back}}
}
