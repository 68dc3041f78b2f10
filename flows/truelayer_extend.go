package flows

import (
	"context"
	"encoding/json"
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"

	"github.com/linkstep/linkstep/flows/oauthlink"
	"github.com/linkstep/linkstep/keychain"
	"github.com/linkstep/linkstep/providers/truelayer"
)

// ExtendID is the id of TrueLayer's connection extend journey.
const ExtendID = truelayer.ID + "/extend"

func extendInfo() Info {
	return Info{
		ID:       ExtendID,
		Provider: truelayer.Name,
		Title:    "TrueLayer connection extend",
		Summary:  "renew a stored connection's 90-day consent after the user reconfirms it",
	}
}

// extendEntry registers the extend journey: it needs the TrueLayer part.
func extendEntry() entry {
	return entry{info: extendInfo(), build: func(p Parts) (Journey, error) {
		tl, err := p.trueLayer()
		if err != nil {
			return nil, err
		}
		return NewExtend(p.Common, tl), nil
	}}
}

// Extend is TrueLayer's connection extend: choose a stored connection, show the reconfirmation
// of consent the application must build, call /data/v1/connections/extend, and on
// authentication_needed send the user through the link it gives and exchange the code.
type Extend struct {
	c  Common
	tl TrueLayer
}

// NewExtend returns the extend journey.
func NewExtend(c Common, tl TrueLayer) *Extend { return &Extend{c: c, tl: tl} }

// Info describes the journey.
func (j *Extend) Info() Info { return extendInfo() }

// extendRun is what one run has learnt so far.
type extendRun struct {
	stored  storedTrueLayer
	user    truelayer.ExtendUser
	answer  *truelayer.ExtendResult
	auth    *oauthlink.Authorisation
	renewed *keychain.Connection
}

// Run walks the journey.
func (j *Extend) Run(ctx context.Context, a Asker) (Result, error) {
	r := &extendRun{}
	steps := []Step{
		{Title: "Choose a connection", Kind: Question, Run: func(ctx context.Context, a Asker) error {
			s, err := chooseStored(ctx, a, j.c, j.tl, "extend")
			r.stored = s
			return err
		}},
		{Title: "Reconfirm consent", Kind: Question, Run: func(ctx context.Context, a Asker) error { return j.reconfirm(ctx, a, r) }},
		{Title: "Extend the connection", Kind: Question, Run: func(ctx context.Context, a Asker) error { return j.extend(ctx, a, r) }},
		{Title: "Keep the new tokens", Kind: Action, Run: func(ctx context.Context, a Asker) error { return j.keep(ctx, a, r) }},
	}
	if err := RunSteps(ctx, a, steps); err != nil {
		return Result{}, err
	}
	return j.result(r), nil
}

func (j *Extend) reconfirm(ctx context.Context, a Asker, r *extendRun) error {
	p := ReconfirmConsent{
		Provider: truelayer.Name, Bank: r.stored.conn.Bank, Recipient: "linkstep (this application)",
		Shares:   sharedByScopes(r.stored.grantedScopes()),
		Validity: "90 more days", ExpiresAt: r.stored.conn.ConsentExpiresAt,
		Name: r.user.Name, Email: r.user.Email, Phone: r.user.Phone,
	}
	if name := r.stored.conn.Details[detailBankName]; name != "" {
		p.Bank = name
	}
	got, err := ask[ConsentReconfirmed](ctx, a, p)
	if err != nil {
		return err
	}
	name, ok := checkFullName(got.Name)
	switch {
	case !got.Confirmed:
		return &Error{Code: "not_reconfirmed", Description: "the user did not confirm: without an explicit reconfirmation the connection cannot be extended", Retryable: true}
	case !ok:
		return &Error{Code: "validation_error", Description: "give the user's full name (first and last)", Retryable: true}
	case strings.TrimSpace(got.Email) == "" && strings.TrimSpace(got.Phone) == "":
		return &Error{Code: "validation_error", Description: "give the user's email or phone", Retryable: true}
	}
	if got.Email != "" {
		if _, err := mail.ParseAddress(strings.TrimSpace(got.Email)); err != nil {
			return &Error{Code: "validation_error", Description: fmt.Sprintf("%q is not an email address", got.Email), Retryable: true}
		}
	}
	r.user = truelayer.ExtendUser{ID: r.stored.conn.ID, Name: name, Email: strings.TrimSpace(got.Email), Phone: strings.TrimSpace(got.Phone)}
	return nil
}

func (j *Extend) extend(ctx context.Context, a Asker, r *extendRun) error {
	req := linkRequest{Journey: ExtendID, Registered: j.tl.RedirectURI, BankID: r.stored.conn.Bank}
	auth, needed, err := j.c.authoriseVia(ctx, a, req, func(ctx context.Context, p oauthlink.Params) (oauthlink.MadeLink, error) {
		res, err := j.tl.Client.Extend(ctx, truelayer.ExtendRequest{RefreshToken: r.stored.tokens.RefreshToken, RedirectURI: p.RedirectURI, User: r.user})
		if err != nil {
			return oauthlink.MadeLink{}, fmt.Errorf("extend the connection: %w", err)
		}
		r.answer = &res
		a.Tell(Progress{Message: "TrueLayer answered action_needed: " + res.ActionNeeded})
		switch res.ActionNeeded {
		case truelayer.ActionNoneNeeded:
			return oauthlink.MadeLink{}, nil
		case truelayer.ActionAuthenticationNeeded, truelayer.ActionReconfirmationNeeded:
			return oauthlink.MadeLink{URL: res.UserInputLink, Stateless: true, NoPKCE: true}, nil
		}
		return oauthlink.MadeLink{}, &Error{Code: "unknown_action", Description: fmt.Sprintf("TrueLayer answered action_needed %q, which linkstep does not know; nothing was changed. The answer's fields: %s", res.ActionNeeded, fieldNames(res.Raw))}
	})
	if err != nil {
		return err
	}
	if needed {
		r.auth = &auth
	}
	return nil
}

func (j *Extend) keep(ctx context.Context, a Asker, r *extendRun) error {
	if r.renewed != nil {
		return nil
	}
	var toks keychain.TokenSet
	switch {
	case r.auth != nil:
		tok, err := j.tl.Client.Exchange(ctx, r.auth.Code, r.auth.RedirectURI, r.auth.Verifier)
		r.auth.Code = ""
		if err != nil {
			return err
		}
		toks = keychain.TokenSet{AccessToken: tok.AccessToken, RefreshToken: tok.RefreshToken, TokenType: tok.TokenType, Expiry: j.c.onClock(tok.Expiry)}
		a.Tell(Progress{Message: "code exchanged for new tokens"})
	default:
		toks = keychain.TokenSet{AccessToken: r.answer.AccessToken, RefreshToken: r.answer.RefreshToken, TokenType: "Bearer", Expiry: j.c.now().Add(time.Duration(r.answer.ExpiresIn) * time.Second)}
	}
	if toks.RefreshToken == "" {
		toks.RefreshToken = r.stored.tokens.RefreshToken // the guide: keep the refresh token you used
	}
	toks.Scope = r.stored.tokens.Scope
	conn, err := renewed(ctx, a, j.c, j.tl, r.stored.conn, toks)
	if err != nil {
		return err
	}
	r.renewed = &conn
	return nil
}

func (j *Extend) result(r *extendRun) Result {
	conn := *r.renewed
	res := Result{
		Journey: ExtendID, Provider: truelayer.ID, Environment: j.c.Env.String(), ConnectionID: conn.ID, Bank: conn.Bank, BankName: conn.Details[detailBankName],
		ConsentExpiresAt: conn.ConsentExpiresAt, Storage: j.c.Store.Describe(),
		Facts:         map[string]any{"action_needed": r.answer.ActionNeeded, "credentials_id": conn.ID},
		FieldsHeading: "Renewed",
		Fields: []Field{
			{Label: "Action needed", Value: r.answer.ActionNeeded},
			{Label: "Reconfirmed by", Value: r.user.Name + " (" + firstNonEmpty(r.user.Email, r.user.Phone) + ")"},
		},
	}
	if !r.stored.conn.ConsentExpiresAt.IsZero() {
		res.Fields = append(res.Fields, Field{Label: "Consent was to end", Value: r.stored.conn.ConsentExpiresAt.Local().Format("2 Jan 2006 15:04")})
	}
	return res
}

// sharedByScopes is what a connection granted scopes goes on sharing, in the user's words: only
// what the Data API scopes among them grant (offline_access and signupplus grant no data), and
// a line saying so when they grant none.
func sharedByScopes(scopes []string) []string {
	has := func(s string) bool { return slices.Contains(scopes, s) }
	var shares []string
	if has(truelayer.ScopeInfo) {
		shares = append(shares, "Your full name, date of birth and address, as your bank holds them")
	}
	if has(truelayer.ScopeAccounts) {
		shares = append(shares, "Your accounts: names, numbers, sort codes and IBANs")
	}
	switch balance, transactions := has(truelayer.ScopeBalance), has(truelayer.ScopeTransactions); {
	case balance && transactions:
		shares = append(shares, "Your balances and transactions")
	case balance:
		shares = append(shares, "Your balances")
	case transactions:
		shares = append(shares, "Your transactions")
	}
	if has(truelayer.ScopeCards) {
		shares = append(shares, "Your cards")
	}
	if has(truelayer.ScopeDirectDebits) {
		shares = append(shares, "Your direct debits")
	}
	if has(truelayer.ScopeStandingOrders) {
		shares = append(shares, "Your standing orders")
	}
	if len(shares) == 0 {
		shares = append(shares, "No data: its scopes ("+strings.Join(scopes, " ")+") grant only the connection itself")
	}
	return shares
}

// fieldNames lists a JSON object's keys, for showing an answer without its values (which may
// carry tokens).
func fieldNames(raw json.RawMessage) string {
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return "(not a JSON object)"
	}
	var names []string
	for k := range m {
		names = append(names, k)
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
