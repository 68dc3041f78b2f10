package flows

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/oauth2"

	"github.com/linkstep/linkstep/flows/oauthlink"
	"github.com/linkstep/linkstep/keychain"
	"github.com/linkstep/linkstep/providers/truelayer"
)

// SignupPlusID is the id of the TrueLayer Signup+ data-only journey.
const SignupPlusID = truelayer.ID + "/signup-plus"

// signupPlusInfo describes the Signup+ journey.
func signupPlusInfo() Info {
	return Info{
		ID:       SignupPlusID,
		Provider: truelayer.Name,
		Title:    "TrueLayer Signup+",
		Summary:  "verified identity from a UK bank account (data-only integration)",
	}
}

// signupPlusEntry registers the journey: it needs the TrueLayer part.
func signupPlusEntry() entry {
	return entry{info: signupPlusInfo(), build: func(p Parts) (Journey, error) {
		tl, err := p.trueLayer()
		if err != nil {
			return nil, err
		}
		return NewSignupPlus(p.Common, tl), nil
	}}
}

// signupPlusScopes returns the auth link's scopes (a fresh slice each call): the identity data
// Signup+ reads, offline_access for a refresh token, and signupplus itself.
func signupPlusScopes() []string {
	return []string{truelayer.ScopeInfo, truelayer.ScopeAccounts, truelayer.ScopeBalance, truelayer.ScopeOfflineAccess, truelayer.ScopeSignupPlus}
}

// SignupPlus is TrueLayer's Signup+ data-only integration: authenticate the user at their bank,
// exchange the code, call /signup-plus/accounts, pick the account when several are linked.
type SignupPlus struct {
	c  Common
	tl TrueLayer
}

// NewSignupPlus returns the Signup+ journey using c and the TrueLayer part tl.
func NewSignupPlus(c Common, tl TrueLayer) *SignupPlus { return &SignupPlus{c: c, tl: tl} }

// Info describes the journey.
func (j *SignupPlus) Info() Info { return signupPlusInfo() }

// signupPlusRun is what one run of the journey has learnt so far.
type signupPlusRun struct {
	bank        Bank
	auth        oauthlink.Authorisation
	token       *oauth2.Token
	connID      string
	me          *truelayer.Me
	stored      bool
	accountID   string
	identity    json.RawMessage
	accessToken string                        // the token the identity was read with
	accounts    []truelayer.SignupPlusAccount // several linked: the ones to choose from
}

// Run walks the journey.
func (j *SignupPlus) Run(ctx context.Context, a Asker) (Result, error) {
	r := &signupPlusRun{}
	steps := []Step{
		{Title: "Choose a bank", Kind: Question, Run: func(ctx context.Context, a Asker) error { return j.chooseBank(ctx, a, r) }},
		{Title: "Review consent", Kind: Question, Run: func(ctx context.Context, a Asker) error { return j.reviewConsent(ctx, a, r) }},
		{Title: "Sign in at the bank", Kind: Question, Run: func(ctx context.Context, a Asker) error { return j.signIn(ctx, a, r) }},
		{Title: "Exchange the code", Kind: Action, Run: func(ctx context.Context, a Asker) error { return j.exchange(ctx, a, r) }},
		{Title: "Read the identity", Kind: Action, Run: func(ctx context.Context, a Asker) error { return j.readIdentity(ctx, a, r) }},
		{Title: "Choose an account", Kind: Question, Run: func(ctx context.Context, a Asker) error { return j.chooseAccount(ctx, a, r) }},
	}
	if err := RunSteps(ctx, a, steps); err != nil {
		return Result{}, err
	}
	return j.result(r), nil
}

func (j *SignupPlus) chooseBank(ctx context.Context, a Asker, r *signupPlusRun) error {
	list, err := j.tl.Client.Providers(ctx)
	if err != nil {
		return fmt.Errorf("list banks: %w", err)
	}
	var banks []Bank
	for _, p := range list {
		if len(p.Scopes) == 0 || slices.Contains(p.Scopes, "accounts") || slices.Contains(p.Scopes, "info") {
			banks = append(banks, Bank{ID: p.ID, Name: p.DisplayName, Country: p.Country, LogoURL: p.LogoURL})
		}
	}
	switch len(banks) {
	case 0:
		return &Error{Code: "no_banks", Description: "the provider lists no bank that can share account details with this client"}
	case 1:
		if err := checkUnasked(a, ChooseBank{Banks: banks}); err != nil {
			return err
		}
		r.bank = banks[0]
		SkipStep(a, "one bank offered")
		a.Tell(Progress{Message: "bank: " + r.bank.Name})
		return nil
	}
	choice, err := ask[BankChoice](ctx, a, ChooseBank{Banks: banks})
	if err != nil {
		return err
	}
	for _, b := range banks {
		if b.ID == choice.ID {
			r.bank = b
			return nil
		}
	}
	return &Error{Code: "unknown_bank", Description: fmt.Sprintf("no bank %q is offered", choice.ID)}
}

func (j *SignupPlus) reviewConsent(ctx context.Context, a Asker, r *signupPlusRun) error {
	redirect := j.c.redirectURI(j.tl.RedirectURI)
	if redirect == "" {
		redirect = "http://127.0.0.1:<port>" + oauthlink.DefaultCallbackPath + " (caught by linkstep)"
	}
	_, err := ask[ConsentGiven](ctx, a, ReviewConsent{
		Provider:    truelayer.Name,
		Environment: j.c.Env.String(),
		Bank:        r.bank.Name,
		Shares: []string{
			"Full name, title and date of birth",
			"Address",
			"Account details: sort code, account number, IBAN",
			"Access for 90 days (a refresh token, kept in " + j.c.Store.Describe() + ")",
		},
		Scopes:      signupPlusScopes(),
		RedirectURI: redirect,
		Validity:    "90 days",
	})
	return err
}

func (j *SignupPlus) signIn(ctx context.Context, a Asker, r *signupPlusRun) error {
	auth, err := j.c.authorise(ctx, a, linkRequest{Journey: SignupPlusID, Registered: j.tl.RedirectURI, BankID: r.bank.ID}, func(p oauthlink.Params) string {
		return j.tl.Client.AuthLink(truelayer.AuthRequest{
			RedirectURI: p.RedirectURI,
			State:       p.State,
			Nonce:       p.Nonce,
			Scopes:      signupPlusScopes(),
			Providers:   j.tl.BankGroups,
			ProviderID:  r.bank.ID,
			Verifier:    p.Verifier,
		})
	})
	if err != nil {
		return err
	}
	*r = signupPlusRun{bank: r.bank, auth: auth}
	return nil
}

func (j *SignupPlus) exchange(ctx context.Context, a Asker, r *signupPlusRun) error {
	if r.token == nil {
		tok, err := j.tl.Client.Exchange(ctx, r.auth.Code, r.auth.RedirectURI, r.auth.Verifier)
		r.auth.Code = "" // a code is single use, whatever the outcome
		if err != nil {
			return err
		}
		id, err := truelayer.CredentialsID(tok.AccessToken)
		if err != nil {
			return fmt.Errorf("read the connection id: %w", err)
		}
		r.token, r.connID = tok, id
		a.Tell(Progress{Message: "code exchanged for tokens"})
	}
	if !r.stored {
		if err := j.c.keepTokens(ctx, a, j.key(r), r.token); err != nil {
			return err
		}
		r.stored = true
	}
	if r.me == nil {
		me, err := j.tl.Client.Me(ctx, r.token.AccessToken)
		if err != nil {
			a.Tell(Warning{Message: fmt.Sprintf("could not read the consent's expiry: %v", err)})
		} else {
			r.me = &me
		}
		j.c.indexConnection(a, j.connection(r))
	}
	return nil
}

// readIdentity calls /signup-plus/accounts: the identity when one account is linked, the
// accounts to choose from when several are.
func (j *SignupPlus) readIdentity(ctx context.Context, a Asker, r *signupPlusRun) error {
	src := j.tl.Client.TokenSource(ctx, r.token, func(t *oauth2.Token) error {
		r.token = t
		return j.c.keepTokens(ctx, a, j.key(r), t)
	})
	tok, err := src.Token()
	if err != nil {
		return fmt.Errorf("refresh the access token: %w", err)
	}
	res, err := j.tl.Client.SignupPlusAccounts(ctx, tok.AccessToken, "")
	if err != nil {
		return err // the step's title says what was being read
	}
	r.accessToken, r.accounts, r.accountID, r.identity = tok.AccessToken, nil, "", nil
	switch {
	case res.MultipleAccounts:
		r.accounts = res.Accounts
		a.Tell(Progress{Message: fmt.Sprintf("%d accounts linked: choose one", len(res.Accounts))})
	case res.Identity == nil:
		return &Error{Code: "unexpected_response", Description: "the Signup+ answer carries no identity"}
	default:
		r.identity = res.Raw
		a.Tell(Progress{Message: "identity verified"})
	}
	return nil
}

// chooseAccount asks which of several linked accounts to verify, and reads its identity; with
// one account linked it asks nothing.
func (j *SignupPlus) chooseAccount(ctx context.Context, a Asker, r *signupPlusRun) error {
	if r.accounts == nil {
		if err := j.checkOneAccount(ctx, a, r); err != nil {
			return err
		}
		SkipStep(a, "one account linked")
		return nil
	}
	choice, err := ask[AccountChoice](ctx, a, ChooseAccount{Accounts: signupPlusAccounts(r.accounts), Purpose: "whose identity linkstep verifies", Connection: r.connID})
	if err != nil {
		return err
	}
	accountID := choice.ID
	if !slices.ContainsFunc(r.accounts, func(x truelayer.SignupPlusAccount) bool { return x.AccountID == accountID }) {
		return &Error{Code: "unknown_account", Description: fmt.Sprintf("no linked account %q", accountID)}
	}
	res, err := j.tl.Client.SignupPlusAccounts(ctx, r.accessToken, accountID)
	if err != nil {
		return fmt.Errorf("read the identity of account %s: %w", accountID, err)
	}
	if res.MultipleAccounts || res.Identity == nil {
		return &Error{Code: "unexpected_response", Description: "asked for one account's identity, got a list of accounts again"}
	}
	r.accountID, r.identity = accountID, res.Raw
	a.Tell(Progress{Message: "identity verified"})
	return nil
}

// checkOneAccount shows a front-end that was given an account in advance the one linked
// account. Signup+ answers with that account's identity but not its id, so the id is read from
// the data API, and only when it is needed: the first check, against no account, passes
// exactly when the front-end was given none.
func (j *SignupPlus) checkOneAccount(ctx context.Context, a Asker, r *signupPlusRun) error {
	if checkUnasked(a, ChooseAccount{Connection: r.connID}) == nil {
		return nil
	}
	accs, err := j.tl.Client.Accounts(ctx, r.accessToken)
	if err != nil {
		return fmt.Errorf("read the linked account's id: %w", err)
	}
	linked := make([]Account, 0, len(accs))
	for _, x := range accs {
		linked = append(linked, trueLayerAccount(x))
	}
	if err := checkUnasked(a, ChooseAccount{Accounts: linked, Purpose: "whose identity linkstep verifies", Connection: r.connID}); err != nil {
		return err
	}
	if len(linked) == 1 {
		r.accountID = linked[0].ID
	}
	return nil
}

// trueLayerAccount is an account of TrueLayer's data API as the journeys show it.
func trueLayerAccount(x truelayer.Account) Account {
	return Account{ID: x.AccountID, DisplayName: x.DisplayName, Type: x.AccountType, Currency: x.Currency, Number: x.AccountNumber.Number, SortCode: x.AccountNumber.SortCode, IBAN: x.AccountNumber.IBAN}
}

func signupPlusAccounts(in []truelayer.SignupPlusAccount) []Account {
	out := make([]Account, 0, len(in))
	for _, x := range in {
		out = append(out, Account{ID: x.AccountID, DisplayName: x.DisplayName, Type: x.AccountType, Currency: x.Currency, Number: x.AccountNumber, SortCode: x.SortCode})
	}
	return out
}

func (j *SignupPlus) key(r *signupPlusRun) keychain.ConnectionKey {
	return keychain.ConnectionKey{Provider: truelayer.ID, Environment: j.c.Env.String(), ID: r.connID}
}

func (j *SignupPlus) connection(r *signupPlusRun) keychain.Connection {
	c := keychain.Connection{
		Provider: truelayer.ID, Environment: j.c.Env.String(), ID: r.connID, Bank: r.bank.ID,
		Created: j.c.now(), Scopes: signupPlusScopes(), Storage: j.c.Store.Describe(),
		Details: map[string]string{detailRedirectURI: r.auth.RedirectURI, detailBankName: r.bank.Name},
	}
	if r.me != nil {
		c.ConsentExpiresAt = r.me.ConsentExpiresAt
	}
	return c
}

func (j *SignupPlus) result(r *signupPlusRun) Result {
	res := Result{
		Journey:      SignupPlusID,
		Provider:     truelayer.ID,
		Environment:  j.c.Env.String(),
		ConnectionID: r.connID,
		Bank:         r.bank.ID,
		BankName:     r.bank.Name,
		AccountID:    r.accountID,
		Storage:      j.c.Store.Describe(),
		Facts:        map[string]any{"credentials_id": r.connID},
		Payload:      map[string]json.RawMessage{"identity": r.identity},
	}
	if r.me != nil {
		res.ConsentExpiresAt = r.me.ConsentExpiresAt
	}
	var id truelayer.SignupPlusIdentity
	if json.Unmarshal(r.identity, &id) == nil {
		res.Fields = identityFields(id)
	}
	return res
}

// identityFields lays out a Signup+ identity for reading.
func identityFields(id truelayer.SignupPlusIdentity) []Field {
	join := func(parts ...string) string {
		var kept []string
		for _, p := range parts {
			if p = strings.TrimSpace(p); p != "" {
				kept = append(kept, p)
			}
		}
		return strings.Join(kept, ", ")
	}
	return []Field{
		{Label: "Name", Value: strings.Join(strings.Fields(id.Title+" "+id.FirstName+" "+id.LastName), " ")},
		{Label: "Date of birth", Value: id.DateOfBirth},
		{Label: "Address", Value: join(id.Address.AddressLine1, id.Address.AddressLine2, id.Address.City, id.Address.State, id.Address.Zip, id.Address.CountryCode)},
		{Label: "Sort code", Value: id.AccountDetails.SortCode},
		{Label: "Account number", Value: id.AccountDetails.AccountNumber},
		{Label: "IBAN", Value: id.AccountDetails.IBAN},
	}
}
