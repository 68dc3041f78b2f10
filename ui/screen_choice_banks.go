package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/linkstep/linkstep/flows"
)

// bankRow is one bank in the bank list.
type bankRow struct {
	bank      flows.Bank
	nameWidth int
}

// FilterValue is what the filter matches: the name, the id and the country.
func (r bankRow) FilterValue() string {
	return r.bank.Name + " " + r.bank.ID + " " + r.bank.Country
}

func (r bankRow) render(s Styles, selected bool, width int) string {
	name := padRight(r.bank.Name, r.nameWidth)
	if selected {
		name = s.Selected.Render(name)
	} else {
		name = s.Row.Render(name)
	}
	line := cursorCell(s, selected) + name + "  " + s.RowDim.Render(padRight(r.bank.ID, 20)) + "  " +
		s.RowDim.Render(strings.ToUpper(r.bank.Country))
	return truncate(line, width)
}

// bankScreen answers flows.ChooseBank from a filterable list of banks.
type bankScreen = choiceScreen[bankRow]

func newBankScreen(c common, p flows.ChooseBank) bankScreen {
	nameWidth := 12
	for _, b := range p.Banks {
		nameWidth = max(nameWidth, min(32, len([]rune(b.Name))))
	}
	rows := make([]bankRow, len(p.Banks))
	for i, b := range p.Banks {
		rows[i] = bankRow{bank: b, nameWidth: nameWidth}
	}
	return newChoiceScreen(c, choiceSpec[bankRow]{
		kind:   kindBank,
		title:  "Choose a bank",
		intro:  plural(len(p.Banks), "bank") + " can share what this journey needs; pick the one to connect.",
		noun:   [2]string{"bank", "banks"},
		lines:  1,
		filter: true,
		choose: c.keys.Choose,
		chosen: func(r bankRow) tea.Msg { return answerMsg{answer: flows.BankChoice{ID: r.bank.ID}} },
	}, rows)
}
