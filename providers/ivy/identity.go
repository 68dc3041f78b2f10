package ivy

import "github.com/linkstep/linkstep/providers"

// The provider's identity, used for keychain keys, the connection index and display.
const (
	ID   = "ivy" // the provider's id in journey ids, keychain keys and the index
	Name = "Ivy" // the provider's display name
)

// Ivy's hosts.
const (
	SandboxHost = "https://api.sand.getivy.de"
	LiveHost    = "https://api.getivy.de"
)

// HostFor returns Ivy's host for a real environment; the embedded sandbox has no fixed host.
func HostFor(env providers.Environment) string {
	switch env {
	case providers.Sandbox:
		return SandboxHost
	case providers.Live:
		return LiveHost
	default:
		return ""
	}
}

// Data permissions a session can ask for.
const (
	PermissionIdentity     = "identity"
	PermissionAccounts     = "accounts"
	PermissionBalances     = "balances"
	PermissionTransactions = "transactions"
)

// Permissions returns every permission, in the order a form lists them (a fresh slice).
func Permissions() []string {
	return []string{PermissionIdentity, PermissionAccounts, PermissionBalances, PermissionTransactions}
}

// Session statuses.
const (
	StatusOpen     = "open"
	StatusClosed   = "closed"
	StatusExpired  = "expired"
	StatusComplete = "complete" // as the list of a user's sessions says
)

// The API's paths; all are POST with a JSON body.
const (
	pathCreate        = "/api/service/data/session/create"
	pathDetails       = "/api/service/data/session/details"
	pathList          = "/api/service/data/session/list" // not published: follows the others' naming
	pathAccounts      = "/api/service/data/accounts/list"
	pathBalances      = "/api/service/data/account-balances/list"
	pathConsent       = "/api/service/data/consent/details"
	pathConsentRevoke = "/api/service/data/consent/revoke"
)

// APIKeyHeader carries the API key on every call.
const APIKeyHeader = "X-Ivy-Api-Key"

// SignatureHeader carries a webhook's signature: hex HMAC-SHA256 of the raw body.
const SignatureHeader = "X-Ivy-Signature"
