package ui

import (
	"io"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/list"
	"charm.land/bubbles/v2/paginator"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
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
// line, help or quit keys. The items are given last, once the list is set up, so the setters
// do not lay out every page again; their filter values are lowercased once, for the filter.
func newList(c common, items []list.Item, lines, spacing int, singular, plural string) list.Model {
	l := list.New(nil, rowDelegate{styles: c.styles, lines: lines, spacing: spacing}, c.width, c.height)
	l.KeyMap = listKeys()
	l.DisableQuitKeybindings()
	l.SetShowTitle(false)
	l.SetShowFilter(false)
	l.SetShowHelp(false)
	l.SetFilteringEnabled(false) // the choice screen filters synchronously with SetFilterText
	l.SetShowStatusBar(false)    // the choice screen says how many rows match on its filter line
	l.SetStatusBarItemName(singular, plural)
	l.InfiniteScrolling = false
	l.Filter = newRowFilter(filterValues(items)).rank
	styleList(&l, c)
	l.SetItems(items)
	settlePages(&l)
	return l
}

// styleList applies c's styles to l.
func styleList(l *list.Model, c common) {
	l.Styles = c.styles.List
	l.Paginator.ActiveDot = c.styles.List.ActivePaginationDot.String()
	l.Paginator.InactiveDot = c.styles.List.InactivePaginationDot.String()
	// the numeric form, styled as the bubbles list styles it when the dots do not fit
	l.Paginator.ArabicFormat = c.styles.List.ArabicPagination.Render("%d/%d")
}

// settlePages lays the list's pages out again after the number of rows or the size changed.
// The bubbles list works out how many rows fit on a page from the pager of the layout before
// (none for one page): after a filter that left one page is cleared it would put a row too many
// on each page, the last one cut off, and no pager. Two more passes reach the layout that holds.
func settlePages(l *list.Model) {
	for range 2 {
		fitPaginator(l)
		l.SetSize(l.Width(), l.Height())
	}
	fitPaginator(l)
}

// fitPaginator shows one dot per page when the dots fit on a line and "3/500" otherwise,
// deciding from the number of pages so that no frame builds a line of dots only to throw it
// away (the bubbles list does, on every View, with 10,000 rows). Call it whenever the number
// of pages or the width may have changed.
func fitPaginator(l *list.Model) {
	dot := max(1, ansi.StringWidth(l.Paginator.InactiveDot))
	if l.Paginator.TotalPages*dot > l.Width() {
		l.Paginator.Type = paginator.Arabic
	} else {
		l.Paginator.Type = paginator.Dots
	}
}
