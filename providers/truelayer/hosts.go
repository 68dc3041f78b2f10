package truelayer

import (
	"strings"

	"github.com/linkstep/linkstep/providers"
)

// Hosts are the base URLs of one TrueLayer environment, without a trailing slash.
type Hosts struct {
	Auth string // the auth server: auth link, token endpoint, providers list
	API  string // the data API: /data/v1/..., /signup-plus/...
}

// The hosts of TrueLayer's two environments.
const (
	SandboxAuthHost = "https://auth.truelayer-sandbox.com"
	SandboxAPIHost  = "https://api.truelayer-sandbox.com"
	LiveAuthHost    = "https://auth.truelayer.com"
	LiveAPIHost     = "https://api.truelayer.com"
)

// HostsFor returns TrueLayer's hosts for a real environment; the embedded sandbox has no fixed
// hosts (it says where it listens), so it gets the zero Hosts.
func HostsFor(env providers.Environment) Hosts {
	switch env {
	case providers.Sandbox:
		return Hosts{Auth: SandboxAuthHost, API: SandboxAPIHost}
	case providers.Live:
		return Hosts{Auth: LiveAuthHost, API: LiveAPIHost}
	default:
		return Hosts{}
	}
}

// BankGroups returns the auth link's providers parameter for env: the Mock bank in the
// sandboxes, every UK Open Banking and OAuth bank live.
func BankGroups(env providers.Environment) []string {
	if env == providers.Live {
		return []string{ProvidersUKOpenBank, ProvidersUKOAuth}
	}
	return []string{ProvidersSandboxMock}
}

// trimmed returns h with any trailing slashes removed.
func (h Hosts) trimmed() Hosts {
	return Hosts{Auth: strings.TrimRight(h.Auth, "/"), API: strings.TrimRight(h.API, "/")}
}
