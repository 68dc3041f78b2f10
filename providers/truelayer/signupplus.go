package truelayer

import (
	"context"
	"encoding/json"
	"net/url"
)

// ResultMultipleAccounts is Signup+'s result when several accounts were linked.
const ResultMultipleAccounts = "multiple_accounts_linked"

// SignupPlusIdentity is the verified identity Signup+ returns for one account.
type SignupPlusIdentity struct {
	Title       string `json:"title"`
	FirstName   string `json:"first_name"`
	LastName    string `json:"last_name"`
	DateOfBirth string `json:"date_of_birth"`
	Address     struct {
		AddressLine1 string `json:"address_line1"`
		AddressLine2 string `json:"address_line2"`
		City         string `json:"city"`
		State        string `json:"state"`
		Zip          string `json:"zip"`
		CountryCode  string `json:"country_code"`
	} `json:"address"`
	AccountDetails struct {
		SortCode      string `json:"sort_code"`
		AccountNumber string `json:"account_number"`
		IBAN          string `json:"iban"`
		ProviderID    string `json:"provider_id"`
	} `json:"account_details"`
}

// SignupPlusAccount is one of several linked accounts, to pick from.
type SignupPlusAccount struct {
	AccountID     string `json:"account_id"`
	Currency      string `json:"currency"`
	AccountType   string `json:"account_type"`
	DisplayName   string `json:"display_name"`
	AccountNumber string `json:"account_number"`
	SortCode      string `json:"sort_code"`
}

// SignupPlusResult is Signup+'s answer: an identity, or the accounts to choose from.
type SignupPlusResult struct {
	// Identity is set when one account was linked (or one was chosen).
	Identity *SignupPlusIdentity
	// Raw is the body exactly as returned.
	Raw json.RawMessage
	// MultipleAccounts is true when result is multiple_accounts_linked; Accounts lists them.
	MultipleAccounts bool
	Detail           string
	Accounts         []SignupPlusAccount
	Links            map[string]string
}

// signupPlusBody is both documented shapes of /signup-plus/accounts at once.
type signupPlusBody struct {
	SignupPlusIdentity
	Result   string              `json:"result"`
	Detail   string              `json:"detail"`
	Links    map[string]string   `json:"links"`
	Accounts []SignupPlusAccount `json:"accounts"`
}

// SignupPlusAccounts returns the verified identity behind accessToken from
// {api}/signup-plus/accounts, for accountID when set; with several accounts linked and no
// accountID it returns MultipleAccounts and the accounts to choose from.
func (c *Client) SignupPlusAccounts(ctx context.Context, accessToken, accountID string) (SignupPlusResult, error) {
	const op = "signup-plus accounts"
	u := c.hosts.API + "/signup-plus/accounts"
	if accountID != "" {
		u += "?account_id=" + url.QueryEscape(accountID)
	}
	a, err := c.get(ctx, op, u, accessToken)
	if err != nil {
		return SignupPlusResult{}, err
	}
	var body signupPlusBody
	if err := a.decode(op, &body); err != nil {
		return SignupPlusResult{}, err
	}
	res := SignupPlusResult{Raw: json.RawMessage(a.body), Detail: body.Detail, Links: body.Links, Accounts: body.Accounts}
	switch {
	case body.Result == ResultMultipleAccounts:
		res.MultipleAccounts = true
		if len(res.Accounts) == 0 {
			return SignupPlusResult{}, a.malformed(op, "malformed response: multiple_accounts_linked without accounts")
		}
	case body.hasIdentity():
		id := body.SignupPlusIdentity
		res.Identity = &id
	case body.Result != "":
		return SignupPlusResult{}, a.malformed(op, "unexpected result "+body.Result+": "+body.Detail)
	default:
		return SignupPlusResult{}, a.malformed(op, "malformed response: neither an identity nor multiple_accounts_linked")
	}
	return res, nil
}

// hasIdentity reports whether the body carried any identity field.
func (b signupPlusBody) hasIdentity() bool {
	id := b.SignupPlusIdentity
	return id.FirstName != "" || id.LastName != "" || id.DateOfBirth != "" ||
		id.AccountDetails.AccountNumber != "" || id.AccountDetails.IBAN != ""
}
