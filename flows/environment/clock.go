package environment

import (
	"sync"
	"time"
)

// Clock is the environment's clock: the real time moved by an offset, shared by the embedded
// sandbox and the journeys so that a demo can age connections ("expires in 5 days",
// "expired", "past the re-auth window") without waiting. It is safe for concurrent use.
type Clock struct {
	mu     sync.Mutex
	offset time.Duration
	now    func() time.Time
}

// NewClock returns a clock offset from now (nil means time.Now).
func NewClock(now func() time.Time, offset time.Duration) *Clock {
	if now == nil {
		now = time.Now
	}
	return &Clock{now: now, offset: offset}
}

// Now is the real time plus the offset.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now().Add(c.offset)
}

// Advance moves the clock by d (negative goes back).
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset += d
}

// Offset is how far the clock is from the real time.
func (c *Clock) Offset() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.offset
}
