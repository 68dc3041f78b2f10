package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/linkstep/linkstep/flows"
)

// scopesScreen answers flows.ChooseScopes: a consent form that ticks the scopes to ask for
// and chooses the product, keeping the prompt's rules as the user goes (scopeForm). Enter
// answers with what is ticked; esc goes back.
type scopesScreen struct {
	c      common
	prompt flows.ChooseScopes
	form   scopeForm
	cursor int    // the row under the cursor: the scopes, then the products
	note   string // what the last tick carried along, or why it did nothing
	scroll scroller
}

func newScopesScreen(c common, p flows.ChooseScopes) scopesScreen {
	s := scopesScreen{prompt: p, form: newScopeForm(p), scroll: newScroller(c.keys)}
	return s.resize(c).(scopesScreen)
}

func (s scopesScreen) kind() screenKind { return kindScopes }
func (s scopesScreen) title() string    { return "Choose what to share" }
func (s scopesScreen) typing() bool     { return false }
func (s scopesScreen) ownsBack() bool   { return false }

func (s scopesScreen) resize(c common) screen {
	s.c = c
	s.scroll = s.scroll.resize(c.width, c.height-headLines(c.width, scopesIntro)-scrollHintLines)
	return s.refresh()
}

// rows is the number of rows the cursor moves over.
func (s scopesScreen) rows() int { return len(s.form.scopes) + len(s.form.products) }

func (s scopesScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return s, nil
	}
	keys := s.c.keys
	if scroll, paged := s.scroll.page(k); paged {
		s.scroll = scroll
		return s, nil
	}
	switch {
	case key.Matches(k, keys.Submit):
		return s, send(answerMsg{answer: s.form.answer()})
	case key.Matches(k, keys.Up):
		s.cursor = max(0, s.cursor-1)
	case key.Matches(k, keys.Down):
		s.cursor = min(s.rows()-1, s.cursor+1)
	case key.Matches(k, keys.Toggle):
		s = s.toggle()
	default:
		return s, nil
	}
	return s.refresh(), nil
}

// toggle ticks or unticks the scope under the cursor, or chooses the product under it.
func (s scopesScreen) toggle() scopesScreen {
	if s.cursor < len(s.form.scopes) {
		s.form, s.note = s.form.toggle(s.cursor)
		return s
	}
	s.form, s.note = s.form.choose(s.cursor-len(s.form.scopes)), ""
	return s
}

// refresh lays the form out again and scrolls the cursor's row into sight.
func (s scopesScreen) refresh() scopesScreen {
	content, line := s.body()
	s.scroll = s.scroll.setContent(content).show(line, line)
	return s
}

// body is the form laid out, and the line the cursor is on.
func (s scopesScreen) body() (string, int) {
	st, p, w := s.c.styles, s.prompt, s.c.width
	var lines []string
	lines = append(lines, strings.Split(table(st, w, []field{
		{"Provider", p.Provider},
		{"Environment", p.Environment},
		{"Issuer", p.Issuer},
		{"Redirect URI", p.RedirectURI},
	}), "\n")...)
	lines = append(lines, "", st.Section.Render("Ask for")+st.Muted.Render("  (space ticks)"))
	cursorLine := len(lines) + s.cursor
	nameWidth, labelWidth := 0, 0
	for _, sc := range s.form.scopes {
		nameWidth = max(nameWidth, ansi.StringWidth(sc.Name))
		labelWidth = max(labelWidth, ansi.StringWidth(sc.Label))
	}
	for i, sc := range s.form.scopes {
		lines = append(lines, s.scopeRow(i, sc, nameWidth, labelWidth))
	}
	if len(s.form.products) > 0 {
		lines = append(lines, "", st.Section.Render("Product")+st.Muted.Render("  (exactly one: space chooses)"))
		cursorLine += 2
		for i, name := range s.form.products {
			lines = append(lines, s.productRow(i, name))
		}
	}
	return strings.Join(lines, "\n"), cursorLine
}

// scopeRow is scope i's line: its box, its name and what it shares, and its rule.
func (s scopesScreen) scopeRow(i int, sc flows.Scope, nameWidth, labelWidth int) string {
	st := s.c.styles
	focused := s.cursor == i
	box := "[ ]"
	if s.form.ticked[i] {
		box = "[x]"
	}
	name := st.Row.Render(padRight(sc.Name, nameWidth))
	if focused {
		name = st.Selected.Render(padRight(sc.Name, nameWidth))
	}
	var tag string
	switch {
	case sc.Required:
		box, tag = st.Muted.Render(box), "always"
	case sc.Needs != "":
		box, tag = st.Value.Render(box), "needs "+sc.Needs
	default:
		box = st.Value.Render(box)
	}
	line := cursorCell(st, focused) + box + " " + name + "  "
	if tag == "" {
		line += st.RowDim.Render(sc.Label)
	} else {
		line += st.RowDim.Render(padRight(sc.Label, labelWidth)) + "  " + st.Muted.Render(tag)
	}
	return truncate(line, s.c.width)
}

// productRow is product i's line: its radio button and its name.
func (s scopesScreen) productRow(i int, product string) string {
	st := s.c.styles
	focused := s.cursor == len(s.form.scopes)+i
	radio := "( )"
	if s.form.product == i {
		radio = "(•)"
	}
	name := st.Row.Render(product)
	if focused {
		name = st.Selected.Render(product)
	}
	return truncate(cursorCell(st, focused)+st.Value.Render(radio)+" "+name, s.c.width)
}

func (s scopesScreen) view() string {
	st, w := s.c.styles, s.c.width
	content := s.scroll.view() + "\n" + spread(styled(st.Note, s.note), styled(st.Muted, s.scroll.hint()), w)
	return page(st, w, s.title(), scopesIntro, content)
}

// scopesIntro says what ticking does.
const scopesIntro = "Tick what linkstep asks the provider for; nothing is shared until you sign in at the bank."

func (s scopesScreen) ShortHelp() []key.Binding {
	k := s.c.keys
	return []key.Binding{k.Up, k.Down, withDesc(k.Toggle, "tick/choose"), withDesc(k.Submit, "continue"), k.Back}
}

func (s scopesScreen) FullHelp() [][]key.Binding {
	k := s.c.keys
	return [][]key.Binding{{k.Up, k.Down}, {withDesc(k.Toggle, "tick/choose")}, {withDesc(k.Submit, "continue"), k.Back}}
}
