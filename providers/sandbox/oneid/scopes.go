package oneid

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// The scopes whose claims or calls the sandbox checks by name.
const (
	scopeOpenID          = "openid"
	scopeProfile         = "profile"
	scopeDateOfBirth     = "date_of_birth"
	scopeAddress         = "address"
	scopeEmail           = "email"
	scopePhone           = "phone"
	scopeAgeOver18       = "age_over_18"
	scopeAccounts        = "accounts"
	scopeAccountsBalance = "accounts.balances"
	scopeFraud           = "fraud"
)

// claimScopes are the claim scopes, in the documented order.
func claimScopes() []string {
	return []string{scopeOpenID, scopeProfile, scopeDateOfBirth, scopeAddress, scopeEmail, scopePhone,
		scopeAgeOver18, scopeAccounts, scopeAccountsBalance, scopeFraud}
}

// products are the product scopes; an authorization request carries exactly one.
func products() []string {
	return []string{"product:id_assure", "product:age_check", "product:sign_up_plus"}
}

// parseScope checks a space-separated scope parameter: known scopes only, openid among them,
// exactly one product, accounts.balances only with accounts. It returns the scopes without
// duplicates, in the order given.
func parseScope(param string) ([]string, *apiError) {
	var scopes, chosen []string
	for _, sc := range strings.Fields(param) {
		if !slices.Contains(claimScopes(), sc) && !slices.Contains(products(), sc) {
			return nil, invalidScope(fmt.Sprintf("The scope %q is not known: use %s and one of %s.", sc,
				strings.Join(claimScopes(), ", "), strings.Join(products(), ", ")))
		}
		if slices.Contains(scopes, sc) {
			continue
		}
		scopes = append(scopes, sc)
		if slices.Contains(products(), sc) {
			chosen = append(chosen, sc)
		}
	}
	switch {
	case len(scopes) == 0:
		return nil, invalidScope("The scope parameter is missing.")
	case !slices.Contains(scopes, scopeOpenID):
		return nil, invalidScope("The scope must contain openid.")
	case len(chosen) == 0:
		return nil, invalidScope("The scope must contain exactly one product scope (" + strings.Join(products(), ", ") + "); it has none.")
	case len(chosen) > 1:
		return nil, invalidScope("The scope must contain exactly one product scope; it has " + strings.Join(chosen, " and ") + ".")
	case slices.Contains(scopes, scopeAccountsBalance) && !slices.Contains(scopes, scopeAccounts):
		return nil, invalidScope("The accounts.balances scope needs the accounts scope.")
	}
	return scopes, nil
}

// invalidScope is OAuth's error for a scope parameter that cannot be granted.
func invalidScope(description string) *apiError {
	return &apiError{http.StatusFound, "invalid_scope", description}
}

// productOf is the product scope among scopes.
func productOf(scopes []string) string {
	for _, sc := range scopes {
		if slices.Contains(products(), sc) {
			return sc
		}
	}
	return ""
}

// scopeDescription is what the mock bank's page says a scope shares.
func scopeDescription(scope string) string {
	switch scope {
	case scopeOpenID:
		return "Who you are to OneID: an id that stays the same"
	case scopeProfile:
		return "Your name"
	case scopeDateOfBirth:
		return "Your date of birth"
	case scopeAddress:
		return "Your address"
	case scopeEmail:
		return "Your email address"
	case scopePhone:
		return "Your phone number"
	case scopeAgeOver18:
		return "Whether you are over 18"
	case scopeAccounts:
		return "Your personal accounts: sort code, account number and IBAN"
	case scopeAccountsBalance:
		return "Their balances"
	case scopeFraud:
		return "The results of fraud checks on your identity"
	default:
		return scope
	}
}
