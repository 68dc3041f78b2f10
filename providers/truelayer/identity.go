package truelayer

// The provider's identity, used for keychain keys, the connection index and display.
const (
	ID   = "truelayer" // the provider's id in journey ids, keychain keys and the index
	Name = "TrueLayer" // the provider's display name
)

// Data API v1 scopes, and the one that lets a token call /signup-plus/accounts.
const (
	ScopeInfo           = "info"
	ScopeAccounts       = "accounts"
	ScopeBalance        = "balance"
	ScopeCards          = "cards"
	ScopeTransactions   = "transactions"
	ScopeDirectDebits   = "direct_debits"
	ScopeStandingOrders = "standing_orders"
	ScopeOfflineAccess  = "offline_access"
	ScopeSignupPlus     = "signupplus"
)

// DataScopes returns every Data API v1 scope, offline_access included, as a fresh slice.
func DataScopes() []string {
	return []string{ScopeInfo, ScopeAccounts, ScopeBalance, ScopeCards, ScopeTransactions, ScopeDirectDebits, ScopeStandingOrders, ScopeOfflineAccess}
}

// Provider groups for the auth link's providers parameter.
const (
	ProvidersSandboxMock = "uk-cs-mock"   // the sandbox Mock bank
	ProvidersUKOpenBank  = "uk-ob-all"    // UK Open Banking banks
	ProvidersUKOAuth     = "uk-oauth-all" // UK OAuth banks
)
