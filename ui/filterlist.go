package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/list"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// filterList is a bubbles list with a filter the user types after "/". The filter is applied
// synchronously on every keystroke (SetFilterText), so what is shown always matches what was
// typed, however fast.
type filterList struct {
	list    list.Model
	input   textinput.Model
	editing bool
	lines   int
	spacing int
	keys    KeyMap
	styles  Styles
	width   int
	noun    [2]string // singular, plural
}

// countWidth is room enough for "100 of 100 accounts" right of the filter.
const countWidth = 26

// filterLines is the height of the filter line and the blank line under it.
const filterLines = 2

func newFilterList(c common, items []list.Item, lines, spacing int, singular, plural string) filterList {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = "type to filter"
	in.CharLimit = 64
	f := filterList{
		list:    newList(c, items, lines, spacing, singular, plural),
		input:   in,
		lines:   lines,
		spacing: spacing,
		noun:    [2]string{singular, plural},
	}
	return f.resize(c, c.height)
}

// resize fits the list in width c.width and height lines, filter line included.
func (f filterList) resize(c common, height int) filterList {
	f.keys, f.styles, f.width = c.keys, c.styles, c.width
	styleList(&f.list, c)
	f.list.SetDelegate(rowDelegate{styles: c.styles, lines: f.lines, spacing: f.spacing})
	f.list.SetSize(c.width, max(1, height-filterLines))
	f.input.SetStyles(c.styles.Filter)
	f.input.SetWidth(max(10, c.width-countWidth-4)) // leaves room for the count
	return f
}

// update handles msg: while editing, keys go to the filter; otherwise to the list.
func (f filterList) update(msg tea.Msg) (filterList, tea.Cmd) {
	if f.editing {
		return f.updateEditing(msg)
	}
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, f.keys.Filter):
			f.editing = true
			f.input.CursorEnd()
			return f, f.input.Focus()
		case key.Matches(k, f.keys.Back) && f.list.IsFiltered():
			f.clear()
			return f, nil
		}
	}
	var cmd tea.Cmd
	f.list, cmd = f.list.Update(msg)
	return f, cmd
}

func (f filterList) updateEditing(msg tea.Msg) (filterList, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, f.keys.CancelEdit):
			f.clear()
			return f, nil
		case key.Matches(k, f.keys.ApplyFilter):
			f.editing = false
			f.input.Blur()
			if strings.TrimSpace(f.input.Value()) == "" {
				f.clear()
			}
			return f, nil
		}
	}
	before := f.input.Value()
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	if v := f.input.Value(); v != before {
		if strings.TrimSpace(v) == "" {
			f.list.ResetFilter()
		} else {
			f.list.SetFilterText(v)
		}
	}
	return f, cmd
}

// clear drops the filter and leaves editing.
func (f *filterList) clear() {
	f.editing = false
	f.input.Reset()
	f.input.Blur()
	f.list.ResetFilter()
}

// selected returns the highlighted item, or nil when nothing matches.
func (f filterList) selected() list.Item { return f.list.SelectedItem() }

// chosen reports whether msg chooses the highlighted row (the Choose key, outside the filter
// input), and which row that is; the row is nil when the filter hides every row.
func (f filterList) chosen(msg tea.Msg) (row list.Item, pressed bool) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || f.editing || !key.Matches(k, f.keys.Choose) {
		return nil, false
	}
	return f.selected(), true
}

// ownsBack reports whether esc clears the filter rather than going back.
func (f filterList) ownsBack() bool { return f.editing || f.list.IsFiltered() }

// view draws the filter line, heading (when not empty) and the list.
func (f filterList) view(heading string) string {
	var line string
	switch {
	case f.editing:
		line = f.input.View()
	case f.list.IsFiltered():
		line = f.styles.Muted.Render("filter: ") + f.styles.Value.Render(f.input.Value()) +
			f.styles.Muted.Render("  (esc clears)")
	default:
		line = f.styles.Muted.Render("press / to filter")
	}
	line = spread(line, f.styles.Muted.Render(f.count()), f.width)
	out := line + "\n\n"
	if heading != "" {
		out += heading + "\n"
	}
	return out + f.list.View()
}

// count says how many rows there are, or match: "3 of 100 accounts".
func (f filterList) count() string {
	total, shown := len(f.list.Items()), len(f.list.VisibleItems())
	noun := f.noun[1]
	if total == 1 {
		noun = f.noun[0]
	}
	if shown == total {
		return fmt.Sprintf("%d %s", total, noun)
	}
	return fmt.Sprintf("%d of %d %s", shown, total, noun)
}

// helpKeys returns the keys that apply now, for the footer.
func (f filterList) helpKeys(choose key.Binding, back key.Binding) []key.Binding {
	switch {
	case f.editing:
		return []key.Binding{f.keys.ApplyFilter, f.keys.CancelEdit}
	case f.list.IsFiltered():
		return []key.Binding{f.keys.Up, f.keys.Down, choose, f.keys.Filter, f.keys.ClearFilter}
	default:
		return []key.Binding{f.keys.Up, f.keys.Down, choose, f.keys.Filter, back}
	}
}
