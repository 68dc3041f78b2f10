package flows

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/linkstep/linkstep/flows/oauthlink"
	"github.com/linkstep/linkstep/keychain"
	"github.com/linkstep/linkstep/providers/oneid"
)

// OneIDIdentityID is the id of the OneID identity journey.
const OneIDIdentityID = oneid.ID + "/identity"

// AnyIssuerIdentityID is the id of the same journey against any OpenID provider.
const AnyIssuerIdentityID = "oidc/identity"

// anyIssuerProvider names the provider of identities from any OpenID provider.
const anyIssuerProvider = "oidc"

func oneIDIdentityInfo() Info {
	return Info{
		ID:       OneIDIdentityID,
		Provider: oneid.Name,
		Title:    "OneID identity",
		Summary:  "bank-verified identity over OpenID Connect: claims vs what the user typed, fraud checks, age, accounts, PDF report",
	}
}

func anyIssuerIdentityInfo() Info {
	return Info{
		ID:       AnyIssuerIdentityID,
		Provider: "OpenID Connect",
		Title:    "OpenID Connect (any issuer)",
		Summary:  "the identity journey against any OpenID provider, found through discovery",
	}
}

// oneIDIdentityEntry registers the OneID journey: it needs the OneID part.
func oneIDIdentityEntry() entry {
	return entry{info: oneIDIdentityInfo(), build: func(p Parts) (Journey, error) {
		part, err := p.oneID()
		if err != nil {
			return nil, err
		}
		return NewOneIDIdentity(p.Common, part), nil
	}}
}

// anyIssuerIdentityEntry registers the any-issuer journey: it asks for the issuer first.
func anyIssuerIdentityEntry() entry {
	return entry{info: anyIssuerIdentityInfo(), build: func(p Parts) (Journey, error) {
		part, err := p.oneID()
		if err != nil {
			return nil, err
		}
		return NewAnyIssuerIdentity(p.Common, part), nil
	}}
}

// OneIDIdentity is OneID's identity journey (and, asking for the issuer first, the same journey
// at any OpenID provider): choose what to share, sign in at the bank, verify the ID token, read
// the identity, the age check and the accounts, and save the PDF report.
type OneIDIdentity struct {
	c         Common
	part      OneID
	anyIssuer bool
}

// NewOneIDIdentity returns the journey at OneID (or at the issuer the OneID part was built for).
func NewOneIDIdentity(c Common, part OneID) *OneIDIdentity {
	return &OneIDIdentity{c: c, part: part}
}

// NewAnyIssuerIdentity returns the journey that first asks which OpenID provider to use.
func NewAnyIssuerIdentity(c Common, part OneID) *OneIDIdentity {
	return &OneIDIdentity{c: c, part: part, anyIssuer: true}
}

// Info describes the journey.
func (j *OneIDIdentity) Info() Info {
	if j.anyIssuer {
		return anyIssuerIdentityInfo()
	}
	return oneIDIdentityInfo()
}

// identityRun is what one run of the journey has learnt so far.
type identityRun struct {
	client   *oneid.Client
	issuer   IssuerGiven   // what the any-issuer journey was given (the secret too: it stays here)
	chosen0  *ScopesChosen // the last scopes chosen, to pre-fill the form again
	scopes   []string      // claim scopes and the product, as the auth link carries them
	auth     oauthlink.Authorisation
	tokens   *oneid.Tokens
	idToken  *oneid.IDToken
	stored   bool
	userinfo *oneid.UserInfo
	age      *oneid.AgeCheck
	accounts *oneid.Accounts
	chosen   string // the chosen account's id
	report   string // the saved report's path
}

// asked reports whether the run asked for scope.
func (r *identityRun) asked(scope string) bool { return slices.Contains(r.scopes, scope) }

// Run walks the journey.
func (j *OneIDIdentity) Run(ctx context.Context, a Asker) (Result, error) {
	r := &identityRun{client: j.part.Client}
	var steps []Step
	if j.anyIssuer {
		steps = append(steps, Step{Title: "Choose the OpenID provider", Kind: Question, Run: func(ctx context.Context, a Asker) error { return j.connectIssuer(ctx, a, r) }})
	}
	steps = append(steps,
		Step{Title: "Choose what to share", Kind: Question, Run: func(ctx context.Context, a Asker) error { return j.chooseScopes(ctx, a, r) }},
		Step{Title: "Sign in at the bank", Kind: Question, Run: func(ctx context.Context, a Asker) error { return j.signIn(ctx, a, r) }},
		Step{Title: "Verify the ID token", Kind: Action, Run: func(ctx context.Context, a Asker) error { return j.verify(ctx, a, r) }},
		Step{Title: "Read the identity", Kind: Action, Run: func(ctx context.Context, a Asker) error { return j.readIdentity(ctx, a, r) }},
		Step{Title: "Choose an account", Kind: Question, Run: func(ctx context.Context, a Asker) error { return j.chooseAccount(ctx, a, r) }},
		Step{Title: "Save the report", Kind: Action, Run: func(ctx context.Context, a Asker) error { return j.saveReport(ctx, a, r) }},
	)
	if err := RunSteps(ctx, a, steps); err != nil {
		return Result{}, err
	}
	return j.result(r), nil
}

// provider is the provider id connections are kept under.
func (j *OneIDIdentity) provider(r *identityRun) string {
	if r.client != nil && r.client.IsOneID() {
		return oneid.ID
	}
	return anyIssuerProvider
}

// issuerName names the identity provider for a person: OneID, or nothing for another issuer
// (its URL says who it is).
func (j *OneIDIdentity) issuerName(r *identityRun) string {
	if j.provider(r) == oneid.ID {
		return oneid.Name
	}
	return ""
}

// CheckIssuerURL refuses what cannot be an OpenID provider's issuer: it must be an https URL
// with a host, or http on this machine. Front-ends check a form with it before answering.
func CheckIssuerURL(issuer string) error {
	if u, err := url.Parse(issuer); err != nil || u.Host == "" || (u.Scheme != "https" && !oauthlink.IsLoopback(issuer)) {
		return &Error{Code: "invalid_issuer", Description: fmt.Sprintf("%q is not an issuer URL: give https://... (or http:// on this machine)", issuer), Retryable: true}
	}
	return nil
}

func (j *OneIDIdentity) connectIssuer(ctx context.Context, a Asker, r *identityRun) error {
	given, err := ask[IssuerGiven](ctx, a, ConnectIssuer{RedirectURI: j.redirectShown(), Issuer: r.issuer.Issuer, ClientID: r.issuer.ClientID})
	if err != nil {
		return err
	}
	r.issuer = given
	issuer := strings.TrimSpace(given.Issuer)
	if err := CheckIssuerURL(issuer); err != nil {
		return err
	}
	if strings.TrimSpace(given.ClientID) == "" {
		return &Error{Code: "invalid_client", Description: "the client id registered at the provider is needed", Retryable: true}
	}
	r.client = j.part.AnyIssuer(issuer, oneid.Credentials{ClientID: strings.TrimSpace(given.ClientID), ClientSecret: given.ClientSecret})
	a.Tell(Progress{Message: "reading " + issuer + "/.well-known/openid-configuration"})
	if _, err := r.client.Discover(ctx); err != nil {
		return fmt.Errorf("discover %s: %w", issuer, err)
	}
	return nil
}

// redirectShown is the redirect URI as the consent screen shows it.
func (j *OneIDIdentity) redirectShown() string {
	if redirect := j.c.redirectURI(j.part.RedirectURI); redirect != "" {
		return redirect
	}
	return "http://127.0.0.1:<port>" + oauthlink.DefaultCallbackPath + " (caught by linkstep)"
}

func (j *OneIDIdentity) chooseScopes(ctx context.Context, a Asker, r *identityRun) error {
	if !r.client.IsOneID() { // another provider is asked for the scopes its discovery lists
		if _, err := r.client.Discover(ctx); err != nil {
			return fmt.Errorf("find the provider's scopes: %w", err)
		}
	}
	p := ChooseScopes{
		Provider:    j.Info().Provider,
		Environment: j.c.Env.String(),
		Issuer:      r.client.Endpoints().Issuer,
		Scopes:      identityScopes(r.client.IsOneID(), r.client.Endpoints().Scopes),
		RedirectURI: j.redirectShown(),
	}
	if r.client.IsOneID() {
		p.Products, p.Product = oneid.Products(), oneid.ProductIDAssure
	}
	if last := r.chosen0; last != nil { // asked again: what was chosen last time
		for i := range p.Scopes {
			p.Scopes[i].Default = p.Scopes[i].Required || slices.Contains(last.Scopes, p.Scopes[i].Name)
		}
		if last.Product != "" {
			p.Product = last.Product
		}
	}
	chosen, err := ask[ScopesChosen](ctx, a, p)
	if err != nil {
		return err
	}
	r.chosen0 = &chosen
	scopes, err := checkScopes(p, chosen)
	if err != nil {
		return err
	}
	r.scopes = scopes
	return nil
}

func (j *OneIDIdentity) signIn(ctx context.Context, a Asker, r *identityRun) error {
	if _, err := r.client.Discover(ctx); err != nil {
		return fmt.Errorf("find the provider's keys: %w", err)
	}
	req := linkRequest{Journey: j.Info().ID, Registered: j.part.RedirectURI, Choices: j.part.SignInChoices}
	auth, err := j.c.authorise(ctx, a, req, func(p oauthlink.Params) string {
		return r.client.AuthLink(oneid.AuthRequest{RedirectURI: p.RedirectURI, State: p.State, Nonce: p.Nonce, Verifier: p.Verifier, Scopes: r.scopes})
	})
	if err != nil {
		return explainRedirectError(err)
	}
	*r = identityRun{client: r.client, issuer: r.issuer, chosen0: r.chosen0, scopes: r.scopes, auth: auth}
	return nil
}

// explainRedirectError adds OneID's plain explanation to a redirect error that carries one of
// its known error_oneid values; unknown values stay as they are, shown verbatim.
func explainRedirectError(err error) error {
	var le *oauthlink.Error
	if !errors.As(err, &le) {
		return err
	}
	for _, field := range strings.FieldsFunc(le.Description, func(r rune) bool { return r == '(' || r == ')' || r == ' ' }) {
		if meaning := oneid.ExplainRedirectError(field); meaning != "" {
			return &Error{Code: string(le.Code), Description: le.Description + ": " + meaning, Retryable: le.Retryable}
		}
	}
	return err
}

func (j *OneIDIdentity) verify(ctx context.Context, a Asker, r *identityRun) error {
	if r.tokens == nil {
		toks, err := r.client.Exchange(ctx, r.auth.Code, r.auth.RedirectURI, r.auth.Verifier)
		r.auth.Code = "" // a code is single use, whatever the outcome
		if err != nil {
			return err
		}
		toks.Expiry = j.c.onClock(toks.Expiry)
		r.tokens = &toks
		a.Tell(Progress{Message: "code exchanged for an access token and an ID token"})
	}
	if r.idToken == nil {
		id, err := r.client.VerifyIDToken(ctx, r.tokens.IDToken, r.auth.Nonce)
		if err != nil {
			return err
		}
		r.idToken = &id
		a.Tell(Progress{Message: "ID token verified: signature, issuer, audience, expiry and nonce"})
	}
	if !r.stored {
		set := keychain.TokenSet{AccessToken: r.tokens.AccessToken, TokenType: r.tokens.TokenType, Expiry: r.tokens.Expiry, IDToken: r.tokens.IDToken, Scope: strings.Join(r.scopes, " ")}
		if err := j.c.keepTokenSet(ctx, a, j.key(r), set); err != nil {
			return err
		}
		r.stored = true
		j.c.indexConnection(a, j.connection(r))
		if r.tokens.RefreshToken == "" {
			a.Tell(Progress{Message: fmt.Sprintf("no refresh token: the access token works until %s, then sign in again", r.tokens.Expiry.Local().Format("15:04:05"))})
		}
	}
	return nil
}

func (j *OneIDIdentity) readIdentity(ctx context.Context, a Asker, r *identityRun) error {
	if r.userinfo == nil {
		u, err := r.client.UserInfo(ctx, r.tokens.AccessToken)
		if err != nil {
			return j.dataError("read the identity", err)
		}
		if u.Subject != r.idToken.Subject {
			return &Error{Code: "subject_mismatch", Description: "userinfo describes another person than the ID token (sub differs)"}
		}
		r.userinfo = &u
	}
	if r.age == nil && r.asked(oneid.ScopeAgeOver18) && r.client.IsOneID() {
		age, err := r.client.AgeVerification(ctx, r.tokens.AccessToken)
		if err != nil {
			return j.dataError("check the age", err)
		}
		r.age = &age
	}
	a.Tell(Progress{Message: "identity read"})
	return nil
}

func (j *OneIDIdentity) chooseAccount(ctx context.Context, a Asker, r *identityRun) error {
	if !r.asked(oneid.ScopeAccounts) {
		SkipStep(a, "accounts not asked for")
		return nil
	}
	if !r.client.IsOneID() {
		SkipStep(a, "the provider offers no accounts")
		return nil
	}
	if r.accounts == nil {
		accs, err := r.client.Accounts(ctx, r.tokens.AccessToken)
		if err != nil {
			return j.dataError("list the accounts", err)
		}
		r.accounts = &accs
	}
	offered := oneIDAccounts(r.accounts.Accounts)
	switch len(offered) {
	case 0:
		a.Tell(Warning{Message: "the bank shared no accounts"})
		SkipStep(a, "no accounts shared")
		return nil
	}
	prompt := ChooseAccount{Accounts: offered, Purpose: "to show on the identity card", Connection: r.idToken.Subject}
	if len(offered) == 1 {
		if err := checkUnasked(a, prompt); err != nil {
			return err
		}
		r.chosen = offered[0].ID
		SkipStep(a, "one account shared")
		return nil
	}
	a.Tell(Progress{Message: fmt.Sprintf("%d accounts shared: choose one", len(offered))})
	choice, err := ask[AccountChoice](ctx, a, prompt)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(offered, func(x Account) bool { return x.ID == choice.ID }) {
		return &Error{Code: "unknown_account", Description: fmt.Sprintf("no shared account %q", choice.ID)}
	}
	r.chosen = choice.ID
	return nil
}

func (j *OneIDIdentity) saveReport(ctx context.Context, a Asker, r *identityRun) error {
	if !r.client.IsOneID() {
		SkipStep(a, "the provider makes no report")
		return nil
	}
	if r.report != "" {
		return nil
	}
	rep, err := r.client.Report(ctx, r.tokens.AccessToken)
	if err != nil {
		return j.dataError("fetch the PDF report", err)
	}
	path, err := j.c.saveFile("reports", "oneid-"+r.idToken.Subject+".pdf", rep.PDF)
	if err != nil {
		return fmt.Errorf("save the PDF report: %w", err)
	}
	r.report = path
	a.Tell(Progress{Message: "PDF report saved to " + path})
	return nil
}

// dataError names the step's call in a failure and says plainly when the short-lived access
// token has run out.
func (j *OneIDIdentity) dataError(what string, err error) error {
	var e *oneid.Error
	if errors.As(err, &e) && e.Status == 401 {
		return &Error{Code: "token_expired", Description: what + ": the access token is no longer accepted (OneID's live 5 minutes): go back and sign in again"}
	}
	return fmt.Errorf("%s: %w", what, err)
}

func (j *OneIDIdentity) key(r *identityRun) keychain.ConnectionKey {
	return keychain.ConnectionKey{Provider: j.provider(r), Environment: j.c.Env.String(), ID: r.idToken.Subject}
}

func (j *OneIDIdentity) connection(r *identityRun) keychain.Connection {
	return keychain.Connection{
		Provider: j.provider(r), Environment: j.c.Env.String(), ID: r.idToken.Subject, Bank: r.client.Endpoints().Issuer,
		Created: j.c.now(), ConsentExpiresAt: r.tokens.Expiry, Scopes: r.scopes, Storage: j.c.Store.Describe(),
		Details: map[string]string{detailBankName: j.issuerLabel(r)},
	}
}

// issuerLabel is how lists name the identity provider: OneID, else the issuer's host (an
// embedded issuer's URL carries a port that changes every run).
func (j *OneIDIdentity) issuerLabel(r *identityRun) string {
	if name := j.issuerName(r); name != "" {
		return name
	}
	issuer := r.client.Endpoints().Issuer
	if u, err := url.Parse(issuer); err == nil && u.Host != "" {
		return u.Host
	}
	return issuer
}
