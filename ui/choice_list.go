package ui

import (
	"io"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/list"
	tea "charm.land/bubbletea/v2"
)

// choiceRow is one row of a choice screen: it says what the filter matches (FilterValue, which
// makes it a list.Item) and draws itself.
type choiceRow interface {
	list.Item
	render(s Styles, selected bool, width int) string
}

// rowDelegate draws a choice screen's rows for the bubbles list.
type rowDelegate struct {
	styles  Styles
	lines   int // lines per row
	spacing int // blank lines between rows
}

// Height is the number of lines of a row.
func (d rowDelegate) Height() int { return d.lines }

// Spacing is the number of blank lines between rows.
func (d rowDelegate) Spacing() int { return d.spacing }

// Update does nothing: the screens handle the keys.
func (d rowDelegate) Update(tea.Msg, *list.Model) tea.Cmd { return nil }

// Render draws one row.
func (d rowDelegate) Render(w io.Writer, m list.Model, index int, item list.Item) {
	r, ok := item.(choiceRow)
	if !ok {
		return
	}
	_, _ = io.WriteString(w, r.render(d.styles, index == m.Index(), m.Width()))
}

// cursorCell is the first cell of a row: a marker on the selected row.
func cursorCell(s Styles, selected bool) string {
	if selected {
		return s.Cursor.Render("›") + " "
	}
	return "  "
}

// listKeys is the bubbles list's key map reduced to moving around: the screens own every
// other key, filtering included.
func listKeys() list.KeyMap {
	k := list.DefaultKeyMap()
	for _, b := range []*key.Binding{
		&k.Filter, &k.ClearFilter, &k.CancelWhileFiltering, &k.AcceptWhileFiltering,
		&k.ShowFullHelp, &k.CloseFullHelp, &k.Quit, &k.ForceQuit,
	} {
		b.Unbind()
	}
	k.PrevPage.SetKeys("left", "pgup")
	k.NextPage.SetKeys("right", "pgdown")
	return k
}

// newList returns a bubbles list with linkstep's looks and without its own title, filter
// line, help or quit keys.
func newList(c common, items []list.Item, lines, spacing int, singular, plural string) list.Model {
	l := list.New(items, rowDelegate{styles: c.styles, lines: lines, spacing: spacing}, c.width, c.height)
	l.KeyMap = listKeys()
	l.DisableQuitKeybindings()
	l.SetShowTitle(false)
	l.SetShowFilter(false)
	l.SetShowHelp(false)
	l.SetFilteringEnabled(false) // the choice screen filters synchronously with SetFilterText
	l.SetShowStatusBar(false)    // the choice screen says how many rows match on its filter line
	l.SetStatusBarItemName(singular, plural)
	l.InfiniteScrolling = false
	l.Filter = substringFirst
	styleList(&l, c)
	return l
}

// substringFirst ranks the rows that contain the typed text as it is (ignoring case) first, in
// their own order, then the fuzzy matches: typing "77" finds "ACCOUNT 77" before "•••• 7273".
func substringFirst(term string, targets []string) []list.Rank {
	needle := strings.ToLower(term)
	var ranks []list.Rank
	exact := make(map[int]bool)
	for i, t := range targets {
		if at := strings.Index(strings.ToLower(t), needle); at >= 0 && needle != "" {
			matched := make([]int, 0, len(needle))
			for j := range len(needle) {
				matched = append(matched, at+j)
			}
			ranks = append(ranks, list.Rank{Index: i, MatchedIndexes: matched})
			exact[i] = true
		}
	}
	for _, r := range list.DefaultFilter(term, targets) {
		if !exact[r.Index] {
			ranks = append(ranks, r)
		}
	}
	return ranks
}

// styleList applies c's styles to l.
func styleList(l *list.Model, c common) {
	l.Styles = c.styles.List
	l.Paginator.ActiveDot = c.styles.List.ActivePaginationDot.String()
	l.Paginator.InactiveDot = c.styles.List.InactivePaginationDot.String()
}
