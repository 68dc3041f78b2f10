package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/linkstep/linkstep/flows"
)

// The rows of the identify form.
const (
	identifyKind = iota
	identifyValue
)

// identifierWords are how the form names a kind of identifier: the option, the label of the
// value and its hint.
func identifierWords(k flows.IdentifierKind) (option, label, hint string) {
	switch k {
	case flows.ByEmail:
		return "email", "Email", "the user's email address"
	case flows.ByPhone:
		return "phone", "Phone", "the user's phone number"
	case flows.ByReferenceID:
		return "reference id", "Reference id", "your application's id for the user"
	default:
		return string(k), string(k), ""
	}
}

// identifyScreen answers flows.IdentifyUser with exactly one identifier: the kind is chosen with
// ←/→ (or space) and one value is typed for it. Choosing another kind clears the value typed
// for the first. An empty value is refused inline; enter answers, esc goes back.
type identifyScreen struct {
	c      common
	prompt flows.IdentifyUser
	kinds  []flows.IdentifierKind
	form   form
	note   string // what choosing another kind cleared
}

func newIdentifyScreen(c common, p flows.IdentifyUser) identifyScreen {
	kinds := p.Kinds
	if len(kinds) == 0 {
		kinds = []flows.IdentifierKind{flows.ByEmail, flows.ByPhone, flows.ByReferenceID}
	}
	options := make([]string, len(kinds))
	for i, k := range kinds {
		options[i], _, _ = identifierWords(k)
	}
	s := identifyScreen{c: c, prompt: p, kinds: kinds}
	s.form = newForm(optionField("Identifier", options, 0), textField("", "", ""))
	for _, k := range kinds { // the column stays put when the label changes with the kind
		_, label, _ := identifierWords(k)
		s.form.minLabel = max(s.form.minLabel, len(label))
	}
	s = s.relabel()
	return s.resize(c).(identifyScreen)
}

func (s identifyScreen) kind() screenKind { return kindIdentify }
func (s identifyScreen) title() string    { return "Identify the returning user" }
func (s identifyScreen) typing() bool     { return true }
func (s identifyScreen) ownsBack() bool   { return false }

func (s identifyScreen) resize(c common) screen {
	s.c = c
	s.form = s.form.resize(c)
	return s
}

// chosen is the kind of identifier chosen.
func (s identifyScreen) chosen() flows.IdentifierKind {
	return s.kinds[s.form.rows[identifyKind].chosen]
}

// relabel names the value after the kind chosen.
func (s identifyScreen) relabel() identifyScreen {
	_, label, hint := identifierWords(s.chosen())
	s.form.rows = slices.Clone(s.form.rows)
	s.form.rows[identifyValue].label = label
	s.form.rows[identifyValue].input.Placeholder = hint
	return s
}

func (s identifyScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	k, isKey := msg.(tea.KeyPressMsg)
	keys := s.c.keys
	switch {
	case isKey && key.Matches(k, keys.Submit):
		return s.submit()
	case isKey && s.form.focus == identifyKind && k.Text != "" && !key.Matches(k, keys.Toggle):
		// typing on the kind row types the value
		var cmd tea.Cmd
		s.form, cmd = s.form.focusOn(identifyValue)
		next, typed := s.update(msg)
		return next, tea.Batch(cmd, typed)
	}
	was := s.chosen()
	var cmd tea.Cmd
	s.form, cmd, _ = s.form.update(keys, msg)
	if s.chosen() != was {
		s = s.switchKind(was)
	}
	return s, cmd
}

// switchKind clears the value typed for the kind chosen before: a returning user is found by
// one identifier.
func (s identifyScreen) switchKind(was flows.IdentifierKind) identifyScreen {
	s.form = s.form.clearErrors()
	s.note = ""
	if v := s.form.rows[identifyValue].input.Value(); v != "" {
		s.form.rows[identifyValue].input.Reset()
		option, _, _ := identifierWords(was)
		s.note = "cleared the " + option + " " + strings.TrimSpace(v) + ": a returning user is found by one identifier"
	}
	return s.relabel()
}

// submit answers with the identifier, or refuses an empty one.
func (s identifyScreen) submit() (screen, tea.Cmd) {
	value := s.form.rows[identifyValue].value()
	option, _, _ := identifierWords(s.chosen())
	var why string
	switch {
	case value == "":
		why = "give the user's " + option + ", or choose another kind of identifier"
	case s.chosen() == flows.ByEmail:
		why = emailProblem(value)
	}
	if why != "" {
		s.form = s.form.refuse(identifyValue, why)
		var cmd tea.Cmd
		s.form, cmd = s.form.focusOn(identifyValue)
		return s, cmd
	}
	return s, send(answerMsg{answer: flows.UserIdentified{Kind: s.chosen(), Value: value}})
}

func (s identifyScreen) view() string {
	st, w := s.c.styles, s.c.width
	lines, _, _ := s.form.lines(st)
	var b strings.Builder
	b.WriteString(strings.Join(lines, "\n"))
	b.WriteString("\n\n")
	b.WriteString(st.Muted.Render(ansi.Wrap("One identifier only: choosing another kind clears the value typed for the first.", max(10, w), " ")))
	if s.note != "" {
		b.WriteString("\n")
		b.WriteString(st.Note.Render(ansi.Wrap(s.note, max(10, w), " ")))
	}
	return page(st, w, s.title(), s.intro(), b.String())
}

// intro says how a returning user is found.
func (s identifyScreen) intro() string {
	return s.prompt.Provider + " finds a returning user's past sessions by exactly one identifier: choose which, then give it."
}

func (s identifyScreen) ShortHelp() []key.Binding {
	k := s.c.keys
	return append(s.form.keysNow(k), withDesc(k.Submit, "find the user"), k.NextField, k.Back)
}

func (s identifyScreen) FullHelp() [][]key.Binding {
	k := s.c.keys
	return [][]key.Binding{{k.NextField, k.PrevField}, {k.Options}, {withDesc(k.Submit, "find the user"), k.Back}}
}
