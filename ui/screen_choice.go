package ui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/list"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// choiceSpec is what one use of the choice screen fills in: its words, the shape of its rows,
// and the message that choosing a row sends up.
type choiceSpec[R choiceRow] struct {
	kind    screenKind
	title   string
	intro   string
	empty   string    // the intro, with nothing under it, when there is no row; "" lists anyway
	heading string    // column headings above the rows; "" for none
	noun    [2]string // what a row is, singular and plural: "3 of 100 accounts"
	lines   int       // lines per row
	spacing int       // blank lines between rows
	filter  bool      // "/" filters the rows
	choose  key.Binding
	chosen  func(R) tea.Msg // the message that answers with a row
	cursor  int             // the row highlighted at first
}

// choiceScreen is a list of rows to choose one from, filterable with "/" when its spec says
// so: the journey picker, the bank list and the account list are thin adapters over it.
type choiceScreen[R choiceRow] struct {
	c       common
	spec    choiceSpec[R]
	list    list.Model
	input   textinput.Model // the filter, typed after "/"
	editing bool            // the filter input has focus
}

func newChoiceScreen[R choiceRow](c common, spec choiceSpec[R], rows []R) choiceScreen[R] {
	items := make([]list.Item, len(rows))
	for i, r := range rows {
		items[i] = r
	}
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = "type to filter"
	in.CharLimit = 64
	s := choiceScreen[R]{
		spec:  spec,
		list:  newList(c, items, spec.lines, spec.spacing, spec.noun[0], spec.noun[1]),
		input: in,
	}
	s.list.Select(spec.cursor)
	return s.resize(c).(choiceScreen[R])
}

func (s choiceScreen[R]) kind() screenKind { return s.spec.kind }
func (s choiceScreen[R]) title() string    { return s.spec.title }
func (s choiceScreen[R]) typing() bool     { return s.editing }

// ownsBack reports whether esc clears the filter rather than going back.
func (s choiceScreen[R]) ownsBack() bool { return s.editing || s.list.IsFiltered() }

// headingLines is the height of the column headings, when there are some.
func (s choiceScreen[R]) headingLines() int {
	if s.spec.heading == "" {
		return 0
	}
	return 1
}

func (s choiceScreen[R]) resize(c common) screen {
	s.c = c
	height := c.height - headLines(c.width, s.intro()) - s.headingLines()
	if s.spec.filter {
		height -= filterLines
	}
	styleList(&s.list, c)
	s.list.SetDelegate(rowDelegate{styles: c.styles, lines: s.spec.lines, spacing: s.spec.spacing})
	s.list.SetSize(c.width, max(1, height))
	settlePages(&s.list)
	s.input.SetStyles(c.styles.Filter)
	s.input.SetWidth(max(10, c.width-countWidth-4)) // leaves room for the count
	return s
}

// selected is the highlighted row; false when there is none (the filter hides every row).
func (s choiceScreen[R]) selected() (R, bool) {
	r, ok := s.list.SelectedItem().(R)
	return r, ok
}

func (s choiceScreen[R]) update(msg tea.Msg) (screen, tea.Cmd) {
	if s.editing {
		return s.updateEditing(msg)
	}
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, s.spec.choose):
			if r, ok := s.selected(); ok {
				return s, send(s.spec.chosen(r))
			}
			return s, nil // nothing matches: nothing to choose
		case s.spec.filter && key.Matches(k, s.c.keys.Filter):
			s.editing = true
			s.input.CursorEnd()
			return s, s.input.Focus()
		case key.Matches(k, s.c.keys.Back) && s.list.IsFiltered():
			s.clearFilter()
			return s, nil
		}
	}
	var cmd tea.Cmd
	s.list, cmd = s.list.Update(msg)
	return s, cmd
}

func (s choiceScreen[R]) view() string {
	st, w := s.c.styles, s.c.width
	if len(s.list.Items()) == 0 && s.spec.empty != "" {
		return page(st, w, s.spec.title, s.intro(), "")
	}
	content := s.list.View()
	if s.spec.heading != "" {
		content = st.ColHead.Render(truncate(s.spec.heading, w)) + "\n" + content
	}
	if s.spec.filter {
		content = s.filterLine() + "\n\n" + content
	}
	return page(st, w, s.spec.title, s.intro(), content)
}

// intro is the sentence under the title: what to choose, or that there is nothing to.
func (s choiceScreen[R]) intro() string {
	if len(s.list.Items()) == 0 && s.spec.empty != "" {
		return s.spec.empty
	}
	return s.spec.intro
}

// ShortHelp is the keys that apply now: filtering has its own.
func (s choiceScreen[R]) ShortHelp() []key.Binding {
	k, choose := s.c.keys, s.spec.choose
	switch {
	case !s.spec.filter:
		return []key.Binding{k.Up, k.Down, choose}
	case s.editing:
		return []key.Binding{k.ApplyFilter, k.CancelEdit}
	case s.list.IsFiltered():
		return []key.Binding{k.Up, k.Down, choose, k.Filter, k.ClearFilter}
	default:
		return []key.Binding{k.Up, k.Down, choose, k.Filter, k.Back}
	}
}

// FullHelp is every key of the screen, in columns.
func (s choiceScreen[R]) FullHelp() [][]key.Binding {
	k, choose := s.c.keys, s.spec.choose
	if !s.spec.filter {
		return [][]key.Binding{{k.Up, k.Down, k.Page}, {choose}}
	}
	return [][]key.Binding{{k.Up, k.Down, k.Page}, {k.Filter, k.ApplyFilter, k.ClearFilter}, {choose, k.Back}}
}
