package ui

import "fmt"

// chrome is the provider in play, where the journey is, its latest news and how many HTTP
// exchanges it made.
func (a journeyArea) chrome() chrome {
	status, counter := a.statusText()
	return chrome{provider: a.provider(), where: a.stepLine(), status: status, counter: counter}
}

// provider is the provider of the journey in flight; none on the picker, where no provider
// has been chosen yet (not even the last run's).
func (a journeyArea) provider() string {
	if _, ok := a.top().(pickerScreen); ok {
		return ""
	}
	return a.run.provider
}

// waiting reports whether the UI waits on the journey (rather than the journey on the user).
func (a journeyArea) waiting() bool {
	return a.run.active && (a.run.pending == nil || a.run.signingIn)
}

// stepLine says where the journey is: the step rail on one line ("step 2 of 5  – ✓ ● Sign in at
// the bank  ○ Exchange the code (automatic) ○ ○"), or the step in words beside the rail's column.
func (a journeyArea) stepLine() string {
	st, w := a.c.styles, a.c.width
	var line string
	switch {
	case a.run.outcome == outcomeNone:
		return st.Muted.Render(truncate("pick a journey to start", w))
	case !a.run.rail.planned() && a.run.active:
		line = st.Step.Render("starting " + a.run.journey.Info().Title)
	case !a.run.rail.planned():
		return st.Error.Render(truncate("stopped before the first step", w))
	case a.railColumnShown():
		line = railWhere(st, a.run.rail, a.run.rail.rows(), a.railEnd()) // the column names the journey
	default:
		line = railLine(st, a.run.rail, a.railEnd(), w)
	}
	if a.run.active && a.waiting() && a.top().kind() != kindWorking {
		line += "  " + a.spin.View()
	}
	return truncate(line, w)
}

// statusText is the journey's latest news (left) and the count of HTTP exchanges (right).
func (a journeyArea) statusText() (news, count string) {
	st, status := a.c.styles, a.run.status
	switch {
	case status.text == "" || a.top().kind() == kindWorking: // the working screen shows it
	case status.warn:
		news = st.Warn.Render("⚠ " + status.text)
	default:
		news = st.Status.Render(status.text)
	}
	if n := a.run.exchangeCount; n > 0 {
		noun := "exchanges"
		if n == 1 {
			noun = "exchange"
		}
		count = st.Muted.Render(fmt.Sprintf("%d HTTP %s · %s", n, noun, a.c.keys.Inspector.Help().Key))
	}
	return news, count
}
