package ui

import (
	"fmt"
	"time"
)

// withClock makes the header show how far clock is moved from the real time; nil for none.
func (h header) withClock(clock Clock) header {
	h.clock = clock
	return h
}

// clockText says how far the demo clock is moved, "clock +85d", or "" while it shows the real
// time (or there is none).
func clockText(clock Clock) string {
	if clock == nil {
		return ""
	}
	d := clock.Offset()
	if d == 0 {
		return ""
	}
	return "clock " + offsetText(d)
}

// offsetText says a clock offset briefly: "+85d", "+2d 5h", "+5h", "-30m".
func offsetText(d time.Duration) string {
	sign := "+"
	if d < 0 {
		sign, d = "-", -d
	}
	const day = 24 * time.Hour
	days, rest := d/day, d%day
	hours := rest / time.Hour
	switch {
	case days > 0 && hours == 0:
		return fmt.Sprintf("%s%dd", sign, days)
	case days > 0:
		return fmt.Sprintf("%s%dd %dh", sign, days, hours)
	case hours > 0:
		return fmt.Sprintf("%s%dh", sign, hours)
	default:
		return fmt.Sprintf("%s%dm", sign, rest.Round(time.Minute)/time.Minute)
	}
}
