package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/list"
	tea "charm.land/bubbletea/v2"

	"github.com/linkstep/linkstep/flows"
)

// bankItem is one bank in the bank list.
type bankItem struct {
	bank      flows.Bank
	nameWidth int
}

// FilterValue is what the filter matches: the name, the id and the country.
func (i bankItem) FilterValue() string {
	return i.bank.Name + " " + i.bank.ID + " " + i.bank.Country
}

func (i bankItem) render(s Styles, selected bool, width int) string {
	name := padRight(i.bank.Name, i.nameWidth)
	if selected {
		name = s.Selected.Render(name)
	} else {
		name = s.Row.Render(name)
	}
	line := cursorCell(s, selected) + name + "  " + s.RowDim.Render(padRight(i.bank.ID, 20)) + "  " +
		s.RowDim.Render(strings.ToUpper(i.bank.Country))
	return truncate(line, width)
}

// bankScreen answers flows.ChooseBank from a filterable list of banks.
type bankScreen struct {
	c      common
	prompt flows.ChooseBank
	banks  filterList
}

func newBankScreen(c common, p flows.ChooseBank) bankScreen {
	nameWidth := 12
	for _, b := range p.Banks {
		nameWidth = max(nameWidth, min(32, len([]rune(b.Name))))
	}
	items := make([]list.Item, len(p.Banks))
	for i, b := range p.Banks {
		items[i] = bankItem{bank: b, nameWidth: nameWidth}
	}
	return bankScreen{c: c, prompt: p, banks: newFilterList(c, items, 1, 0, "bank", "banks")}.resize(c).(bankScreen)
}

func (b bankScreen) kind() screenKind { return kindBank }
func (b bankScreen) title() string    { return "Choose a bank" }
func (b bankScreen) typing() bool     { return b.banks.editing }
func (b bankScreen) ownsBack() bool   { return b.banks.ownsBack() }

func (b bankScreen) resize(c common) screen {
	b.c = c
	b.banks = b.banks.resize(c, c.height-pageHead)
	return b
}

func (b bankScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	if row, pressed := b.banks.chosen(msg); pressed {
		if it, ok := row.(bankItem); ok {
			return b, send(answerMsg{answer: flows.BankChoice{ID: it.bank.ID}})
		}
		return b, nil
	}
	var cmd tea.Cmd
	b.banks, cmd = b.banks.update(msg)
	return b, cmd
}

func (b bankScreen) view() string {
	intro := fmt.Sprintf("%d banks can share what this journey needs; pick the one to connect.", len(b.prompt.Banks))
	return page(b.c.styles, b.c.width, b.title(), intro, b.banks.view(""))
}

func (b bankScreen) ShortHelp() []key.Binding {
	return b.banks.helpKeys(b.c.keys.Choose, b.c.keys.Back)
}

func (b bankScreen) FullHelp() [][]key.Binding {
	k := b.c.keys
	return [][]key.Binding{{k.Up, k.Down, k.Page}, {k.Filter, k.ApplyFilter, k.ClearFilter}, {k.Choose, k.Back}}
}
