package ivy

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"

	"github.com/linkstep/linkstep/providers/sandbox/mockbank"
)

// Bank is a bank the hosted bank choice offers; its users are the mock bank's.
type Bank struct {
	ID   string // what prefill.bankId names, e.g. "mock"
	Name string // e.g. "Mock"
}

// MockBank is the Mock bank, id mock, the only bank of a default Handler.
func MockBank() Bank { return Bank{ID: "mock", Name: "Mock"} }

// findBank returns the bank with the id.
func (h *Handler) findBank(id string) (Bank, bool) {
	i := slices.IndexFunc(h.banks, func(b Bank) bool { return b.ID == id })
	if i < 0 {
		return Bank{}, false
	}
	return h.banks[i], true
}

// bankIDs lists the banks' ids for a message.
func (h *Handler) bankIDs() string {
	ids := make([]string, len(h.banks))
	for i, b := range h.banks {
		ids[i] = b.ID
	}
	return strings.Join(ids, ", ")
}

// gathered is what a session gathers from the mock bank for the user who logged in: the
// identity and the accounts, with balances, in the market's country and currency.
func gathered(u mockbank.User, b Bank, market string) (*identity, []account) {
	id := &identity{Name: u.Person.FullName(), DateOfBirth: u.Person.DateOfBirth}
	currency := currencyOf(market)
	var accounts []account
	for i, a := range u.AccountsAt(b.ID) {
		d := a.IBANIn(market, b.ID)
		kind, name := "checking", fmt.Sprintf("Current account %d", i+1)
		if i%3 == 2 {
			kind, name = "saving", fmt.Sprintf("Savings account %d", i+1)
		}
		acc := account{ID: a.ID, Name: name, Type: kind, Currency: currency, HolderName: u.Person.FullName(),
			IBAN: d.IBAN, BBAN: d.BBAN, BIC: d.BIC}
		if strings.HasPrefix(d.IBAN, "GB") {
			acc.SortCode, acc.AccountNumber = strings.ReplaceAll(a.SortCode, "-", ""), a.Number
		}
		acc.Current = balanceOf(a.ID, kind)
		acc.Available = acc.Current
		accounts = append(accounts, acc)
	}
	return id, accounts
}

// balanceOf is an account's balance in major units, derived from its id: the same account has
// the same balance in every sandbox. Savings hold more.
func balanceOf(accountID, kind string) string {
	sum := sha256.Sum256([]byte("linkstep-sandbox/ivy/balance|" + accountID))
	cents := 10_000 + binary.BigEndian.Uint64(sum[:8])%500_000 // 100.00 to 5099.99
	if kind == "saving" {
		cents *= 4
	}
	return fmt.Sprintf("%d.%02d", cents/100, cents%100)
}

// failureMessage says what an error.* user's failure means for the session.
func failureMessage(f mockbank.Failure) string {
	switch f {
	case mockbank.FailureAccountPermanentlyLocked:
		return "The account is locked for good at the bank."
	case mockbank.FailureAccountTemporarilyLocked:
		return "The account is locked for a while at the bank: try again later."
	case mockbank.FailureInternalError:
		return "Ivy could not read the data from the bank."
	case mockbank.FailureProviderError:
		return "The bank answered with an error, or not at all."
	case mockbank.FailureUserInputRequired:
		return "The bank needs more input from the user than the session can ask for."
	case mockbank.FailureWrongCredentials:
		return "The bank no longer accepts the user's credentials."
	}
	return "The bank login failed."
}
