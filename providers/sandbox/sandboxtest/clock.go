// Package sandboxtest holds what the sandbox packages' tests share.
package sandboxtest

import (
	"sync"
	"time"
)

// Clock is a clock the tests move by hand; it is safe for concurrent use.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock starts a clock at a fixed instant (14 March 2026, 09:26:53 UTC).
func NewClock() *Clock {
	return &Clock{t: time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC)}
}

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}
