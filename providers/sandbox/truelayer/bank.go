package truelayer

import (
	"slices"
	"strings"
)

// Bank is a provider offered on the bank selection page and by /api/providers.
type Bank struct {
	ID      string   // provider_id, e.g. "mock"
	Name    string   // display_name, e.g. "Mock"
	Country string   // country, lower case, e.g. "uk"
	LogoURL string   // logo_url; empty means a logo served by the sandbox itself
	Scopes  []string // scopes the bank supports; empty means every TrueLayer scope
}

// MockBank is TrueLayer's sandbox Mock bank, provider id mock, the only bank of a default
// Handler; its users are package mockbank's.
func MockBank() Bank {
	return Bank{ID: "mock", Name: "Mock", Country: "uk", Scopes: allScopes()}
}

// offeredBanks returns the banks the providers parameter enables, all of them when it is empty.
func (h *Handler) offeredBanks(providers string) []Bank {
	tokens := strings.Fields(providers)
	if len(tokens) == 0 {
		return h.banks
	}
	var banks []Bank
	for _, b := range h.banks {
		if slices.ContainsFunc(tokens, func(t string) bool { return providerMatches(b, t) }) {
			banks = append(banks, b)
		}
	}
	return banks
}

// providerMatches reports whether a providers token enables the bank: its id, uk-cs-mock for
// the Mock bank, or a country group such as uk-ob-all for any other bank of that country.
func providerMatches(b Bank, token string) bool {
	if token == b.ID {
		return true
	}
	if b.ID == "mock" {
		return token == b.Country+"-cs-mock"
	}
	country, _, _ := strings.Cut(token, "-")
	return strings.HasSuffix(token, "-all") && strings.EqualFold(country, b.Country)
}

// providerNames describes the sandbox's banks for an error message.
func (h *Handler) providerNames() string {
	names := make([]string, len(h.banks))
	for i, b := range h.banks {
		names[i] = b.ID
		if b.ID == "mock" {
			names[i] = b.Country + "-cs-mock (Mock)"
		}
	}
	return strings.Join(names, ", ")
}

// bankIDs lists the banks' provider ids for an error message.
func bankIDs(banks []Bank) string {
	ids := make([]string, len(banks))
	for i, b := range banks {
		ids[i] = b.ID
	}
	return strings.Join(ids, ", ")
}
