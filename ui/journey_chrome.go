package ui

import "fmt"

// chrome is the provider in play, where the journey is, its latest news and how many HTTP
// exchanges it made.
func (a journeyArea) chrome() chrome {
	status, counter := a.statusText()
	return chrome{provider: a.provider(), where: a.stepLine(), status: status, counter: counter}
}

// provider is the provider of the journey in flight, or of the one highlighted.
func (a journeyArea) provider() string {
	if p, ok := a.top().(pickerScreen); ok {
		if j, ok := highlighted(p); ok {
			return j.provider
		}
	}
	return a.run.provider
}

// waiting reports whether the UI waits on the journey (rather than the journey on the user).
func (a journeyArea) waiting() bool {
	return a.run.active && (a.run.pending == nil || a.run.signingIn)
}

// stepLine says where the journey is: "step 3 of 5 · Sign in at the bank".
func (a journeyArea) stepLine() string {
	st, w, step := a.c.styles, a.c.width, a.run.step
	where := fmt.Sprintf("step %d of %d · %s", step.Index, step.Total, step.Title)
	switch {
	case a.run.active:
		if step.Total == 0 {
			where = "starting " + a.run.journey.Info().Title
		}
		line := st.Step.Render(where)
		if a.waiting() && a.top().kind() != kindWorking {
			line += "  " + a.spin.View()
		}
		return truncate(line, w)
	case a.run.outcome == outcomeSucceeded:
		return st.Success.Render(truncate(fmt.Sprintf("done · all %d steps", step.Total), w))
	case a.run.outcome == outcomeFailed && step.Total > 0:
		return st.Error.Render(truncate("stopped at "+where, w))
	case a.run.outcome == outcomeFailed:
		return st.Error.Render(truncate("stopped before the first step", w))
	default:
		return st.Muted.Render(truncate("pick a journey to start", w))
	}
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
