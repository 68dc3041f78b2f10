package flows

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/linkstep/linkstep/providers/oneid"
)

// identityScopes are the scopes the consent screen offers; OneID-only ones only at OneID.
func identityScopes(isOneID bool, supported []string) []Scope {
	if !isOneID {
		return standardScopes(supported)
	}
	return []Scope{
		{Name: oneid.ScopeOpenID, Label: "who you are to the provider (an ID token)", Required: true, Default: true},
		{Name: oneid.ScopeProfile, Label: "your name", Default: true},
		{Name: oneid.ScopeDateOfBirth, Label: "your date of birth", Default: true},
		{Name: oneid.ScopeAddress, Label: "your address", Default: true},
		{Name: oneid.ScopeEmail, Label: "your email address", Default: true},
		{Name: oneid.ScopePhone, Label: "your phone number", Default: true},
		{Name: oneid.ScopeAgeOver18, Label: "whether you are over 18", Default: true},
		{Name: oneid.ScopeAccounts, Label: "your personal accounts", Default: true},
		{Name: oneid.ScopeAccountsBalance, Label: "their balances", Needs: oneid.ScopeAccounts, Default: true},
		{Name: oneid.ScopeFraud, Label: "fraud checks on your identity", Default: true},
	}
}

// standardClaimScopes are OpenID Connect's claim scopes and what each shares, ticked by default.
var standardClaimScopes = []Scope{
	{Name: oneid.ScopeProfile, Label: "your name", Default: true},
	{Name: oneid.ScopeEmail, Label: "your email address", Default: true},
	{Name: oneid.ScopeAddress, Label: "your address", Default: true},
	{Name: oneid.ScopePhone, Label: "your phone number", Default: true},
}

// standardScopes are what another OpenID provider is asked for: the scopes its discovery
// document lists, in its order (the standard claim scopes ticked, any others offered unticked),
// or OpenID Connect's standard claim scopes when it lists none. openid is always first.
func standardScopes(supported []string) []Scope {
	scopes := []Scope{{Name: oneid.ScopeOpenID, Label: "who you are to the provider (an ID token)", Required: true, Default: true}}
	if len(supported) == 0 {
		return append(scopes, standardClaimScopes...)
	}
	for _, name := range supported {
		if name == oneid.ScopeOpenID || slices.ContainsFunc(scopes, func(s Scope) bool { return s.Name == name }) {
			continue
		}
		i := slices.IndexFunc(standardClaimScopes, func(s Scope) bool { return s.Name == name })
		if i >= 0 {
			scopes = append(scopes, standardClaimScopes[i])
			continue
		}
		scopes = append(scopes, Scope{Name: name, Label: "as the provider defines it"})
	}
	return scopes
}

// checkScopes refuses a choice the consent screen should not have let through: unknown scopes,
// a scope without the one it needs, no product where one is needed. openid is always added.
// It returns the scopes the auth link carries, the product last.
func checkScopes(p ChooseScopes, chosen ScopesChosen) ([]string, error) {
	known := map[string]Scope{}
	for _, s := range p.Scopes {
		known[s.Name] = s
	}
	out := []string{oneid.ScopeOpenID}
	for _, name := range chosen.Scopes {
		s, ok := known[name]
		if !ok {
			return nil, &Error{Code: "invalid_scope", Description: fmt.Sprintf("%q is not offered: choose from %s", name, scopeNames(p.Scopes))}
		}
		if !slices.Contains(out, name) {
			out = append(out, name)
		}
		if s.Needs != "" && !slices.Contains(chosen.Scopes, s.Needs) {
			return nil, &Error{Code: "invalid_scope", Description: fmt.Sprintf("%s needs %s", name, s.Needs)}
		}
	}
	if len(p.Products) > 0 {
		if !slices.Contains(p.Products, chosen.Product) {
			return nil, &Error{Code: "invalid_scope", Description: fmt.Sprintf("choose exactly one product: one of %s", strings.Join(p.Products, ", "))}
		}
		out = append(out, chosen.Product)
	}
	return out, nil
}

func scopeNames(scopes []Scope) string {
	names := make([]string, len(scopes))
	for i, s := range scopes {
		names[i] = s.Name
	}
	return strings.Join(names, ", ")
}

// oneIDAccounts are OneID's accounts for the picker. OneID gives accounts no id, so each is
// named by its IBAN, else its sort code and number, else its place in the list.
func oneIDAccounts(in []oneid.Account) []Account {
	out := make([]Account, 0, len(in))
	for i, x := range in {
		id := x.IBAN
		if id == "" && x.AccountNumber != "" {
			id = x.SortCode + "-" + x.AccountNumber
		}
		if id == "" {
			id = fmt.Sprintf("account-%d", i+1)
		}
		acc := Account{ID: id, DisplayName: x.Nickname, Type: strings.TrimSpace(x.AccountType + " " + x.AccountSubType), Currency: x.Currency, Number: x.AccountNumber, SortCode: x.SortCode, IBAN: x.IBAN}
		if x.Balance != nil {
			acc.Balance = strings.TrimSpace(x.Balance.Amount + " " + x.Balance.Currency)
		}
		out = append(out, acc)
	}
	return out
}

// result lays the run out: the identity card and every body as returned.
func (j *OneIDIdentity) result(r *identityRun) Result {
	res := Result{
		Journey:          j.Info().ID,
		Provider:         j.provider(r),
		Environment:      j.c.Env.String(),
		ConnectionID:     r.idToken.Subject,
		Bank:             r.client.Endpoints().Issuer,
		BankName:         j.issuerName(r),
		AccountID:        r.chosen,
		ConsentExpiresAt: r.tokens.Expiry,
		Storage:          j.c.Store.Describe(),
		Payload:          map[string]json.RawMessage{"userinfo": r.userinfo.Raw, "id_token_claims": r.idToken.Claims},
	}
	card := &IdentityCard{
		Subject: r.idToken.Subject, Issuer: r.idToken.Issuer, IDTokenClaims: r.idToken.Claims,
		ReportPath: r.report, ExpiresAt: r.tokens.Expiry,
		RequestIDs: requestIDs(r),
	}
	card.Verified, card.Comparisons = verifiedAndClaimed(r.userinfo)
	for _, f := range oneid.ExplainFraud(r.userinfo.Fraud) {
		card.Fraud = append(card.Fraud, FraudCheck{Name: f.Name, Value: f.Value, Meaning: f.Meaning, Alert: f.Alert})
	}
	switch {
	case r.age != nil:
		card.AgeOver18 = &r.age.AgeOver18
		res.Payload["ageverification"] = r.age.Raw
	case r.userinfo.AgeOver18 != nil:
		card.AgeOver18 = r.userinfo.AgeOver18
	}
	if r.accounts != nil {
		card.Accounts = oneIDAccounts(r.accounts.Accounts)
		res.Payload["accounts"] = r.accounts.Raw
	}
	res.Identity = card
	res.Fields = card.Verified
	return res
}

// requestIDs are the x-request-id of each call, for support.
func requestIDs(r *identityRun) []Field {
	var out []Field
	add := func(call, id string) {
		if id != "" {
			out = append(out, Field{Label: call, Value: id})
		}
	}
	add("token", r.tokens.RequestID)
	add("userinfo", r.userinfo.RequestID)
	if r.age != nil {
		add("ageverification", r.age.RequestID)
	}
	if r.accounts != nil {
		add("accounts", r.accounts.RequestID)
	}
	return out
}

// verifiedAndClaimed lists the verified claims and, where the user claimed something, both
// side by side with the differences marked.
func verifiedAndClaimed(u *oneid.UserInfo) ([]Field, []Comparison) {
	claimed := oneid.Claims{}
	if u.Unverified != nil {
		claimed = *u.Unverified
	}
	rows := []struct {
		label            string
		verified, claimd string
	}{
		{"Name", fullName(u.Claims), fullName(claimed)},
		{"Date of birth", u.Birthdate, claimed.Birthdate},
		{"Address", address(u.Address), address(claimed.Address)},
		{"Email", u.Email, claimed.Email},
		{"Phone", u.PhoneNumber, claimed.PhoneNumber},
	}
	var fields []Field
	var comps []Comparison
	for _, row := range rows {
		if row.verified != "" {
			fields = append(fields, Field{Label: row.label, Value: row.verified})
		}
		if row.claimd != "" {
			comps = append(comps, Comparison{Label: row.label, Verified: row.verified, Claimed: row.claimd, Differs: !sameClaim(row.verified, row.claimd)})
		}
	}
	return fields, comps
}

// sameClaim compares two claims ignoring case and spacing.
func sameClaim(a, b string) bool {
	norm := func(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }
	return norm(a) == norm(b)
}

func fullName(c oneid.Claims) string {
	if c.Name != "" {
		return c.Name
	}
	return strings.TrimSpace(c.GivenName + " " + c.FamilyName)
}

func address(a *oneid.Address) string {
	if a == nil {
		return ""
	}
	if a.StreetAddress == "" && a.Formatted != "" {
		return strings.Join(strings.Fields(a.Formatted), " ")
	}
	var parts []string
	for _, p := range []string{a.StreetAddress, a.Locality, a.Region, a.PostalCode, a.Country} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}
