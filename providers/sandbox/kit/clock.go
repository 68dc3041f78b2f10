package kit

import "time"

// Clock tells a sandbox the time; tests inject a fake one, and nil means time.Now.
type Clock func() time.Time

// Now returns the clock's time, or the real time for a nil Clock.
func (c Clock) Now() time.Time {
	if c == nil {
		return time.Now()
	}
	return c()
}
