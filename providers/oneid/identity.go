package oneid

import "github.com/linkstep/linkstep/providers"

// The provider's identity, used for keychain keys, the connection index and display.
const (
	ID   = "oneid" // the provider's id in journey ids, keychain keys and the index
	Name = "OneID" // the provider's display name
)

// OneID's hosts; each is also the issuer of its ID tokens.
const (
	SandboxHost = "https://controller.sandbox.myoneid.co.uk"
	LiveHost    = "https://controller.myoneid.co.uk"
)

// HostFor returns OneID's host for a real environment; the embedded sandbox has no fixed host.
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

// Claim scopes: what the user is asked to share.
const (
	ScopeOpenID          = "openid"
	ScopeProfile         = "profile"
	ScopeDateOfBirth     = "date_of_birth"
	ScopeAddress         = "address"
	ScopeEmail           = "email"
	ScopePhone           = "phone"
	ScopeAgeOver18       = "age_over_18"
	ScopeAccounts        = "accounts"
	ScopeAccountsBalance = "accounts.balances" // needs ScopeAccounts
	ScopeFraud           = "fraud"
)

// Product scopes: every authorization request carries exactly one.
const (
	ProductIDAssure   = "product:id_assure"
	ProductAgeCheck   = "product:age_check"
	ProductSignUpPlus = "product:sign_up_plus"
)

// ClaimScopes returns the claim scopes in the order a consent screen lists them (a fresh slice).
func ClaimScopes() []string {
	return []string{ScopeOpenID, ScopeProfile, ScopeDateOfBirth, ScopeAddress, ScopeEmail, ScopePhone,
		ScopeAgeOver18, ScopeAccounts, ScopeAccountsBalance, ScopeFraud}
}

// Products returns the product scopes (a fresh slice).
func Products() []string {
	return []string{ProductIDAssure, ProductAgeCheck, ProductSignUpPlus}
}

// ScopeNeeds returns the scope that scope needs alongside it, or "" (accounts.balances needs
// accounts; everything needs openid).
func ScopeNeeds(scope string) string {
	switch scope {
	case ScopeAccountsBalance:
		return ScopeAccounts
	case ScopeOpenID:
		return ""
	default:
		return ScopeOpenID
	}
}
