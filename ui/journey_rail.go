package ui

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// railColumnShown reports whether the rail has a column at the left of the screens: on a wide
// terminal, from the start of a journey until the picker shows again.
func (a journeyArea) railColumnShown() bool {
	return a.c.width >= railColumnMinWidth && a.run.journey != nil && a.run.outcome != outcomeNone
}

// screenCommon is what the screens are sized with: the body, less the rail's column when it
// is shown.
func (a journeyArea) screenCommon() common {
	c := a.c
	if a.railColumnShown() {
		c.width -= railColumnWidth + railGap
	}
	return c
}

// railEnd is how the journey in flight, or the last one, stands: a step waiting on a retry
// counts as failed.
func (a journeyArea) railEnd() railEnd {
	switch {
	case a.run.outcome == outcomeSucceeded:
		return railSucceeded
	case a.run.outcome == outcomeFailed, a.top().kind() == kindFailure:
		return railFailed
	default:
		return railRunning
	}
}

// withRail puts the rail's column at the left of the screen's view when it is shown.
func (a journeyArea) withRail(screen string) string {
	if !a.railColumnShown() {
		return screen
	}
	col := railColumn(a.c.styles, a.run.rail, a.railEnd(), a.run.journey.Info().Title, railColumnWidth, a.c.height)
	return lipgloss.JoinHorizontal(lipgloss.Top, col, strings.Repeat(" ", railGap), screen)
}
