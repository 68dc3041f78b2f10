package ui

import (
	tea "charm.land/bubbletea/v2"
)

// journeyRow is one journey in the picker.
type journeyRow struct{ info journeyInfo }

// FilterValue is what a filter would match.
func (r journeyRow) FilterValue() string { return r.info.title + " " + r.info.id }

func (r journeyRow) render(s Styles, selected bool, width int) string {
	title := s.Row.Render(r.info.title)
	if selected {
		title = s.Selected.Render(r.info.title)
	}
	first := cursorCell(s, selected) + title
	first = spread(first, s.Muted.Render(r.info.id), width)
	second := "  " + s.RowDim.Render(truncate(r.info.summary, width-2))
	return first + "\n" + second
}

// pickerScreen lists the journeys; enter starts one.
type pickerScreen = choiceScreen[journeyRow]

// newPickerScreen lists journeys with the one whose id is last highlighted.
func newPickerScreen(c common, journeys []journeyInfo, last string) pickerScreen {
	rows := make([]journeyRow, len(journeys))
	cursor := 0
	for i, j := range journeys {
		rows[i] = journeyRow{info: j}
		if last != "" && j.id == last {
			cursor = i
		}
	}
	return newChoiceScreen(c, choiceSpec[journeyRow]{
		kind:    kindPicker,
		title:   "Choose a journey",
		intro:   "Each journey walks one provider's onboarding step by step, the way its guide reads.",
		empty:   "No journey is configured.",
		noun:    [2]string{"journey", "journeys"},
		lines:   2,
		spacing: 1,
		choose:  c.keys.Start,
		chosen:  func(r journeyRow) tea.Msg { return startJourneyMsg{id: r.info.id} },
		cursor:  cursor,
	}, rows)
}
