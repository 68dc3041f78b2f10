package ui

import (
	"fmt"
	"math"
	"time"
)

// soonDays is how close an expiry is, in days, for a list to warn about it.
const soonDays = 7

// spanWords says how long d is, roughly, in words: "under an hour", "5 hours", "1 day",
// "12 days".
func spanWords(d time.Duration) string {
	d = d.Abs()
	switch hours := int(d.Round(time.Hour) / time.Hour); {
	case d < time.Hour:
		return "under an hour"
	case hours < 24:
		return plural(hours, "hour")
	default:
		return plural(int(math.Round(d.Hours()/24)), "day")
	}
}

// plural is n and the noun, in the plural unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// expiryWords says when a consent expires, or expired, from now: "expires in 12 days",
// "expired 3 days ago".
func expiryWords(at, now time.Time) string {
	switch {
	case at.IsZero():
		return "expiry not recorded"
	case at.After(now):
		return "expires in " + spanWords(at.Sub(now))
	default:
		return "expired " + spanWords(now.Sub(at)) + " ago"
	}
}

// expiresSoon reports whether at is still ahead of now, but within soonDays.
func expiresSoon(at, now time.Time) bool {
	return at.After(now) && at.Sub(now) <= soonDays*24*time.Hour
}
