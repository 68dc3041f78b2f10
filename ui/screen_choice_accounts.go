package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/linkstep/linkstep/flows"
)

// accountColumns are the widths of the account list's columns; balance is 0 when no account
// has a balance, and then the list has no balance column.
type accountColumns struct{ name, kind, currency, balance int }

// sortCodeWidth fits "12-34-56" under the heading "Sort code".
const sortCodeWidth = len("Sort code")

// columnsFor fits the columns to accounts.
func columnsFor(accounts []flows.Account) accountColumns {
	cols := accountColumns{name: len("Account"), kind: len("Type"), currency: len("Cur")}
	for _, a := range accounts {
		cols.name = max(cols.name, min(30, len([]rune(a.DisplayName))))
		cols.kind = max(cols.kind, min(14, len([]rune(a.Type))))
		cols.currency = max(cols.currency, min(4, len([]rune(a.Currency))))
		if a.Balance != "" {
			cols.balance = max(cols.balance, len("Balance"), min(20, ansi.StringWidth(a.Balance)))
		}
	}
	return cols
}

// heading is the column headings over rows laid out with cols.
func (cols accountColumns) heading() string {
	h := "  " + padRight("Account", cols.name) + "  " + padRight("Type", cols.kind) + "  " +
		padRight("Cur", cols.currency) + "  " + padRight("Number", accountNumberWidth) + "  "
	if cols.balance == 0 {
		return h + "Sort code"
	}
	return h + padRight("Sort code", sortCodeWidth) + "  " + padLeft("Balance", cols.balance)
}

// accountNumberWidth fits "•••• 1234".
const accountNumberWidth = 9

// accountRow is one account in the account list; its cells are laid out once, so drawing a
// page of rows stays cheap.
type accountRow struct {
	acc    flows.Account
	filter string
	name   string // padded to the name column
	rest   string // type, currency, masked number and sort code, padded to their columns
	width  int    // of the whole row
}

func newAccountRow(a flows.Account, cols accountColumns) accountRow {
	number := maskNumber(a.Number)
	rest := padRight(a.Type, cols.kind) + "  " + padRight(a.Currency, cols.currency) + "  " +
		padRight(number, accountNumberWidth) + "  "
	filter := a.DisplayName + " " + a.Type + " " + a.Currency + " " + number
	if cols.balance == 0 {
		rest += formatSortCode(a.SortCode)
	} else {
		rest += padRight(formatSortCode(a.SortCode), sortCodeWidth) + "  " + padLeft(a.Balance, cols.balance)
		filter += " " + a.Balance
	}
	name := padRight(a.DisplayName, cols.name)
	return accountRow{
		acc:    a,
		filter: filter,
		name:   name,
		rest:   rest,
		width:  2 + ansi.StringWidth(name) + 2 + ansi.StringWidth(rest),
	}
}

// FilterValue is what the filter matches: name, type, currency, the last four digits and the
// balance.
func (r accountRow) FilterValue() string { return r.filter }

func (r accountRow) render(s Styles, selected bool, width int) string {
	name := s.Row.Render(r.name)
	if selected {
		name = s.Selected.Render(r.name)
	}
	line := cursorCell(s, selected) + name + "  " + s.RowDim.Render(r.rest)
	if r.width > width {
		line = truncate(line, width)
	}
	return line
}

// accountsScreen answers flows.ChooseAccount from a fast, filterable list.
type accountsScreen = choiceScreen[accountRow]

func newAccountsScreen(c common, p flows.ChooseAccount) accountsScreen {
	cols := columnsFor(p.Accounts)
	rows := make([]accountRow, len(p.Accounts))
	for i, a := range p.Accounts {
		rows[i] = newAccountRow(c.mask.account(a), cols)
	}
	return newChoiceScreen(c, choiceSpec[accountRow]{
		kind:    kindAccounts,
		title:   "Choose an account",
		intro:   fmt.Sprintf("%d accounts are linked: choose the one whose identity linkstep verifies.", len(p.Accounts)),
		heading: cols.heading(),
		noun:    [2]string{"account", "accounts"},
		lines:   1,
		filter:  true,
		choose:  c.keys.Choose,
		chosen:  func(r accountRow) tea.Msg { return answerMsg{answer: flows.AccountChoice{ID: r.acc.ID}} },
	}, rows)
}
