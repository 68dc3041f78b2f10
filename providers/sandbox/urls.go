package sandbox

import (
	"strings"

	"github.com/linkstep/linkstep/providers/sandbox/ivy"
	"github.com/linkstep/linkstep/providers/sandbox/oneid"
	"github.com/linkstep/linkstep/providers/sandbox/truelayer"
)

// URLs are the base URLs a client is configured with to talk to a sandbox.
type URLs struct {
	Base          string // the sandbox itself, e.g. http://127.0.0.1:8080
	TrueLayerAuth string // TrueLayer's auth server: auth link, /connect/token, /api/providers
	TrueLayerAPI  string // TrueLayer's data API: /data/v1/..., /signup-plus/...
	OneID         string // OneID's host (its issuer): discovery, /v2/authorize, /token, /userinfo, ...
	Ivy           string // Ivy's API host: /api/service/data/...
}

// Where the OneID and Ivy sandboxes are mounted.
const (
	oneIDPrefix = oneid.Prefix
	ivyPrefix   = ivy.Prefix
)

// URLsFor returns the base URLs of a sandbox served at base (scheme and host, no trailing slash).
func URLsFor(base string) URLs {
	base = strings.TrimRight(base, "/")
	return URLs{
		Base:          base,
		TrueLayerAuth: base + truelayer.AuthPrefix,
		TrueLayerAPI:  base + truelayer.APIPrefix,
		OneID:         base + oneIDPrefix,
		Ivy:           base + ivyPrefix,
	}
}
