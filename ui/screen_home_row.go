package ui

import (
	"time"

	"github.com/linkstep/linkstep/flows"
)

// homeRow is one stored connection on the home, in three lines: provider, bank and
// environment with its id at the right; what its consent allows, coloured by how much is
// left; when it was made, its access token and where its tokens live. Its texts are laid out
// once, when the list is read.
type homeRow struct {
	summary flows.ConnectionSummary
	now     time.Time // when the texts were laid out
	what    string    // the bank, and an Ivy session's external user
	where   string    // "bank · environment"
	note    string
	facts   string
}

func newHomeRow(s flows.ConnectionSummary, now time.Time, m masker) homeRow {
	return homeRow{
		summary: s,
		now:     now,
		what:    connectionWhat(s, m),
		where:   joinFacts("", connectionWhat(s, m), s.Environment),
		note:    consentNote(s),
		facts:   rowFacts(s, now),
	}
}

// FilterValue is what a filter would match.
func (r homeRow) FilterValue() string {
	return providerName(r.summary) + " " + r.summary.ID + " " + r.what
}

func (r homeRow) render(s Styles, selected bool, width int) string {
	name := providerName(r.summary)
	title := s.Row.Render(name)
	if selected {
		title = s.Selected.Render(name)
	}
	where := ""
	if r.where != "" {
		where = s.RowDim.Render(" · " + r.where)
	}
	first := spread(cursorCell(s, selected)+title+where, s.Muted.Render(r.summary.ID), width)
	second := "  " + consentStyle(s, r.summary, r.now).Render(truncate(r.note, width-2))
	third := "  " + s.RowDim.Render(truncate(r.facts, width-2))
	return first + "\n" + second + "\n" + third
}
