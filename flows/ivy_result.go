package flows

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/linkstep/linkstep/providers/ivy"
)

// ivyIdentity is what a data session learnt of the user.
type ivyIdentity struct {
	Name        string
	DateOfBirth string
}

// ivyAccounts are a session's accounts for the picker, with their balances (strings, as given).
func ivyAccounts(in []ivy.Account, balances *ivy.Balances) []Account {
	out := make([]Account, 0, len(in))
	for _, x := range in {
		acc := Account{ID: x.ID, DisplayName: x.AccountName, Currency: x.Currency} // Ivy gives no account type
		for _, fa := range x.FinancialAddress {
			switch {
			case fa.IBAN != nil && acc.IBAN == "":
				acc.IBAN = fa.IBAN.IBAN
			case fa.SortCode != nil && acc.Number == "":
				acc.Number, acc.SortCode = fa.SortCode.AccountNumber, fa.SortCode.SortCode
			}
		}
		if acc.Number == "" && acc.IBAN != "" {
			acc.Number = acc.IBAN
		}
		if balances != nil {
			for _, b := range balances.Balances {
				if b.AccountID == x.ID {
					acc.Balance = strings.TrimSpace(b.Available + " " + b.Currency)
				}
			}
		}
		out = append(out, acc)
	}
	return out
}

// pastAccounts are the accounts of a returning user's completed sessions, named by IBAN, each
// once (the newest session's, as the list comes newest first).
func pastAccounts(sessions []ivy.PastSession) []Account {
	var out []Account
	seen := map[string]bool{}
	for _, s := range sessions {
		for _, x := range s.Data.Accounts {
			if x.Identifier.IBAN == nil || seen[x.Identifier.IBAN.IBAN] {
				continue
			}
			seen[x.Identifier.IBAN.IBAN] = true
			acc := Account{DisplayName: x.Name, Type: strings.TrimSpace(x.Type + " at " + s.Data.BankName)} // sessions may be at several banks
			if x.Identifier.IBAN != nil {
				acc.ID, acc.IBAN, acc.Number = x.Identifier.IBAN.IBAN, x.Identifier.IBAN.IBAN, x.Identifier.IBAN.IBAN
			}
			if acc.ID == "" {
				continue
			}
			out = append(out, acc)
		}
	}
	return out
}

// result lays a data session out.
func (j *IvyDataSession) result(r *sessionRun) Result {
	res := Result{
		Journey: IvyDataSessionID, Provider: ivy.ID, Environment: j.c.Env.String(), ConnectionID: r.session.ID,
		AccountID: r.chosen, Storage: "no tokens: Ivy reads by session id",
		Payload: map[string]json.RawMessage{"session": r.session.Raw, "accounts": r.accounts.Raw},
	}
	if r.balances != nil {
		res.Payload["balances"] = r.balances.Raw
	}
	if len(r.accounts.Accounts) > 0 {
		res.BankName = r.accounts.Accounts[0].BankName
		res.Bank = r.accounts.Accounts[0].BankID
	}
	if k, ok := userKey(r.user.User); ok {
		kind, value := k.describe()
		res.Fields = append(res.Fields, Field{Label: "External user", Value: kind + " " + value})
	}
	res.Fields = append(res.Fields, Field{Label: "Market", Value: r.user.Market})
	if r.identity != nil {
		res.Fields = append(res.Fields, Field{Label: "Name", Value: r.identity.Name}, Field{Label: "Date of birth", Value: r.identity.DateOfBirth})
	}
	for _, acc := range ivyAccounts(r.accounts.Accounts, r.balances) {
		if acc.ID == r.chosen {
			res.Fields = append(res.Fields, Field{Label: "Account", Value: acc.DisplayName}, Field{Label: "IBAN", Value: acc.IBAN})
			if acc.Balance != "" {
				res.Fields = append(res.Fields, Field{Label: "Balance", Value: acc.Balance})
			}
		}
	}
	return res
}

// result lays a returning user's chosen account out, from the session that holds it.
func (j *IvyReturningUser) result(r *returningRun) Result {
	kind, value := r.key.describe()
	res := Result{
		Journey: IvyReturningUserID, Provider: ivy.ID, Environment: j.c.Env.String(), AccountID: r.chosen,
		Storage: "no tokens: Ivy reads by session id", Payload: map[string]json.RawMessage{"sessions": r.past.Raw},
		Fields: []Field{{Label: "External user", Value: kind + " " + value}, {Label: "Completed sessions", Value: strconv.Itoa(len(r.completed))}},
	}
	found := false
	for _, s := range r.completed {
		for _, x := range s.Data.Accounts {
			if found || x.Identifier.IBAN == nil || x.Identifier.IBAN.IBAN != r.chosen {
				continue
			}
			found = true
			res.ConnectionID, res.BankName = s.ID, s.Data.BankName
			if s.Data.Identity != nil {
				res.Fields = append(res.Fields, Field{Label: "Name", Value: s.Data.Identity.Name}, Field{Label: "Date of birth", Value: s.Data.Identity.DateOfBirth})
			}
			res.Fields = append(res.Fields, Field{Label: "Account", Value: x.Name}, Field{Label: "IBAN", Value: x.Identifier.IBAN.IBAN}, Field{Label: "BIC", Value: x.Identifier.IBAN.BIC})
		}
	}
	return res
}
