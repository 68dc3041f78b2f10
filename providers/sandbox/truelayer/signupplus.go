package truelayer

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
	"github.com/linkstep/linkstep/providers/sandbox/mockbank"
)

// signupIdentity is the Signup+ answer for one account, as in the seed's first example.
type signupIdentity struct {
	Title          string               `json:"title"`
	FirstName      string               `json:"first_name"`
	LastName       string               `json:"last_name"`
	DateOfBirth    string               `json:"date_of_birth"`
	Address        signupAddress        `json:"address"`
	AccountDetails signupAccountDetails `json:"account_details"`
}

// signupAddress is the identity's address.
type signupAddress struct {
	AddressLine1 string `json:"address_line1"`
	AddressLine2 string `json:"address_line2"`
	City         string `json:"city"`
	State        string `json:"state"`
	Zip          string `json:"zip"`
	CountryCode  string `json:"country_code"`
}

// signupAccountDetails is the account the identity was verified with.
type signupAccountDetails struct {
	SortCode      string `json:"sort_code"`
	AccountNumber string `json:"account_number"`
	IBAN          string `json:"iban"`
	ProviderID    string `json:"provider_id"`
}

// signupMultiple is the Signup+ answer when several accounts are linked (the seed's second example).
type signupMultiple struct {
	Result   string          `json:"result"`
	Detail   string          `json:"detail"`
	Links    orderedLinks    `json:"links"`
	Accounts []signupAccount `json:"accounts"`
}

// signupAccount is one linked account in the multiple-accounts answer.
type signupAccount struct {
	AccountID     string `json:"account_id"`
	Currency      string `json:"currency"`
	AccountType   string `json:"account_type"`
	DisplayName   string `json:"display_name"`
	AccountNumber string `json:"account_number"`
	SortCode      string `json:"sort_code"`
}

// orderedLinks are account ids written as {"<id>": "/<id>", ...} in account order.
type orderedLinks []string

// MarshalJSON writes the links as an object keeping the accounts' order.
func (l orderedLinks) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, id := range l {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(id)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal("/" + id)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// handleSignupPlusAccounts serves GET {api}/signup-plus/accounts[?account_id=].
func (h *Handler) handleSignupPlusAccounts(w http.ResponseWriter, r *http.Request) {
	conn, ok := h.authorize(w, r, "signupplus")
	if !ok || failForUser(w, conn) {
		return
	}
	accounts := conn.User.AccountsAt(conn.Bank.ID)
	q := r.URL.Query()
	switch {
	case q.Has("account_id"):
		acc, found := mockbank.FindAccount(accounts, q.Get("account_id"))
		if !found {
			writeError(w, accountNotFound(q.Get("account_id")))
			return
		}
		kit.WriteJSON(w, http.StatusOK, identityFor(conn, acc))
	case len(accounts) == 1:
		kit.WriteJSON(w, http.StatusOK, identityFor(conn, accounts[0]))
	default:
		body := signupMultiple{
			Result:   "multiple_accounts_linked",
			Detail:   "Multiple valid accounts linked, please resend the request specifying an account_id.",
			Links:    make(orderedLinks, len(accounts)),
			Accounts: make([]signupAccount, len(accounts)),
		}
		for i, a := range accounts {
			body.Links[i] = a.ID
			body.Accounts[i] = signupAccount{AccountID: a.ID, Currency: "GBP", AccountType: "CURRENT",
				DisplayName: a.DisplayName, AccountNumber: a.Number, SortCode: a.SortCode}
		}
		kit.WriteJSON(w, http.StatusOK, body)
	}
}

// identityFor is the verified identity of the connection's user with one account's details.
func identityFor(conn connection, acc mockbank.Account) signupIdentity {
	p := conn.User.Person
	return signupIdentity{
		Title:       p.Title,
		FirstName:   p.FirstName,
		LastName:    p.LastName,
		DateOfBirth: p.DateOfBirth,
		Address: signupAddress{
			AddressLine1: p.Address.Line1,
			AddressLine2: p.Address.Line2,
			City:         p.Address.City,
			State:        p.Address.State,
			Zip:          p.Address.Zip,
			CountryCode:  p.Address.CountryCode,
		},
		AccountDetails: signupAccountDetails{
			SortCode:      acc.SortCode,
			AccountNumber: acc.Number,
			IBAN:          acc.IBAN,
			ProviderID:    conn.Bank.ID,
		},
	}
}
