package truelayer

import (
	"slices"
	"strings"
)

// allScopes lists every scope an auth link may ask for, in the documented order.
func allScopes() []string {
	return []string{"info", "accounts", "balance", "cards", "transactions", "direct_debits",
		"standing_orders", "offline_access", "signupplus"}
}

// scopeDescription is what the consent page says a scope shares.
func scopeDescription(scope string) string {
	switch scope {
	case "info":
		return "Your full name, date of birth and address"
	case "accounts":
		return "Your account details: account number, sort code and IBAN"
	case "balance":
		return "Your account balances"
	case "cards":
		return "Your card details and balances"
	case "transactions":
		return "Your transactions"
	case "direct_debits":
		return "Your direct debits"
	case "standing_orders":
		return "Your standing orders"
	case "offline_access":
		return "Access for 90 days, without you having to be present"
	case "signupplus":
		return "Your verified identity for Signup+: name, date of birth, address and account details"
	default:
		return scope
	}
}

// parseScopes splits a space-separated scope parameter, dropping duplicates; it returns the
// first unknown scope, if any.
func parseScopes(param string) (scopes []string, unknown string) {
	known := allScopes()
	for _, sc := range strings.Fields(param) {
		if !slices.Contains(known, sc) {
			return nil, sc
		}
		if !slices.Contains(scopes, sc) {
			scopes = append(scopes, sc)
		}
	}
	return scopes, ""
}
