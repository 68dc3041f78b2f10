package truelayer

import (
	"context"
	"encoding/json"
	"net/url"
	"time"
)

// Account is one of a connection's accounts from /data/v1/accounts.
type Account struct {
	AccountID     string `json:"account_id"`
	AccountType   string `json:"account_type"`
	DisplayName   string `json:"display_name"`
	Currency      string `json:"currency"`
	AccountNumber struct {
		IBAN     string `json:"iban"`
		Number   string `json:"number"`
		SortCode string `json:"sort_code"`
		SwiftBIC string `json:"swift_bic"`
	} `json:"account_number"`
}

// Balance is an account's balance from /data/v1/accounts/{id}/balance.
type Balance struct {
	Currency  string  `json:"currency"`
	Available float64 `json:"available"`
	Current   float64 `json:"current"`
	Overdraft float64 `json:"overdraft"`
}

// Transaction is one of an account's transactions.
type Transaction struct {
	TransactionID       string  `json:"transaction_id"`
	Timestamp           string  `json:"timestamp"`
	Description         string  `json:"description"`
	TransactionType     string  `json:"transaction_type"`
	TransactionCategory string  `json:"transaction_category"`
	Amount              float64 `json:"amount"`
	Currency            string  `json:"currency"`
}

// Accounts lists the connection's accounts.
func (c *Client) Accounts(ctx context.Context, accessToken string) ([]Account, error) {
	var out []Account
	err := c.results(ctx, "accounts", c.hosts.API+"/data/v1/accounts", accessToken, &out)
	return out, err
}

// Balance reads an account's balance.
func (c *Client) Balance(ctx context.Context, accessToken, accountID string) (Balance, error) {
	var out []Balance
	if err := c.results(ctx, "balance", c.hosts.API+"/data/v1/accounts/"+url.PathEscape(accountID)+"/balance", accessToken, &out); err != nil {
		return Balance{}, err
	}
	if len(out) == 0 {
		return Balance{}, &Error{Op: "balance", Description: "malformed response: no results"}
	}
	return out[0], nil
}

// Transactions lists an account's transactions between from and to (dates).
func (c *Client) Transactions(ctx context.Context, accessToken, accountID string, from, to time.Time) ([]Transaction, error) {
	q := url.Values{"from": {from.Format("2006-01-02")}, "to": {to.Format("2006-01-02")}}
	var out []Transaction
	err := c.results(ctx, "transactions", c.hosts.API+"/data/v1/accounts/"+url.PathEscape(accountID)+"/transactions?"+q.Encode(), accessToken, &out)
	return out, err
}

// results reads a Data API answer's {"results": [...]} into out.
func (c *Client) results(ctx context.Context, op, u, accessToken string, out any) error {
	a, err := c.get(ctx, op, u, accessToken)
	if err != nil {
		return err
	}
	var env struct {
		Results json.RawMessage `json:"results"`
	}
	if err := a.decode(op, &env); err != nil {
		return err
	}
	if len(env.Results) == 0 {
		return a.malformed(op, "malformed response: no results")
	}
	if err := json.Unmarshal(env.Results, out); err != nil {
		return a.malformed(op, "malformed response: "+err.Error())
	}
	return nil
}
