package flows

import (
	"context"
	"fmt"

	"github.com/linkstep/linkstep/flows/oauthlink"
	"github.com/linkstep/linkstep/keychain"
	"github.com/linkstep/linkstep/providers/truelayer"
)

// ReauthID is the id of TrueLayer's re-authentication journey.
const ReauthID = truelayer.ID + "/reauth"

func reauthInfo() Info {
	return Info{
		ID:       ReauthID,
		Provider: truelayer.Name,
		Title:    "TrueLayer re-authentication",
		Summary:  "renew a stored connection through a direct bank link; same credentials id and refresh token",
	}
}

// reauthEntry registers the re-authentication journey: it needs the TrueLayer part.
func reauthEntry() entry {
	return entry{info: reauthInfo(), build: func(p Parts) (Journey, error) {
		tl, err := p.trueLayer()
		if err != nil {
			return nil, err
		}
		return NewReauth(p.Common, tl), nil
	}}
}

// Reauth is TrueLayer's re-authentication: choose a stored connection, ask /v1/reauthuri for a
// direct bank link with its refresh token and original redirect URI, send the user to the bank
// (no bank selection, no consent screen), exchange the code, and show that the credentials id
// and refresh token stayed the same.
type Reauth struct {
	c  Common
	tl TrueLayer
}

// NewReauth returns the re-authentication journey.
func NewReauth(c Common, tl TrueLayer) *Reauth { return &Reauth{c: c, tl: tl} }

// Info describes the journey.
func (j *Reauth) Info() Info { return reauthInfo() }

// reauthRun is what one run has learnt so far.
type reauthRun struct {
	stored   storedTrueLayer
	auth     oauthlink.Authorisation
	renewed  *keychain.Connection
	newID    string
	sameRT   bool
	exchange bool
}

// Run walks the journey.
func (j *Reauth) Run(ctx context.Context, a Asker) (Result, error) {
	r := &reauthRun{}
	steps := []Step{
		{Title: "Choose a connection", Kind: Question, Run: func(ctx context.Context, a Asker) error {
			s, err := chooseStored(ctx, a, j.c, j.tl, "re-authenticate")
			r.stored = s
			return err
		}},
		{Title: "Sign in at the bank", Kind: Question, Run: func(ctx context.Context, a Asker) error { return j.signIn(ctx, a, r) }},
		{Title: "Exchange the code", Kind: Action, Run: func(ctx context.Context, a Asker) error { return j.keep(ctx, a, r) }},
	}
	if err := RunSteps(ctx, a, steps); err != nil {
		return Result{}, err
	}
	return j.result(r), nil
}

func (j *Reauth) signIn(ctx context.Context, a Asker, r *reauthRun) error {
	original := r.stored.conn.Details[detailRedirectURI]
	c := j.c
	if original != "" {
		c.RedirectURI = original // TrueLayer requires the connection's own redirect URI
	} else {
		a.Tell(Warning{Message: "the connection's original redirect URI was not recorded: using this run's; TrueLayer may refuse it"})
	}
	req := linkRequest{Journey: ReauthID, Registered: j.tl.RedirectURI, BankID: r.stored.conn.Bank}
	auth, _, err := c.authoriseVia(ctx, a, req, func(ctx context.Context, p oauthlink.Params) (oauthlink.MadeLink, error) {
		link, err := j.tl.Client.ReauthLink(ctx, r.stored.tokens.RefreshToken, p.RedirectURI, p.State)
		if err != nil {
			return oauthlink.MadeLink{}, explainReauthError(err)
		}
		a.Tell(Progress{Message: "direct bank link received: no bank selection, no consent screen"})
		return oauthlink.MadeLink{URL: link, NoPKCE: true}, nil
	})
	if err != nil {
		return err
	}
	r.auth, r.renewed, r.exchange = auth, nil, true
	return nil
}

// explainReauthError says what a refused re-authentication means and what to do.
func explainReauthError(err error) error {
	var e *truelayer.Error
	if asTrueLayer(err, &e) {
		switch {
		case e.Status == 401:
			return &Error{Code: "past_reauth_window", Description: "TrueLayer refused the refresh token: the consent lapsed more than 90 days ago (or the connection was revoked). Only a new auth link helps: run " + SignupPlusID}
		case e.Code == "invalid_redirect_uri" || e.Code == "validation_error":
			return &Error{Code: e.Code, Description: e.Description + ": re-authentication needs the redirect URI the connection was made with"}
		}
	}
	return fmt.Errorf("get the re-authentication link: %w", err)
}

func (j *Reauth) keep(ctx context.Context, a Asker, r *reauthRun) error {
	if r.renewed != nil {
		return nil
	}
	if r.exchange {
		tok, err := j.tl.Client.Exchange(ctx, r.auth.Code, r.auth.RedirectURI, r.auth.Verifier)
		r.auth.Code, r.exchange = "", false
		if err != nil {
			return err
		}
		id, err := truelayer.CredentialsID(tok.AccessToken)
		if err != nil {
			return fmt.Errorf("read the connection id: %w", err)
		}
		r.newID, r.sameRT = id, tok.RefreshToken == r.stored.tokens.RefreshToken
		r.stored.tokens = keychain.TokenSet{AccessToken: tok.AccessToken, RefreshToken: firstNonEmpty(tok.RefreshToken, r.stored.tokens.RefreshToken), TokenType: tok.TokenType, Expiry: j.c.onClock(tok.Expiry), Scope: r.stored.tokens.Scope}
		a.Tell(Progress{Message: "code exchanged for new tokens"})
		if r.newID != r.stored.conn.ID {
			a.Tell(Warning{Message: fmt.Sprintf("the credentials id changed (%s → %s): TrueLayer documents it stays the same", r.stored.conn.ID, r.newID)})
		}
	}
	conn := r.stored.conn
	if r.newID != "" {
		conn.ID = r.newID
	}
	renewedConn, err := renewed(ctx, a, j.c, j.tl, conn, r.stored.tokens)
	if err != nil {
		return err
	}
	r.renewed = &renewedConn
	return nil
}

func (j *Reauth) result(r *reauthRun) Result {
	conn := *r.renewed
	same := conn.ID == r.stored.conn.ID
	return Result{
		Journey: ReauthID, Provider: truelayer.ID, Environment: j.c.Env.String(), ConnectionID: conn.ID, Bank: conn.Bank, BankName: conn.Details[detailBankName],
		ConsentExpiresAt: conn.ConsentExpiresAt, Storage: j.c.Store.Describe(),
		Facts:         map[string]any{"credentials_id": conn.ID, "credentials_id_unchanged": same, "refresh_token_unchanged": r.sameRT},
		FieldsHeading: "Renewed",
		Fields: []Field{
			{Label: "Credentials id", Value: conn.ID + unchanged(same)},
			{Label: "Refresh token", Value: "kept in " + j.c.Store.Describe() + unchanged(r.sameRT)},
		},
	}
}

// unchanged says whether a value stayed the same, as the guide promises.
func unchanged(same bool) string {
	if same {
		return " (unchanged, as TrueLayer documents)"
	}
	return " (CHANGED: TrueLayer documents it stays the same)"
}
