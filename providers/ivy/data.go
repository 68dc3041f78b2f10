package ivy

import (
	"context"
	"encoding/json"
)

// FinancialAddress is one way an account can be paid: an IBAN, a sort code, a BBAN, ...
type FinancialAddress struct {
	Type string `json:"type"`
	IBAN *struct {
		IBAN              string `json:"iban"`
		BIC               string `json:"bic"`
		AccountHolderName string `json:"accountHolderName"`
	} `json:"iban"`
	SortCode *struct {
		AccountNumber     string `json:"accountNumber"`
		SortCode          string `json:"sortCode"`
		AccountHolderName string `json:"accountHolderName"`
	} `json:"sortCode"`
}

// Account is one account a data session gathered.
type Account struct {
	ID               string             `json:"id"`
	BankID           string             `json:"bankId"`
	BankName         string             `json:"bankName"`
	Currency         string             `json:"currency"`
	AccountName      string             `json:"accountName"`
	FinancialAddress []FinancialAddress `json:"financialAddress"`
}

// Accounts are a session's accounts, with the body exactly as returned.
type Accounts struct {
	Accounts []Account
	Raw      json.RawMessage
}

// ListAccounts lists the accounts of a data session.
func (c *Client) ListAccounts(ctx context.Context, sessionID string) (Accounts, error) {
	const op = "list accounts"
	var raw json.RawMessage
	if err := c.post(ctx, op, pathAccounts, map[string]string{"sessionId": sessionID}, &raw); err != nil {
		return Accounts{}, err
	}
	var out struct {
		Accounts []Account `json:"accounts"`
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		return Accounts{}, &Error{Op: op, Description: "malformed response: " + err.Error()}
	}
	return Accounts{Accounts: out.Accounts, Raw: raw}, nil
}

// Balance is an account's balance; amounts are strings, as given.
type Balance struct {
	AccountID string `json:"accountId"`
	Available string `json:"available"`
	Current   string `json:"current"`
	Currency  string `json:"currency"`
	Timestamp any    `json:"timestamp"`
}

// Balances are a session's balances, with the body exactly as returned.
type Balances struct {
	Balances []Balance
	Raw      json.RawMessage
}

// ListBalances lists the balances of a data session's accounts.
func (c *Client) ListBalances(ctx context.Context, sessionID string) (Balances, error) {
	const op = "list balances"
	var raw json.RawMessage
	if err := c.post(ctx, op, pathBalances, map[string]string{"sessionId": sessionID}, &raw); err != nil {
		return Balances{}, err
	}
	var out struct {
		Balances []Balance `json:"balances"`
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		return Balances{}, &Error{Op: op, Description: "malformed response: " + err.Error()}
	}
	return Balances{Balances: out.Balances, Raw: raw}, nil
}

// Consent is a session's consent.
type Consent struct {
	Status      string          `json:"status"` // created, authorised, expired, revoked, failed
	Permissions []string        `json:"permissions"`
	ExpiresAt   any             `json:"expiresAt"`
	Raw         json.RawMessage `json:"-"`
}

// ConsentDetails reads a session's consent.
func (c *Client) ConsentDetails(ctx context.Context, sessionID string) (Consent, error) {
	return c.consent(ctx, "consent details", pathConsent, sessionID)
}

// RevokeConsent revokes a session's consent.
func (c *Client) RevokeConsent(ctx context.Context, sessionID string) (Consent, error) {
	return c.consent(ctx, "revoke consent", pathConsentRevoke, sessionID)
}

func (c *Client) consent(ctx context.Context, op, path, sessionID string) (Consent, error) {
	var raw json.RawMessage
	if err := c.post(ctx, op, path, map[string]string{"sessionId": sessionID}, &raw); err != nil {
		return Consent{}, err
	}
	var out Consent
	if err := json.Unmarshal(raw, &out); err != nil {
		return Consent{}, &Error{Op: op, Description: "malformed response: " + err.Error()}
	}
	out.Raw = raw
	return out, nil
}
