package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// The filter of a choice screen is applied synchronously on every keystroke (SetFilterText),
// so what is shown always matches what was typed, however fast.

// countWidth is room enough for "100 of 100 accounts" right of the filter.
const countWidth = 26

// filterLines is the height of the filter line and the blank line under it.
const filterLines = 2

// updateEditing handles msg while the filter input has focus.
func (s choiceScreen[R]) updateEditing(msg tea.Msg) (screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, s.c.keys.CancelEdit):
			s.clearFilter()
			return s, nil
		case key.Matches(k, s.c.keys.ApplyFilter):
			s.editing = false
			s.input.Blur()
			if strings.TrimSpace(s.input.Value()) == "" {
				s.clearFilter()
			}
			return s, nil
		}
	}
	before := s.input.Value()
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	if v := s.input.Value(); v != before {
		if strings.TrimSpace(v) == "" {
			s.list.ResetFilter()
		} else {
			s.list.SetFilterText(v)
		}
		settlePages(&s.list)
	}
	return s, cmd
}

// clearFilter drops the filter and leaves editing.
func (s *choiceScreen[R]) clearFilter() {
	s.editing = false
	s.input.Reset()
	s.input.Blur()
	s.list.ResetFilter()
	settlePages(&s.list)
}

// filterLine is the filter input, the filter applied or how to filter, with the count at the
// right.
func (s choiceScreen[R]) filterLine() string {
	st := s.c.styles
	var line string
	switch {
	case s.editing:
		line = s.input.View()
	case s.list.IsFiltered():
		line = st.Muted.Render("filter: ") + st.Value.Render(s.input.Value()) + st.Muted.Render("  (esc clears)")
	default:
		line = st.Muted.Render("press / to filter")
	}
	return spread(line, st.Muted.Render(s.count()), s.c.width)
}

// count says how many rows there are, or match: "3 of 100 accounts".
func (s choiceScreen[R]) count() string {
	total, shown := len(s.list.Items()), len(s.list.VisibleItems())
	noun := s.spec.noun[1]
	if total == 1 {
		noun = s.spec.noun[0]
	}
	if shown == total {
		return fmt.Sprintf("%d %s", total, noun)
	}
	return fmt.Sprintf("%d of %d %s", shown, total, noun)
}
