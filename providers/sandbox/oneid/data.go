package oneid

import (
	"net/http"
	"slices"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// ageBody is the answer of GET /ageverification.
type ageBody struct {
	AgeOver18 bool `json:"age_over_18"`
}

// accountBody is one account of GET /accounts, keys in the documented order.
type accountBody struct {
	Currency       string       `json:"currency"`
	AccountType    string       `json:"account_type"`
	AccountSubType string       `json:"account_sub_type"`
	Nickname       string       `json:"nickname"`
	IBAN           string       `json:"iban"`
	BIC            string       `json:"bic"`
	AccountNumber  string       `json:"account_number"`
	SortCode       string       `json:"sort_code"`
	Balance        *balanceBody `json:"balance,omitempty"`
}

// balanceBody is an account's balance: major units as a string, ISO 4217 currency.
type balanceBody struct {
	Amount   string `json:"amount"`
	Currency string `json:"currency"`
}

// handleAgeVerification serves GET /ageverification (needs age_over_18): whether the person
// is 18 or older today, by the bank's birth date and the sandbox's clock.
func (h *Handler) handleAgeVerification(w http.ResponseWriter, r *http.Request) {
	g, ok := h.authorize(w, r, scopeAgeOver18, http.StatusForbidden)
	if !ok {
		return
	}
	_, c, _ := findIdentity(g.Identity)
	adult, err := over18(c.Person.DateOfBirth, h.now())
	if err != nil {
		writeError(w, &apiError{http.StatusInternalServerError, "server_error", "birth date: " + err.Error()})
		return
	}
	kit.WriteJSON(w, http.StatusOK, ageBody{AgeOver18: adult})
}

// handleAccounts serves GET /accounts (needs accounts; 400 without, as documented): the
// person's personal accounts, with balances when accounts.balances was granted.
func (h *Handler) handleAccounts(w http.ResponseWriter, r *http.Request) {
	g, ok := h.authorize(w, r, scopeAccounts, http.StatusBadRequest)
	if !ok {
		return
	}
	_, c, _ := findIdentity(g.Identity)
	withBalances := slices.Contains(g.Scopes, scopeAccountsBalance)
	out := make([]accountBody, len(c.Accounts))
	for i, a := range c.Accounts {
		out[i] = accountBody{
			Currency:       a.Currency,
			AccountType:    "Personal",
			AccountSubType: a.SubType,
			Nickname:       a.DisplayName,
			IBAN:           a.IBAN,
			BIC:            a.SwiftBIC + "XXX", // BICFI in its 11-character form: XXX is the head office
			AccountNumber:  a.Number,
			SortCode:       digitsOnly(a.SortCode),
		}
		if withBalances {
			out[i].Balance = &balanceBody{Amount: a.BalanceMajor(), Currency: a.Currency}
		}
	}
	kit.WriteJSON(w, http.StatusOK, out)
}

// digitsOnly keeps the digits of s: a sort code 01-21-31 becomes 012131.
func digitsOnly(s string) string {
	b := make([]byte, 0, len(s))
	for i := range len(s) {
		if s[i] >= '0' && s[i] <= '9' {
			b = append(b, s[i])
		}
	}
	return string(b)
}
