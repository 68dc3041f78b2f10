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

// outputFlag is the headless output format: json or text.
type outputFlag string

func (o *outputFlag) String() string { return string(*o) }

func (o *outputFlag) Set(s string) error {
	switch s {
	case "json", "text":
		*o = outputFlag(s)
		return nil
	}
	return fmt.Errorf("unknown output %q: use json or text", s)
}

func (o *outputFlag) Type() string { return "json|text" }
