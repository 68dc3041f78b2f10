package truelayer

import "strings"

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

// SandboxHosts are TrueLayer's sandbox hosts; treat as read-only.
var SandboxHosts = Hosts{Auth: SandboxAuthHost, API: SandboxAPIHost}

// LiveHosts are TrueLayer's production hosts; treat as read-only.
var LiveHosts = Hosts{Auth: LiveAuthHost, API: LiveAPIHost}

// trimmed returns h with any trailing slashes removed.
func (h Hosts) trimmed() Hosts {
	return Hosts{Auth: strings.TrimRight(h.Auth, "/"), API: strings.TrimRight(h.API, "/")}
}
