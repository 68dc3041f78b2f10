package oneid

import (
	"context"
	"encoding/json"
	"mime"
)

// Address is an OpenID address claim.
type Address struct {
	Formatted     string `json:"formatted"`
	StreetAddress string `json:"street_address"`
	Locality      string `json:"locality"`
	Region        string `json:"region"`
	PostalCode    string `json:"postal_code"`
	Country       string `json:"country"`
}

// UnmarshalJSON reads the claim as the standard's object, or as the plain string some
// providers send (kept as Formatted).
func (a *Address) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		*a = Address{Formatted: s}
		return nil
	}
	type plain Address
	return json.Unmarshal(b, (*plain)(a))
}

// Claims are the identity claims of /userinfo (and of unverified_claims.claims).
type Claims struct {
	Subject     string   `json:"sub"`
	Name        string   `json:"name"`
	GivenName   string   `json:"given_name"`
	FamilyName  string   `json:"family_name"`
	Email       string   `json:"email"`
	Birthdate   string   `json:"birthdate"`
	PhoneNumber string   `json:"phone_number"`
	Address     *Address `json:"address"`
	AgeOver18   *bool    `json:"age_over_18"`
}

// UserInfo is /userinfo's answer: the bank-verified claims, OneID's fraud checks, and what the
// user typed (unverified_claims), with the body exactly as returned.
type UserInfo struct {
	Claims
	// Fraud holds OneID's fraud checks by name, as returned (booleans and scores).
	Fraud map[string]any `json:"fraud"`
	// Unverified is what the user claimed, for comparison with the verified claims.
	Unverified *Claims         `json:"-"`
	Raw        json.RawMessage `json:"-"`
	RequestID  string          `json:"-"`
}

// UserInfo returns the identity behind accessToken from the userinfo endpoint.
func (c *Client) UserInfo(ctx context.Context, accessToken string) (UserInfo, error) {
	const op = "userinfo"
	a, err := get(ctx, c.hc, c.who(), op, c.Endpoints().UserInfo, accessToken, "application/json")
	if err != nil {
		return UserInfo{}, err
	}
	var body struct {
		UserInfo
		Unverified struct {
			Claims *Claims `json:"claims"`
		} `json:"unverified_claims"`
	}
	if err := a.decode(op, &body); err != nil {
		return UserInfo{}, err
	}
	u := body.UserInfo
	u.Unverified, u.Raw, u.RequestID = body.Unverified.Claims, json.RawMessage(a.body), a.requestID()
	if u.Subject == "" {
		return UserInfo{}, a.malformed(op, "malformed response: no sub claim")
	}
	return u, nil
}

// AgeCheck is /ageverification's answer.
type AgeCheck struct {
	AgeOver18 bool `json:"age_over_18"`
	Raw       json.RawMessage
	RequestID string
}

// AgeVerification says whether the user is over 18 (OneID only).
func (c *Client) AgeVerification(ctx context.Context, accessToken string) (AgeCheck, error) {
	const op = "age verification"
	a, err := c.oneIDCall(ctx, op, c.Endpoints().AgeVerification, accessToken, "application/json")
	if err != nil {
		return AgeCheck{}, err
	}
	var body struct {
		AgeOver18 *bool `json:"age_over_18"`
	}
	if err := a.decode(op, &body); err != nil {
		return AgeCheck{}, err
	}
	if body.AgeOver18 == nil {
		return AgeCheck{}, a.malformed(op, "malformed response: no age_over_18")
	}
	return AgeCheck{AgeOver18: *body.AgeOver18, Raw: json.RawMessage(a.body), RequestID: a.requestID()}, nil
}

// Balance is an account's balance: major units as a string, exactly as given.
type Balance struct {
	Amount   string `json:"amount"`
	Currency string `json:"currency"`
}

// Account is one of the user's enabled personal accounts, identified by sort code and account
// number, IBAN and BIC where the bank gives them.
type Account struct {
	Currency       string   `json:"currency"`
	AccountType    string   `json:"account_type"`
	AccountSubType string   `json:"account_sub_type"`
	Nickname       string   `json:"nickname"`
	IBAN           string   `json:"iban"`
	BIC            string   `json:"bic"`
	AccountNumber  string   `json:"account_number"`
	SortCode       string   `json:"sort_code"`
	Balance        *Balance `json:"balance"` // with the accounts.balances scope
}

// Accounts are /accounts's answer, with the body exactly as returned.
type Accounts struct {
	Accounts  []Account
	Raw       json.RawMessage
	RequestID string
}

// Accounts lists the user's accounts (OneID only; needs the accounts scope).
func (c *Client) Accounts(ctx context.Context, accessToken string) (Accounts, error) {
	const op = "accounts"
	a, err := c.oneIDCall(ctx, op, c.Endpoints().Accounts, accessToken, "application/json")
	if err != nil {
		return Accounts{}, err
	}
	var list []Account
	if err := a.decode(op, &list); err != nil {
		return Accounts{}, err
	}
	return Accounts{Accounts: list, Raw: json.RawMessage(a.body), RequestID: a.requestID()}, nil
}

// Report is /userinfo/report's PDF.
type Report struct {
	PDF       []byte
	RequestID string
}

// Report fetches the PDF report of the verified identity (OneID only).
func (c *Client) Report(ctx context.Context, accessToken string) (Report, error) {
	const op = "report"
	a, err := c.oneIDCall(ctx, op, c.Endpoints().Report, accessToken, "application/pdf")
	if err != nil {
		return Report{}, err
	}
	if media, _, _ := mime.ParseMediaType(a.header.Get("Content-Type")); media != "application/pdf" || len(a.body) < 5 || string(a.body[:5]) != "%PDF-" {
		return Report{}, a.malformed(op, "the report is not a PDF (Content-Type "+a.header.Get("Content-Type")+")")
	}
	return Report{PDF: a.body, RequestID: a.requestID()}, nil
}

// oneIDCall makes one of OneID's own calls, which other issuers do not have.
func (c *Client) oneIDCall(ctx context.Context, op, url, accessToken, accept string) (answer, error) {
	if !c.oneID || url == "" {
		return answer{}, &Error{Provider: c.who(), Op: op, Code: "not_supported", Description: "only OneID offers " + op}
	}
	return get(ctx, c.hc, c.who(), op, url, accessToken, accept)
}
