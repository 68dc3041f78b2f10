package ui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/list"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/linkstep/linkstep/flows"
)

// journeyItem is one journey in the picker.
type journeyItem struct{ j flows.Journey }

// FilterValue is what a filter would match.
func (i journeyItem) FilterValue() string { return i.j.Info().Title + " " + i.j.Info().ID }

func (i journeyItem) render(s Styles, selected bool, width int) string {
	title := s.Row.Render(i.j.Info().Title)
	if selected {
		title = s.Selected.Render(i.j.Info().Title)
	}
	first := cursorCell(s, selected) + title
	first = spread(first, s.Muted.Render(i.j.Info().ID), width)
	second := "  " + s.RowDim.Render(truncate(i.j.Info().Summary, width-2))
	return first + "\n" + second
}

// pickerScreen lists the journeys; enter starts one.
type pickerScreen struct {
	c    common
	list list.Model
}

func newPickerScreen(c common, journeys []flows.Journey, last flows.Journey) pickerScreen {
	items := make([]list.Item, len(journeys))
	selected := 0
	for i, j := range journeys {
		items[i] = journeyItem{j: j}
		if last != nil && j.Info().ID == last.Info().ID {
			selected = i
		}
	}
	p := pickerScreen{list: newList(c, items, 2, 1, "journey", "journeys")}
	p.list.SetShowStatusBar(false)
	p.list.Select(selected)
	return p.resize(c).(pickerScreen)
}

func (p pickerScreen) kind() screenKind { return kindPicker }
func (p pickerScreen) title() string    { return "Choose a journey" }
func (p pickerScreen) typing() bool     { return false }
func (p pickerScreen) ownsBack() bool   { return false }

func (p pickerScreen) resize(c common) screen {
	p.c = c
	styleList(&p.list, c)
	p.list.SetDelegate(rowDelegate{styles: c.styles, lines: 2, spacing: 1})
	p.list.SetSize(c.width, max(1, c.height-pageHead))
	return p
}

// highlighted is the journey under the cursor, for the header's provider.
func (p pickerScreen) highlighted() flows.Journey {
	if it, ok := p.list.SelectedItem().(journeyItem); ok {
		return it.j
	}
	return nil
}

func (p pickerScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, p.c.keys.Start) {
		if j := p.highlighted(); j != nil {
			return p, send(startJourneyMsg{journey: j})
		}
		return p, nil
	}
	var cmd tea.Cmd
	p.list, cmd = p.list.Update(msg)
	return p, cmd
}

func (p pickerScreen) view() string {
	s := p.c.styles
	if len(p.list.Items()) == 0 {
		return page(s, p.c.width, p.title(), "No journey is configured.", "")
	}
	intro := "Each journey walks one provider's onboarding step by step, the way its guide reads."
	return page(s, p.c.width, p.title(), ansi.Truncate(intro, p.c.width, "…"), p.list.View())
}

func (p pickerScreen) ShortHelp() []key.Binding {
	k := p.c.keys
	return []key.Binding{k.Up, k.Down, k.Start}
}

func (p pickerScreen) FullHelp() [][]key.Binding {
	k := p.c.keys
	return [][]key.Binding{{k.Up, k.Down, k.Page}, {k.Start}}
}
