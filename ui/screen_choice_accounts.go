package ui

import (
	"cmp"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/linkstep/linkstep/flows"
)

// accountColumns are the widths of the account list's columns; kind (the type), currency and
// balance are 0, and sortCode false, when no account has one, and then the list has no such
// column.
type accountColumns struct {
	name, kind, currency, balance int
	sortCode                      bool // some account has a sort code (UK accounts)
}

// sortCodeWidth fits "12-34-56" under the heading "Sort code".
const sortCodeWidth = len("Sort code")

// columnsFor fits the columns to accounts.
func columnsFor(accounts []flows.Account) accountColumns {
	cols := accountColumns{name: len("Account")}
	for _, a := range accounts {
		cols.name = max(cols.name, min(30, len([]rune(a.DisplayName))))
		cols.sortCode = cols.sortCode || a.SortCode != ""
		if a.Type != "" {
			cols.kind = max(cols.kind, len("Type"), min(24, len([]rune(a.Type))))
		}
		if a.Currency != "" {
			cols.currency = max(cols.currency, len("Cur"), min(4, len([]rune(a.Currency))))
		}
		if a.Balance != "" {
			cols.balance = max(cols.balance, len("Balance"), min(20, cellWidth(a.Balance)))
		}
	}
	return cols
}

// heading is the column headings over rows laid out with cols.
func (cols accountColumns) heading() string {
	h := "  " + padRight("Account", cols.name) + "  "
	if cols.kind != 0 {
		h += padRight("Type", cols.kind) + "  "
	}
	if cols.currency != 0 {
		h += padRight("Cur", cols.currency) + "  "
	}
	h += padRight("Number", accountNumberWidth)
	if cols.sortCode {
		h += "  " + padRight("Sort code", sortCodeWidth)
	}
	if cols.balance != 0 {
		h += "  " + padLeft("Balance", cols.balance)
	}
	return strings.TrimRight(h, " ")
}

// accountNumberWidth fits "•••• 1234".
const accountNumberWidth = 9

// accountRow is one account in the account list. Only its filter value is made when the list
// is built; its cells are laid out when it is drawn, so building a list of 10,000 accounts does
// not lay out rows nobody sees.
type accountRow struct {
	acc    flows.Account
	cols   accountColumns
	filter string
}

func newAccountRow(a flows.Account, cols accountColumns) accountRow {
	filter := a.DisplayName + " " + a.Type + " " + a.Currency + " " + maskNumber(a.Number)
	if cols.balance != 0 {
		filter += " " + a.Balance
	}
	return accountRow{acc: a, cols: cols, filter: filter}
}

// FilterValue is what the filter matches: name, type, currency, the last four digits and the
// balance.
func (r accountRow) FilterValue() string { return r.filter }

// cells are the row's name, padded to the name column, and the rest: type, currency, masked
// number, sort code and balance, padded to their columns.
func (r accountRow) cells() (name, rest string) {
	a, cols := r.acc, r.cols
	if cols.kind != 0 {
		rest = padCells(a.Type, cols.kind) + "  "
	}
	if cols.currency != 0 {
		rest += padCells(a.Currency, cols.currency) + "  "
	}
	rest += padCells(maskNumber(a.Number), accountNumberWidth)
	if cols.sortCode {
		rest += "  " + padCells(formatSortCode(a.SortCode), sortCodeWidth)
	}
	if cols.balance != 0 {
		rest += "  " + padLeft(a.Balance, cols.balance)
	}
	return padCells(a.DisplayName, cols.name), strings.TrimRight(rest, " ")
}

func (r accountRow) render(s Styles, selected bool, width int) string {
	name, rest := r.cells()
	styledName := s.Row.Render(name)
	if selected {
		styledName = s.Selected.Render(name)
	}
	line := cursorCell(s, selected) + styledName + "  " + s.RowDim.Render(rest)
	if 2+cellWidth(name)+2+cellWidth(rest) > width {
		line = truncate(line, width)
	}
	return line
}

// padCells is padRight, without walking the graphemes of printable ASCII that fits.
func padCells(s string, width int) string {
	if w := cellWidth(s); w <= width && w == len(s) {
		return s + strings.Repeat(" ", width-w)
	}
	return padRight(s, width)
}

// cellWidth is the width of s in cells: its length when it is printable ASCII, which is most
// of what an account list holds, without walking its graphemes.
func cellWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
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
		intro:   fmt.Sprintf("%s linked: choose the one %s.", accountsAre(len(p.Accounts)), cmp.Or(p.Purpose, "to use")),
		heading: cols.heading(),
		noun:    [2]string{"account", "accounts"},
		lines:   1,
		filter:  true,
		choose:  c.keys.Choose,
		chosen:  func(r accountRow) tea.Msg { return answerMsg{answer: flows.AccountChoice{ID: r.acc.ID}} },
	}, rows)
}

// accountsAre counts the linked accounts with their verb: "1 account is", "3 accounts are".
func accountsAre(n int) string {
	if n == 1 {
		return "1 account is"
	}
	return plural(n, "account") + " are"
}
