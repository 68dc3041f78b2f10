package main

import (
	"fmt"
	"time"
)

// timeoutFlag is a positive duration flag.
type timeoutFlag struct{ d time.Duration }

func (t *timeoutFlag) String() string {
	if t.d == 0 {
		return ""
	}
	return t.d.String()
}

func (t *timeoutFlag) Set(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("not a duration (use e.g. 90s or 5m): %q", s)
	}
	if d <= 0 {
		return fmt.Errorf("must be positive: %q", s)
	}
	t.d = d
	return nil
}

func (t *timeoutFlag) Type() string { return "duration" }
