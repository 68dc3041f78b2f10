package main

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/linkstep/linkstep/flows/oauthlink"
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

// maxClockDays bounds a clock offset: 100 years either way keeps every date the sandbox and the
// journeys compute from it (a consent 90 days on, a token an hour on) far inside time.Time's
// and time.Duration's range.
const maxClockDays = 36500

// maxClockOffset is maxClockDays as a duration.
const maxClockOffset = maxClockDays * 24 * time.Hour

// parseOffset reads +85d, -36h, 1d12h: an optional sign, then days and Go duration units, at
// most maxClockDays either way.
func parseOffset(s string) (time.Duration, error) {
	t := strings.TrimSpace(s)
	sign := time.Duration(1)
	switch {
	case strings.HasPrefix(t, "+"):
		t = t[1:]
	case strings.HasPrefix(t, "-"):
		t, sign = t[1:], -1
	}
	tooFar := fmt.Errorf("clock offset %q is out of range: from -%dd to +%dd (100 years)", s, maxClockDays, maxClockDays)
	var total time.Duration
	if i := strings.Index(t, "d"); i > 0 {
		n, err := strconv.Atoi(t[:i])
		if err != nil || n < 0 {
			return 0, fmt.Errorf("not a clock offset (use e.g. +85d, -2h or 1d12h): %q", s)
		}
		if n > maxClockDays {
			return 0, tooFar
		}
		total, t = time.Duration(n)*24*time.Hour, t[i+1:]
	}
	if t != "" {
		d, err := time.ParseDuration(t)
		if err != nil || d < 0 {
			return 0, fmt.Errorf("not a clock offset (use e.g. +85d, -2h or 1d12h): %q", s)
		}
		if d > maxClockOffset-total {
			return 0, tooFar
		}
		total += d
	}
	if total == 0 && strings.Trim(s, "+-0d ") != "" {
		return 0, fmt.Errorf("not a clock offset (use e.g. +85d, -2h or 1d12h): %q", s)
	}
	return sign * total, nil
}

// redirectURIFlag is a redirect URI as OAuth takes one: absolute, http or https, with a host, a
// port that is one (0, a free port, on the loopback only), and neither user info nor fragment.
// Whether the environment can use it is checked when a command runs (checkRedirectURI).
type redirectURIFlag struct{ uri string }

func (r *redirectURIFlag) String() string { return r.uri }

func (r *redirectURIFlag) Set(s string) error {
	if err := checkRedirectURISyntax(s); err != nil {
		return err
	}
	r.uri = s
	return nil
}

func (r *redirectURIFlag) Type() string { return "uri" }

// checkRedirectURISyntax explains what makes s no redirect URI; "" (the default) is one.
func checkRedirectURISyntax(s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return fmt.Errorf("not a URI: %q", s)
	case u.Scheme == "" || u.Host == "" || u.Opaque != "":
		return fmt.Errorf("%q is not an absolute URI with a host, e.g. http://127.0.0.1:8080/callback", s)
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Errorf("%q: a redirect URI is http or https (a loopback one linkstep listens on, e.g. http://127.0.0.1:8080/callback, or the https one registered with the provider)", s)
	case u.User != nil:
		return fmt.Errorf("%q: a redirect URI carries no user name or password", s)
	case u.Fragment != "" || strings.Contains(s, "#"):
		return fmt.Errorf("%q: a redirect URI has no fragment (#...)", s)
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		switch {
		case err != nil || n > 65535:
			return fmt.Errorf("%q: port %s is not a port (1 to 65535, or 0 for a free one on the loopback)", s, p)
		case n == 0 && !oauthlink.IsLoopback(s):
			return fmt.Errorf("%q: port 0 (a free port) is for a loopback redirect URI linkstep listens on", s)
		}
	}
	return nil
}
