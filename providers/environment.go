// Package providers holds what the provider API clients share: the environments a journey
// runs in and the config file each provider reads its credentials from.
package providers

import (
	"fmt"
	"strings"
)

// Environment is where a journey's provider calls go: the in-process sandbox or a provider's hosts.
type Environment int

const (
	// Embedded is the in-process sandbox that emulates every provider; it needs no credentials.
	Embedded Environment = iota
	// Sandbox is the providers' own test hosts, with sandbox credentials.
	Sandbox
	// Live is the providers' production hosts, with live credentials.
	Live
)

// Environments lists every environment in the order a user would meet them (a fresh slice).
func Environments() []Environment { return []Environment{Embedded, Sandbox, Live} }

// String returns the environment's flag value: embedded, sandbox or live.
func (e Environment) String() string {
	switch e {
	case Embedded:
		return "embedded"
	case Sandbox:
		return "sandbox"
	case Live:
		return "live"
	default:
		return fmt.Sprintf("environment(%d)", int(e))
	}
}

// IsReal reports whether calls leave the machine for a provider's own hosts.
func (e Environment) IsReal() bool { return e == Sandbox || e == Live }

// ParseEnvironment turns a flag value into an Environment, naming the valid values on error.
func ParseEnvironment(s string) (Environment, error) {
	for _, e := range Environments() {
		if strings.EqualFold(strings.TrimSpace(s), e.String()) {
			return e, nil
		}
	}
	return 0, fmt.Errorf("unknown environment %q: use embedded, sandbox or live", s)
}
