package ui

import (
	"fmt"
	"net/mail"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// rowKind is what a row of a form holds.
type rowKind int

const (
	textRow   rowKind = iota // a line of text
	optionRow                // one option of several, chosen with ←/→ or space
	checkRow                 // a box ticked with space
)

// String names the kind, for test failures.
func (k rowKind) String() string {
	switch k {
	case textRow:
		return "text"
	case optionRow:
		return "option"
	case checkRow:
		return "check"
	default:
		return fmt.Sprintf("row(%d)", int(k))
	}
}

// formRow is one row of a form: a label in the left column, then a text input, a choice of
// options or a box to tick, and under it why it was refused.
type formRow struct {
	kind    rowKind
	label   string          // the left column; "" continues the row above (a list)
	gap     bool            // a blank line above the row: it starts a group
	input   textinput.Model // textRow
	options []string        // optionRow, as shown
	chosen  int             // optionRow: the chosen option's index
	text    string          // checkRow: what ticking the box says
	ticked  bool            // checkRow
	err     string          // why the row was refused; it goes when the row changes
}

// textField is a text row holding value, with a hint while it is empty.
func textField(label, hint, value string) formRow {
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = hint
	in.CharLimit = 256
	in.SetValue(value)
	return formRow{kind: textRow, label: label, input: in}
}

// optionField is an option row with the option at chosen chosen.
func optionField(label string, options []string, chosen int) formRow {
	return formRow{kind: optionRow, label: label, options: options, chosen: chosen}
}

// checkField is a box saying text, ticked or not.
func checkField(label, text string, ticked bool) formRow {
	return formRow{kind: checkRow, label: label, text: text, ticked: ticked}
}

// value is a text row's text without the blanks around it.
func (r formRow) value() string { return strings.TrimSpace(r.input.Value()) }

// form is the rows of a hand-made form and the one with focus. Tab and shift+tab (↓ and ↑) move
// between the rows; a text row takes what is typed, ←/→ or space choose on an option row, and
// space ticks a check row. The screen that holds a form decides what enter does and lays the
// form out among its own words.
type form struct {
	rows     []formRow
	focus    int
	width    int // the body's width
	minLabel int // the left column is at least this wide, for labels that change
}

func newForm(rows ...formRow) form { return form{rows: rows} }

// labelWidth is the width of the left column.
func (f form) labelWidth() int {
	w := f.minLabel
	for _, r := range f.rows {
		w = max(w, ansi.StringWidth(r.label))
	}
	return w
}

// fieldColumn is where the fields start: the cursor, the labels and a gap.
func (f form) fieldColumn() int { return 2 + f.labelWidth() + 2 }

// resize gives the text inputs c's styles and the room there is.
func (f form) resize(c common) form {
	f.width = c.width
	f.rows = slices.Clone(f.rows)
	for i := range f.rows {
		if f.rows[i].kind != textRow {
			continue
		}
		f.rows[i].input.SetStyles(c.styles.Input)
		f.rows[i].input.SetWidth(min(60, max(10, c.width-f.fieldColumn()-1)))
	}
	return f
}

// focused is the row with focus.
func (f form) focused() formRow { return f.rows[f.focus] }

// focusOn moves the focus to row i.
func (f form) focusOn(i int) (form, tea.Cmd) {
	f.rows = slices.Clone(f.rows)
	f.rows[f.focus].input.Blur()
	f.focus = max(0, min(len(f.rows)-1, i))
	if f.rows[f.focus].kind != textRow {
		return f, nil
	}
	f.rows[f.focus].input.CursorEnd()
	return f, f.rows[f.focus].input.Focus()
}

// insert puts r before row i, keeping the focus on the row it was on.
func (f form) insert(i int, r formRow) form {
	f.rows = slices.Insert(slices.Clone(f.rows), i, r)
	if f.focus >= i {
		f.focus++
	}
	return f
}

// remove takes row i out, which must not have focus.
func (f form) remove(i int) form {
	f.rows = slices.Delete(slices.Clone(f.rows), i, i+1)
	if f.focus > i {
		f.focus--
	}
	return f
}

// refuse says why row i was refused.
func (f form) refuse(i int, why string) form {
	f.rows = slices.Clone(f.rows)
	f.rows[i].err = why
	return f
}

// clearErrors forgets every refusal.
func (f form) clearErrors() form {
	f.rows = slices.Clone(f.rows)
	for i := range f.rows {
		f.rows[i].err = ""
	}
	return f
}

// refused is the first row with a refusal, or -1.
func (f form) refused() int {
	return slices.IndexFunc(f.rows, func(r formRow) bool { return r.err != "" })
}

// update moves the focus, or gives msg to the row with focus; changed reports whether that
// row's text, choice or box changed (its refusal then goes).
func (f form) update(keys KeyMap, msg tea.Msg) (next form, cmd tea.Cmd, changed bool) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, keys.NextField):
			next, cmd = f.focusOn((f.focus + 1) % len(f.rows))
			return next, cmd, false
		case key.Matches(k, keys.PrevField):
			next, cmd = f.focusOn((f.focus + len(f.rows) - 1) % len(f.rows))
			return next, cmd, false
		}
	}
	f.rows = slices.Clone(f.rows)
	r := &f.rows[f.focus]
	switch r.kind {
	case textRow:
		before := r.input.Value()
		r.input, cmd = r.input.Update(msg)
		changed = r.input.Value() != before
	case optionRow:
		changed = r.choose(keys, msg)
	case checkRow:
		if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, keys.Toggle) {
			r.ticked, changed = !r.ticked, true
		}
	}
	if changed {
		r.err = ""
	}
	return f, cmd, changed
}

// choose moves an option row's choice on ←, → or space; it reports whether it moved.
func (r *formRow) choose(keys KeyMap, msg tea.Msg) bool {
	k, ok := msg.(tea.KeyPressMsg)
	n := len(r.options)
	if !ok || n < 2 {
		return false
	}
	switch {
	case key.Matches(k, keys.PrevOption):
		r.chosen = (r.chosen + n - 1) % n
	case key.Matches(k, keys.NextOption), key.Matches(k, keys.Toggle):
		r.chosen = (r.chosen + 1) % n
	default:
		return false
	}
	return true
}

// rowLines lays row i out: the cursor on the focused row, the label, the field, then why the
// row was refused.
func (f form) rowLines(st Styles, i int) []string {
	r, focused, lw, col := f.rows[i], i == f.focus, f.labelWidth(), f.fieldColumn()
	label := st.Label.Render(padRight(r.label, lw))
	if focused {
		label = st.Selected.Render(padRight(r.label, lw))
	}
	head := cursorCell(st, focused) + label + "  "
	var lines []string
	switch r.kind {
	case textRow:
		lines = []string{head + r.input.View()}
	case optionRow:
		lines = []string{truncate(head+f.optionsText(st, r, focused), f.width)}
	case checkRow:
		box := "[ ]"
		if r.ticked {
			box = "[x]"
		}
		text := st.Row.Render
		if focused {
			text = st.Selected.Render
		}
		wrapped := strings.Split(ansi.Wrap(r.text, max(10, f.width-col-4), " "), "\n")
		lines = append(lines, head+st.Value.Render(box)+" "+text(wrapped[0]))
		for _, w := range wrapped[1:] {
			lines = append(lines, strings.Repeat(" ", col+4)+text(w))
		}
	}
	if r.err != "" {
		for _, w := range strings.Split(ansi.Wrap(r.err, max(10, f.width-col), " "), "\n") {
			lines = append(lines, strings.Repeat(" ", col)+st.Error.Render(w))
		}
	}
	return lines
}

// optionsText is an option row's options side by side, the chosen one marked.
func (f form) optionsText(st Styles, r formRow, focused bool) string {
	parts := make([]string, len(r.options))
	for i, o := range r.options {
		switch {
		case i == r.chosen && focused:
			parts[i] = st.Value.Render("(•)") + " " + st.Selected.Render(o)
		case i == r.chosen:
			parts[i] = st.Value.Render("(•) " + o)
		default:
			parts[i] = st.RowDim.Render("( ) " + o)
		}
	}
	return strings.Join(parts, "  ")
}

// lines lays out every row, a blank line above each that starts a group, and says which
// lines the focused row takes (to scroll it into sight).
func (f form) lines(st Styles) (lines []string, first, last int) {
	for i, r := range f.rows {
		if r.gap && i > 0 {
			lines = append(lines, "")
		}
		if i == f.focus {
			first = len(lines)
		}
		lines = append(lines, f.rowLines(st, i)...)
		if i == f.focus {
			last = len(lines) - 1
		}
	}
	return lines, first, last
}

// keysNow are the keys the focused row answers to, for a screen's footer.
func (f form) keysNow(keys KeyMap) []key.Binding {
	switch f.focused().kind {
	case optionRow:
		return []key.Binding{keys.Options}
	case checkRow:
		return []key.Binding{keys.Toggle}
	}
	return nil
}

// emailProblem says why email is not an email address, or "" when it is one: a bare address,
// with a name, an @ and a domain.
func emailProblem(email string) string {
	a, err := mail.ParseAddress(email)
	if err != nil || a.Address != email || !strings.Contains(email, "@") {
		return fmt.Sprintf("%q is not an email address: it needs a name, an @ and a domain", email)
	}
	return ""
}
