package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/list"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/linkstep/linkstep/flows"
)

// accountColumns are the widths of the account list's columns.
type accountColumns struct{ name, kind, currency int }

// accountNumberWidth fits "•••• 1234".
const accountNumberWidth = 9

// accountItem is one account in the account list; its cells are laid out once, so drawing
// a page of rows stays cheap.
type accountItem struct {
	acc    flows.Account
	filter string
	name   string // padded to the name column
	rest   string // type, currency, masked number and sort code, padded to their columns
	width  int    // of the whole row
}

func newAccountItem(a flows.Account, cols accountColumns) accountItem {
	number := maskNumber(a.Number)
	rest := padRight(a.Type, cols.kind) + "  " + padRight(a.Currency, cols.currency) + "  " +
		padRight(number, accountNumberWidth) + "  " + formatSortCode(a.SortCode)
	name := padRight(a.DisplayName, cols.name)
	return accountItem{
		acc:    a,
		filter: a.DisplayName + " " + a.Type + " " + a.Currency + " " + number,
		name:   name,
		rest:   rest,
		width:  2 + ansi.StringWidth(name) + 2 + ansi.StringWidth(rest),
	}
}

// FilterValue is what the filter matches: name, type, currency and the last four digits.
func (i accountItem) FilterValue() string { return i.filter }

func (i accountItem) render(s Styles, selected bool, width int) string {
	name := s.Row.Render(i.name)
	if selected {
		name = s.Selected.Render(i.name)
	}
	line := cursorCell(s, selected) + name + "  " + s.RowDim.Render(i.rest)
	if i.width > width {
		line = truncate(line, width)
	}
	return line
}

// accountsScreen answers flows.ChooseAccount from a fast, filterable list.
type accountsScreen struct {
	c        common
	prompt   flows.ChooseAccount
	cols     accountColumns
	accounts filterList
}

func newAccountsScreen(c common, p flows.ChooseAccount) accountsScreen {
	cols := accountColumns{name: len("Account"), kind: len("Type"), currency: len("Cur")}
	for _, a := range p.Accounts {
		cols.name = max(cols.name, min(30, len([]rune(a.DisplayName))))
		cols.kind = max(cols.kind, min(14, len([]rune(a.Type))))
		cols.currency = max(cols.currency, min(4, len([]rune(a.Currency))))
	}
	items := make([]list.Item, len(p.Accounts))
	for i, a := range p.Accounts {
		items[i] = newAccountItem(a, cols)
	}
	s := accountsScreen{c: c, prompt: p, cols: cols, accounts: newFilterList(c, items, 1, 0, "account", "accounts")}
	return s.resize(c).(accountsScreen)
}

func (a accountsScreen) kind() screenKind { return kindAccounts }
func (a accountsScreen) title() string    { return "Choose an account" }
func (a accountsScreen) typing() bool     { return a.accounts.editing }
func (a accountsScreen) ownsBack() bool   { return a.accounts.ownsBack() }

// accountHeadLines is the column heading line above the list.
const accountHeadLines = 1

func (a accountsScreen) resize(c common) screen {
	a.c = c
	a.accounts = a.accounts.resize(c, c.height-pageHead-accountHeadLines)
	return a
}

func (a accountsScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	if row, pressed := a.accounts.chosen(msg); pressed {
		if it, ok := row.(accountItem); ok {
			return a, send(answerMsg{answer: flows.AccountChoice{ID: it.acc.ID}})
		}
		return a, nil
	}
	var cmd tea.Cmd
	a.accounts, cmd = a.accounts.update(msg)
	return a, cmd
}

func (a accountsScreen) view() string {
	s := a.c.styles
	head := "  " + padRight("Account", a.cols.name) + "  " + padRight("Type", a.cols.kind) + "  " +
		padRight("Cur", a.cols.currency) + "  " + padRight("Number", accountNumberWidth) + "  " + "Sort code"
	intro := fmt.Sprintf("%d accounts are linked: choose the one whose identity linkstep verifies.", len(a.prompt.Accounts))
	return page(s, a.c.width, a.title(), intro, a.accounts.view(s.ColHead.Render(truncate(head, a.c.width))))
}

func (a accountsScreen) ShortHelp() []key.Binding {
	return a.accounts.helpKeys(a.c.keys.Choose, a.c.keys.Back)
}

func (a accountsScreen) FullHelp() [][]key.Binding {
	k := a.c.keys
	return [][]key.Binding{{k.Up, k.Down, k.Page}, {k.Filter, k.ApplyFilter, k.ClearFilter}, {k.Choose, k.Back}}
}
