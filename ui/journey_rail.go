package ui

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// railColumnShown reports whether the rail has a column at the left of the screens: on a
// terminal wide enough for it to stand in the margin beside the centred column, from the start
// of a journey until the picker shows again.
func (a journeyArea) railColumnShown() bool {
	return a.c.side >= railColumnWidth+railGap && a.run.journey != nil && a.run.outcome != outcomeNone
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

// side is the rail's column, with its gap, when it is shown: the root puts it in the margin
// left of the body.
func (a journeyArea) side(height int) string {
	if !a.railColumnShown() {
		return ""
	}
	col := railColumn(a.c.styles, a.run.rail, a.railEnd(), a.run.journey.Info().Title, railColumnWidth, height)
	return lipgloss.JoinHorizontal(lipgloss.Top, col, strings.Repeat(" ", railGap))
}
