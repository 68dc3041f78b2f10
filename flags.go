package main

import (
	"fmt"
	"strconv"
	"strings"
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

// clockFlag is a clock offset such as +85d, -2h or 90d12h: Go durations plus d for days.
type clockFlag struct{ d time.Duration }

func (c *clockFlag) String() string {
	if c.d == 0 {
		return ""
	}
	return c.d.String()
}

func (c *clockFlag) Set(s string) error {
	d, err := parseOffset(s)
	if err != nil {
		return err
	}
	c.d = d
	return nil
}

func (c *clockFlag) Type() string { return "offset" }

// parseOffset reads +85d, -36h, 1d12h: an optional sign, then days and Go duration units.
func parseOffset(s string) (time.Duration, error) {
	t := strings.TrimSpace(s)
	sign := time.Duration(1)
	switch {
	case strings.HasPrefix(t, "+"):
		t = t[1:]
	case strings.HasPrefix(t, "-"):
		t, sign = t[1:], -1
	}
	var total time.Duration
	if i := strings.Index(t, "d"); i > 0 {
		n, err := strconv.Atoi(t[:i])
		if err != nil || n < 0 {
			return 0, fmt.Errorf("not a clock offset (use e.g. +85d, -2h or 1d12h): %q", s)
		}
		total, t = time.Duration(n)*24*time.Hour, t[i+1:]
	}
	if t != "" {
		d, err := time.ParseDuration(t)
		if err != nil || d < 0 {
			return 0, fmt.Errorf("not a clock offset (use e.g. +85d, -2h or 1d12h): %q", s)
		}
		total += d
	}
	if total == 0 && strings.Trim(s, "+-0d ") != "" {
		return 0, fmt.Errorf("not a clock offset (use e.g. +85d, -2h or 1d12h): %q", s)
	}
	return sign * total, nil
}
